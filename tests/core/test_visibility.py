"""Who sees what: every role × every portfolio level × every entry level, on every surface built
so far (the per-object rule, the SQL filter, page serving and the portfolio's entry listing).

The expectation comes from an oracle written out plainly here, not from the code under test.
Each entry's title carries a canary string that must never reach someone who may not see it.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from core.models import ProjectMembership
from core.visibility import Visibility, can_view, narrowest, visible_to
from home.models import HomePage, MobilityProjectPage, ProjectIndexPage
from portfolios.models import EntryPage, PortfolioPage, PracticeLogEntry, ReflectionPage

LEVELS = [level.value for level in Visibility]
ROLES = [
    "anonymous",
    "regional_teacher",
    "editor",
    "other_participant",
    "owner",
    "coordinator",
    "coordinator_elsewhere",
    "superuser",
]


def oracle(role, *levels):
    if role in {"owner", "coordinator", "superuser"}:
        return True
    level = min(levels, key=LEVELS.index)  # private < project < registered < public
    return {
        "public": True,
        "registered": role != "anonymous",
        "project": role == "other_participant",
        "private": False,
    }[level]


def make_project(index, slug):
    return index.add_child(
        instance=MobilityProjectPage(
            title=slug,
            slug=slug,
            programme="Leonardo da Vinci",
            sending_institution_name="School",
            host_city="Florence",
            host_country="Italy",
            start_date=datetime.date(2010, 10, 24),
            end_date=datetime.date(2010, 10, 30),
        )
    )


@pytest.fixture
def world(db):
    User = get_user_model()
    users = {role: User.objects.create_user(role, password="pw") for role in ROLES[1:]}
    users["superuser"].is_superuser = True
    users["superuser"].save()
    home = HomePage.objects.get(locale__language_code="en")
    index = home.add_child(instance=ProjectIndexPage(title="Projects", slug="projects"))
    project = make_project(index, "florence")
    elsewhere = make_project(index, "elsewhere")
    memberships = [
        (project, "owner", ProjectMembership.Role.PARTICIPANT),
        (project, "other_participant", ProjectMembership.Role.PARTICIPANT),
        (project, "coordinator", ProjectMembership.Role.COORDINATOR),
        (elsewhere, "coordinator_elsewhere", ProjectMembership.Role.COORDINATOR),
    ]
    for hub, role, kind in memberships:
        ProjectMembership.objects.create(project=hub, user=users[role], role=kind)
    portfolio = project.add_child(
        instance=PortfolioPage(title="Portfolio", slug="portfolio", participant=users["owner"])
    )
    entries = {
        level: portfolio.add_child(
            instance=ReflectionPage(
                title=f"CANARY-{level}",
                slug=f"entry-{level}",
                date=datetime.date(2010, 10, 25),
                visibility=level,
            )
        )
        for level in LEVELS
    }
    PracticeLogEntry.objects.create(
        portfolio=portfolio,
        date=datetime.date(2010, 10, 25),
        minutes=30,
        skill="listening",
        activity="seminar",
        level="B1",
    )
    return {"users": users, "portfolio": portfolio, "entries": entries}


def user_for(world, role):
    return AnonymousUser() if role == "anonymous" else world["users"][role]


def fresh(user):
    """The same user without the memoised audience, as the next request would see them."""
    if user.is_authenticated:
        return get_user_model().objects.get(pk=user.pk)
    return user


def client_for(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


@pytest.mark.parametrize("portfolio_level", LEVELS)
@pytest.mark.parametrize("role", ROLES)
def test_rule_and_sql_filter_agree_with_the_oracle(world, role, portfolio_level):
    portfolio = world["portfolio"]
    PortfolioPage.objects.filter(pk=portfolio.pk).update(
        visibility=portfolio_level, practice_log_visibility=portfolio_level
    )
    user = user_for(world, role)

    portfolio.refresh_from_db()
    assert can_view(fresh(user), portfolio) is oracle(role, portfolio_level)
    visible_portfolios = visible_to(PortfolioPage.objects.all(), fresh(user))
    assert (portfolio.pk in set(visible_portfolios.values_list("pk", flat=True))) is oracle(
        role, portfolio_level
    )

    visible_entries = set(
        visible_to(EntryPage.objects.all(), fresh(user)).values_list("pk", flat=True)
    )
    for level, entry in world["entries"].items():
        expected = oracle(role, portfolio_level, level)
        entry = EntryPage.objects.get(pk=entry.pk)
        assert can_view(fresh(user), entry) is expected, (level, expected)
        assert (entry.pk in visible_entries) is expected, (level, expected)

    log = PracticeLogEntry.objects.select_related("portfolio").get()
    assert can_view(fresh(user), log) is oracle(role, portfolio_level)
    assert visible_to(PracticeLogEntry.objects.all(), fresh(user)).exists() is oracle(
        role, portfolio_level
    )


@pytest.mark.parametrize("portfolio_level", LEVELS)
@pytest.mark.parametrize("role", ROLES)
def test_pages_and_listing_show_exactly_what_the_rule_allows(client, world, role, portfolio_level):
    portfolio = world["portfolio"]
    portfolio.visibility = portfolio_level
    portfolio.save_revision().publish()
    client = client_for(client, world, role)

    response = client.get(portfolio.url)
    assert response.status_code == (200 if oracle(role, portfolio_level) else 404)
    listing = response.content.decode() if response.status_code == 200 else ""

    for level, entry in world["entries"].items():
        expected = oracle(role, portfolio_level, level)
        entry_response = client.get(entry.url)
        assert entry_response.status_code == (200 if expected else 404), level
        if response.status_code == 200:
            assert (f"CANARY-{level}" in listing) is expected, level
        if not expected:
            assert f"CANARY-{level}" not in entry_response.content.decode()


def test_hub_lists_only_the_portfolios_a_visitor_may_see(client, world):
    project = world["portfolio"].get_parent()
    assert (
        "Portfolio" not in client.get(project.url).content.decode().split("portfolios-heading")[1]
    )
    client.force_login(world["users"]["coordinator"])
    assert ">Portfolio</a>" in client.get(project.url).content.decode()


def test_narrowest_level_wins():
    assert narrowest("public", "private") == Visibility.PRIVATE
    assert narrowest("registered", "project", "public") == Visibility.PROJECT
    assert narrowest("public") == Visibility.PUBLIC
