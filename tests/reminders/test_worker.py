"""Reminders through a real Celery worker on Redis: once, despite retries, kills and outages.

Eager mode would prove nothing about acknowledgements, redelivery or a broker that is down, so
each test starts ``celery worker`` on a queue of its own. The worker keeps the test settings but
sends with a backend from ``tests/reminders/backends.py`` that counts every accepted email in a
file, so the test can count deliveries made in another process. Run on PostgreSQL
(``DATABASE_URL``) for SKIP LOCKED claims; SQLite works too.

Time is never frozen in the worker. Where the real system waits (a retry's backoff, a dead
worker's lease, the relay's grace for messages in flight) the test moves the row's timestamps
back instead, exactly as that much passing time would.
"""

import collections
import contextlib
import datetime
import io
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import F

from ideas import actions
from ideas.models import IdeaPage
from portal.celery import app
from portfolios.models import EntryPage
from reminders import delivery, outbox, tasks
from reminders.models import Kind, Reminder
from tests.conftest import current_database_url
from tests.factories import make_project, make_user

pytestmark = [pytest.mark.redis, pytest.mark.worker]

REPO_ROOT = Path(__file__).resolve().parents[2]
BACKENDS = "tests.reminders.backends"

# The test settings send with locmem; the worker swaps in the backend the test chose.
WORKER_MAIN = """
import os, sys
import django
django.setup()
from django.conf import settings
settings.EMAIL_BACKEND = os.environ["REMINDER_TEST_EMAIL_BACKEND"]
from portal.celery import app
app.worker_main(["worker", *sys.argv[1:]])
"""


def wait_until(predicate, timeout=60.0, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


class ReminderWorker:
    """One ``celery worker`` process on the test's own queue, which can be killed and restarted."""

    def __init__(self, redis_url, queue, mail_dir, backend):
        self.redis_url, self.queue, self.mail_dir, self.backend = (
            redis_url,
            queue,
            mail_dir,
            backend,
        )
        self.process = None
        self.lines = []

    @property
    def log(self):
        return "".join(self.lines)

    def start(self, concurrency=1):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": current_database_url(),
            "REDIS_URL": self.redis_url,
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
            "REMINDER_TEST_EMAIL_BACKEND": f"{BACKENDS}.{self.backend}",
            "REMINDER_TEST_MAIL_DIR": str(self.mail_dir),
            "PYTHONUNBUFFERED": "1",
        }
        self.lines = []
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-c", WORKER_MAIN, "--queues", self.queue),
                *("--hostname", f"{self.queue}-{uuid.uuid4().hex[:6]}@%h", "--pool", "prefork"),
                *("--concurrency", str(concurrency), "--without-gossip", "--without-mingle"),
                *("--loglevel", "info"),
            ],
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        process, lines = self.process, self.lines

        def pump():
            for line in process.stdout:
                lines.append(line)

        threading.Thread(target=pump, daemon=True).start()
        if not wait_until(lambda: "ready." in self.log, timeout=60):
            pytest.fail(f"The Celery worker did not start:\n{self.log}")

    def kill(self):
        """kill -9 of the worker and its pool processes, as when a machine loses power."""
        children = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True
        ).stdout.split()
        for pid in [self.process.pid, *map(int, children)]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def sent(self) -> list[str]:
        log = Path(self.mail_dir) / "sent.log"
        return log.read_text().splitlines() if log.exists() else []

    def count(self, text):
        return self.log.count(text)


@pytest.fixture
def make_worker(redis_url, django_db_serialized_rollback, transactional_db, tmp_path):
    """Starts workers on a private queue, to which this process publishes too."""
    queue = f"test-{uuid.uuid4().hex[:12]}"
    default_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    workers = []

    def start(backend="CountingBackend", concurrency=1):
        worker = ReminderWorker(redis_url, queue, tmp_path, backend)
        worker.start(concurrency)
        workers.append(worker)
        return worker

    yield start
    app.conf.task_default_queue = default_queue
    for worker in workers:
        worker.stop()


def committed(function, *args, **kwargs):
    """Run in a transaction of its own, so that its on-commit publishing really happens."""
    with transaction.atomic():
        return function(*args, **kwargs)


def let_time_pass(rows, *, backoff=False, lease=False, grace=False):
    """Move timestamps back as the passing of a retry's backoff, a lease or the relay's grace
    would, so that the worker, which runs on real time, sees them as passed."""
    if backoff:
        rows.update(due_at=F("due_at") - datetime.timedelta(hours=1))
    if lease:
        rows.update(claimed_at=F("claimed_at") - delivery.LEASE - datetime.timedelta(seconds=1))
    if grace:
        rows.update(due_at=F("due_at") - outbox.RELAY_GRACE - datetime.timedelta(seconds=1))


def test_a_reminder_published_three_times_is_delivered_once(make_worker):
    worker = make_worker()
    user, project = make_user(email="anna@example.org"), make_project()
    reminder = committed(outbox.enqueue, Kind.PRACTICE_NUDGE, user, project, period="d1")
    tasks.send_reminder.delay(reminder.pk)
    tasks.send_reminder.delay(reminder.pk)

    assert wait_until(lambda: worker.count("succeeded") >= 3), worker.log
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == ("sent", 1)
    assert worker.sent() == ["anna@example.org\tTime for today's English practice"]


def test_smtp_failing_twice_then_succeeding_sends_one_email_after_three_attempts(make_worker):
    worker = make_worker("FailingTwiceBackend")
    user, project = make_user(email="anna@example.org"), make_project()
    reminder = committed(outbox.enqueue, Kind.PRACTICE_NUDGE, user, project, period="d1")
    rows = Reminder.objects.filter(pk=reminder.pk)

    for attempt in (1, 2):
        assert wait_until(
            lambda a=attempt: rows.get().attempts == a and rows.get().status == "pending"
        ), worker.log
        assert "SMTPServerDisconnected" in rows.get().last_error
        let_time_pass(rows, backoff=True)
        tasks.relay_pending.delay()

    assert wait_until(lambda: rows.get().status == "sent"), worker.log
    assert rows.get().attempts == 3
    assert worker.sent() == ["anna@example.org\tTime for today's English practice"]
    assert (Path(worker.mail_dir) / "attempts").read_text() == "3"


def test_kill_9_in_the_middle_of_a_batch_loses_nothing(make_worker, postgres_db):
    worker = make_worker("SlowCountingBackend")
    project = make_project()
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"kill{n}", email=f"kill{n}@example.org") for n in range(300)
    )
    rows = [
        {"kind": Kind.PRACTICE_NUDGE, "recipient": u, "subject": project, "period": "d1"}
        for u in users
    ]
    assert committed(outbox.enqueue_many, rows) == 300

    assert wait_until(lambda: len(worker.sent()) >= 40, interval=0.02), worker.log
    worker.kill()
    at_kill = collections.Counter(Reminder.objects.values_list("status", flat=True))
    assert 40 <= at_kill["sent"] < 300, at_kill

    worker.start()
    reminders = Reminder.objects.all()
    # The batch the dead worker had claimed waits out its lease; then beat's relay finds it.
    assert wait_until(lambda: not reminders.filter(status="pending").exists(), timeout=120)
    let_time_pass(reminders.filter(status="sending"), lease=True)
    tasks.relay_pending.delay()
    assert wait_until(lambda: reminders.filter(status="sent").count() == 300, timeout=120), (
        collections.Counter(reminders.values_list("status", flat=True)),
        worker.log,
    )

    per_address = collections.Counter(line.split("\t")[0] for line in worker.sent())
    lost = [u.email for u in users if per_address[u.email] == 0]
    duplicates = sum(count - 1 for count in per_address.values())
    print(
        f"\nkill -9 mid-batch: statuses at the kill {dict(at_kill)}, lost {len(lost)}, "
        f"duplicates {duplicates}"
    )
    assert lost == []
    # Only the email in flight at the kill, accepted but not yet marked sent, may go twice.
    assert duplicates <= 1


def test_no_duplicates_and_nothing_lost_in_normal_operation(make_worker):
    worker = make_worker(concurrency=2)
    project = make_project()
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"many{n}", email=f"many{n}@example.org") for n in range(250)
    )
    rows = [
        {"kind": Kind.PORTFOLIO_UPDATE, "recipient": u, "subject": project, "period": "w1"}
        for u in users
    ]
    committed(outbox.enqueue_many, rows)
    committed(outbox.enqueue_many, rows)  # rule evaluation run twice for the same week
    tasks.relay_pending.delay()
    reminders = Reminder.objects.all()
    assert wait_until(lambda: reminders.filter(status="sent").count() == 250), worker.log
    assert reminders.count() == 250
    per_address = collections.Counter(line.split("\t")[0] for line in worker.sent())
    assert sorted(per_address) == sorted(u.email for u in users)
    assert set(per_address.values()) == {1}


@pytest.fixture
def broker_unreachable(monkeypatch):
    """This process publishes to a port where nothing listens, as when Redis is down; the
    machine's Redis, the worker and other tests are untouched."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    saved = app.conf.broker_url, app._pool, app.amqp._producer_pool
    app.conf.broker_url = f"redis://127.0.0.1:{port}/14"
    app._pool = app.amqp._producer_pool = None

    def restore():
        app.conf.broker_url, app._pool, app.amqp._producer_pool = saved

    yield restore
    restore()


def test_requests_succeed_while_redis_is_down_and_the_relay_delivers_afterwards(
    make_worker, broker_unreachable, client
):
    worker = make_worker()
    call_command("load_demo", quiet_summary=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    coordinator = get_user_model().objects.get(username="coordinator")
    client.force_login(coordinator)
    Reminder.objects.all().delete()  # what loading the demo itself wrote

    entry = EntryPage.objects.filter(portfolio__project__memberships__user=coordinator).first()
    started = time.monotonic()
    response = client.post(f"/my/entries/{entry.pk}/comments/", {"body": "Well observed."})
    comment_seconds = time.monotonic() - started
    assert response.status_code == 302

    idea = next(
        idea
        for idea in IdeaPage.objects.filter(project__isnull=False).order_by("pk")
        if actions.next_statuses(coordinator, idea)
    )
    target = actions.next_statuses(coordinator, idea)[0]
    started = time.monotonic()
    response = client.post(idea.url + "status/", {"to_status": target, "comment": ""})
    status_seconds = time.monotonic() - started
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == target
    # A broker that is down costs a request a moment, not a hang.
    assert comment_seconds < 5 and status_seconds < 5, (comment_seconds, status_seconds)

    waiting = Reminder.objects.filter(status="pending")
    kinds = collections.Counter(waiting.values_list("kind", flat=True))
    assert kinds[Kind.ENTRY_COMMENT] == 1
    assert kinds[Kind.IDEA_STATUS] >= 1
    assert waiting.get(kind=Kind.ENTRY_COMMENT).recipient == entry.portfolio.participant
    time.sleep(2)
    assert worker.sent() == []  # nothing reached the worker

    broker_unreachable()  # Redis is back
    let_time_pass(waiting, grace=True)
    tasks.relay_pending.delay()
    expected = waiting.count()
    assert wait_until(lambda: Reminder.objects.filter(status="sent").count() == expected), (
        worker.log
    )
    assert len(worker.sent()) == expected


def test_bench_reminders_reports_a_fan_out_with_nothing_lost_or_doubled(
    redis_url, django_db_serialized_rollback, transactional_db
):
    output = io.StringIO()
    call_command("bench_reminders", recipients=40, concurrency=1, stdout=output)
    report = dict(line.split(": ", 1) for line in output.getvalue().splitlines())
    assert report["reminders written"] == "40"
    assert report["emails sent"] == "40"
    assert report["duplicates"] == "0"
    assert report["lost"] == "0"
    assert not get_user_model().objects.filter(username__startswith="bench-").exists()
