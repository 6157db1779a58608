"""Where a team register lives: a server address the editor remembers, and its password in the keychain.

The editor's *Open from server…* dialog asks for host, port, database, user,
password and TLS mode. Everything but the password is remembered in the
settings (a list of recent connections); the password goes to the operating
system's keychain (Windows Credential Manager, macOS Keychain, the Secret
Service on Linux) through ``keyring``, and never into a file. Where no keychain
is available the editor asks for the password every time.

Qt-free, so that the command line can use the same addresses one day.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import sqlalchemy as sa

from ropa_desktop.store import server

#: libpq's ``sslmode`` values, weakest to strongest; passed to the server connection unchanged.
TLS_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
DEFAULT_PORT = 5432
DEFAULT_TLS = "prefer"
MAX_REMEMBERED = 8
KEYCHAIN_SERVICE = "ropa-desktop register server"
# A server that does not answer should not freeze the editor for libpq's default of minutes.
CONNECT_TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class ServerAddress:
    """One register server connection, without its password."""

    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT
    tls: str = DEFAULT_TLS  # libpq sslmode
    ca_file: str = ""  # sslrootcert: the certificate authority that verify-ca/verify-full check against

    def url(self, password: str = "") -> str:
        """The connection address for the store; holds the password, so never show or save it."""
        query: dict[str, str] = {"connect_timeout": str(CONNECT_TIMEOUT_SECONDS)}
        if self.tls:
            query["sslmode"] = self.tls
        if self.ca_file:
            query["sslrootcert"] = self.ca_file
        address = sa.engine.URL.create(
            "postgresql",
            username=self.user or None,
            password=password or None,
            host=self.host or None,
            port=self.port,
            database=self.database or None,
            query=query,
        )
        return address.render_as_string(hide_password=False)

    def display(self) -> str:
        """``postgresql://user@host:port/database``: for titles, lists and messages."""
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.database}"

    def keychain_account(self) -> str:
        """The keychain entry's account name: one password per user on a server and database."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def to_settings(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_settings(cls, value: Mapping[str, Any]) -> ServerAddress | None:
        """A remembered connection, or None when the entry is damaged (a settings file edited by hand)."""
        try:
            port = int(value.get("port", DEFAULT_PORT))
            tls = str(value.get("tls", DEFAULT_TLS))
            address = cls(
                host=str(value["host"]),
                database=str(value["database"]),
                user=str(value.get("user", "")),
                port=port,
                tls=tls if tls in TLS_MODES else DEFAULT_TLS,
                ca_file=str(value.get("ca_file", "")),
            )
        except (KeyError, TypeError, ValueError):
            return None
        return address if address.host and address.database else None

    @classmethod
    def from_url(cls, url: str) -> ServerAddress:
        """The address of ``postgresql://user:password@host:port/database?sslmode=…`` (the password is dropped)."""
        parsed = sa.engine.make_url(server._driver_url(url))
        tls = str(parsed.query.get("sslmode", DEFAULT_TLS))
        return cls(
            host=parsed.host or "localhost",
            database=parsed.database or "",
            user=parsed.username or "",
            port=parsed.port or DEFAULT_PORT,
            tls=tls if tls in TLS_MODES else DEFAULT_TLS,
            ca_file=str(parsed.query.get("sslrootcert", "")),
        )


def remember(remembered: Sequence[ServerAddress], address: ServerAddress) -> list[ServerAddress]:
    """The list with ``address`` first (most recent), each connection once, at most :data:`MAX_REMEMBERED`."""
    same = address.keychain_account()
    return [address, *(a for a in remembered if a.keychain_account() != same)][:MAX_REMEMBERED]


def open_server(address: ServerAddress, password: str, readonly: bool = False) -> server.ServerRegister:
    """Open the register at ``address``: the editor's counterpart of ``RegisterFile.open``."""
    return server.ServerRegister.open(address.url(password), readonly=readonly)


# --------------------------------------------------------------------------- the keychain


def _keychain() -> Any | None:
    """The operating system's keychain, or None where there is none (a bare Linux, a CI runner)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return None
    return backend


def keychain_available() -> bool:
    return _keychain() is not None


def stored_password(address: ServerAddress) -> str | None:
    backend = _keychain()
    if backend is None:
        return None
    try:
        found = backend.get_password(KEYCHAIN_SERVICE, address.keychain_account())
    except Exception:
        return None
    return str(found) if found else None


def store_password(address: ServerAddress, password: str) -> bool:
    """Keep ``password`` in the keychain; False when there is no keychain (then it is kept nowhere)."""
    backend = _keychain()
    if backend is None or not password:
        return False
    try:
        backend.set_password(KEYCHAIN_SERVICE, address.keychain_account(), password)
    except Exception:
        return False
    return True


def forget_password(address: ServerAddress) -> None:
    backend = _keychain()
    if backend is None:
        return
    try:
        backend.delete_password(KEYCHAIN_SERVICE, address.keychain_account())
    except Exception:
        return
