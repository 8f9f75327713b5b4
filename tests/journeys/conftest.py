"""One demo stack, as ``make demo`` runs it, for every browser journey; Chromium pages that
fail a test on any failed request, console error or request leaving the machine.

The stack runs in a scratch var dir on a free port, on the embedded default (SQLite, the
filesystem broker, emails written to files), and is started once per test session: migrate,
load_demo, then web + Celery worker + beat from ``Procfile.dev`` through honcho. The journeys
talk to it only over HTTP and read its mail folder; they never touch pytest-django's database,
so nothing they do is rolled back and nothing another test does reaches them.

Screenshots of every step go to ``var/screenshots/journeys/<test>/NN-step.png`` (or under
``$JOURNEY_SCREENSHOTS``).
"""

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import CHROMIUM_ARGS, REPO_ROOT, missing_service

DEMO_PASSWORD = "mobilitas-demo"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stack_env(var_dir: Path, port: int) -> dict:
    """The environment ``make demo`` would see: no database, Redis or settings overrides."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "CELERY_BROKER_URL",
            "DJANGO_SETTINGS_MODULE",
            "WAGTAILADMIN_BASE_URL",
            "EMAIL_BACKEND",
            "MEDIA_ROOT",
        }
    }
    bin_dir = str(Path(sys.executable).parent)
    env.update(
        {
            "MOBILITAS_VAR_DIR": str(var_dir),
            "MOBILITAS_PORT": str(port),
            "PATH": f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


@dataclass
class DemoStack:
    """The running demo: its address, its var dir and what its processes printed."""

    url: str
    var_dir: Path
    process: subprocess.Popen | None = None
    # Appended to what journeys create, so that they can run again on a demo they already wrote
    # to (JOURNEY_STACK_URL); empty on the fresh stack.
    suffix: str = ""
    lines: list[str] = field(default_factory=list)

    @property
    def log(self) -> str:
        return "".join(self.lines)

    @property
    def mail_dir(self) -> Path:
        return self.var_dir / "mail"

    def mails(self):
        """Every email the stack has written so far, parsed, oldest first."""
        found = []
        if self.mail_dir.exists():
            for path in sorted(self.mail_dir.iterdir(), key=lambda p: p.stat().st_mtime):
                # The file backend writes one or more messages per file, each ending in a line
                # of dashes.
                for chunk in re.split(rb"\n-{79}\n", path.read_bytes()):
                    if chunk.strip():
                        found.append(message_from_bytes(chunk.lstrip(), policy=policy.default))
        return found

    def wait_for_mail(self, to: str, about: str = "", timeout: float = 60):
        """The first email to ``to`` whose subject or text mentions ``about``, waiting for the
        worker to send it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.mails():
                if to in str(message["To"]) and about in _mail_text(message):
                    return message
            time.sleep(0.5)
        seen = [(str(m["To"]), str(m["Subject"])) for m in self.mails()]
        pytest.fail(f"No email to {to} about {about!r} within {timeout} s; sent: {seen}")


def _mail_text(message) -> str:
    body = message.get_body(preferencelist=("plain",))
    return str(message["Subject"]) + "\n" + (body.get_content() if body else "")


def _http_status(url: str):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return response.status
    except OSError:
        return None


def _run(command, env, stack):
    done = subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    stack.lines.append(f"$ manage.py {' '.join(command)}\n{done.stdout}{done.stderr}")
    if done.returncode:
        pytest.fail(f"manage.py {' '.join(command)} failed:\n{stack.log}")


@pytest.fixture(scope="session")
def demo_stack(tmp_path_factory):
    """``make demo`` on a free port in a scratch var dir, for the whole session.

    ``JOURNEY_STACK_URL`` and ``JOURNEY_STACK_VAR_DIR`` point the journeys at a demo already
    running instead (quicker while writing a journey; the journeys change its data).
    """
    if os.environ.get("JOURNEY_STACK_URL"):
        yield DemoStack(
            url=os.environ["JOURNEY_STACK_URL"].rstrip("/"),
            var_dir=Path(os.environ.get("JOURNEY_STACK_VAR_DIR", REPO_ROOT / "var")),
            suffix=f" {uuid.uuid4().hex[:4]}",
        )
        return
    port = free_port()
    var_dir = tmp_path_factory.mktemp("journeys-var")
    env = stack_env(var_dir, port)
    stack = DemoStack(url=f"http://127.0.0.1:{port}", var_dir=var_dir)
    _run(["migrate", "--noinput", "-v0"], env, stack)
    _run(["load_demo"], env, stack)
    # Procfile.dev as it is, but for the development server's autoreloader: a file saved in the
    # checkout mid-run would restart the web process under a journey.
    procfile = var_dir / "Procfile"
    procfile.write_text(
        (REPO_ROOT / "Procfile.dev").read_text().replace("runserver ", "runserver --noreload ")
    )
    honcho = str(Path(sys.executable).parent / "honcho")
    stack.process = subprocess.Popen(
        [honcho, "--procfile", str(procfile), "--app-root", str(REPO_ROOT), "start"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    threading.Thread(target=lambda: stack.lines.extend(stack.process.stdout), daemon=True).start()
    try:
        deadline = time.monotonic() + 120
        while _http_status(stack.url + "/healthz/") != 200 or "ready." not in stack.log:
            if stack.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"The demo stack did not start:\n{stack.log}")
            time.sleep(0.3)
        yield stack
    finally:
        _stop(stack.process)


def _stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so fixtures can tell a failed test at teardown,
    and print the stack's log under any failed journey."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)
    stack = item.funcargs.get("demo_stack") if hasattr(item, "funcargs") else None
    if report.failed and stack is not None:
        report.sections.append(("demo stack log (last 200 lines)", _tail(stack.log, 200)))


def _tail(text: str, lines: int) -> str:
    return "\n".join(text.splitlines()[-lines:])


def screenshot_root() -> Path:
    return Path(os.environ.get("JOURNEY_SCREENSHOTS") or REPO_ROOT / "var/screenshots/journeys")


@pytest.fixture(scope="session")
def chromium_path():
    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not Path(executable).exists() and not shutil.which(executable):
        missing_service(f"Chromium is not installed at {executable} (apt-get install chromium)")
    return executable


class Problems:
    """What went wrong in the browser while a journey ran; any entry fails the test.

    One answer ≥ 400 is not a failure: Wagtail's editor autosaves the form (a JSON request) as
    a person types, and the server answers 400 while a required field is still empty
    (``validation_error``, shown as "Autosave is paused" until the form is whole) or when
    Publish overtook the autosave (``invalid_revision``, for a page that has moved on). Those
    answers, and the console line Chromium logs for each, are left out; a 500 or any other
    error still counts.
    """

    def __init__(self):
        self.entries: list[tuple[str, str]] = []
        self.allowed: list[re.Pattern] = []
        self.autosave_urls: set[str] = set()

    def add(self, text: str, url: str = ""):
        self.entries.append((text, url))

    def autosave_refused(self, url: str):
        self.autosave_urls.add(url)

    def allow(self, pattern: str):
        """Let one expected failure pass, e.g. the 404 a revoked share link must give."""
        self.allowed.append(re.compile(pattern))

    @property
    def items(self) -> list[str]:
        found = []
        for text, url in self.entries:
            if url in self.autosave_urls and "status of 400" in text:
                continue
            if any(pattern.search(text) for pattern in self.allowed):
                continue
            found.append(text)
        return found


class Journey:
    """A browser (one context per test) watching for problems, with its screenshots and login.

    ``journey.page`` is the current page; ``journey.new_context()`` opens a fresh, cookie-less
    context (another person, or the same one in another browser) watched the same way.
    """

    def __init__(self, browser, stack: DemoStack, shots: Path, viewport: dict):
        self.browser = browser
        self.stack = stack
        self.url = stack.url
        self.shots = shots
        self.viewport = viewport
        self.problems = Problems()
        self.step = 0
        self.contexts = []
        self.page = self.new_context().new_page()

    def new_context(self, viewport=None):
        context = self.browser.new_context(
            viewport=viewport or self.viewport, base_url=self.url, accept_downloads=True
        )
        context.set_default_timeout(15_000)
        context.route(re.compile(r".*"), self._only_local)
        context.on("page", self._watch)
        self.contexts.append(context)
        return context

    def _only_local(self, route):
        host = urlsplit(route.request.url).hostname
        scheme = urlsplit(route.request.url).scheme
        if scheme in {"http", "https", "ws", "wss"} and host not in LOCAL_HOSTS:
            self.problems.add(f"request leaving the machine: {route.request.url}")
            route.abort()
        else:
            route.continue_()

    def _watch(self, page):
        page.on(
            "console",
            lambda msg: (
                msg.type == "error"
                and self.problems.add(
                    f"console error on {page.url}: {msg.text} {msg.location}",
                    url=msg.location.get("url", ""),
                )
            ),
        )
        page.on("pageerror", lambda exc: self.problems.add(f"page error on {page.url}: {exc}"))
        page.on("response", self._check_response)
        page.on("requestfailed", self._check_failed_request)

    def _check_failed_request(self, request):
        # A request the browser itself cancelled, because the page moved on (an autosave still
        # in flight when Publish is pressed), is not a failure; one leaving the machine is
        # recorded where it is stopped.
        if request.failure == "net::ERR_ABORTED":
            return
        self.problems.add(f"request failed: {request.method} {request.url} ({request.failure})")

    def _check_response(self, response):
        if response.status < 400:
            return
        try:
            body = response.text()[:300]
        except Exception:
            body = ""
        if (
            response.status == 400
            and response.request.method == "POST"
            and "/admin/" in response.url
            and "application/json" in (response.request.headers.get("accept") or "")
        ):
            self.problems.autosave_refused(response.url)
            return
        self.problems.add(f"HTTP {response.status} {response.request.method} {response.url} {body}")

    def shot(self, name: str, page=None):
        """Save a full-page screenshot of this step as NN-name.png."""
        self.step += 1
        self.shots.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        (page or self.page).screenshot(
            path=str(self.shots / f"{self.step:02d}-{slug}.png"), full_page=True
        )

    def login(self, username: str, page=None, language: str = ""):
        """Log in through the site's own login form, as a person does."""
        page = page or self.page
        page.goto(f"{language and '/' + language}/accounts/login/")
        page.locator("input[name=username]").fill(username)
        page.locator("input[name=password]").fill(DEMO_PASSWORD)
        page.locator("form button[type=submit], form input[type=submit]").last.click()
        page.wait_for_load_state()
        assert "/accounts/login/" not in page.url, f"{username} could not log in"
        return page

    def close(self):
        for context in self.contexts:
            context.close()


def _journey(request, stack, chromium, viewport):
    from playwright.sync_api import sync_playwright

    shots = screenshot_root() / re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)
    shutil.rmtree(shots, ignore_errors=True)
    # One Playwright (and event loop) per test: Django's ORM refuses to run in a thread whose
    # loop is running, and other tests may share this worker.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        journey = Journey(browser, stack, shots, viewport)
        try:
            yield journey
        finally:
            failed = getattr(request.node, "report_call", None)
            if failed is not None and failed.failed:
                for context in journey.contexts:
                    for index, page in enumerate(context.pages):
                        with contextlib.suppress(Exception):  # a best-effort picture
                            page.screenshot(path=str(shots / f"failure-{index}.png"))
            journey.close()
            browser.close()
    if journey.problems.items:
        pytest.fail(
            "The browser saw problems:\n  " + "\n  ".join(journey.problems.items), pytrace=False
        )


@pytest.fixture
def journey(request, demo_stack, chromium_path):
    """A desktop browser (1280 × 900) on the demo stack."""
    yield from _journey(request, demo_stack, chromium_path, DESKTOP)


@pytest.fixture
def phone_journey(request, demo_stack, chromium_path):
    """A phone-sized browser (375 × 740) on the demo stack."""
    yield from _journey(request, demo_stack, chromium_path, PHONE)
