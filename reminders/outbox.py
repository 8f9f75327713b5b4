"""Writing reminders into the outbox, and handing them to Celery once the writing has committed.

``enqueue`` is what everybody else calls, inside the transaction of whatever makes the reminder
due: the row is stored with its cause or not at all. Only after the commit is a send task
published, and publishing is best effort: if Redis is down the caller's request still succeeds,
the row waits as ``pending``, and ``relay`` (run by beat) publishes it again once the broker is
back. So a reminder never depends on a message surviving in the broker.

A recipient's preferences are applied here: a kind they turned off is not written at all, and a
kind they take as a digest is written due at the next digest time, flagged so that it is never
sent on its own but bundled by ``delivery.send_digests``.
"""

from __future__ import annotations

import datetime
import logging
import zoneinfo
from collections.abc import Iterable, Mapping
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from reminders.delivery import DIGEST_FLAG, claimable
from reminders.models import Delivery, Reminder, ReminderPreference, ReminderRule
from reminders.sending import send_batch, send_reminder

logger = logging.getLogger(__name__)

# Local time, in the project's time zone, at which the day's digest falls due.
DIGEST_TIME = datetime.time(7, 0)
# Ids per ``send_batch`` task: small enough that a killed worker leaves little half done.
BATCH_SIZE = 100
# Rows written per INSERT by ``enqueue_many``.
INSERT_BATCH_SIZE = 1000
# A pending row younger than this is left to the message published on its commit.
RELAY_GRACE = datetime.timedelta(seconds=30)


def project_time_zone(project) -> zoneinfo.ZoneInfo:
    zone = getattr(project, "time_zone", None) if project is not None else None
    if zone is None:
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return zone if isinstance(zone, datetime.tzinfo) else zoneinfo.ZoneInfo(str(zone))


def next_digest_time(project=None, now=None) -> datetime.datetime:
    """The next ``DIGEST_TIME`` on the project's wall clock, as an aware datetime."""
    now = now or timezone.now()
    zone = project_time_zone(project)
    local_now = now.astimezone(zone)
    due = datetime.datetime.combine(local_now.date(), DIGEST_TIME, tzinfo=zone)
    if due <= local_now:
        due = datetime.datetime.combine(
            local_now.date() + datetime.timedelta(days=1), DIGEST_TIME, tzinfo=zone
        )
    return due.astimezone(datetime.UTC)


def _disabled_kinds(project) -> set[str]:
    """Kinds whose rule is switched off for this project (in any of its translations)."""
    if project is None:
        return set()
    key = getattr(project, "translation_key", None)
    rules = ReminderRule.objects.filter(enabled=False)
    rules = rules.filter(project__translation_key=key) if key else rules.filter(project=project)
    return set(rules.values_list("kind", flat=True))


def _delivery_choices(user_ids) -> dict[int, dict]:
    return dict(
        ReminderPreference.objects.filter(user_id__in=user_ids).values_list("user_id", "delivery")
    )


def _row(kind, recipient_id, subject, period, project, context, delivery, now) -> Reminder | None:
    if delivery == Delivery.OFF:
        return None
    context = dict(context or {})
    due_at = now
    if delivery == Delivery.DIGEST:
        context[DIGEST_FLAG] = True
        due_at = next_digest_time(project, now)
    return Reminder(
        kind=str(kind),
        recipient_id=recipient_id,
        subject_type=ContentType.objects.get_for_model(subject, for_concrete_model=False),
        subject_id=str(subject.pk),
        period=period,
        project=project,
        context=context,
        created_at=now,
        due_at=due_at,
    )


def enqueue(kind, recipient, subject, *, period="", project=None, context=None) -> Reminder | None:
    """Write one reminder unless it already exists, is unwanted, or its rule is off.

    Returns the new row, or None when nothing was written. Call it inside the transaction of
    the reminder's cause; the send task is published only after that transaction commits.
    """
    if str(kind) in _disabled_kinds(project):
        return None
    delivery = _delivery_choices([recipient.pk]).get(recipient.pk, {}).get(str(kind))
    reminder = _row(
        kind,
        recipient.pk,
        subject,
        period,
        project,
        context,
        delivery or Delivery.IMMEDIATE,
        timezone.now(),
    )
    if reminder is None:
        return None
    try:
        # A savepoint: the caller's transaction carries on when the row is already there.
        with transaction.atomic():
            reminder.save(force_insert=True)
    except IntegrityError:
        return None
    if not reminder.context.get(DIGEST_FLAG):
        transaction.on_commit(partial(publish, [reminder.pk]))
    return reminder


def enqueue_many(rows: Iterable[Mapping]) -> int:
    """Write many reminders at once, as rule evaluation does; returns how many were new.

    Each row is a mapping with ``kind``, ``recipient`` (a user or a user id) and ``subject`` (a
    model instance), and optionally ``period``, ``project`` and ``context`` — the arguments of
    ``enqueue``. Rows that already exist are skipped by the database, and the new ones are sent
    in batches of ids after the commit.
    """
    rows = list(rows)
    if not rows:
        return 0
    now = timezone.now()
    user_ids = {getattr(row["recipient"], "pk", row["recipient"]) for row in rows}
    deliveries = _delivery_choices(user_ids)
    disabled = {}
    reminders = []
    for row in rows:
        project = row.get("project")
        project_key = project.pk if project is not None else None
        if project_key not in disabled:
            disabled[project_key] = _disabled_kinds(project)
        kind = str(row["kind"])
        if kind in disabled[project_key]:
            continue
        recipient_id = getattr(row["recipient"], "pk", row["recipient"])
        reminder = _row(
            kind,
            recipient_id,
            row["subject"],
            row.get("period", ""),
            project,
            row.get("context"),
            deliveries.get(recipient_id, {}).get(kind) or Delivery.IMMEDIATE,
            now,
        )
        if reminder is not None:
            reminders.append(reminder)
    with transaction.atomic():
        Reminder.objects.bulk_create(reminders, batch_size=INSERT_BATCH_SIZE, ignore_conflicts=True)
        # ``ignore_conflicts`` returns no ids; the rows written just now carry this call's
        # ``created_at``, while a row that already existed keeps its own.
        kinds = {reminder.kind for reminder in reminders}
        new = Reminder.objects.filter(
            status=Reminder.Status.PENDING, due_at__gte=now, created_at=now, kind__in=kinds
        )
        immediate = list(new.exclude(context__has_key=DIGEST_FLAG).values_list("pk", flat=True))
        written = new.count()
        transaction.on_commit(partial(publish, immediate))
    return written


def publish(pks: list[int]) -> bool:
    """Publish send tasks for these rows, in batches; never raise.

    A broker that is down costs one connection attempt, not Celery's and kombu's usual retries
    (seconds each): the rows stay pending for ``relay``. The transport's connect timeout
    (``CELERY_BROKER_TRANSPORT_OPTIONS``) bounds the attempt when the broker does not answer.
    """
    try:
        with send_reminder.app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=0)
            for start in range(0, len(pks), BATCH_SIZE):
                batch = pks[start : start + BATCH_SIZE]
                if len(batch) == 1:
                    send_reminder.apply_async((batch[0],), connection=connection, retry=False)
                else:
                    send_batch.apply_async((batch,), connection=connection, retry=False)
    except Exception as exc:
        logger.warning(
            "Could not publish %d reminder(s), which stay pending for the relay: %s",
            len(pks),
            exc,
        )
        return False
    return True


def relay(now=None) -> int:
    """Publish send tasks again for every individual row that is due and waiting.

    This is how nothing waits on a lost message: a row whose task never reached the broker, or
    whose worker was killed, is picked up here. Claims are conditional, so a row published twice
    is still sent once. Digest rows are left to ``delivery.send_digests``.
    """
    now = now or timezone.now()
    waiting = (
        Reminder.objects.filter(claimable(now))
        .exclude(status=Reminder.Status.PENDING, due_at__gt=now - RELAY_GRACE)
        .exclude(context__has_key=DIGEST_FLAG)
        .order_by("due_at", "pk")
    )
    pks = list(waiting.values_list("pk", flat=True))
    if pks:
        publish(pks)
    return len(pks)
