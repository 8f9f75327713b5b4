"""The coordinators' project overview: only the project's coordinators (and superusers) open it,
its figures are right, each entry counts once whatever its translations, comments count as
unread until their owner opens the entry, the page costs the same queries for a small and a
larger project, and coordinators reach it from the admin dashboard and from "My portfolio"
instead of being told to ask their project coordinator."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from core.models import ProjectMembership
from core.visibility import Visibility
from home.models import ProjectObjective
from portfolios.models import (
    Competence,
    EntryComment,
    LessonObservationPage,
    PortfolioPage,
    PracticeLogEntry,
    ReflectionPage,
    SelfAssessment,
)
from portfolios.overview import evidence_per_objective, project_overview
from tests.factories import make_project, make_user

pytestmark = pytest.mark.django_db

SECRET = "Canary portfolio 7f3c"


def overview_url(hub, language="en"):
    with translation.override(language):
        return reverse("portfolios:project_overview", args=[hub.pk])


def client_for(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def competence():
    from wagtail.models import Locale

    return Competence.objects.create(name="Teamwork", locale=Locale.objects.get(language_code="en"))


class World:
    """A project of its own: a coordinator, participants with portfolios, two objectives."""

    def __init__(self, slug="overview", participants=2):
        self.coordinator = make_user(f"{slug}_coordinator", first_name="Cora", last_name="Ord")
        self.participants = [
            make_user(f"{slug}_p{number}", first_name=f"Person{number}", last_name="Test")
            for number in range(participants)
        ]
        self.hub = make_project(slug, coordinator=self.coordinator, members=self.participants)
        self.objectives = [
            ProjectObjective.objects.create(
                page=self.hub, number=number, text=f"Objective {number}"
            )
            for number in (1, 2)
        ]
        self.portfolios = [
            self.hub.add_child(
                instance=PortfolioPage(
                    title=f"{SECRET} {number}",
                    slug=f"{slug}-portfolio-{number}",
                    participant=participant,
                    visibility=Visibility.PROJECT,
                )
            )
            for number, participant in enumerate(self.participants)
        ]
        self.numbers = iter(range(1, 100_000))

    def entry(
        self,
        portfolio,
        kind=ReflectionPage,
        visibility=Visibility.PUBLIC,
        live=True,
        objectives=(),
        **fields,
    ):
        number = next(self.numbers)
        if kind is LessonObservationPage:
            fields.setdefault("subject", "Welding")
        entry = kind(
            title=f"Entry {number}",
            slug=f"entry-{number}",
            date=datetime.date(2010, 10, 25),
            visibility=visibility,
            live=live,
            **fields,
        )
        entry.objectives = list(objectives)
        return portfolio.add_child(instance=entry)


def test_only_the_projects_coordinators_and_superusers_open_the_overview():
    world = World()
    other = World("elsewhere", participants=1)
    editor = make_user("overview_editor", is_staff=True)
    superuser = make_user("overview_root", is_superuser=True)
    url = overview_url(world.hub)

    for user in (world.coordinator, superuser):
        response = client_for(user).get(url)
        assert response.status_code == 200
        assert SECRET in response.content.decode()
        assert "private" in response["Cache-Control"]

    for user in (other.coordinator, world.participants[0], editor):
        response = client_for(user).get(url)
        assert response.status_code == 404
        assert SECRET not in response.content.decode()

    response = client_for().get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]

    assert client_for(world.coordinator).get("/my/projects/999999/overview/").status_code == 404


def test_the_figures_per_participant_and_per_objective(competence):
    world = World()
    anna, bruno = world.portfolios
    first, second = world.objectives
    world.entry(anna, visibility=Visibility.PUBLIC, objectives=[first])
    world.entry(anna, visibility=Visibility.PRIVATE, objectives=[first, second])
    world.entry(anna, kind=LessonObservationPage, visibility=Visibility.REGISTERED)
    # Not published: a draft, and no evidence yet.
    world.entry(anna, visibility=Visibility.PUBLIC, live=False, objectives=[second])
    commented = world.entry(bruno, visibility=Visibility.PROJECT, objectives=[first])
    for minutes in (30, 45):
        PracticeLogEntry.objects.create(
            portfolio=anna,
            date=datetime.date(2010, 10, 25),
            minutes=minutes,
            skill="reading",
            activity="reading",
            level="B1",
        )
    SelfAssessment.objects.create(
        portfolio=anna, competence=competence, level_before=2, level_after=4
    )
    SelfAssessment.objects.create(portfolio=bruno, competence=competence, level_before=2)
    EntryComment.objects.create(entry=commented, author=world.coordinator, body="Unread one")
    EntryComment.objects.create(
        entry=commented, author=world.coordinator, body="Read one", read_at=timezone.now()
    )
    waiting = make_user("overview_waiting", first_name="Wanda", last_name="Waiting")
    ProjectMembership.objects.create(
        project=world.hub, user=waiting, role=ProjectMembership.Role.PARTICIPANT
    )

    overview = project_overview(world.hub)
    rows = {row.user.username: row for row in overview.participants}
    assert set(rows) == {"overview_p0", "overview_p1", "overview_waiting"}

    a = rows["overview_p0"]
    # A public entry in a portfolio shared with the project is seen by the project only.
    levels = {str(row.label): row.by_level for row in a.entry_rows}
    assert levels["reflection"] == {"private": 1, "project": 1, "registered": 0, "public": 0}
    assert levels["lesson observation"]["project"] == 1
    assert (a.published_entries, a.drafts, a.entries) == (3, 1, 4)
    assert (a.practice_minutes, a.practice_rows) == (75, 2)
    assert a.self_assessment.done and a.unread_comments == 0

    b = rows["overview_p1"]
    assert (b.published_entries, b.unread_comments) == (1, 1)
    assert b.self_assessment.started and not b.self_assessment.done

    assert rows["overview_waiting"].portfolio is None
    assert overview.totals == {
        "participants": 3,
        "entries": 4,
        "drafts": 1,
        "practice_minutes": 75,
        "self_assessments_done": 1,
        "unread_comments": 1,
    }

    evidence = evidence_per_objective(world.hub)
    assert (evidence[1].entries, evidence[1].public_entries) == (3, 0)
    assert evidence[2].entries == 1  # the draft does not count
    anna.visibility = Visibility.PUBLIC
    anna.save_revision().publish()
    assert evidence_per_objective(world.hub)[1].public_entries == 1

    # The latest thing Anna did, stored in UTC, is shown in the project's time (Riga: UTC+2).
    PracticeLogEntry.objects.filter(portfolio=anna).update(
        created_at=datetime.datetime(2030, 1, 1, 10, 30, tzinfo=datetime.UTC)
    )
    html = client_for(world.coordinator).get(overview_url(world.hub)).content.decode()
    assert "1 January 2030, 12:30 (Riga\u00a0time)" in html
    assert "1 h 15 min" in html
    assert "1 not yet seen" in html
    assert "No portfolio yet" in html
    assert reverse("portfolios:portfolio_zip", args=[anna.pk]) in html
    assert reverse("portfolios:portfolio_summary_pdf", args=[bruno.pk]) in html
    assert "Times are shown in the project's time zone, Riga time." in html


def test_user_text_is_escaped():
    world = World()
    world.participants[0].first_name = "<script>alert(1)</script>"
    world.participants[0].save()
    html = client_for(world.coordinator).get(overview_url(world.hub)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_comment_is_unread_until_its_owner_opens_the_entry():
    world = World(participants=1)
    participant = world.participants[0]
    entry = world.entry(world.portfolios[0], visibility=Visibility.PRIVATE)
    comment = EntryComment.objects.create(entry=entry, author=world.coordinator, body="Well done")

    # The coordinator looking at the entry does not read it for the participant.
    page = client_for(world.coordinator).get(entry.url).content.decode()
    assert "not yet seen by the participant" in page
    comment.refresh_from_db()
    assert comment.read_at is None
    assert project_overview(world.hub).totals["unread_comments"] == 1

    page = client_for(participant).get(entry.url).content.decode()
    assert ">new<" in page
    comment.refresh_from_db()
    assert comment.read_at is not None
    assert project_overview(world.hub).totals["unread_comments"] == 0
    assert ">new<" not in client_for(participant).get(entry.url).content.decode()


def count_overview_queries(world):
    client = client_for(world.coordinator)
    url = overview_url(world.hub)
    assert client.get(url).status_code == 200  # warms the caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def fill(world, entries_each, with_comments=True):
    for portfolio in world.portfolios:
        for number in range(entries_each):
            kind = LessonObservationPage if number % 2 else ReflectionPage
            entry = world.entry(
                portfolio,
                kind=kind,
                visibility=Visibility.values[number % 4],
                live=number % 5 != 4,
                objectives=world.objectives[: number % 3],
            )
            if with_comments and number % 3 == 0:
                EntryComment.objects.create(entry=entry, author=world.coordinator, body="Hi")
        PracticeLogEntry.objects.bulk_create(
            PracticeLogEntry(
                portfolio=portfolio,
                date=datetime.date(2010, 10, 25),
                minutes=20,
                skill="reading",
                activity="reading",
                level="B1",
            )
            for _ in range(entries_each)
        )


def test_the_overview_costs_the_same_queries_for_a_small_and_a_larger_project():
    small = World("small", participants=1)
    fill(small, 2)
    large = World("large", participants=6)
    fill(large, 12)
    assert len(project_overview(large.hub).participants) == 6

    small_count = count_overview_queries(small)
    large_count = count_overview_queries(large)
    print(f"\noverview queries: small {small_count}, large {large_count}")
    assert small_count == large_count
    assert large_count <= 15


def test_the_demo_overview_counts_each_translated_entry_once(demo):
    """The demo keeps every portfolio and entry in English and Latvian: four participants with
    four entries each, not eight portfolios with thirty-two entries."""
    from home.models import MobilityProjectPage

    coordinator = get_user_model().objects.get(username="coordinator")
    latvian_hub = MobilityProjectPage.objects.get(
        slug="latgale-florence-2010", locale__language_code="lv"
    )
    client = client_for(coordinator)
    response = client.get(overview_url(latvian_hub, "lv"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="lv"' in html
    assert "Dalībnieki" in html  # "Participants"
    with translation.override("lv"):
        overview = project_overview(latvian_hub)
        assert len(overview.participants) == 4
        assert overview.totals["entries"] == 16
        # The Latvian portfolios are the ones linked from the Latvian page.
        assert {row.portfolio.locale.language_code for row in overview.participants} == {"lv"}


def test_coordinators_reach_the_overview_from_my_portfolio_instead_of_being_sent_to_themselves():
    world = World()
    url = overview_url(world.hub)
    for path in ("/my/portfolio/", "/my/practice/new/"):
        html = client_for(world.coordinator).get(path).content.decode()
        assert "ask your project coordinator" not in html
        assert url in html

    loner = make_user("overview_loner")
    html = client_for(loner).get("/my/portfolio/").content.decode()
    assert "ask your project coordinator" in html
    assert "/overview/" not in html


def test_the_admin_dashboard_shows_coordinators_their_projects():
    from django.contrib.auth.models import Group

    world = World()
    world.coordinator.groups.add(Group.objects.get(name="Coordinators"))
    fill(world, 3)
    response = client_for(world.coordinator).get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="coordinated-projects"' in html or "coordinated-projects" in html
    assert overview_url(world.hub) in html
    assert world.hub.title in html

    participant = world.participants[0]
    participant.groups.add(Group.objects.get(name="Participants"))
    html = client_for(participant).get(reverse("wagtailadmin_home")).content.decode()
    assert "coordinated-projects" not in html


def test_an_empty_project_says_what_to_do_next():
    coordinator = make_user("empty_coordinator")
    hub = make_project("empty", coordinator=coordinator)
    html = client_for(coordinator).get(overview_url(hub)).content.decode()
    assert "This project has no participants yet." in html
    assert "Project members" in html
    assert "The objectives have not been written yet." in html


def test_the_dashboard_panel_costs_the_same_queries_for_one_project_or_several():
    from django.contrib.auth.models import Group

    def dashboard_queries(coordinator):
        coordinator.groups.add(Group.objects.get(name="Coordinators"))
        client = client_for(coordinator)
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("wagtailadmin_home")).content.decode()
        return len(queries), html

    one = World("one", participants=1)
    fill(one, 2)
    several = [World(f"several{number}", participants=3) for number in range(3)]
    coordinator = several[0].coordinator
    for world in several:
        fill(world, 4)
        if world is not several[0]:
            ProjectMembership.objects.create(
                project=world.hub, user=coordinator, role=ProjectMembership.Role.COORDINATOR
            )

    one_count, _html = dashboard_queries(one.coordinator)
    several_count, html = dashboard_queries(coordinator)
    assert all(overview_url(world.hub) in html for world in several)
    assert one_count == several_count
