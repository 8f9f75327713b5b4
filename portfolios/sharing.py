"""What a secret share link shows: the one place that decides it.

A link opens one portfolio to whoever holds it, whatever the portfolio's own visibility: its
profile, its self-assessment, the entries the owner shared at some level (anything but private)
and, if the owner shared the practice log at some level, the log's totals. Private entries and
drafts never appear. A revoked or expired link, or an unpublished portfolio, opens nothing.

The images and documents of what a link shows are fetched by the browser with their own
addresses, which carry no token; so the session remembers the links it opened, and a file check
(``core.files``) asks which portfolios those links still open, right now: revoking a link
closes its files at once too.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils import timezone

from core.visibility import Visibility, at_least
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


# The links a browser session opened, newest last; a few are plenty for one reader.
SESSION_KEY = "portfolios.share_tokens"
REMEMBERED_LINKS = 20


def remember_share_link(request, token):
    tokens = [known for known in request.session.get(SESSION_KEY, []) if known != token]
    request.session[SESSION_KEY] = [*tokens, token][-REMEMBERED_LINKS:]


def portfolio_ids_shared_with(request) -> set[int]:
    """The live portfolios that the share links this session opened still open."""
    tokens = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if not tokens:
        return set()
    now = timezone.now()
    return set(
        PortfolioShareLink.objects.filter(
            token__in=tokens,
            revoked_at__isnull=True,
            portfolio__live=True,
        )
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .values_list("portfolio_id", flat=True)
    )


def shown_by_share_links(pages, portfolio_ids):
    """Those of ``pages`` (portfolios or entries) that links to ``portfolio_ids`` show."""
    if pages.model is PortfolioPage or issubclass(pages.model, PortfolioPage):
        return pages.filter(pk__in=portfolio_ids, live=True)
    return pages.filter(portfolio_id__in=portfolio_ids, live=True, visibility__in=SHARED_LEVELS)


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
