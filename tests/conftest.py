"""Fixtures shared by the suite: the demo content, real services and a real Celery worker.

Tests that need Redis or PostgreSQL ask for ``redis_url`` or ``postgres_db``. Without the service
they are skipped with the reason shown; with ``REQUIRE_SERVICES=1`` (CI) a missing service is a
failure instead, so an integration test can never pass by not running.
"""

import os
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection, transaction

REPO_ROOT = Path(__file__).resolve().parents[1]


def services_required() -> bool:
    return os.environ.get("REQUIRE_SERVICES", "") == "1"


def missing_service(reason: str):
    if services_required():
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1, so this is a failure)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def redis_url():
    """The REDIS_URL of a Redis server that answers right now."""
    url = os.environ.get("REDIS_URL")
    if not url:
        missing_service("REDIS_URL is not set: no Redis to test against")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
    except redis.RedisError as exc:
        missing_service(f"Redis at {url} does not answer: {exc}")
    return url


@pytest.fixture
def postgres_db(db):
    """Skip (or, in CI, fail) unless the suite runs on PostgreSQL."""
    if connection.vendor != "postgresql":
        missing_service("DATABASE_URL does not point at PostgreSQL")
    return connection


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: what one test cached (the site settings, the idea
    database's address, a user's permissions) must not leak into the next, whose database
    was rolled back."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in English: LocaleMiddleware activates a request's language for the
    thread and never deactivates it, so a test that asked for a /lv/ page would otherwise leave
    every later test in that worker speaking Latvian."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def load_demo_quietly():
    call_command("load_demo", quiet_summary=True, stdout=open(os.devnull, "w"))  # noqa: SIM115


class DemoWorld:
    """The founding project, loaded at most once per test database and shared by every test
    that asks for ``demo``.

    Loading the demo takes tens of seconds, so it is loaded inside a transaction that stays open
    while the tests that use it run, each in a savepoint of its own (pytest-django's ``db``
    nests inside it), and it is rolled back before a test that must not see it: a database test
    without ``demo``, or a transactional one, which commits and flushes. Tests are ordered so that
    each database loads it once (see ``pytest_collection_modifyitems``).
    """

    def __init__(self, blocker):
        self.blocker = blocker
        self.atomic = None

    def load(self):
        if self.atomic is not None:
            return
        with self.blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            load_demo_quietly()

    def unload(self):
        if self.atomic is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic = None


def _database_use(item) -> str | None:
    """How a test uses the database: ``"transactional"``, ``"db"`` or None."""
    from django.test import TestCase, TransactionTestCase

    test_class = getattr(item, "cls", None)
    if test_class is not None and issubclass(test_class, TransactionTestCase):
        return "db" if issubclass(test_class, TestCase) else "transactional"
    fixtures = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return "transactional"
    if "transactional_db" in fixtures or "live_server" in fixtures:
        return "transactional"
    if marker or "db" in fixtures:
        return "db"
    return None


def _uses_demo(item) -> bool:
    return "demo" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(items):
    """Run the browser journeys first, then database tests without the demo, then those with it,
    then transactional ones (pytest-django has already put them in Django's order; this sort is
    stable), so that each test database loads the demo once.

    The journeys talk only to their own demo stack and share one xdist worker; started first,
    they run beside the rest of the suite instead of after it.
    """
    rank = {"db": 0, "transactional": 2, None: 3}

    def order(item):
        if item.get_closest_marker("xdist_group"):
            return -1
        use = _database_use(item)
        return rank[use] + (1 if use == "db" and _uses_demo(item) else 0)

    items.sort(key=order)


_demo_world: DemoWorld | None = None


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's test database, with the demo rolled back before it is destroyed."""
    yield
    if _demo_world is not None:
        _demo_world.unload()


@pytest.hookimpl(tryfirst=True)
def pytest_fixture_setup(fixturedef, request):
    """Just before a test's database transaction begins (pytest-django's ``_django_db_helper``,
    behind ``db``, ``transactional_db`` and the ``django_db`` mark, or ``_django_setup_unittest``
    for Django's own test classes), have the demo loaded if the test asks for it and gone if it
    does not."""
    global _demo_world
    if fixturedef.argname not in ("_django_db_helper", "_django_setup_unittest"):
        return
    item = request.node
    wants_demo = _database_use(item) == "db" and _uses_demo(item)
    if _demo_world is None:
        if not wants_demo:
            return
        _demo_world = DemoWorld(request.getfixturevalue("django_db_blocker"))
    if wants_demo:
        _demo_world.load()
    else:
        _demo_world.unload()


@pytest.fixture
def demo(db):
    """The founding project and demo accounts, exactly as ``make demo`` loads them (loaded once
    and shared: see ``DemoWorld``)."""


def current_database_url() -> str:
    """A DATABASE_URL for the database this test is using, for processes the test starts."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    credentials = quote(settings["USER"] or "", safe="")
    if settings.get("PASSWORD"):
        credentials += ":" + quote(settings["PASSWORD"], safe="")
    host = settings.get("HOST") or "localhost"
    port = settings.get("PORT") or 5432
    return f"postgres://{credentials}@{host}:{port}/{settings['NAME']}"


@dataclass
class WorkerProcess:
    """A ``celery worker`` child process consuming one private queue."""

    queue: str
    process: subprocess.Popen
    lines: list[str] = field(default_factory=list)

    @property
    def log(self) -> str:
        return "".join(self.lines)

    def wait_for_line(self, text: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in line for line in self.lines):
                return True
            if self.process.poll() is not None:
                return False
            time.sleep(0.1)
        return False

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_worker(redis_url: str, queue: str) -> WorkerProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": current_database_url(),
        "REDIS_URL": redis_url,
        "PYTHONUNBUFFERED": "1",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--queues",
            queue,
            "--hostname",
            f"{queue}@%h",
            "--pool",
            "prefork",
            "--concurrency",
            "1",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "info",
        ],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    worker = WorkerProcess(queue=queue, process=process)

    def pump():
        for line in process.stdout:
            worker.lines.append(line)

    threading.Thread(target=pump, daemon=True).start()
    return worker


@pytest.fixture
def celery_worker(redis_url, django_db_serialized_rollback, transactional_db):
    """A real Celery worker on Redis, using this test's database, on a queue of its own.

    The private queue keeps a demo's worker (or another test run) on the same Redis from taking
    the test's messages. Data the test writes must be committed for the worker to see it, hence
    ``transactional_db``; the serialized rollback puts back what migrations created (locales,
    groups, the home page) after the flush, for the tests that run next.
    """
    worker = start_worker(redis_url, f"test-{uuid.uuid4().hex[:12]}")
    try:
        if not worker.wait_for_line("ready.", timeout=60):
            pytest.fail(f"The Celery worker did not start:\n{worker.log}")
        yield worker
    finally:
        worker.stop()


# Without the networking flags Chromium keeps trying to reach Google, which this network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
