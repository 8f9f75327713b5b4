"""Measure a reminder fan-out through a real Celery worker: time, emails sent, duplicates, lost.

The command builds its own synthetic recipients in the configured database, writes one
reminder for each through ``outbox.enqueue_many`` (as rule evaluation does) and waits until the
worker has sent them all. It starts the worker itself, on a queue of its own and on the
configured broker (Redis for the benchmark target), with Django's file email backend pointed at
a temporary folder whatever the settings say, so no email leaves the machine and each accepted
email can be counted. Afterwards the synthetic users and their reminders are deleted.
"""

import collections
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from portal.celery import app
from reminders import outbox
from reminders.models import Kind, Reminder

# The worker keeps every setting of this process but sends through the file backend.
WORKER_MAIN = """
import os, sys
import django
django.setup()
from django.conf import settings
settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
settings.EMAIL_FILE_PATH = os.environ["BENCH_REMINDERS_MAIL_DIR"]
from portal.celery import app
app.worker_main(["worker", *sys.argv[1:]])
"""


def database_url() -> str:
    """The database this process uses, as a URL for the worker (the test database under pytest)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    credentials = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host, port = db.get("HOST") or "localhost", db.get("PORT") or 5432
    return f"postgres://{credentials}@{host}:{port}/{db['NAME']}"


class Command(BaseCommand):
    help = (
        "Fan one reminder kind out to N synthetic recipients through a real Celery worker that "
        "this command starts (on the configured broker, Redis for the benchmark) and report the "
        "time, emails sent, duplicates and lost. Needs no worker running; emails go to a "
        "temporary folder, never to a mail server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--recipients", type=int, default=10_000)
        parser.add_argument(
            "--concurrency", type=int, default=os.cpu_count() or 2, help="Worker processes."
        )
        parser.add_argument("--timeout", type=float, default=300, help="Seconds to wait.")

    def handle(self, *args, recipients, concurrency, timeout, **options):
        if app.conf.broker_url.startswith("memory://"):
            raise CommandError("The in-memory broker cannot reach a worker: set REDIS_URL.")
        run = uuid.uuid4().hex[:8]
        queue = f"bench-reminders-{run}"
        mail_dir = Path(tempfile.mkdtemp(prefix="bench-reminders-"))
        worker = None
        default_queue = app.conf.task_default_queue
        try:
            users = self.make_recipients(run, recipients)
            worker = self.start_worker(queue, mail_dir, concurrency)
            app.conf.task_default_queue = queue
            rows = [
                {"kind": Kind.PRACTICE_NUDGE, "recipient": user, "subject": user, "period": run}
                for user in users
            ]
            started = time.monotonic()
            with transaction.atomic():
                written = outbox.enqueue_many(rows)
            mine = Reminder.objects.filter(period=run, kind=Kind.PRACTICE_NUDGE)
            deadline = started + timeout
            while time.monotonic() < deadline:
                if mine.filter(status=Reminder.Status.SENT).count() >= written:
                    break
                if worker.poll() is not None:
                    raise CommandError("The worker stopped.")
                time.sleep(0.2)
            elapsed = time.monotonic() - started
            sent_rows = mine.filter(status=Reminder.Status.SENT).count()
            emails = self.count_emails(mail_dir)
            addresses = {user.email for user in users}
            duplicates = sum(count - 1 for count in emails.values() if count > 1)
            lost = sum(1 for address in addresses if emails[address] == 0)
            self.stdout.write(
                f"recipients: {recipients}\n"
                f"database: {connection.vendor}\n"
                f"broker: {app.conf.broker_url.split('://')[0]}\n"
                f"worker processes: {concurrency}\n"
                f"reminders written: {written}\n"
                f"time: {elapsed:.1f} s\n"
                f"emails sent: {sum(emails.values())}\n"
                f"rows marked sent: {sent_rows}\n"
                f"duplicates: {duplicates}\n"
                f"lost: {lost}\n"
            )
            if elapsed >= timeout:
                raise CommandError(f"Not all reminders were sent within {timeout:.0f} s.")
        finally:
            app.conf.task_default_queue = default_queue
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    worker.kill()
            get_user_model().objects.filter(username__startswith=f"bench-{run}-").delete()
            shutil.rmtree(mail_dir, ignore_errors=True)

    def make_recipients(self, run, count):
        User = get_user_model()
        User.objects.bulk_create(
            (
                User(username=f"bench-{run}-{n}", email=f"bench-{run}-{n}@example.invalid")
                for n in range(count)
            ),
            batch_size=2000,
        )
        return list(User.objects.filter(username__startswith=f"bench-{run}-"))

    def start_worker(self, queue, mail_dir, concurrency):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "DJANGO_SETTINGS_MODULE", "portal.settings.dev"
            ),
            "DATABASE_URL": database_url(),
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "BENCH_REMINDERS_MAIL_DIR": str(mail_dir),
        }
        # Our own interpreter and fixed arguments: nothing here comes from outside.
        process = subprocess.Popen(  # noqa: S603
            [
                *(sys.executable, "-c", WORKER_MAIN, "--queues", queue),
                *("--hostname", f"{queue}@%h", "--pool", "prefork"),
                *("--concurrency", str(concurrency), "--without-gossip", "--without-mingle"),
                *("--loglevel", "warning"),
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        log = []

        def pump():
            for line in process.stdout:
                log.append(line)

        threading.Thread(target=pump, daemon=True).start()
        # At log level "warning" the worker says nothing when ready; ask it instead.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise CommandError("The worker did not start:\n" + "".join(log))
            if app.control.ping(destination=[f"{queue}@{os.uname().nodename}"], timeout=0.5):
                return process
        process.kill()
        raise CommandError("The worker did not answer within 60 s:\n" + "".join(log))

    def count_emails(self, mail_dir) -> collections.Counter:
        counts = collections.Counter()
        for path in mail_dir.iterdir():
            for line in path.read_text(errors="replace").splitlines():
                if line.startswith("To: "):
                    counts[line[4:].strip()] += 1
        return counts
