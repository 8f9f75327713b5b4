"""A portfolio as a printable summary in the spirit of the Europass Mobility document.

One or two pages a participant can attach to a CV or hand to a head teacher: who went where and
in which project, the competences they rated before and after, the activities that show them,
and the hours of English practice. The summary is drawn from an HTML template by WeasyPrint, in
the language active when it is made.

What goes in passes through ``core.visibility`` like every other surface, so a summary made for
someone other than the participant holds only what that person may see on the site.

WeasyPrint fetches whatever an address in the document points to. The summary is built without a
base URL and with a fetcher that refuses everything except files under ``MEDIA_ROOT``, so text a
participant wrote can never make the server request an address.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, gettext
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from core.visibility import can_view
from portfolios.charts import minutes_per_skill_chart, self_assessment_chart
from portfolios.models import (
    EntryPage,
    InstitutionVisitPage,
    LessonObservationPage,
    PracticeLogEntry,
    SeminarNotePage,
)
from portfolios.models.portfolio import LEVEL_DESCRIPTORS

TEMPLATE = "portfolios/export/pdf.html"
# The entries that show what was done abroad; reflections are the participant's diary.
ACTIVITY_TYPES = (SeminarNotePage, LessonObservationPage, InstitutionVisitPage)


def portfolio_pdf(portfolio, user) -> bytes:
    """The summary of ``portfolio`` as ``user`` may see it, as PDF.

    Raises ``PermissionDenied`` if ``user`` may not see the portfolio at all.
    """
    html = portfolio_summary_html(portfolio, user)
    return HTML(string=html, base_url=None, url_fetcher=MediaOnlyFetcher()).write_pdf()


def portfolio_summary_html(portfolio, user) -> str:
    """The HTML the PDF is drawn from; tests read it to see what a reader is shown."""
    if not can_view(user, portfolio):
        raise PermissionDenied(gettext("You may not see this portfolio, so you cannot print it."))
    return render_to_string(TEMPLATE, summary_context(portfolio, user))


def summary_context(portfolio, user) -> dict:
    project = portfolio.project.localized if portfolio.project else None
    log_visible = can_view(user, PracticeLogEntry(portfolio=portfolio))
    return {
        "language_code": get_language() or settings.LANGUAGE_CODE,
        "portfolio": portfolio,
        "participant_name": portfolio.participant.get_full_name() or portfolio.title,
        "project": project,
        "made_at": timezone.localtime(),
        "competences": competences(portfolio),
        "activities": activities(portfolio, user),
        "practice": practice(portfolio) if log_visible else None,
    }


def competences(portfolio):
    """Self-assessment rows and their chart, with competence names in the current language."""
    rows = [
        (row.competence.localized.name, row.level_before, row.level_after, row.target_level)
        for row in portfolio.self_assessments.select_related("competence").order_by(
            "sort_order", "pk"
        )
    ]
    return {"rows": rows, "chart": self_assessment_chart(rows, LEVEL_DESCRIPTORS)}


def activities(portfolio, user):
    entries = (
        EntryPage.objects.live()
        .child_of(portfolio)
        .visible_to(user)
        .type(*ACTIVITY_TYPES)
        .order_by("date", "pk")
        .specific()
    )
    return [
        {
            "date": entry.date,
            "type": entry.specific_class._meta.verbose_name,
            "title": entry.title,
            "host_institution": getattr(entry, "host_institution", None),
            "organiser": getattr(entry, "organiser", ""),
        }
        for entry in entries
    ]


def practice(portfolio):
    """Hours of English practice per skill, every skill listed, or None while the log is empty."""
    minutes = dict(
        PracticeLogEntry.objects.filter(portfolio=portfolio)
        .values_list("skill")
        .annotate(minutes=Sum("minutes"))
        .order_by()
    )
    total = sum(minutes.values())
    if not total:
        return None
    by_skill = [(label, minutes.get(skill, 0)) for skill, label in PracticeLogEntry.Skill.choices]
    return {
        "total_minutes": total,
        "total_hours": total / 60,
        "rows": [(label, value, value / 60) for label, value in by_skill],
        "chart": minutes_per_skill_chart(by_skill),
    }


class MediaOnlyFetcher(URLFetcher):
    """WeasyPrint's fetcher, for files under ``MEDIA_ROOT`` only; anything else is refused."""

    def __init__(self):
        super().__init__(allowed_protocols=("file",), allow_redirects=False)

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "file" and parts.netloc in ("", "localhost"):
            media_root = Path(settings.MEDIA_ROOT).resolve()
            if Path(unquote(parts.path)).resolve().is_relative_to(media_root):
                return super().fetch(url, headers)
        raise ValueError(f"The portfolio summary fetches nothing from {url!r}.")
