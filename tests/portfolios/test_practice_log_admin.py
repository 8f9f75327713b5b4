"""The English-practice log in the Wagtail admin: each participant keeps their own rows there,
coordinators read the rows of their projects and change none, everybody else sees nothing.

Uses the demo (four participants with a week of practice each, one coordinator) and a second
project, "elsewhere", with its own participant and coordinator.
"""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portfolios.models import PortfolioPage, PracticeLogEntry
from tests.factories import PracticeLogEntryFactory, far_project

pytestmark = pytest.mark.django_db

ROW_LINK = re.compile(r"/admin/practice_log/(?:edit|inspect)/(\d+)/")
MINUTES_ERROR = "Enter the minutes as a whole number from 1 to 600."
NOTE = "Asked for directions to the workshop."


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def rows_of(username):
    return set(
        PracticeLogEntry.objects.filter(portfolio__participant__username=username).values_list(
            "pk", flat=True
        )
    )


def demo_rows():
    return set(
        PracticeLogEntry.objects.filter(
            portfolio__project__slug="latgale-florence-2010"
        ).values_list("pk", flat=True)
    )


def listed_rows(client):
    """Every row the listing shows, page after page."""
    listed, page = set(), 1
    while True:
        response = client.get(reverse("practice_log:index"), {"p": page})
        assert response.status_code == 200
        found = {int(pk) for pk in ROW_LINK.findall(response.content.decode())}
        if not found - listed:
            return listed
        listed |= found
        page += 1


def refused(response):
    """Not found, permission denied, or sent away (to the dashboard, or to log in as someone
    with access to the admin)."""
    return response.status_code in (302, 403, 404)


def row_urls(pk):
    return [
        reverse(f"practice_log:{name}", args=[pk])
        for name in ("edit", "delete", "inspect", "copy", "history", "usage")
    ]


def form_data(portfolio, **changes):
    return {
        "portfolio": portfolio.pk,
        "date": "2010-10-29",
        "minutes": "45",
        "skill": "spoken_interaction",
        "activity": "conversation",
        "level": "B1",
        "note": NOTE,
        **changes,
    }


@pytest.fixture
def elsewhere(demo):
    """A second project, with a participant keeping a private log and a coordinator."""
    _hub, portfolio = far_project()
    PracticeLogEntryFactory(
        portfolio=portfolio, date=datetime.date(2019, 5, 6), minutes=50, level="A2"
    )
    return portfolio


def test_a_participant_finds_the_log_in_the_menu_and_only_their_own_rows_in_it(client, demo):
    login(client, "participant1")
    assert (
        reverse("practice_log:index") in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    own = rows_of("participant1")
    assert len(own) == 7
    assert listed_rows(client) == own


@pytest.mark.parametrize("username", ["participant2", "far_participant", "coordinator"])
def test_nobody_reaches_another_participants_row_by_guessing_its_id(client, elsewhere, username):
    login(client, username)
    theirs = rows_of("participant1") if username != "coordinator" else rows_of("far_participant")
    for pk in theirs:
        for url in row_urls(pk):
            assert refused(client.get(url)), (username, url)


@pytest.mark.parametrize("username", ["participant2", "coordinator"])
def test_guessed_ids_change_nothing(client, demo, username):
    login(client, username)
    row = PracticeLogEntry.objects.filter(portfolio__participant__username="participant1").first()
    own = PortfolioPage.objects.filter(participant__username=username).first()
    response = client.post(
        reverse("practice_log:edit", args=[row.pk]),
        form_data(own or row.portfolio, minutes="120"),
    )
    assert refused(response)
    assert refused(client.post(reverse("practice_log:delete", args=[row.pk])))
    row.refresh_from_db()
    assert row.minutes != 120
    assert row.portfolio.participant.username == "participant1"


def test_a_participant_adds_a_row_to_their_own_portfolio_only(client, demo):
    login(client, "participant1")
    own = PortfolioPage.objects.get(
        participant__username="participant1", locale__language_code="en"
    )
    other = PortfolioPage.objects.get(
        participant__username="participant2", locale__language_code="en"
    )

    html = client.get(reverse("practice_log:add")).content.decode()
    offered = set(re.findall(r'<option value="(\d+)"', html))
    assert offered == {str(own.pk)}

    response = client.post(reverse("practice_log:add"), form_data(other))
    assert response.status_code == 200
    assert "Choose one of your own portfolios." in response.content.decode()
    assert not other.practice_log.filter(note=NOTE).exists()

    response = client.post(reverse("practice_log:add"), form_data(own))
    assert response.status_code == 302
    row = own.practice_log.get(note=NOTE)
    assert (row.minutes, row.skill) == (45, "spoken_interaction")


@pytest.mark.parametrize("minutes", ["0", "601"])
def test_minutes_outside_1_to_600_are_a_form_error_and_save_nothing(client, demo, minutes):
    login(client, "participant1")
    own = PortfolioPage.objects.get(
        participant__username="participant1", locale__language_code="en"
    )
    before = PracticeLogEntry.objects.count()

    response = client.post(reverse("practice_log:add"), form_data(own, minutes=minutes))
    assert response.status_code == 200
    html = response.content.decode()
    assert MINUTES_ERROR in html
    assert NOTE in html  # what was typed is kept
    assert PracticeLogEntry.objects.count() == before

    row = own.practice_log.first()
    response = client.post(
        reverse("practice_log:edit", args=[row.pk]), form_data(own, minutes=minutes)
    )
    assert response.status_code == 200
    assert MINUTES_ERROR in response.content.decode()
    old_minutes = row.minutes
    row.refresh_from_db()
    assert row.minutes == old_minutes


def test_a_participant_edits_and_deletes_their_own_rows(client, demo):
    login(client, "participant1")
    own = PortfolioPage.objects.get(
        participant__username="participant1", locale__language_code="en"
    )
    row, doomed = own.practice_log.all()[:2]

    assert client.get(reverse("practice_log:edit", args=[row.pk])).status_code == 200
    response = client.post(
        reverse("practice_log:edit", args=[row.pk]), form_data(own, minutes="90")
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.minutes == 90

    assert client.get(reverse("practice_log:delete", args=[doomed.pk])).status_code == 200
    assert client.post(reverse("practice_log:delete", args=[doomed.pk])).status_code == 302
    assert not PracticeLogEntry.objects.filter(pk=doomed.pk).exists()


def test_a_coordinator_reads_their_projects_rows_and_changes_none(client, elsewhere):
    login(client, "coordinator")
    assert (
        reverse("practice_log:index") in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    listing = client.get(reverse("practice_log:index")).content.decode()
    assert "/admin/practice_log/edit/" not in listing
    assert "/admin/practice_log/delete/" not in listing
    assert reverse("practice_log:add") not in listing
    assert listed_rows(client) == demo_rows()
    assert len(demo_rows()) == 28

    private_log = PracticeLogEntry.objects.filter(
        portfolio__participant__username="participant4"
    ).first()
    assert private_log.portfolio.practice_log_visibility == "private"
    response = client.get(reverse("practice_log:inspect", args=[private_log.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("practice_log:edit", args=[private_log.pk]) not in html
    assert reverse("practice_log:delete", args=[private_log.pk]) not in html

    assert refused(client.get(reverse("practice_log:add")))
    own_of_someone = PortfolioPage.objects.get(
        participant__username="participant4", locale__language_code="en"
    )
    assert refused(client.post(reverse("practice_log:add"), form_data(own_of_someone)))
    assert not own_of_someone.practice_log.filter(note=NOTE).exists()


def test_a_coordinator_of_another_project_sees_only_that_project(client, elsewhere):
    login(client, "far_coordinator")
    assert listed_rows(client) == rows_of("far_participant")
    for pk in demo_rows():
        assert client.get(reverse("practice_log:inspect", args=[pk])).status_code == 404


@pytest.mark.parametrize("username", ["editor", "teacher"])
def test_editors_and_teachers_see_no_practice_log(client, demo, username):
    login(client, username)
    home = client.get(reverse("wagtailadmin_home"))
    assert reverse("practice_log:index") not in home.content.decode()
    assert refused(client.get(reverse("practice_log:index")))
    pk = next(iter(rows_of("participant1")))
    for url in row_urls(pk):
        assert refused(client.get(url)), url


def test_superusers_see_and_change_every_row(client, elsewhere):
    login(client, "admin")
    assert listed_rows(client) == set(PracticeLogEntry.objects.values_list("pk", flat=True))
    row = PracticeLogEntry.objects.filter(portfolio__participant__username="participant4").first()
    for url in row_urls(row.pk):
        assert client.get(url).status_code == 200, url


def test_the_listing_costs_the_same_queries_however_many_rows_it_shows(client, demo):
    login(client, "coordinator")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("practice_log:index")).status_code == 200
        return len(captured)

    own = PortfolioPage.objects.get(
        participant__username="participant1", locale__language_code="en"
    )
    PracticeLogEntry.objects.exclude(portfolio=own).delete()
    queries()  # the first request fills caches (content types, site settings) once and for all
    few = queries()
    PracticeLogEntry.objects.bulk_create(
        PracticeLogEntry(
            portfolio=portfolio,
            date=datetime.date(2010, 10, 24),
            minutes=20,
            skill="reading",
            activity="reading",
            level="B1",
        )
        for portfolio in PortfolioPage.objects.all()
        for _ in range(4)
    )
    assert few == queries()
