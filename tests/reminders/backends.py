"""Email backends for reminder tests, loadable by a worker process through EMAIL_BACKEND.

A worker runs in its own process, so what it sends is counted in files under
``REMINDER_TEST_MAIL_DIR``: one line per accepted email in ``sent.log`` (the reminder's
unsubscribe address makes each line say whom and what it was for), and, for the flaky backend,
a counter of attempts in ``attempts``. Appending a line is atomic enough for one worker process
with concurrency 1 or a few, which is how the tests run it.
"""

import os
import smtplib
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


def mail_dir() -> Path:
    return Path(os.environ["REMINDER_TEST_MAIL_DIR"])


def sent_lines() -> list[str]:
    log = mail_dir() / "sent.log"
    return log.read_text().splitlines() if log.exists() else []


class CountingBackend(BaseEmailBackend):
    """Accepts every email and writes one line for it: the recipient and the subject."""

    def send_messages(self, email_messages):
        with open(mail_dir() / "sent.log", "a") as log:
            for message in email_messages:
                log.write(f"{','.join(message.to)}\t{message.subject}\n")
                log.flush()
        return len(email_messages)


class FailingTwiceBackend(CountingBackend):
    """Refuses the first two emails as an SMTP server would, then accepts."""

    def send_messages(self, email_messages):
        counter = mail_dir() / "attempts"
        attempts = int(counter.read_text()) if counter.exists() else 0
        counter.write_text(str(attempts + 1))
        if attempts < 2:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(email_messages)


class SlowCountingBackend(CountingBackend):
    """Takes ``REMINDER_TEST_SEND_SECONDS`` per email, like a mail server over a network, so that
    a test can kill the worker in the middle of a batch."""

    def send_messages(self, email_messages):
        time.sleep(float(os.environ.get("REMINDER_TEST_SEND_SECONDS", "0.02")))
        return super().send_messages(email_messages)
