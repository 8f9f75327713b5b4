"""Every ``notification_requested`` becomes a reminder in the outbox, in the same transaction.

The signal is sent inside the transaction of what happened (see ``core.notifications``), so the
outbox row commits or rolls back with it. Only known kinds are written; the project is found
from the subject (a comment's entry or idea) so that the project's rules and time zone apply.
"""

import logging

from django.dispatch import receiver

from core.notifications import notification_requested
from reminders.models import Kind
from reminders.outbox import enqueue

logger = logging.getLogger(__name__)


def project_of(subject):
    """The project a notification's subject belongs to, if it belongs to one."""
    idea = getattr(subject, "idea", None)
    if idea is not None:
        return idea.project
    entry = getattr(subject, "entry", None)
    if entry is not None:
        portfolio = getattr(entry, "portfolio", None)
        return getattr(portfolio, "project", None)
    return getattr(subject, "project", None)


def _plain(value):
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


@receiver(notification_requested, dispatch_uid="reminders.write_reminder")
def write_reminder(sender, kind, recipient, subject, actor=None, context=None, **kwargs):
    if kind not in Kind.values:
        logger.warning("Notification of unknown kind %r is not a reminder.", kind)
        return
    details = {key: _plain(value) for key, value in (context or {}).items()}
    if actor is not None:
        details["actor"] = actor.get_full_name() or actor.get_username()
        details["actor_id"] = actor.pk
    # A subject that comes round again (a results page compiled anew) names its occasion.
    period = str(details.pop("period", "") or "")
    enqueue(kind, recipient, subject, period=period, project=project_of(subject), context=details)
