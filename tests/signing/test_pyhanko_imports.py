"""pyHanko with its network clients deferred still has all of them (issue 16)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.seeds import REPO

CHILD = """
import json, sys
from ropa_desktop.pyhanko_imports import defer_network_clients
defer_network_clients()
from pyhanko.sign import signers, timestamps
from pyhanko.sign.validation import ades
report = {"after_signers": "aiohttp" in sys.modules, "light": timestamps.DummyTimeStamper.__name__}
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend
backend = ades.AIOHttpFetcherBackend()
report.update(
    http=HTTPTimeStamper.__module__,
    backend_is_real=isinstance(backend, AIOHttpFetcherBackend),
    after_use="aiohttp" in sys.modules,
    missing=not hasattr(timestamps, "NoSuchThing"),
)
print(json.dumps(report))
"""


def test_the_network_clients_load_when_first_used() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, cwd=REPO, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report == {
        "after_signers": False,
        "light": "DummyTimeStamper",
        "http": "pyhanko.sign.timestamps.aiohttp_client",
        "backend_is_real": True,
        "after_use": True,
        "missing": True,
    }
