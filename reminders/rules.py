"""Which scheduled reminders are due, to whom, for which period: the rule evaluation beat runs.

Beat calls ``evaluate`` every few minutes. For each live project and each scheduled kind, the
project's rule (or the defaults, when a coordinator has not written one) says whether a reminder
falls due now on the project's wall clock, and for which *period*: the day for the practice
nudge, the ISO week for weekly reminders and digests, the due date for the self-assessment. Every
evaluation in that period writes the same outbox keys (kind, recipient, subject, period), so
running again, late or twice writes nothing new: each person gets each reminder once per period,
however often beat runs and whichever worker runs it.

Times are wall-clock times in the project's time zone: "20:00 in Riga" stays 20:00 across a
daylight-saving change, because the comparison is made on the local clock, never on a fixed UTC
offset. A run that was missed is caught up later in the same period (later that day, later that
week), never in the next one.

The recipients are found with one query per project and kind, whatever the number of people.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils import timezone

from reminders.models import SCHEDULED_KINDS, Kind, ReminderRule
from reminders.outbox import enqueue_many, project_time_zone

WEEK = datetime.timedelta(days=7)


@dataclass(frozen=True)
class Occasion:
    """A reminder falling due: its period key and the local window it covers."""

    period: str
    starts: datetime.date
    moment: datetime.datetime


def live_projects():
    """One hub per project: the first-created page of each translation group, live."""
    from home.models import MobilityProjectPage

    hubs = MobilityProjectPage.objects.live().order_by("pk")
    first = {}
    for hub in hubs:
        first.setdefault(hub.translation_key, hub)
    return list(first.values())


def rules_of(project) -> dict[str, ReminderRule]:
    """The project's rule for each scheduled kind, the defaults standing in for missing ones."""
    stored = {
        rule.kind: rule
        for rule in ReminderRule.objects.filter(project__translation_key=project.translation_key)
    }
    return {
        str(kind): stored.get(str(kind)) or ReminderRule(project=project, kind=kind)
        for kind in SCHEDULED_KINDS
    }


def _at(day, time, zone):
    return datetime.datetime.combine(day, _as_time(time), tzinfo=zone)


def _as_time(value):
    return value if isinstance(value, datetime.time) else datetime.time.fromisoformat(value)


def _week_key(day):
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def occasion(rule, project, now, *, forced=False) -> Occasion | None:
    """The occasion ``rule`` makes due at ``now``, or None.

    ``forced`` (an administrator's "run now") skips the time of day and the project's window,
    but keeps the period, so a forced run and the scheduled one never both send.
    """
    zone = project_time_zone(project)
    local = now.astimezone(zone)
    today = local.date()
    send_time = _as_time(rule.send_time)
    start, end = project.start_date, project.end_date

    if rule.kind == Kind.PRACTICE_NUDGE:
        if not forced and not (start <= today <= end and local.time() >= send_time):
            return None
        return Occasion(today.isoformat(), today, _at(today, send_time, zone))

    if rule.kind in (Kind.PORTFOLIO_UPDATE, Kind.COORDINATOR_DIGEST):
        monday = today - datetime.timedelta(days=today.weekday())
        day = monday + datetime.timedelta(days=rule.weekday)
        moment = _at(day, send_time, zone)
        last_day = end + datetime.timedelta(weeks=rule.follow_up_weeks)
        if not forced and not (moment <= local and start <= day <= last_day):
            return None
        return Occasion(_week_key(day), day - datetime.timedelta(days=6), moment)

    if rule.kind == Kind.SELF_ASSESSMENT_DUE:
        first = end + datetime.timedelta(days=rule.days_after_end)
        # Weekly from the first due date to the end of the follow-up window (the first one
        # always goes, however short the window): a project that ended long ago nags nobody.
        last_day = max(end + datetime.timedelta(weeks=rule.follow_up_weeks), first)
        if today < first:
            if not forced:
                return None
            day = first
        else:
            # The first due date, then the same weekday each week until it is done.
            day = first + WEEK * ((today - first).days // 7)
            if not forced and local < _at(day, send_time, zone):
                if day == first:
                    return None
                day -= WEEK
            if not forced and day > last_day:
                return None
        return Occasion(day.isoformat(), day, _at(day, send_time, zone))

    if rule.kind == Kind.OBJECTIVES_RATING:
        # Once, on the last day of the mobility; a run missed then catches up within the
        # follow-up window, under the same period, so nobody hears twice.
        moment = _at(end, send_time, zone)
        last_day = end + datetime.timedelta(weeks=rule.follow_up_weeks)
        if not forced and not (moment <= local and today <= last_day):
            return None
        return Occasion(end.isoformat(), end, moment)
    return None


def portfolios_of(project):
    """The project's live portfolios, each once (in the hub's language where translated), so
    that nobody hears twice because their portfolio has a translation."""
    from core.languages import in_language
    from portfolios.models import PortfolioPage

    portfolios = PortfolioPage.objects.live().of_project(project)
    return (
        in_language(portfolios, project.locale_id)
        .select_related("participant")
        .filter(participant__is_active=True)
    )


def practice_nudges(project, when: Occasion):
    """Participants with no English practice logged on the day."""
    from portfolios.models import PracticeLogEntry

    # Written to the portfolio in any of its languages.
    logged = PracticeLogEntry.objects.filter(
        portfolio__translation_key=OuterRef("translation_key"), date=when.starts
    )
    return [
        (portfolio.participant, portfolio, {})
        for portfolio in portfolios_of(project).filter(~Exists(logged))
    ]


def active_since(since):
    """A condition on portfolios: an entry saved or practice logged since ``since``."""
    from portfolios.models import EntryPage, PracticeLogEntry

    entries = EntryPage.objects.filter(
        portfolio__translation_key=OuterRef("translation_key"),
        latest_revision_created_at__gte=since,
    )
    practice = PracticeLogEntry.objects.filter(
        portfolio__translation_key=OuterRef("translation_key"), created_at__gte=since
    )
    return Exists(entries) | Exists(practice)


def portfolio_updates(project, when: Occasion):
    """Participants who added nothing in the week up to the reminder."""
    return [
        (portfolio.participant, portfolio, {})
        for portfolio in portfolios_of(project).exclude(active_since(when.moment - WEEK))
    ]


def open_self_assessment():
    from portfolios.models import SelfAssessment

    return Exists(SelfAssessment.objects.filter(portfolio=OuterRef("pk"), level_after__isnull=True))


def self_assessments_due(project, when: Occasion):
    """Participants with a competence whose "level after" is still empty."""
    return [
        (portfolio.participant, portfolio, {})
        for portfolio in portfolios_of(project).filter(open_self_assessment())
    ]


def display_name(user):
    return user.get_full_name() or user.get_username()


def coordinator_digests(project, when: Occasion):
    """The project's coordinators, each with the same summary of the week."""
    from core.languages import in_language
    from core.models import ProjectMembership
    from ideas.models import IdeaPage
    from portfolios.models import EntryPage

    since = when.moment - WEEK
    key = project.translation_key
    # A translation is not news: each entry and idea counts once.
    new_entries = in_language(
        EntryPage.objects.live().of_project(project).filter(first_published_at__gte=since),
        project.locale_id,
    )
    new_ideas = in_language(
        IdeaPage.objects.live().of_project(project).filter(first_published_at__gte=since),
        project.locale_id,
    )
    portfolios = portfolios_of(project)
    summary = {
        "week": when.period,
        "new_entries": new_entries.count(),
        "new_ideas": new_ideas.count(),
        "no_recent_activity": sorted(
            display_name(portfolio.participant)
            for portfolio in portfolios.exclude(active_since(since))
        ),
        "self_assessment_open": sorted(
            display_name(portfolio.participant)
            for portfolio in portfolios.filter(open_self_assessment())
        ),
    }
    coordinators = ProjectMembership.objects.filter(
        project__translation_key=key,
        role=ProjectMembership.Role.COORDINATOR,
        user__is_active=True,
    ).select_related("user")
    return [(membership.user, project, summary) for membership in coordinators]


def objectives_to_rate(project, when: Occasion):
    """Every participant with a portfolio in the project: the mobility ends, and each rates the
    objectives (from My portfolio)."""
    return [(portfolio.participant, project, {}) for portfolio in portfolios_of(project)]


RECIPIENTS = {
    Kind.PRACTICE_NUDGE: practice_nudges,
    Kind.PORTFOLIO_UPDATE: portfolio_updates,
    Kind.SELF_ASSESSMENT_DUE: self_assessments_due,
    Kind.COORDINATOR_DIGEST: coordinator_digests,
    Kind.OBJECTIVES_RATING: objectives_to_rate,
}


def due_rows(rule, project, now, *, forced=False):
    """The outbox rows ``rule`` makes due at ``now`` (nothing if it is off or not due)."""
    if not rule.enabled:
        return []
    when = occasion(rule, project, now, forced=forced)
    if when is None:
        return []
    return [
        {
            "kind": rule.kind,
            "recipient": recipient,
            "subject": subject,
            "period": when.period,
            "project": project,
            "context": context,
        }
        for recipient, subject, context in RECIPIENTS[rule.kind](project, when)
    ]


def evaluate(now=None) -> int:
    """Write every scheduled reminder due at ``now``; returns how many rows were new."""
    now = now or timezone.now()
    rows = []
    for project in live_projects():
        for rule in rules_of(project).values():
            rows.extend(due_rows(rule, project, now))
    return enqueue_many(rows)


def run_rule_now(rule_pk, now=None) -> int:
    """Evaluate one rule at once, whatever the time and the project's dates ("run now").

    The period stays that of today, so people already reminded today (or this week) are not
    reminded again.
    """
    rule = ReminderRule.objects.select_related("project").filter(pk=rule_pk).first()
    if rule is None or rule.kind not in SCHEDULED_KINDS:
        return 0
    return enqueue_many(due_rows(rule, rule.project, now or timezone.now(), forced=True))
