"""Every role finds its way (portal.navigation, templates/base.html): the header offers what fits
the user, in their language, at no query once warm; a project hub links its results and ideas."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from dissemination.models import ResultsPage
from home.models import MobilityProjectPage
from ideas.models import IdeaPage
from portal.navigation import optional_url
from portfolios.models import PortfolioPage
from tests.factories import make_project, make_user

pytestmark = pytest.mark.django_db

HUB_EN = "/projects/latgale-florence-2010/"
HUB_LV = "/lv/projekti/latgale-florence-2010/"


def log_in(client, username):
    client.force_login(get_user_model().objects.get(username=username))


def main_navigation(html) -> list[tuple[str, str]]:
    """(label, href) of each link of the main navigation, in order."""
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    return [(label, href) for href, label in re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', nav)]


def header(client, path="/"):
    html = client.get(path).content.decode()
    return main_navigation(html), html


def founding_hub(language="en"):
    return MobilityProjectPage.objects.get(
        slug="latgale-florence-2010", locale__language_code=language
    )


def test_a_visitor_is_offered_projects_ideas_and_logging_in(client, demo):
    links, html = header(client, HUB_EN)

    assert links == [("Projects", "/projects/"), ("Ideas", "/ideas/")]
    assert f'href="/accounts/login/?next={HUB_EN.replace("/", "%2F")}"' in html
    assert "account-menu" not in html


def test_a_participant_gets_their_portfolio_and_practice_log_first(client, demo):
    log_in(client, "participant1")

    links, html = header(client)

    assert links[:2] == [
        ("My portfolio", "/my/portfolio/"),
        ("Log English practice", "/my/practice/new/"),
    ]
    assert ("Projects", "/projects/") in links and ("Ideas", "/ideas/") in links
    assert '<a href="/accounts/password_change/">Change password</a>' in html
    assert '<a href="/my/reminders/">My reminders</a>' in html
    assert 'action="/accounts/logout/"' in html


@pytest.mark.parametrize("username", ["coordinator", "editor", "teacher", "admin"])
def test_only_people_with_a_portfolio_are_offered_a_participants_links(client, demo, username):
    log_in(client, username)

    links, _html = header(client)

    hrefs = [href for _label, href in links]
    assert "/my/portfolio/" not in hrefs
    assert "/my/practice/new/" not in hrefs
    assert "/projects/" in hrefs


def test_a_coordinator_gets_their_projects_overview_and_the_admin(client, demo):
    log_in(client, "coordinator")
    overview = reverse("portfolios:project_overview", args=[founding_hub().pk])

    links, _html = header(client)

    assert links[0] == ("Project overview", overview)
    assert ("Admin", "/admin/") in links


def test_a_coordinator_of_two_projects_tells_their_overviews_apart(client, demo):
    coordinator = get_user_model().objects.get(username="coordinator")
    elsewhere = make_project("elsewhere", coordinator=coordinator)
    client.force_login(coordinator)

    links, _html = header(client)

    overviews = [(label, href) for label, href in links if label.startswith("Overview: ")]
    assert ("Overview: Elsewhere", f"/my/projects/{elsewhere.pk}/overview/") in overviews
    assert (
        "Overview: Developing the capacity of huma…",
        f"/my/projects/{founding_hub().pk}/overview/",
    ) in overviews


def test_an_editor_gets_the_admin_and_a_regional_teacher_only_what_everyone_browses(client, demo):
    log_in(client, "editor")
    editor_links, _html = header(client)
    client.logout()
    log_in(client, "teacher")
    teacher_links, _html = header(client)

    assert ("Admin", "/admin/") in editor_links
    assert "Project overview" not in [label for label, _href in editor_links]
    assert teacher_links == [("Projects", "/projects/"), ("Ideas", "/ideas/")]


def test_the_header_speaks_latvian_and_links_within_latvian(client, demo):
    log_in(client, "participant1")

    links, html = header(client, "/lv/")

    assert links[:2] == [
        ("Mans portfelis", "/lv/my/portfolio/"),
        ("Reģistrēt angļu valodas praksi", "/lv/my/practice/new/"),
    ]
    assert ("Projekti", "/lv/projekti/") in links
    assert '<a href="/lv/accounts/password_change/">Mainīt paroli</a>' in html
    assert 'action="/lv/accounts/logout/"' in html


def test_the_current_section_is_marked(client, demo):
    log_in(client, "participant1")

    html = client.get("/my/portfolio/").content.decode()

    assert '<a href="/my/portfolio/" aria-current="page">My portfolio</a>' in html
    assert '<a href="/projects/">Projects</a>' in html


def test_a_portfolio_made_later_shows_in_the_header_at_once(client, demo):
    user = make_user("newcomer")
    client.force_login(user)
    before, _html = header(client)

    founding_hub().add_child(
        instance=PortfolioPage(title="Newcomer", slug="newcomer", participant=user)
    )
    after, _html = header(client)

    assert ("My portfolio", "/my/portfolio/") not in before
    assert ("My portfolio", "/my/portfolio/") in after


def test_a_warm_header_costs_no_query(demo):
    user = get_user_model().objects.get(username="coordinator")
    request = RequestFactory().get("/")
    request.user = user
    template = Template(
        "{% load navigation_tags %}{% site_navigation as links %}"
        "{% for link in links %}{{ link.label }} {% endfor %}"
    )

    def render():
        return template.render(Context({"request": request, "user": user}))

    first = render()
    with CaptureQueriesContext(connection) as queries:
        second = render()

    assert first == second
    assert "Projects" in second
    assert [query["sql"] for query in queries.captured_queries] == []


def test_no_next_page_from_an_account_page(client, demo):
    html = client.get("/accounts/password_reset/").content.decode()

    assert '<a class="site-header__login" href="/accounts/login/">' in html


def test_a_missing_route_gives_no_link_instead_of_an_error():
    assert optional_url("portfolios:no_such_page", 1) is None
    assert optional_url("portfolios:my_portfolio") == "/my/portfolio/"


def hub_section(html):
    found = re.search(r'<ul class="hub-links">.*?</ul>', html, re.S)
    return found.group(0) if found else ""


def test_the_hub_links_its_results_and_its_ideas(client, demo):
    results = ResultsPage.objects.child_of(founding_hub()).live().get()

    section = hub_section(client.get(HUB_EN).content.decode())

    assert f'<a href="{results.url}">' in section
    assert 'href="/ideas/?project=latgale-florence-2010"' in section


def test_the_latvian_hub_falls_back_to_results_in_english(client, demo):
    for page in ResultsPage.objects.filter(locale__language_code="lv"):
        page.unpublish()
    results = ResultsPage.objects.child_of(founding_hub()).live().get()

    section = hub_section(client.get(HUB_LV).content.decode())

    assert f'<a href="{results.url}" hreflang="en">' in section
    assert "(angļu valodā)" in section
    assert 'href="/lv/ideas/?project=latgale-florence-2010"' in section


def test_a_hub_links_no_results_page_before_one_is_published(client, demo):
    for page in ResultsPage.objects.all():
        page.unpublish()

    section = hub_section(client.get(HUB_EN).content.decode())

    assert "results" not in section
    assert "/ideas/?project=" in section


def test_a_results_page_behind_a_login_is_not_offered_to_visitors(client, demo):
    for page in ResultsPage.objects.all():
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    section = hub_section(client.get(HUB_EN).content.decode())

    assert "results" not in section
    assert "/ideas/?project=" in section


def test_a_hub_without_ideas_or_results_shows_no_links(client, demo):
    hub = make_project("quiet-project")

    html = client.get(hub.url).content.decode()

    assert hub_section(html) == ""
    assert "Results and ideas" not in html


def test_ideas_nobody_may_see_are_not_linked(client, demo):
    hub = make_project("secretive")
    IdeaPage.objects.filter(project=founding_hub()).update(project=hub)
    IdeaPage.objects.filter(project=hub).update(effective_visibility="private")

    section = hub_section(client.get(hub.url).content.decode())

    assert "/ideas/?project=" not in section
