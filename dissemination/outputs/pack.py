"""The coordinators' final-report pack: the latest revision's summary and the project's tables as
CSV, whatever their visibility, and nothing of any other project."""

from __future__ import annotations

from django.db.models import Avg, Count, F, Sum
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from core.languages import in_language
from core.spreadsheets import csv_text
from dissemination import funding
from dissemination.outputs.rendering import absolute, page_context, site_root, zip_of

ENTRY_TYPES_IN_ACTIVITIES = ("seminarnotepage", "lessonobservationpage", "institutionvisitpage")


def report_pack(page) -> bytes:
    """Everything a coordinator needs for the final report of their own project: the results
    summary (the latest revision, drafts included) and its tables as CSV."""
    draft = page.get_latest_revision_as_object()
    hub = page.project
    root = site_root(page)
    context = page_context(draft, draft.compiled, absolute(root), draft.dissemination_log.all())
    context["hero_src"] = None
    context["funding"] = funding.acknowledgement(funding.portal_settings(page))
    return zip_of(
        {
            "summary.html": render_to_string("dissemination/outputs/brochure.html", context),
            "participants.csv": participants_csv(hub),
            "competence-growth.csv": competence_growth_csv(hub),
            "activities.csv": activities_csv(hub),
            "dissemination-log.csv": dissemination_log_csv(draft),
            "ideas.csv": ideas_csv(hub),
        }
    )


def project_portfolios(hub):
    from portfolios.models import PortfolioPage

    # Each portfolio once, in the hub's language where it has been translated.
    return in_language(PortfolioPage.objects.of_project(hub), hub.locale_id)


def participants_csv(hub):
    """One row per participant of the project: their portfolio, average levels before and after
    across their self-assessment, and the hours of English practice they logged."""
    from core.models import ProjectMembership
    from portfolios.models import PracticeLogEntry, SelfAssessment

    members = (
        ProjectMembership.objects.filter(
            project__translation_key=hub.translation_key,
            role=ProjectMembership.Role.PARTICIPANT,
        )
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    portfolios = {
        row["participant_id"]: row
        for row in project_portfolios(hub).values(
            "pk", "participant_id", "title", "institution", "translation_key"
        )
    }
    portfolio_ids = [row["pk"] for row in portfolios.values()]
    growth = {
        row["portfolio_id"]: row
        for row in SelfAssessment.objects.filter(portfolio_id__in=portfolio_ids)
        .order_by()
        .values("portfolio_id")
        .annotate(
            competences=Count("pk"),
            before=Avg("level_before"),
            after=Avg("level_after"),
            growth=Avg(F("level_after") - F("level_before")),
        )
    }
    # The log is kept on the portfolio it was written to, in whichever language.
    minutes = dict(
        PracticeLogEntry.objects.filter(
            portfolio__translation_key__in=[row["translation_key"] for row in portfolios.values()]
        )
        .values_list("portfolio__translation_key")
        .annotate(Sum("minutes"))
        .order_by()
    )
    rows = []
    seen = set()
    for membership in members:
        user = membership.user
        if user.pk in seen:
            continue
        seen.add(user.pk)
        portfolio = portfolios.get(user.pk, {})
        assessed = growth.get(portfolio.get("pk"), {})
        rows.append(
            [
                user.get_full_name() or user.username,
                user.email,
                portfolio.get("title", ""),
                portfolio.get("institution", ""),
                assessed.get("competences", 0),
                decimal(assessed.get("before")),
                decimal(assessed.get("after")),
                decimal(assessed.get("growth")),
                decimal(minutes.get(portfolio.get("translation_key"), 0) / 60),
            ]
        )
    header = (
        _("Participant"),
        _("Email"),
        _("Portfolio"),
        _("Institution"),
        _("Competences assessed"),
        _("Average level before"),
        _("Average level after"),
        _("Average growth"),
        _("Hours of English practice"),
    )
    return csv_text(header, rows)


def decimal(value):
    return "" if value is None else f"{value:.2f}"


def competence_growth_csv(hub):
    from portfolios.models import SelfAssessment

    rows = (
        SelfAssessment.objects.filter(portfolio__in=project_portfolios(hub))
        .order_by("portfolio__title", "competence__name", "pk")
        .values_list(
            "portfolio__title", "competence__name", "level_before", "level_after", "target_level"
        )
    )
    header = (_("Portfolio"), _("Competence"), _("Before"), _("After"), _("Target"))
    return csv_text(
        header,
        (
            [title, name, before, "" if after is None else after, "" if target is None else target]
            for title, name, before, after, target in rows
        ),
    )


def activities_csv(hub):
    """Seminars, lesson observations and institution visits of the project's portfolios, live
    ones only (a draft is not an activity yet), of every visibility."""
    from portfolios.models import EntryPage

    entries = (
        in_language(
            EntryPage.objects.live()
            .of_project(hub)
            .filter(content_type__model__in=ENTRY_TYPES_IN_ACTIVITIES),
            hub.locale_id,
        )
        .select_related("portfolio", "content_type")
        .specific()
        .order_by("date", "pk")
    )
    rows = []
    for entry in entries:
        host = getattr(entry, "host_institution", None)
        rows.append(
            [
                entry.date.isoformat(),
                entry.specific_class._meta.verbose_name,
                entry.title,
                entry.portfolio.title,
                getattr(entry, "seminar_title", "") or getattr(entry, "subject", ""),
                getattr(entry, "organiser", "") or (host.name if host else ""),
                host.city if host else "",
                host.country if host else "",
                entry.get_visibility_display(),
                entry.full_url or "",
            ]
        )
    header = (
        _("Date"),
        _("Activity"),
        _("Title"),
        _("Portfolio"),
        _("Seminar or subject"),
        _("Organiser or host"),
        _("City"),
        _("Country"),
        _("Visibility"),
        _("Address"),
    )
    return csv_text(header, rows)


def dissemination_log_csv(page):
    header = (_("Date"), _("Event or channel"), _("Audience"), _("Link"))
    return csv_text(
        header,
        (
            [activity.date.isoformat(), activity.event, activity.audience, activity.link]
            for activity in page.dissemination_log.all()
        ),
    )


def ideas_csv(hub):
    from ideas.models import IdeaPage

    ideas = (
        in_language(IdeaPage.objects.of_project(hub), hub.locale_id)
        .select_related("owner")
        .order_by("first_published_at", "pk")
    )
    rows = [
        [
            idea.title,
            idea.get_status_display(),
            (idea.owner.get_full_name() or idea.owner.username) if idea.owner else "",
            idea.get_visibility_display(),
            _("yes") if idea.live else _("no"),
            idea.summary,
            idea.first_published_at.date().isoformat() if idea.first_published_at else "",
        ]
        for idea in ideas
    ]
    header = (
        _("Idea"),
        _("Status"),
        _("Author"),
        _("Visibility"),
        _("Published"),
        _("Summary"),
        _("First published"),
    )
    return csv_text(header, ([str(cell) for cell in row] for row in rows))
