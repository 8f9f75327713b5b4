"""What a secret share link shows: the one place that decides it.

A link opens one portfolio to whoever holds it, whatever the portfolio's own visibility: its
profile, its self-assessment, the entries the owner shared at some level (anything but private)
and, if the owner shared the practice log at some level, the log's totals. Private entries and
drafts never appear. A revoked or expired link, or an unpublished portfolio, opens nothing.
"""

from dataclasses import dataclass

from django.db.models import Count, Sum

from home.visibility import Visibility, at_least
from portfolios.models import EntryPage, PortfolioPage, PortfolioShareLink, PracticeLogEntry

# Marking something "project" or wider is the owner's choice to share it; only private is kept back.
SHARED_LEVELS = at_least(Visibility.PROJECT)


def portfolio_opened_by(token) -> PortfolioPage | None:
    """The portfolio ``token`` opens right now, or None."""
    link = (
        PortfolioShareLink.objects.select_related("portfolio__project").filter(token=token).first()
    )
    if link is None or not link.is_active or not link.portfolio.live:
        return None
    return link.portfolio


def shared_entries(portfolio):
    return (
        EntryPage.objects.live()
        .child_of(portfolio)
        .filter(visibility__in=SHARED_LEVELS)
        .select_related("content_type")
        .order_by("-date", "-pk")
    )


@dataclass(frozen=True)
class SkillTotal:
    label: str
    minutes: int
    sessions: int


@dataclass(frozen=True)
class PracticeTotals:
    minutes: int
    sessions: int
    by_skill: list[SkillTotal]


def shared_practice_totals(portfolio) -> PracticeTotals | None:
    """The practice log summed up, or None if the owner keeps the log private."""
    if portfolio.practice_log_visibility not in SHARED_LEVELS:
        return None
    rows = {
        row["skill"]: row
        for row in PracticeLogEntry.objects.filter(portfolio=portfolio)
        .values("skill")
        .annotate(minutes=Sum("minutes"), sessions=Count("pk"))
        .order_by()
    }
    by_skill = [
        SkillTotal(label, rows[skill]["minutes"], rows[skill]["sessions"])
        for skill, label in PracticeLogEntry.Skill.choices
        if skill in rows
    ]
    return PracticeTotals(
        minutes=sum(skill.minutes for skill in by_skill),
        sessions=sum(skill.sessions for skill in by_skill),
        by_skill=by_skill,
    )
