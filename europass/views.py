"""The record's pages: the participant's and coordinator's view and PDF, the project's list for
its coordinators, the mentor's confirmation page (no login: the signed link is the key) and the
public verification page."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from core.visibility import coordinates_project
from europass.actions import (
    Refused,
    confirm,
    current_data,
    may_see,
    may_send,
    record_for,
    verification_url,
)
from europass.forms import ConfirmationForm
from europass.links import expires_at, open_token
from europass.models import ConfirmationRequest, MobilityRecord
from europass.pdf import record_pdf
from europass.record import changes_since, record_hash
from europass.verification import public_view
from home.models import MobilityProjectPage
from portfolios.models import PortfolioPage
from portfolios.views import private_response

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def own_record_or_404(request, pk):
    portfolio = get_object_or_404(
        PortfolioPage.objects.select_related("project", "participant", "locale"), pk=pk
    )
    record = record_for(portfolio)
    if not may_see(request.user, record):
        raise Http404
    return record


@login_required
def record_page(request, pk):
    record = own_record_or_404(request, pk)
    data = current_data(record)
    confirmation = record.latest_confirmation()
    context = {
        "record": record,
        "data": data,
        "confirmation": confirmation,
        "changes": changes_since(confirmation.snapshot, data) if confirmation else [],
        "pending": record.pending_request(),
        "verification_url": verification_url(record) if confirmation else "",
        "may_send": may_send(request.user, record),
    }
    return private_response(render(request, "europass/record.html", context))


def pdf_language(request, record) -> str:
    """``?lang=`` if it names a language of the site, else the participant's own: the language
    they chose for the admin, or their portfolio's."""
    asked = request.GET.get("lang", "")
    if asked in LANGUAGE_CODES:
        return asked
    participant = record.portfolio.participant
    profile = getattr(participant, "wagtail_userprofile", None)
    preferred = getattr(profile, "preferred_language", "") if profile else ""
    if preferred in LANGUAGE_CODES:
        return preferred
    language = record.portfolio.locale.language_code
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


@login_required
def record_pdf_view(request, pk):
    record = own_record_or_404(request, pk)
    language = pdf_language(request, record)
    response = HttpResponse(record_pdf(record, language), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{record.portfolio.slug}-europass-mobility-{language}.pdf"
    )
    return private_response(response)


@login_required
def project_records(request, project_pk):
    hub = get_object_or_404(MobilityProjectPage, pk=project_pk)
    if not (request.user.is_superuser or coordinates_project(request.user, hub)):
        raise Http404
    portfolios = list(
        PortfolioPage.objects.filter(project__translation_key=hub.translation_key)
        .filter(locale_id=hub.locale_id)
        .select_related("participant")
        .order_by("title")
    )
    # A constant number of queries for the list, whatever the number of participants; only a
    # confirmed record is drawn again, to tell whether it changed since.
    records = {
        record.portfolio.translation_key: record
        for record in MobilityRecord.objects.filter(
            portfolio__translation_key__in=[p.translation_key for p in portfolios]
        ).select_related(
            "portfolio__project", "portfolio__participant", "portfolio__locale", "host_institution"
        )
    }
    confirmed, pending = {}, {}
    requests = ConfirmationRequest.objects.filter(record__in=list(records.values()))
    for request_row in requests.filter(status=ConfirmationRequest.Status.CONFIRMED).order_by(
        "-confirmed_at", "-pk"
    ):
        confirmed.setdefault(request_row.record_id, request_row)
    for request_row in requests.filter(status=ConfirmationRequest.Status.PENDING).order_by(
        "-created_at", "-pk"
    ):
        pending.setdefault(request_row.record_id, request_row)
    rows = []
    for portfolio in portfolios:
        record = records.get(portfolio.translation_key) or record_for(portfolio)
        confirmation = confirmed.get(record.pk)
        changed = (
            confirmation is not None
            and record_hash(current_data(record)) != confirmation.snapshot_hash
        )
        rows.append(
            {
                "portfolio": portfolio,
                "record": record,
                "confirmation": confirmation,
                "changed": changed,
                "pending": pending.get(record.pk),
                "send_url": reverse("europass_records:ask_mentor", args=[record.pk]),
            }
        )
    return private_response(
        render(request, "europass/project_records.html", {"hub": hub, "rows": rows})
    )


@never_cache
@csrf_protect
def confirm_page(request, token):
    """The host mentor's page: the record, a box and a note per activity and skill, and their
    name and role. The signed link is all they need."""
    opened = open_token(token)
    if opened.state == "invalid":
        return render(request, "europass/link_invalid.html", status=404)
    if opened.state in ("expired", "replaced"):
        return render(request, "europass/link_expired.html", {"state": opened.state}, status=410)
    confirmation = opened.request
    record = confirmation.record
    if opened.state == "confirmed":
        return render(request, "europass/link_used.html", {"confirmation": confirmation})
    data = current_data(record)
    error = ""
    form = ConfirmationForm(
        request.POST if request.method == "POST" else None,
        record_data=data,
        initial={
            "seen_hash": record_hash(data),
            "name": record.mentor_name,
            "role": record.mentor_role,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            confirm(
                confirmation,
                name=form.cleaned_data["name"],
                role=form.cleaned_data["role"],
                comment=form.cleaned_data["comment"],
                corrections=form.corrections(),
                seen_hash=form.cleaned_data["seen_hash"],
            )
        except Refused as refusal:
            error = refusal.message
            # Shown again as it is now, to be read and confirmed afresh.
            form = ConfirmationForm(
                record_data=data,
                initial={
                    "seen_hash": record_hash(data),
                    "name": form.cleaned_data["name"],
                    "role": form.cleaned_data["role"],
                    "comment": form.cleaned_data["comment"],
                },
            )
        else:
            confirmation.refresh_from_db()
            return render(
                request,
                "europass/confirmed.html",
                {"confirmation": confirmation, "verification_url": verification_url(record)},
            )
    status = 200
    if request.method == "POST":
        status = 409 if error else 400
    response = render(
        request,
        "europass/confirm.html",
        {
            "record": record,
            "data": data,
            "form": form,
            "error": error,
            "expires_at": expires_at(confirmation),
        },
        status=status,
    )
    # The token must not leave the site in a Referer header; "no-referrer" would also make the
    # browser post the form with "Origin: null", which CSRF protection rightly refuses.
    response["Referrer-Policy"] = "same-origin"
    return private_response(response)


def verify_page(request, code):
    record = (
        MobilityRecord.objects.select_related("portfolio__project", "portfolio__participant")
        .filter(verification_code=code)
        .first()
    )
    if record is None:
        raise Http404
    view = public_view(record)
    response = render(request, "europass/verify.html", {"view": view, "code": code})
    response["X-Robots-Tag"] = "noindex"
    return private_response(response)
