"""The coordinators' project overview: how each participant's portfolio is coming along.

One place builds every figure the overview page and the admin dashboard panel show, each with a
fixed number of SQL queries however many participants, entries and log rows a project has: the
database groups and adds up, Python only arranges the totals.

Who may see it is decided by ``core.visibility``: the project's coordinators (a membership of
any translation of the hub counts, as everywhere) and superusers.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count, Max, Q, Sum
from django.utils import translation
from django.utils.translation import pgettext_lazy

from core.models import ProjectMembership
from core.visibility import ORDER, Visibility, coordinates_project, narrowest
from home.models import MobilityProjectPage
from portfolios.models import (
    EntryComment,
    EntryPage,
    PortfolioPage,
    PracticeLogEntry,
    SelfAssessment,
)


def may_see_overview(user, hub) -> bool:
    """Is ``user`` a coordinator of ``hub``'s project, or a superuser?"""
    return user.is_superuser or coordinates_project(user, hub)


def in_active_language(pages, key=lambda page: page.translation_key):
    """One page per ``key`` (by default, per set of translations): the one in the active
    language, else the first one found. The pages' locales should be loaded with them."""
    language = (translation.get_language() or "").split("-")[0]
    chosen = {}
    for page in pages:
        current = chosen.get(key(page))
        if current is None or (
            page.locale.language_code == language and current.locale.language_code != language
        ):
            chosen[key(page)] = page
    return list(chosen.values())


def coordinated_projects(user):
    """The projects ``user`` coordinates (by membership), newest first, in the active language."""
    from home.projects import coordinated_projects as hubs_in_every_language

    hubs = in_active_language(hubs_in_every_language(user).select_related("locale"))
    return sorted(hubs, key=lambda hub: (-hub.start_date.toordinal(), hub.title))


def project_in_active_language(hub_pk):
    """The hub with id ``hub_pk`` or, if there is one, its translation in the active language:
    one query."""
    translations = MobilityProjectPage.objects.filter(
        translation_key__in=MobilityProjectPage.objects.filter(pk=hub_pk).values("translation_key")
    ).select_related("locale")
    chosen = in_active_language(sorted(translations, key=lambda hub: hub.pk != hub_pk))
    return chosen[0] if chosen else None


@dataclass
class SelfAssessmentState:
    competences: int = 0
    rated_after: int = 0

    @property
    def done(self) -> bool:
        return self.competences > 0 and self.rated_after == self.competences

    @property
    def started(self) -> bool:
        return self.competences > 0


# Column headings of the entries table: drafts, then the visibility levels, narrowest first.
COLUMNS = {
    "drafts": pgettext_lazy("entries not published yet", "Drafts"),
    Visibility.PRIVATE.value: pgettext_lazy("visibility level", "Private"),
    Visibility.PROJECT.value: pgettext_lazy("visibility level", "Project"),
    Visibility.REGISTERED.value: pgettext_lazy("visibility level", "Registered"),
    Visibility.PUBLIC.value: pgettext_lazy("visibility level", "Public"),
}


@dataclass
class EntryTypeRow:
    """One kind of entry in one portfolio: how many there are at each level, and drafts."""

    label: str
    drafts: int = 0
    by_level: dict = field(default_factory=lambda: {level.value: 0 for level in ORDER})

    @property
    def total(self) -> int:
        return self.drafts + sum(self.by_level.values())

    @property
    def counts(self):
        """(column heading, count) for drafts and each level, widest level last."""
        return [
            (COLUMNS["drafts"], self.drafts),
            *((COLUMNS[level.value], self.by_level[level.value]) for level in ORDER),
        ]

    @property
    def present(self):
        """The columns that count something, for a short line instead of a table."""
        return [(heading, count) for heading, count in self.counts if count]


@dataclass
class ParticipantProgress:
    """What the overview says about one participant of the project."""

    user: object
    project_key: object
    portfolio: PortfolioPage | None = None
    entry_types: dict = field(default_factory=dict)
    practice_minutes: int = 0
    practice_rows: int = 0
    self_assessment: SelfAssessmentState = field(default_factory=SelfAssessmentState)
    unread_comments: int = 0
    activity: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def entry_rows(self):
        return sorted(self.entry_types.values(), key=lambda row: str(row.label))

    @property
    def entries(self) -> int:
        return sum(row.total for row in self.entry_types.values())

    @property
    def published_entries(self) -> int:
        return sum(sum(row.by_level.values()) for row in self.entry_types.values())

    @property
    def drafts(self) -> int:
        return sum(row.drafts for row in self.entry_types.values())

    @property
    def last_activity(self) -> datetime.datetime | None:
        moments = [moment for moment in self.activity if moment is not None]
        return max(moments) if moments else None


def entry_type_label(app_label, model_name):
    try:
        return apps.get_model(app_label, model_name)._meta.verbose_name
    except LookupError:
        return model_name


def participants_progress(project_keys) -> list[ParticipantProgress]:
    """Every participant of the projects with ``project_keys`` (translation keys), with figures.

    Participants are the project's participant members and whoever has a portfolio in it, so
    a member still waiting for a portfolio is listed too. A participant's portfolio and entries
    may exist in several languages: the figures count each entry once whatever its translations
    (by translation key), and the portfolio linked is the one in the active language. Six queries,
    whatever the numbers.
    """
    project_keys = list(project_keys)
    if not project_keys:
        return []
    portfolios = list(
        PortfolioPage.objects.of_projects(project_keys)
        .select_related("participant", "project", "locale")
        .order_by("title", "pk")
    )

    def participant_of(portfolio):
        return (portfolio.project.translation_key, portfolio.participant_id)

    progress = {
        participant_of(portfolio): ParticipantProgress(
            portfolio.participant, portfolio.project.translation_key, portfolio
        )
        for portfolio in in_active_language(portfolios, key=participant_of)
    }
    # Every translation of a portfolio counts towards its participant's figures.
    by_portfolio = {portfolio.pk: progress[participant_of(portfolio)] for portfolio in portfolios}
    for portfolio in portfolios:
        by_portfolio[portfolio.pk].activity.append(portfolio.latest_revision_created_at)

    members = (
        ProjectMembership.objects.filter(
            project__translation_key__in=project_keys, role=ProjectMembership.Role.PARTICIPANT
        )
        .select_related("user", "project")
        .order_by("user__first_name", "user__last_name", "user__username")
    )
    waiting = {}
    for membership in members:
        key = (membership.project.translation_key, membership.user_id)
        if key not in progress and key not in waiting:
            waiting[key] = ParticipantProgress(membership.user, key[0])

    entries = EntryPage.objects.filter(portfolio_id__in=by_portfolio)
    # A draft translation of a published entry (Wagtail's "Translate" makes one) is not a draft
    # entry: the entry is published.
    entries = entries.exclude(
        live=False,
        translation_key__in=entries.filter(live=True).values("translation_key"),
    )
    # Grouped by participant rather than portfolio, so that each entry counts once across the
    # translations of a portfolio (unless its translations were given different levels).
    counts = (
        entries.values_list(
            "portfolio__project__translation_key",
            "portfolio__participant_id",
            "content_type__app_label",
            "content_type__model",
            "visibility",
            "portfolio__visibility",
        )
        .annotate(
            published=Count("translation_key", distinct=True, filter=Q(live=True)),
            drafts=Count("translation_key", distinct=True, filter=Q(live=False)),
            latest=Max("latest_revision_created_at"),
        )
        .order_by()
    )
    for project_key, user_id, app_label, model_name, level, portfolio_level, *figures in counts:
        published, drafts, latest = figures
        row = progress[(project_key, user_id)]
        kind = row.entry_types.get((app_label, model_name))
        if kind is None:
            kind = row.entry_types[(app_label, model_name)] = EntryTypeRow(
                entry_type_label(app_label, model_name)
            )
        # As visitors meet it: an entry is never shown wider than its portfolio.
        kind.by_level[narrowest(level, portfolio_level)] += published
        kind.drafts += drafts
        row.activity.append(latest)

    practice = (
        PracticeLogEntry.objects.filter(portfolio_id__in=by_portfolio)
        .values_list("portfolio_id")
        .annotate(minutes=Sum("minutes"), rows=Count("pk"), latest=Max("created_at"))
        .order_by()
    )
    for portfolio_id, minutes, rows, latest in practice:
        row = by_portfolio[portfolio_id]
        row.practice_minutes += minutes or 0
        row.practice_rows += rows
        row.activity.append(latest)

    ratings = (
        SelfAssessment.objects.filter(portfolio_id__in=by_portfolio)
        .values_list("portfolio_id")
        .annotate(competences=Count("pk"), rated_after=Count("level_after"))
        .order_by()
    )
    for portfolio_id, competences, rated_after in ratings:
        row = by_portfolio[portfolio_id]
        # Each translation of a portfolio keeps its own copy: the furthest one tells.
        row.self_assessment = max(
            row.self_assessment,
            SelfAssessmentState(competences, rated_after),
            key=lambda state: (state.done, state.rated_after, state.competences),
        )

    unread = (
        EntryComment.objects.filter(entry__portfolio_id__in=by_portfolio, read_at__isnull=True)
        .values_list("entry__portfolio_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for portfolio_id, count in unread:
        by_portfolio[portfolio_id].unread_comments += count

    return [*progress.values(), *waiting.values()]


@dataclass
class Evidence:
    """What serves one objective: for now the published entries that say they do."""

    entries: int = 0
    public_entries: int = 0

    @property
    def total(self) -> int:
        return self.entries


def evidence_per_objective(hub) -> dict[int, Evidence]:
    """The evidence for each of ``hub``'s objectives, by objective number, in one query.

    Numbers rather than rows, because each translation of a hub has its own objective rows and
    entries point at those of the hub they were written under. Further kinds of evidence (ideas,
    confirmed activities) belong here too, so that every page counts them the same way.
    """
    served = EntryPage.objectives.through
    public = Q(
        entrypage__visibility=Visibility.PUBLIC,
        entrypage__portfolio__visibility=Visibility.PUBLIC,
    )
    rows = (
        served.objects.filter(
            projectobjective__page__translation_key=hub.translation_key, entrypage__live=True
        )
        .values_list("projectobjective__number")
        .annotate(
            # Each entry once, however many languages it is kept in.
            entries=Count("entrypage__translation_key", distinct=True),
            public_entries=Count("entrypage__translation_key", distinct=True, filter=public),
        )
        .order_by()
    )
    return {number: Evidence(entries, public_entries) for number, entries, public_entries in rows}


@dataclass
class ProjectOverview:
    hub: MobilityProjectPage
    participants: list
    objectives: list

    columns = COLUMNS.values()

    @property
    def totals(self):
        return {
            "participants": len(self.participants),
            "entries": sum(row.published_entries for row in self.participants),
            "drafts": sum(row.drafts for row in self.participants),
            "practice_minutes": sum(row.practice_minutes for row in self.participants),
            "self_assessments_done": sum(
                1 for row in self.participants if row.self_assessment.done
            ),
            "unread_comments": sum(row.unread_comments for row in self.participants),
        }


def project_overview(hub) -> ProjectOverview:
    """Everything the overview page shows about ``hub``'s project."""
    evidence = evidence_per_objective(hub)
    objectives = [
        (objective, evidence.get(objective.number, Evidence()))
        for objective in hub.objectives.order_by("number")
    ]
    return ProjectOverview(hub, participants_progress([hub.translation_key]), objectives)


def project_summaries(hubs) -> list[ProjectOverview]:
    """A short overview of each of ``hubs`` for the dashboard, in the same queries for any number
    of projects (objectives left out: the full overview has them)."""
    rows = defaultdict(list)
    for row in participants_progress(hub.translation_key for hub in hubs):
        rows[row.project_key].append(row)
    return [ProjectOverview(hub, rows[hub.translation_key], []) for hub in hubs]
