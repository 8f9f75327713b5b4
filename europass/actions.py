"""Write operations on Europass Mobility records: asking the host mentor to confirm one, and the
mentor's confirmation. Each checks, then acts in one transaction; a refusal is a specific
exception with a message for the person refused.

The mentor has no account, so the reminders outbox (whose rows go to users) cannot carry the
email: the request row is this app's own record of it. The email is sent once the request is
committed, and what happened is written back on the row (``sent_at`` or ``send_error``), where
the coordinator sees it and can send a new link.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.visibility import coordinates_project, owns_or_coordinates
from europass.links import expires_at, make_token
from europass.models import ConfirmationRequest, MobilityRecord
from europass.record import build_record, record_hash

logger = logging.getLogger(__name__)


class Refused(Exception):
    """The action was not taken; ``message`` says why, for the person who asked."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def record_for(portfolio) -> MobilityRecord:
    """The record of ``portfolio``, made on first use. A portfolio's translations share one
    record (the one made for whichever translation was asked first)."""
    record = (
        MobilityRecord.objects.select_related("portfolio", "host_institution")
        .filter(portfolio__translation_key=portfolio.translation_key)
        .first()
    )
    if record is None:
        record, _created = MobilityRecord.objects.get_or_create(portfolio=portfolio)
    return record


def current_data(record: MobilityRecord) -> dict:
    return build_record(record.portfolio, record)


def may_see(user, record: MobilityRecord) -> bool:
    """The participant, their project's coordinators and superusers see a record in full."""
    return owns_or_coordinates(user, record.portfolio)


def may_send(user, record: MobilityRecord) -> bool:
    """Only the project's coordinators (and superusers) ask a mentor to confirm a record: the
    confirmation speaks for the project, not for the participant."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or coordinates_project(user, record.portfolio.project)


def absolute(url: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def confirmation_url(request: ConfirmationRequest) -> str:
    with translation.override(request.language):
        return absolute(reverse("europass:confirm", args=[make_token(request)]))


def verification_url(record: MobilityRecord) -> str:
    return absolute(reverse("europass:verify", args=[record.verification_code]))


def ask_mentor(
    record, sender, *, host_institution, mentor_name, mentor_role, mentor_email, language
) -> ConfirmationRequest:
    """Sends the mentor a new link to confirm ``record``; earlier links stop working."""
    if not may_send(sender, record):
        raise Refused(_("Only the project's coordinators may ask a mentor to confirm a record."))
    with transaction.atomic():
        record = MobilityRecord.objects.select_for_update().get(pk=record.pk)
        record.host_institution = host_institution
        record.mentor_name = mentor_name
        record.mentor_role = mentor_role
        record.mentor_email = mentor_email
        record.save()
        record.confirmation_requests.filter(status=ConfirmationRequest.Status.PENDING).update(
            status=ConfirmationRequest.Status.REPLACED
        )
        request = ConfirmationRequest.objects.create(
            record=record, mentor_email=mentor_email, language=language, sent_by=sender
        )
        transaction.on_commit(lambda: send_link(request.pk))
    return request


def send_link(request_pk: int) -> bool:
    """Emails the mentor their link, in the language chosen for them; never raises."""
    request = ConfirmationRequest.objects.select_related(
        "record__portfolio__project", "record__portfolio__participant", "sent_by"
    ).get(pk=request_pk)
    record = request.record
    with translation.override(request.language):
        context = {
            "request": request,
            "record": record,
            "holder": record.portfolio.participant.get_full_name() or record.portfolio.title,
            "project": record.portfolio.project,
            "url": confirmation_url(request),
            "expires_at": expires_at(request),
            "sender": request.sent_by.get_full_name() if request.sent_by else "",
        }
        subject = " ".join(render_to_string("europass/email/confirm_subject.txt", context).split())
        body = render_to_string("europass/email/confirm.txt", context)
    message = EmailMessage(subject, body, to=[request.mentor_email])
    if request.sent_by is not None and request.sent_by.email:
        message.reply_to = [request.sent_by.email]
    try:
        message.send()
    except Exception as exc:
        logger.warning("Could not send Europass confirmation request %s: %s", request.pk, exc)
        ConfirmationRequest.objects.filter(pk=request.pk).update(send_error=str(exc)[:1000])
        return False
    ConfirmationRequest.objects.filter(pk=request.pk).update(sent_at=timezone.now(), send_error="")
    return True


def confirm(request: ConfirmationRequest, *, name, role, comment, corrections, seen_hash):
    """The mentor confirms the record as they read it (``seen_hash``), with their corrections.

    Refused if the link was used or replaced meanwhile, or if the record changed while they
    read it (they are shown the new one to confirm instead).
    """
    with transaction.atomic():
        request = (
            ConfirmationRequest.objects.select_for_update()
            .select_related("record__portfolio")
            .get(pk=request.pk)
        )
        if request.status != ConfirmationRequest.Status.PENDING:
            raise Refused(_("This link has already been used or replaced."))
        data = current_data(request.record)
        if record_hash(data) != seen_hash:
            raise Refused(
                _(
                    "The record changed while you were reading it. Please read it again as it "
                    "is now, then confirm."
                )
            )
        request.status = ConfirmationRequest.Status.CONFIRMED
        request.confirmed_at = timezone.now()
        request.confirmed_by_name = name
        request.confirmed_by_role = role
        request.comment = comment
        request.corrections = corrections
        request.snapshot = data
        request.snapshot_hash = record_hash(data)
        request.save()
    return request
