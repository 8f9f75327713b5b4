"""Sending what the outbox holds: claim, send, mark — each reminder once.

A sender first claims rows with one conditional UPDATE (pending and due → sending; on PostgreSQL
the rows are picked with ``SELECT … FOR UPDATE SKIP LOCKED``, so two workers never wait on or take
the same row), then sends each with Django's email backend and marks it sent at once, so the only
window in which a reminder can go out twice is between the mail server's accept and that commit,
should the worker die exactly then. A row left "sending" longer than the lease belongs to a dead
worker and may be claimed again.

A failed send goes back to pending with exponential backoff (1, 2, 4, 8 minutes) and is sent
again by the relay once due; after ``MAX_ATTEMPTS`` it is marked failed, with the error, for the
admin's outbox listing.

Nothing is sent about something its recipient may no longer see. Between the cause and the send
an idea may have become private, an entry been unpublished, a comment been hidden or a whole page
been deleted, so each row is checked against the visibility rule (``core.visibility``) when it is
sent, for its own recipient: a row that fails is cancelled with the reason, before anything of it
(a title, a comment) is rendered. Digests check each of their items the same way.
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter

from celery.exceptions import SoftTimeLimitExceeded
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_noop
from wagtail.models import Page

from core.visibility import Audience, can_view, owns_or_coordinates
from reminders import emails
from reminders.models import Delivery, Kind, Reminder, ReminderPreference

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RETRY_BASE = datetime.timedelta(minutes=1)
# How long a claimed row may stay "sending" before it counts as abandoned by a dead worker.
LEASE = datetime.timedelta(minutes=10)
# The key in ``Reminder.context`` that marks a row for the daily digest (the outbox sets it).
DIGEST_FLAG = "digest"

Status = Reminder.Status

# Why a row was not sent, kept in it for the admin's outbox: stored in English, shown in the
# reader's language (``reminders.admin.outbox.last_error_of``).
TURNED_OFF = gettext_noop("The recipient turned this kind of reminder off.")
INACTIVE = gettext_noop("The recipient's account is inactive.")
NO_ADDRESS = gettext_noop("The recipient has no email address.")
GONE = gettext_noop("What the reminder is about no longer exists.")
OUT_OF_SIGHT = gettext_noop("The recipient may no longer see what the reminder is about.")
COMMENT_HIDDEN = gettext_noop("A coordinator hid the comment.")
NOT_COORDINATOR = gettext_noop("The recipient no longer coordinates the project.")
NOT_REVIEWER = gettext_noop("The recipient no longer reviews the results page.")
REASONS = (
    TURNED_OFF,
    INACTIVE,
    NO_ADDRESS,
    GONE,
    OUT_OF_SIGHT,
    COMMENT_HIDDEN,
    NOT_COORDINATOR,
    NOT_REVIEWER,
)


def claimable(now) -> Q:
    """Rows a sender may take: pending and due, or left "sending" by a worker that died."""
    return Q(status=Reminder.Status.PENDING, due_at__lte=now) | Q(
        status=Reminder.Status.SENDING, claimed_at__lt=now - LEASE
    )


def retry_delay(attempts: int) -> datetime.timedelta:
    """How long to wait after the ``attempts``-th failed attempt."""
    return RETRY_BASE * 2 ** max(attempts - 1, 0)


def claim(pks, now=None) -> list[Reminder]:
    """Take these rows for sending, if they are still free to take; returns those taken."""
    now = now or timezone.now()
    with transaction.atomic():
        free = list(
            Reminder.objects.select_for_update(skip_locked=True)
            .filter(claimable(now), pk__in=list(pks))
            .values_list("pk", flat=True)
        )
        if free:
            Reminder.objects.filter(claimable(now), pk__in=free).update(
                status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
            )
    if not free:
        return []
    return list(
        Reminder.objects.filter(pk__in=free, status=Status.SENDING, claimed_at=now)
        .select_related("recipient__wagtail_userprofile", "project")
        .prefetch_related("subject")
        .order_by("pk")
    )


def _preferences(user_ids) -> dict[int, ReminderPreference]:
    return {p.user_id: p for p in ReminderPreference.objects.filter(user_id__in=user_ids)}


def mark_sent(pks, now=None):
    Reminder.objects.filter(pk__in=pks, status=Status.SENDING).update(
        status=Status.SENT, sent_at=now or timezone.now(), last_error=""
    )


def mark_cancelled(pks, reason: str):
    Reminder.objects.filter(pk__in=pks, status=Status.SENDING).update(
        status=Status.CANCELLED, last_error=reason
    )


def mark_failed_attempt(reminders, error: str, now=None):
    """Back to pending for a later attempt, or failed for good after the last one."""
    now = now or timezone.now()
    for reminder in reminders:
        rows = Reminder.objects.filter(pk=reminder.pk, status=Status.SENDING)
        if reminder.attempts >= MAX_ATTEMPTS:
            rows.update(status=Status.FAILED, last_error=error)
        else:
            rows.update(
                status=Status.PENDING,
                due_at=now + retry_delay(reminder.attempts),
                last_error=error,
            )


def _unwanted(reminder, preference) -> str:
    """Why this reminder must not go out now, if it must not."""
    user = reminder.recipient
    if preference is not None and preference.delivery_of(reminder.kind) == Delivery.OFF:
        return TURNED_OFF
    if not user.is_active:
        return INACTIVE
    if not user.email:
        return NO_ADDRESS
    return _out_of_sight(reminder)


def _out_of_sight(reminder) -> str:
    """Why the recipient may no longer hear about the reminder's subject, if they may not.

    What the email would tell of is the idea of a status change, a support or a comment, the
    entry of a comment, or the subject itself (a portfolio, a project, a results page). Whatever
    declares a visibility rule is asked through it; a project's digest, which names its
    participants, goes to its coordinators only; a results draft to review, which nobody outside
    the admin has seen, to its reviewers only; any other page to those who may open it.
    """
    user = reminder.recipient
    subject = reminder.subject
    if subject is None:
        return GONE
    if getattr(subject, "hidden_at", None) is not None:
        return COMMENT_HIDDEN
    about = emails.page_about(subject)
    if about is None:
        about = subject
    if getattr(about, "visibility_rule", None) is not None:
        return "" if _may_see(user, about) else OUT_OF_SIGHT
    if reminder.kind == Kind.COORDINATOR_DIGEST:
        audience = Audience.of(user)
        key = getattr(about, "translation_key", None)
        return "" if audience.superuser or key in audience.coordinator_of else NOT_COORDINATOR
    if reminder.kind == Kind.RESULTS_REVIEW and isinstance(about, Page):
        return "" if _may_review(user, about) else NOT_REVIEWER
    if isinstance(about, Page):
        return "" if _may_open_page(user, about) else OUT_OF_SIGHT
    return ""


def _may_see(user, obj) -> bool:
    """The visibility rule's answer for one object, unpublished pages included: as in
    ``hidden_pages``, an unpublished page is its author's draft, whatever its level."""
    if owns_or_coordinates(user, obj):
        return True
    if isinstance(obj, Page) and not obj.live:
        return False
    return can_view(user, obj)


def _may_open_page(user, page) -> bool:
    """A page no rule governs: live and open to all, or one the user may review."""
    if page.live and not page.get_view_restrictions().exists():
        return True
    return _may_review(user, page)


def _may_review(user, page) -> bool:
    """Wagtail's own answer: the user may publish the page, or its workflow's current task is
    theirs to act on."""
    if page.permissions_for_user(user).can_publish():
        return True
    task = page.current_workflow_task
    return task is not None and task.specific.user_can_access_editor(page, user)


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


def deliver(pks) -> Counter:
    """Claim, send and mark these reminders (digest rows excepted); returns what became of them.

    Safe to call any number of times with the same ids: a row already taken, sent or not yet due
    is left alone.
    """
    outcome = Counter()
    claimed = claim(pks)
    digest_rows = [r for r in claimed if r.context.get(DIGEST_FLAG)]
    if digest_rows:
        # Taken by mistake (an id passed by hand): back to the digest that owns them.
        Reminder.objects.filter(pk__in=[r.pk for r in digest_rows]).update(
            status=Status.PENDING, attempts=F("attempts") - 1, claimed_at=None
        )
    claimed = [r for r in claimed if not r.context.get(DIGEST_FLAG)]
    if not claimed:
        return outcome
    preferences = _preferences({r.recipient_id for r in claimed})
    texts = emails.rule_texts(claimed)
    connection = get_connection()
    try:
        # One connection for the batch; a mail server that cannot be reached fails them all now
        # rather than timing out once per reminder.
        connection.open()
    except Exception as exc:
        logger.warning("No connection to the mail server.", exc_info=True)
        mark_failed_attempt(claimed, _describe(exc))
        outcome["retry"] += len(claimed)
        return outcome
    try:
        for reminder in claimed:
            preference = preferences.get(reminder.recipient_id)
            try:
                reason = _unwanted(reminder, preference)
                if reason:
                    mark_cancelled([reminder.pk], reason)
                    outcome["cancelled"] += 1
                    continue
                message = emails.reminder_email(reminder, preference, texts)
                message.connection = connection
                message.send()
            except SoftTimeLimitExceeded:
                raise
            except Exception as exc:
                logger.warning("Reminder %s was not sent.", reminder.pk, exc_info=True)
                mark_failed_attempt([reminder], _describe(exc))
                outcome["retry" if reminder.attempts < MAX_ATTEMPTS else "failed"] += 1
                continue
            mark_sent([reminder.pk])
            outcome["sent"] += 1
    finally:
        connection.close()
    return outcome


def users_with_due_digests(now=None) -> list[int]:
    now = now or timezone.now()
    return list(
        Reminder.objects.filter(claimable(now), context__has_key=DIGEST_FLAG)
        .values_list("recipient_id", flat=True)
        .distinct()
        .order_by("recipient_id")
    )


def send_digest(user_id: int, now=None) -> Counter:
    """One email bundling every digest reminder of this user that is due; idempotent."""
    now = now or timezone.now()
    outcome = Counter()
    due = Reminder.objects.filter(
        claimable(now), recipient_id=user_id, context__has_key=DIGEST_FLAG
    ).values_list("pk", flat=True)
    claimed = claim(list(due), now)
    if not claimed:
        return outcome
    preference = _preferences([user_id]).get(user_id)
    wanted = []
    try:
        # Each item on its own: one the reader may no longer see leaves the digest, not the rest.
        for reminder in claimed:
            reason = _unwanted(reminder, preference)
            if reason:
                mark_cancelled([reminder.pk], reason)
                outcome["cancelled"] += 1
            else:
                wanted.append(reminder)
    except SoftTimeLimitExceeded:
        raise
    except Exception as exc:
        logger.warning("The digest for user %s was not checked.", user_id, exc_info=True)
        # Those already cancelled stay so; the rest wait for another attempt.
        mark_failed_attempt(claimed, _describe(exc))
        outcome["retry"] += len(claimed) - outcome["cancelled"]
        return outcome
    if not wanted:
        return outcome
    texts = emails.rule_texts(wanted)
    try:
        emails.digest_email(wanted[0].recipient, wanted, preference, texts).send()
    except SoftTimeLimitExceeded:
        raise
    except Exception as exc:
        logger.warning("The digest for user %s was not sent.", user_id, exc_info=True)
        mark_failed_attempt(wanted, _describe(exc))
        outcome["retry"] += len(wanted)
        return outcome
    mark_sent([r.pk for r in wanted])
    outcome["sent"] += len(wanted)
    return outcome
