"""Shared fixtures. Tests never touch the user's real settings or files."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import cast

import pytest

# Offscreen Qt unless a developer asks to watch (QT_QPA_PLATFORM=xcb pytest ...).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ROPA_LANG", "en")

# Under pytest-xdist each worker gets its own temp folder (and so its own private ropa-* folders in it),
# so a test that counts what the program left in the temp folder never sees another worker's files.
if os.environ.get("PYTEST_XDIST_WORKER"):
    import tempfile

    _worker_temp = Path(tempfile.gettempdir()) / f"ropa-tests-{os.environ['PYTEST_XDIST_WORKER']}-{os.getpid()}"
    _worker_temp.mkdir(parents=True, exist_ok=True)
    os.environ["TMPDIR"] = str(_worker_temp)
    tempfile.tempdir = str(_worker_temp)

from ropa_desktop.i18n import set_language
from ropa_desktop.interchange import json_format
from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile
from tests import postgres_cluster
from tests import promeister as pm
from tests.postgres_cluster import Cluster

#: The two stores a register lives in: a file on one's own disk, a database on a team server (issue 20).
ENGINES = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests marked ``both_engines`` run once per engine; every other test sees the file register only."""
    if metafunc.definition.get_closest_marker("both_engines") and "register_engine" in metafunc.fixturenames:
        metafunc.parametrize("register_engine", ENGINES, indirect=True)


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    for var in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    set_language("en")


@pytest.fixture
def register_engine(request: pytest.FixtureRequest) -> str:
    """Which store the test's register is in: ``sqlite`` unless the test is marked ``both_engines``."""
    engine = str(getattr(request, "param", "sqlite"))
    if engine == "postgresql" and (reason := postgres_cluster.missing()):
        pytest.skip(reason)
    return engine


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """One running PostgreSQL cluster for the session's tests, started when a test first needs it."""
    cluster = Cluster()
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.remove()


class ServerTemplates:
    """Registers made once per session on the cluster; each test gets a copy (CREATE DATABASE ... TEMPLATE)."""

    def __init__(self, cluster: Cluster, promeister_file: Path) -> None:
        self.cluster = cluster
        self._promeister_file = promeister_file

    @cache  # noqa: B019 -- one instance per session, so the cache lives exactly as long as the cluster
    def empty(self) -> str:
        from ropa_desktop.store import server

        url = self.cluster.new_database()
        server.init_server(url)
        return url.rsplit("/", 1)[1]

    @cache  # noqa: B019
    def promeister(self) -> str:
        from ropa_desktop.store import server

        url = self.cluster.new_database(template=self.empty())
        server.push(self._promeister_file, url)
        return url.rsplit("/", 1)[1]


@pytest.fixture(scope="session")
def server_templates(pg_cluster: Cluster, promeister_template: Path) -> ServerTemplates:
    return ServerTemplates(pg_cluster, promeister_template)


OpenOnEngine = Callable[..., RegisterFile]


@pytest.fixture
def register_on(register_engine: str, request: pytest.FixtureRequest) -> Iterator[OpenOnEngine]:
    """Open a register file on the test's engine: the file itself, or a copy of it pushed to a server database.

    The server register has the file register's interface (``apply``, ``read``,
    ``snapshot``, ``links``, ``audit_trail``), so the tests use it as one.
    """
    opened: list[RegisterFile] = []
    databases: list[str] = []

    def open_register(path: Path, readonly: bool = False, template: str | None = None) -> RegisterFile:
        if register_engine == "sqlite":
            register = RegisterFile.open(path, readonly=readonly)
        else:
            from ropa_desktop.store import server

            templates: ServerTemplates = request.getfixturevalue("server_templates")
            url = templates.cluster.new_database(template=template or templates.empty())
            databases.append(url)
            if template is None:
                server.push(path, url)
            register = cast(RegisterFile, server.ServerRegister.open(url, readonly=readonly))
        opened.append(register)
        return register

    yield open_register
    for register in opened:
        register.close()
    if databases:
        cluster: Cluster = request.getfixturevalue("pg_cluster")
        for url in databases:
            cluster.drop_database(url)


def reopened_readonly(register: RegisterFile) -> RegisterFile:
    """A second, read-only view of ``register``: the file opened read-only, or the server register so opened."""
    url = getattr(register, "url", None)
    if url is not None:
        from ropa_desktop.store import server

        return cast(RegisterFile, server.ServerRegister.open(url, readonly=True))
    return RegisterFile.open(register.path, readonly=True)


@pytest.fixture
def register(
    tmp_path: Path, register_engine: str, register_on: OpenOnEngine, request: pytest.FixtureRequest
) -> Iterator[RegisterFile]:
    """A new register holding one organisation (id 1); on both engines in tests marked ``both_engines``."""
    path = tmp_path / "test.ropa"
    if register_engine == "sqlite":
        RegisterFile.create(path).close()
        reg = register_on(path)
    else:  # a copy of the session's empty server register: no file to publish
        reg = register_on(path, template=request.getfixturevalue("server_templates").empty())
    reg.apply(ops.Create("organisation", {"name": "Test AS", "orgnr": "917100462", "email": "post@test.no"}))
    yield reg


@pytest.fixture(scope="session")
def promeister_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ProMeister sample imported once per session; tests get copies."""
    path = tmp_path_factory.mktemp("promeister") / "promeister.ropa"
    json_format.import_json_file(pm.SAMPLE, path).close()
    return path


@pytest.fixture
def promeister_path(tmp_path: Path, promeister_template: Path) -> Path:
    """A fresh, closed copy of the ProMeister register (``samples/promeister-solutions.json``)."""
    return pm.copy_to(tmp_path, promeister_template)


@pytest.fixture
def promeister(
    promeister_path: Path, register_engine: str, register_on: OpenOnEngine, request: pytest.FixtureRequest
) -> RegisterFile:
    """The ProMeister register, open; on both engines in tests marked ``both_engines`` (closed by ``register_on``)."""
    if register_engine == "sqlite":
        return register_on(promeister_path)
    templates: ServerTemplates = request.getfixturevalue("server_templates")
    return register_on(promeister_path, template=templates.promeister())
