"""A coordinator follows their project from the Wagtail admin's page explorer: the hub, every
portfolio and every entry, private ones included, read-only; other projects' private material
stays out of reach.

Uses the demo (the coordinator "coordinator"; participant4 Pēteris has a private portfolio and
every participant a private reflection "Thoughts after the first day") and a second project,
"elsewhere", with a private portfolio and a private entry of its own.
"""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from home.models import MobilityProjectPage
from portfolios.models import EntryPage, PortfolioPage, ReflectionPage
from tests.factories import far_project

pytestmark = pytest.mark.django_db

# A page shows in an admin listing by a link to it, its bulk-action checkbox or its title's id.
PAGE_MENTION = re.compile(r'/admin/pages/(\d+)/|data-object-id="(\d+)"|id="page_(\d+)_title"')
CHANGE_LINK = re.compile(r"/admin/pages/\d+/(?:edit|delete|add_subpage|move|copy|unpublish)/")
FAR_TITLE = "Far-away private thoughts"


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def demo_hub():
    return MobilityProjectPage.objects.get(slug="latgale-florence-2010", locale__language_code="en")


def shown_pages(response):
    return {
        int(pk) for groups in PAGE_MENTION.findall(response.content.decode()) for pk in groups if pk
    }


def refused(response):
    return response.status_code in (302, 403, 404) and not (
        response.status_code == 302 and "/admin/login" in response["Location"]
    )


@pytest.fixture
def elsewhere(demo):
    """A second project with its own coordinator and a private portfolio holding a private
    entry."""
    hub, portfolio = far_project()
    entry = portfolio.add_child(
        instance=ReflectionPage(
            title=FAR_TITLE, slug="far-thoughts", date=datetime.date(2019, 5, 6)
        )
    )
    assert (portfolio.visibility, entry.visibility) == ("private", "private")
    return {"hub": hub, "portfolio": portfolio, "entry": entry}


def test_a_coordinator_has_the_page_explorer(client, demo):
    login(client, "coordinator")
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailadmin_explore_root") in dashboard
    response = client.get(reverse("wagtailadmin_explore", args=[demo_hub().pk]))
    assert response.status_code == 200


def test_a_coordinator_explores_every_portfolio_and_entry_of_their_project(client, demo):
    login(client, "coordinator")
    hub = demo_hub()
    portfolios = PortfolioPage.objects.child_of(hub)
    assert portfolios.count() == 4
    assert "private" in {p.visibility for p in portfolios}

    listed = shown_pages(client.get(reverse("wagtailadmin_explore", args=[hub.pk])))
    assert set(portfolios.values_list("pk", flat=True)) <= listed

    for portfolio in portfolios:
        response = client.get(reverse("wagtailadmin_explore", args=[portfolio.pk]))
        assert response.status_code == 200
        entries = EntryPage.objects.child_of(portfolio)
        assert "private" in {e.visibility for e in entries}
        for entry in entries:
            assert entry.pk in shown_pages(response), (portfolio.title, entry.title)


def test_the_sidebar_explorer_and_admin_search_show_the_coordinator_their_project(client, demo):
    login(client, "coordinator")
    hub = demo_hub()
    response = client.get(
        reverse("wagtailadmin_api:pages:listing"), {"child_of": hub.pk, "for_explorer": 1}
    )
    assert response.status_code == 200
    ids = {item["id"] for item in response.json()["items"]}
    assert set(PortfolioPage.objects.child_of(hub).values_list("pk", flat=True)) <= ids

    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "Thoughts"})
    assert response.status_code == 200
    found = shown_pages(response)
    private_reflections = ReflectionPage.objects.filter(
        portfolio__project=hub, title="Thoughts after the first day"
    )
    assert private_reflections.count() == 4
    assert set(private_reflections.values_list("pk", flat=True)) <= found


def test_a_coordinator_reads_but_changes_nothing(client, demo):
    login(client, "coordinator")
    hub = demo_hub()
    portfolio = PortfolioPage.objects.get(slug="peteris-vitols", locale__language_code="en")
    entry = ReflectionPage.objects.get(portfolio=portfolio, slug="thoughts-after-day-one")

    for parent in (hub, portfolio):
        html = client.get(reverse("wagtailadmin_explore", args=[parent.pk])).content.decode()
        assert not CHANGE_LINK.findall(html), parent.title

    for page in (hub, portfolio, entry):
        for url in (
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            reverse("wagtailadmin_pages:delete", args=[page.pk]),
            reverse("wagtailadmin_pages:history", args=[page.pk]),
            reverse("wagtailadmin_pages:add_subpage", args=[page.pk]),
            reverse("wagtailadmin_pages:unpublish", args=[page.pk]),
        ):
            assert refused(client.get(url)), url

    bulk_delete = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    client.post(f"{bulk_delete}?id={entry.pk}")
    assert ReflectionPage.objects.filter(pk=entry.pk).exists()

    title = entry.title
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[entry.pk]),
        {"title": "Changed by the coordinator", "slug": entry.slug},
    )
    assert refused(response)
    entry.refresh_from_db()
    assert entry.title == title


def test_a_coordinator_does_not_explore_another_projects_private_material(client, elsewhere):
    login(client, "coordinator")
    hub, portfolio, entry = elsewhere["hub"], elsewhere["portfolio"], elsewhere["entry"]
    response = client.get(reverse("wagtailadmin_explore", args=[hub.pk]), follow=True)
    assert not {portfolio.pk, entry.pk} & shown_pages(response)
    # Opened by its id, the explorer would show the page's own title: it is not opened at all.
    for page in (portfolio, entry):
        response = client.get(reverse("wagtailadmin_explore", args=[page.pk]))
        assert response.status_code == 404
        assert FAR_TITLE not in response.content.decode()

    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "Far"})
    assert FAR_TITLE not in response.content.decode()
    assert not {portfolio.pk, entry.pk} & shown_pages(response)

    response = client.get(
        reverse("wagtailadmin_api:pages:listing"), {"child_of": hub.pk, "for_explorer": 1}
    )
    ids = {item["id"] for item in response.json().get("items", [])}
    assert not {portfolio.pk, entry.pk} & ids


def test_the_other_projects_coordinator_explores_theirs_and_not_the_demo(client, elsewhere):
    login(client, "far_coordinator")
    portfolio, entry = elsewhere["portfolio"], elsewhere["entry"]
    listed = shown_pages(client.get(reverse("wagtailadmin_explore", args=[elsewhere["hub"].pk])))
    assert portfolio.pk in listed
    response = client.get(reverse("wagtailadmin_explore", args=[portfolio.pk]))
    assert entry.pk in shown_pages(response)

    private = PortfolioPage.objects.get(slug="peteris-vitols", locale__language_code="en")
    hidden = {
        private.pk,
        *EntryPage.objects.filter(visibility="private").values_list("pk", flat=True),
    }
    hidden.discard(entry.pk)
    for parent in (demo_hub(), private):
        response = client.get(reverse("wagtailadmin_explore", args=[parent.pk]), follow=True)
        assert not hidden & shown_pages(response)
        assert "Thoughts after the first day" not in response.content.decode()


def test_participants_and_editors_gain_no_view_of_the_project(client, demo):
    """Coordinating is what opens a project: a participant still explores their own portfolio
    only and an editor no portfolio at all."""
    hub = demo_hub()
    others = set(
        PortfolioPage.objects.child_of(hub)
        .exclude(participant__username="participant1")
        .values_list("pk", flat=True)
    )
    for username in ("participant1", "editor"):
        login(client, username)
        response = client.get(reverse("wagtailadmin_explore", args=[hub.pk]), follow=True)
        assert not others & shown_pages(response), username


@pytest.mark.parametrize("username", ["participant2", "editor", "far_coordinator"])
def test_nobody_opens_a_hidden_portfolio_page_in_the_explorer_by_its_id(
    client, elsewhere, username
):
    login(client, username)
    private = PortfolioPage.objects.get(slug="peteris-vitols", locale__language_code="en")
    reflection = ReflectionPage.objects.get(portfolio=private, slug="thoughts-after-day-one")
    for page in (private, reflection):
        for url in (
            reverse("wagtailadmin_explore", args=[page.pk]),
            reverse("wagtailadmin_explore_results", args=[page.pk]),
        ):
            response = client.get(url, follow=True)
            assert response.status_code in (403, 404) or response.redirect_chain, url
            html = response.content.decode()
            assert "Thoughts after the first day" not in html, url
            assert "Pēteris Vītols" not in html, url
