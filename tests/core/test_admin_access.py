"""In the Wagtail admin a participant works on their own portfolio only, and nobody reaches
another person's hidden portfolio material by any admin door: edit, preview, revisions, history,
usage, explorer, search or the page chooser.

Uses the demo: participant1 (Anna) has a public portfolio with a private reflection "Thoughts
after the first day"; participant4 (Pēteris) has a private portfolio.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from portfolios.models import EntryPage, PortfolioPage, ReflectionPage

pytestmark = pytest.mark.django_db

PRIVATE_TITLE = "Thoughts after the first day"


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def portfolio(slug):
    return PortfolioPage.objects.get(slug=slug, locale__language_code="en")


def private_reflection(slug):
    return ReflectionPage.objects.get(
        portfolio__slug=slug, slug="thoughts-after-day-one", locale__language_code="en"
    )


def refused(response):
    """Wagtail answers a refused admin request with 403, or a redirect away with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and "/admin/login" not in response["Location"]
    )


def door_urls(page):
    revision = page.get_latest_revision()
    return [
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        reverse("wagtailadmin_pages:history", args=[page.pk]),
        reverse("wagtailadmin_pages:usage", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]),
        reverse("wagtailadmin_pages:delete", args=[page.pk]),
    ]


def test_participant_edits_their_own_portfolio_and_entries(client, demo):
    login(client, "participant1")
    own = portfolio("anna-kalnina")
    for page in [own, *EntryPage.objects.child_of(own)]:
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page.title


@pytest.mark.parametrize(
    "model", ["seminarnotepage", "lessonobservationpage", "institutionvisitpage", "reflectionpage"]
)
def test_participant_can_add_every_entry_type_to_their_portfolio(client, demo, model):
    login(client, "participant1")
    url = reverse(
        "wagtailadmin_pages:add", args=["portfolios", model, portfolio("anna-kalnina").pk]
    )
    assert client.get(url).status_code == 200


def test_participant_publishes_a_new_entry_directly(client, demo):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    login(client, "participant1")
    own = portfolio("anna-kalnina")
    url = reverse("wagtailadmin_pages:add", args=["portfolios", "reflectionpage", own.pk])
    response = client.post(
        url,
        nested_form_data(
            {
                "title": "Last day",
                "slug": "last-day",
                "date": "2010-10-30",
                "visibility": "public",
                "tags": "",
                "body": streamfield([]),
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = ReflectionPage.objects.get(slug="last-day")
    assert entry.live
    assert entry.portfolio_id == own.pk
    assert entry.owner.username == "participant1"


@pytest.mark.parametrize("username", ["participant2", "coordinator", "editor"])
def test_nobody_else_passes_any_admin_door_of_a_portfolio(client, demo, username):
    login(client, username)
    for page in [portfolio("anna-kalnina"), private_reflection("anna-kalnina")]:
        for url in door_urls(page):
            response = client.get(url)
            assert refused(response), (username, url, response.status_code)
            assert PRIVATE_TITLE not in response.content.decode()


@pytest.mark.parametrize("username", ["participant2", "coordinator", "editor"])
def test_nobody_else_adds_entries_to_a_portfolio(client, demo, username):
    login(client, username)
    url = reverse(
        "wagtailadmin_pages:add",
        args=["portfolios", "reflectionpage", portfolio("anna-kalnina").pk],
    )
    assert refused(client.get(url))


def hidden_from(username):
    """Pages of the demo the visibility rule hides from ``username``, worked out by hand."""
    reflections = {
        slug: private_reflection(slug).pk
        for slug in ("anna-kalnina", "janis-ozols", "liga-berzina", "peteris-vitols")
    }
    own = {"participant2": "janis-ozols"}.get(username)
    hidden = [pk for slug, pk in reflections.items() if slug != own]
    hidden.append(portfolio("peteris-vitols").pk)
    if username == "editor":  # registered, but not a member of the project
        hidden.append(portfolio("janis-ozols").pk)
        hidden += list(EntryPage.objects.filter(visibility="project").values_list("pk", flat=True))
    return hidden


@pytest.mark.parametrize("username", ["participant2", "editor"])
@pytest.mark.parametrize("query", ["Thoughts", "Observed", "Vītols"])
def test_admin_search_and_chooser_do_not_reveal_hidden_pages(client, demo, username, query):
    login(client, username)
    responses = [
        client.get(reverse("wagtailadmin_pages:search"), {"q": query}),
        client.get(reverse("wagtailadmin_choose_page_search"), {"q": query}),
    ]
    for response in responses:
        assert response.status_code == 200 or refused(response)
        html = response.content.decode()
        for pk in hidden_from(username):
            assert f"/admin/pages/{pk}/" not in html, (username, query, pk)


def test_the_owner_finds_their_own_private_entry_in_admin_search(client, demo):
    login(client, "participant1")
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "Thoughts"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/admin/pages/{private_reflection('anna-kalnina').pk}/edit/" in html
    assert f"/admin/pages/{private_reflection('janis-ozols').pk}/" not in html


def test_the_explorer_is_where_you_work_so_editors_meet_no_portfolios_there(client, demo):
    """Editors publish project pages, not people's portfolios: even a public portfolio (readable
    on the site) is not in their explorer, while a superuser's explorer shows them all."""
    hub = portfolio("anna-kalnina").get_parent()
    portfolio_links = [f"/admin/pages/{p.pk}/" for p in PortfolioPage.objects.child_of(hub)]

    login(client, "editor")
    response = client.get(reverse("wagtailadmin_explore", args=[hub.pk]))
    assert response.status_code == 200
    assert not [link for link in portfolio_links if link in response.content.decode()]

    login(client, "admin")
    html = client.get(reverse("wagtailadmin_explore", args=[hub.pk])).content.decode()
    assert all(link in html for link in portfolio_links)


def test_participants_explorer_opens_on_their_own_portfolio(client, demo):
    login(client, "participant1")
    own = portfolio("anna-kalnina")
    response = client.get(reverse("wagtailadmin_explore", args=[own.pk]))
    assert response.status_code == 200
    assert (
        f"/admin/pages/{private_reflection('anna-kalnina').pk}/edit/" in response.content.decode()
    )
    other = portfolio("peteris-vitols")
    response = client.get(reverse("wagtailadmin_explore", args=[other.pk]), follow=True)
    assert (
        f"/admin/pages/{private_reflection('peteris-vitols').pk}/" not in response.content.decode()
    )


def test_superusers_keep_every_right(client, demo):
    login(client, "admin")
    for url in door_urls(private_reflection("peteris-vitols")):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("username", "sees_link"),
    [("participant1", True), ("coordinator", False), ("editor", False), (None, False)],
)
def test_only_the_owner_gets_an_edit_link_on_their_portfolio(client, demo, username, sees_link):
    if username:
        login(client, username)
    own = portfolio("anna-kalnina")
    html = client.get(own.url).content.decode()
    assert (reverse("wagtailadmin_pages:edit", args=[own.pk]) in html) is sees_link
