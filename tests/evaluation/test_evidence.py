"""Evidence per objective: entries that say they serve an objective, and what serves one by its
kind (practice log for English, the project's ideas for the ideas database, institution visits
for quality management and the labour market), each counted as the reader may see it — an
anonymous visitor public material only, a member what the project shares, a coordinator all —
in a fixed number of queries however large the project."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.visibility import Visibility
from evaluation.evidence import EvidenceSource, evidence_for, objectives_without_evidence
from home.models import ObjectiveKind, ProjectObjective
from ideas.models import IdeaStatus
from portfolios.models import (
    InstitutionVisitPage,
    PracticeLogEntry,
    ReflectionPage,
)
from tests.factories import (
    HostInstitutionFactory,
    InstitutionVisitPageFactory,
    PortfolioPageFactory,
    PracticeLogEntryFactory,
    ReflectionPageFactory,
    make_idea,
    make_project,
    make_user,
)

pytestmark = pytest.mark.django_db

KINDS = [
    ObjectiveKind.GENERAL,
    ObjectiveKind.ENGLISH,
    ObjectiveKind.IDEAS_DATABASE,
    ObjectiveKind.QUALITY_MANAGEMENT,
    ObjectiveKind.LABOUR_MARKET,
]
ENTRY_FACTORIES = {
    ReflectionPage: ReflectionPageFactory,
    InstitutionVisitPage: InstitutionVisitPageFactory,
}


class World:
    """A project with one objective of each kind that counts something by nature, a coordinator
    and two participants: Anna shares her portfolio and practice log with everyone, Bruno with
    the project only."""

    def __init__(self, slug="evidence"):
        self.coordinator = make_user(f"{slug}_coordinator")
        self.anna = make_user(f"{slug}_anna")
        self.bruno = make_user(f"{slug}_bruno")
        self.hub = make_project(slug, coordinator=self.coordinator, members=[self.anna, self.bruno])
        self.objectives = {
            kind: ProjectObjective.objects.create(
                page=self.hub, number=number, text=f"Objective {number}", kind=kind
            )
            for number, kind in enumerate(KINDS, start=1)
        }
        self.anna_portfolio = self.portfolio(self.anna, Visibility.PUBLIC, Visibility.PUBLIC)
        self.bruno_portfolio = self.portfolio(self.bruno, Visibility.PROJECT, Visibility.PRIVATE)
        self.numbers = iter(range(1, 100_000))
        self.institution = HostInstitutionFactory(name=f"{slug} school")

    def portfolio(self, user, visibility, practice_log_visibility):
        return PortfolioPageFactory(
            parent=self.hub,
            title=f"Portfolio of {user.username}",
            slug=f"portfolio-{user.username}",
            participant=user,
            visibility=visibility,
            practice_log_visibility=practice_log_visibility,
        )

    def entry(self, portfolio, visibility, objectives=(), kind=ReflectionPage, **fields):
        number = next(self.numbers)
        if kind is InstitutionVisitPage:
            fields.setdefault("host_institution", self.institution)
        return ENTRY_FACTORIES[kind](
            parent=portfolio,
            title=f"Entry {number}",
            slug=f"entry-{number}",
            date=datetime.date(2010, 10, 25),
            visibility=visibility,
            objectives=[self.objectives[kind_] for kind_ in objectives],
            **fields,
        )

    def practice(self, portfolio, minutes):
        PracticeLogEntryFactory(
            portfolio=portfolio,
            date=datetime.date(2010, 10, 26),
            minutes=minutes,
            skill=PracticeLogEntry.Skill.LISTENING,
            activity=PracticeLogEntry.Activity.CONVERSATION,
            level=PracticeLogEntry.Level.B1,
        )


@pytest.fixture
def world():
    world = World()
    general = [ObjectiveKind.GENERAL]
    world.entry(world.anna_portfolio, Visibility.PUBLIC, general)
    world.entry(world.anna_portfolio, Visibility.PRIVATE, general)
    world.entry(world.bruno_portfolio, Visibility.PROJECT, general)
    # A visit that says it serves quality management counts there once, as an entry, and for
    # the labour market by its nature.
    world.entry(
        world.anna_portfolio,
        Visibility.PUBLIC,
        [ObjectiveKind.QUALITY_MANAGEMENT],
        kind=InstitutionVisitPage,
    )
    world.entry(world.bruno_portfolio, Visibility.PROJECT, kind=InstitutionVisitPage)
    world.practice(world.anna_portfolio, 30)
    world.practice(world.anna_portfolio, 90)
    world.practice(world.bruno_portfolio, 45)
    make_idea(world.anna, title="Shared idea", project=world.hub)
    make_idea(world.bruno, title="Draft idea", project=world.hub, status=IdeaStatus.DRAFT)
    return world


def counts(evidence):
    return {item.objective.kind: item.counts for item in evidence}


def test_an_anonymous_visitor_counts_public_material_only(world):
    evidence = evidence_for(world.hub)
    assert evidence == evidence_for(world.hub, AnonymousUser())
    assert [item.objective.number for item in evidence] == [1, 2, 3, 4, 5]
    assert counts(evidence) == {
        ObjectiveKind.GENERAL: {EvidenceSource.ENTRY: 1},
        ObjectiveKind.ENGLISH: {EvidenceSource.PRACTICE: 2},
        ObjectiveKind.IDEAS_DATABASE: {EvidenceSource.IDEA: 1},
        ObjectiveKind.QUALITY_MANAGEMENT: {EvidenceSource.ENTRY: 1},
        ObjectiveKind.LABOUR_MARKET: {EvidenceSource.INSTITUTION_VISIT: 1},
    }
    english = evidence[1]
    assert english.practice_minutes == 120 and english.practice_hours == 2
    assert english.links[0].url().endswith(f"{world.anna_portfolio.slug}/#practice-heading")
    assert [link.title for link in evidence[2].links] == ["Shared idea"]
    assert evidence[0].total == 1
    assert evidence[0].links[0].url() == world.anna_portfolio.get_children().first().url


def test_a_member_counts_what_the_project_shares_and_a_coordinator_everything(world):
    member = counts(evidence_for(world.hub, world.bruno))
    assert member[ObjectiveKind.GENERAL] == {EvidenceSource.ENTRY: 2}
    # Bruno's own practice log is private, but his.
    assert member[ObjectiveKind.ENGLISH] == {EvidenceSource.PRACTICE: 3}
    # His own draft idea is his to see.
    assert member[ObjectiveKind.IDEAS_DATABASE] == {EvidenceSource.IDEA: 2}
    assert member[ObjectiveKind.LABOUR_MARKET] == {EvidenceSource.INSTITUTION_VISIT: 2}

    anna = counts(evidence_for(world.hub, world.anna))
    assert anna[ObjectiveKind.GENERAL] == {EvidenceSource.ENTRY: 3}
    assert anna[ObjectiveKind.ENGLISH] == {EvidenceSource.PRACTICE: 2}
    assert anna[ObjectiveKind.IDEAS_DATABASE] == {EvidenceSource.IDEA: 1}

    coordinator = counts(evidence_for(world.hub, world.coordinator))
    assert coordinator[ObjectiveKind.GENERAL] == {EvidenceSource.ENTRY: 3}
    assert coordinator[ObjectiveKind.ENGLISH] == {EvidenceSource.PRACTICE: 3}
    assert coordinator[ObjectiveKind.IDEAS_DATABASE] == {EvidenceSource.IDEA: 2}
    assert coordinator[ObjectiveKind.QUALITY_MANAGEMENT] == {
        EvidenceSource.ENTRY: 1,
        EvidenceSource.INSTITUTION_VISIT: 1,
    }

    outsider = counts(evidence_for(world.hub, make_user("evidence_outsider")))
    assert outsider == counts(evidence_for(world.hub))


def test_drafts_and_other_projects_never_count(world):
    other = World("elsewhere")
    other.entry(other.anna_portfolio, Visibility.PUBLIC, [ObjectiveKind.GENERAL])
    other.practice(other.anna_portfolio, 60)
    world.entry(world.anna_portfolio, Visibility.PUBLIC, [ObjectiveKind.GENERAL], live=False)
    general = evidence_for(world.hub, world.coordinator)[0]
    assert general.counts == {EvidenceSource.ENTRY: 3}
    assert evidence_for(other.hub)[0].counts == {EvidenceSource.ENTRY: 1}
    assert evidence_for(other.hub)[1].practice_minutes == 60


def test_objectives_without_evidence_are_those_nothing_visible_serves(world):
    empty = ProjectObjective.objects.create(page=world.hub, number=6, text="Nothing yet")
    assert objectives_without_evidence(world.hub, world.coordinator) == [empty]
    # Bruno's second visit is shared with the project only: the public sees one.
    fresh = World("fresh")
    fresh.entry(fresh.bruno_portfolio, Visibility.PROJECT, [ObjectiveKind.GENERAL])
    missing = objectives_without_evidence(fresh.hub, None)
    assert [objective.kind for objective in missing] == KINDS
    missing = objectives_without_evidence(fresh.hub, fresh.coordinator)
    assert ObjectiveKind.GENERAL not in [objective.kind for objective in missing]


def test_the_queries_do_not_grow_with_the_project(world):
    def queries(user):
        with CaptureQueriesContext(connection) as captured:
            evidence_for(world.hub, user)
        return len(captured)

    users = (None, world.bruno, world.coordinator)
    for user in users:
        queries(user)  # who the user is, read once and cached
    small = {user: queries(user) for user in users}
    for _ in range(5):
        world.entry(world.anna_portfolio, Visibility.PUBLIC, KINDS)
        world.entry(world.bruno_portfolio, Visibility.PROJECT, kind=InstitutionVisitPage)
        world.practice(world.anna_portfolio, 10)
        make_idea(world.anna, project=world.hub)
    world.portfolio(make_user("evidence_carla"), Visibility.PUBLIC, Visibility.PUBLIC)
    for user, count in small.items():
        assert queries(user) == count
        assert count <= 7


def test_a_practice_log_shared_wider_than_its_portfolio_counts_no_wider(world):
    carla = make_user("evidence_carla_private")
    hidden = world.portfolio(carla, Visibility.PRIVATE, Visibility.PUBLIC)
    world.practice(hidden, 60)
    assert evidence_for(world.hub)[1].counts == {EvidenceSource.PRACTICE: 2}
    assert evidence_for(world.hub)[1].practice_minutes == 120
    assert evidence_for(world.hub, world.coordinator)[1].counts == {EvidenceSource.PRACTICE: 4}
