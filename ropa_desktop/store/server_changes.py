"""Other editors' changes to a team register, as the server announces them (LISTEN/NOTIFY).

Every committed store operation on a server register sends one notification
on :data:`CHANNEL` inside its own transaction, so it is delivered exactly when
(and only if) the change is committed. A :class:`ChangeListener` holds its own
connection in a background thread, waits for those notifications and for a
lost connection, and reconnects; the editor reads its events from a queue
without ever blocking on the network.

Qt-free: the editor polls :meth:`ChangeListener.events` from a timer.
"""

from __future__ import annotations

import json
import queue
import re
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ropa_desktop.errors import RopaError
from ropa_desktop.i18n import N_

CHANNEL = "ropa_changes"
# How long one wait for a notification lasts: also how soon the thread notices it is asked to stop.
WAIT_SECONDS = 0.5
# A connection can die silently (a cable, a laptop's sleep): ask the server this often whether it is there.
HEARTBEAT_SECONDS = 3.0
# Reconnection attempts back off from the first to the last delay.
RECONNECT_DELAYS = (1.0, 2.0, 5.0, 10.0)


@dataclass(frozen=True)
class Changed:
    """Someone else committed a change touching these entities (empty: unknown, re-read everything)."""

    entities: frozenset[str]


@dataclass(frozen=True)
class ConnectionLost:
    reason: str


@dataclass(frozen=True)
class ConnectionBack:
    pass


Event = Changed | ConnectionLost | ConnectionBack


def notify(conn: sa.Connection, writer: str, audit: Iterable[dict[str, Any]]) -> None:
    """Announce one operation to the other editors; delivered when the caller's transaction commits."""
    entities = sorted({str(entry.get("entity", "")) for entry in audit} - {""})
    payload = json.dumps({"writer": writer, "entities": entities})
    conn.execute(sa.text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload})


def _libpq_url(url: str) -> str:
    # psycopg takes libpq's own address form; SQLAlchemy's "+psycopg" driver tag is not part of it.
    return re.sub(r"^(postgresql|postgres)(\+\w+)?://", "postgresql://", url)


class ChangeListener:
    """A background thread listening for :data:`CHANNEL` on its own connection; events in a queue."""

    def __init__(self, url: str, writer: str) -> None:
        self._url = _libpq_url(url)
        self._writer = writer  # our own operations are announced too; the editor already shows those
        self._events: queue.SimpleQueue[Event] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._listening = threading.Event()
        self._thread = threading.Thread(target=self._run, name="ropa-server-listener", daemon=True)

    def start(self) -> ChangeListener:
        self._thread.start()
        return self

    def wait_until_listening(self, timeout: float = 10.0) -> bool:
        """For tests and start-up: True once the first LISTEN is in place."""
        return self._listening.wait(timeout)

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=WAIT_SECONDS * 4)

    def events(self) -> list[Event]:
        """Everything that happened since the last call; never blocks."""
        found: list[Event] = []
        while True:
            try:
                found.append(self._events.get_nowait())
            except queue.Empty:
                return found

    # ------------------------------------------------------------------ the thread

    def _run(self) -> None:
        import psycopg

        attempt = 0
        lost = False
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._url, autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._listening.set()
                    if lost:
                        # Changes made while we were away were not announced to us: re-read everything.
                        self._events.put(ConnectionBack())
                        self._events.put(Changed(frozenset()))
                    lost, attempt = False, 0
                    self._listen(conn)
            except psycopg.Error as exc:
                if self._stop.is_set():
                    return
                if not lost:
                    lost = True
                    self._events.put(ConnectionLost(_first_line(exc)))
                self._stop.wait(RECONNECT_DELAYS[min(attempt, len(RECONNECT_DELAYS) - 1)])
                attempt += 1

    def _listen(self, conn: Any) -> None:
        last_heartbeat = time.monotonic()
        while not self._stop.is_set():
            for note in conn.notifies(timeout=WAIT_SECONDS):
                change = self._change(note.payload)
                if change is not None:
                    self._events.put(change)
            if time.monotonic() - last_heartbeat >= HEARTBEAT_SECONDS:
                conn.execute("SELECT 1")  # raises on a connection that died silently
                last_heartbeat = time.monotonic()

    def _change(self, payload: str) -> Changed | None:
        try:
            message = json.loads(payload)
        except ValueError:
            return Changed(frozenset())
        if not isinstance(message, dict):
            return Changed(frozenset())
        if message.get("writer") == self._writer:
            return None
        entities = message.get("entities")
        return Changed(frozenset(str(e) for e in entities) if isinstance(entities, list) else frozenset())


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class ConnectionLostError(RopaError):
    message = N_("The connection to the register server is lost. The change was not saved; the editor is reconnecting.")
