"""The ideas in the Wagtail admin: participants write and publish their own ideas and nobody
else's; nobody meets an idea in the admin (the Ideas listing, the explorer, the admin search, the
page chooser) that they could not see on the site; the status is not the editor's to change.
"""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text

from core.visibility import Visibility
from ideas import actions
from ideas.models import IdeaIndexPage, IdeaPage, IdeaStatus
from tests.ideas.admin_support import SEEN_BY, build_world

pytestmark = pytest.mark.django_db

LISTING = reverse("ideas_admin:index")
ALL_TITLES = {title for title, _audience in SEEN_BY.values()}


@pytest.fixture
def world():
    return build_world()


def login(client, world, username):
    client.force_login(world[username])
    return client


def refused(response):
    """Wagtail answers a refused admin request with 403, or a redirect away with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and "/admin/login" not in response["Location"]
    )


def titles_in(html):
    return {title for title in ALL_TITLES if title in html}


def idea_form(idea=None, **changes):
    """The editor's form as a browser would post it, for a new idea or an existing one."""
    data = {
        "title": idea.title if idea else "Bakery exchange with Riga",
        "slug": idea.slug if idea else "bakery-exchange-with-riga",
        "summary": idea.summary if idea else "Two weeks in a bakery school.",
        "need": "",
        "target_group": "",
        "activities": rich_text(""),
        "programme": idea.programme if idea else "erasmus_ka1",
        "budget": "",
        "duration_months": "",
        "project": "",
        "tags": "",
        "visibility": idea.visibility if idea else Visibility.PUBLIC,
        "action-publish": "publish",
    }
    data.update(changes)
    return nested_form_data(data)


def edit_url(idea):
    return reverse("wagtailadmin_pages:edit", args=[idea.pk])


# Writing and editing


def test_a_participant_creates_and_publishes_an_idea_in_the_admin(client, world):
    login(client, world, "alice")
    index = IdeaIndexPage.objects.get()
    url = reverse("wagtailadmin_pages:add", args=["ideas", "ideapage", index.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, idea_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    idea = IdeaPage.objects.get(slug="bakery-exchange-with-riga")
    assert idea.live
    assert idea.owner == world["alice"]
    assert idea.status == IdeaStatus.DRAFT
    # A draft is its authors' own until they propose it, whatever the chosen visibility.
    assert idea.effective_visibility == Visibility.PRIVATE


def test_the_add_view_offers_publishing_to_a_participant(client, world):
    login(client, world, "alice")
    index = IdeaIndexPage.objects.get()
    html = client.get(
        reverse("wagtailadmin_pages:add", args=["ideas", "ideapage", index.pk])
    ).content.decode()
    assert 'name="action-publish"' in html


@pytest.mark.parametrize("username", ["alice", "bob", "root"])
def test_owner_co_author_and_superuser_edit_an_idea(client, world, username):
    login(client, world, username)
    assert client.get(edit_url(world["alice_private"])).status_code == 200


def test_the_owner_publishes_an_edit(client, world):
    login(client, world, "alice")
    idea = world["alice_public"]
    response = client.post(edit_url(idea), idea_form(idea, summary="A better summary."))
    assert response.status_code == 302, response.content.decode()[:3000]
    idea.refresh_from_db()
    assert idea.summary == "A better summary."
    assert not idea.has_unpublished_changes


@pytest.mark.parametrize("username", ["bob", "carla", "dario", "eve", "fabio"])
def test_nobody_else_opens_any_admin_door_of_an_idea(client, world, username):
    """Bob co-wrote Alice's private idea but not her public one; coordinators and editors may
    read ideas, not rewrite them."""
    login(client, world, username)
    idea = world["alice_public"]
    revision = idea.get_latest_revision()
    for url in [
        edit_url(idea),
        reverse("wagtailadmin_pages:preview_on_edit", args=[idea.pk]),
        reverse("wagtailadmin_pages:history", args=[idea.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[idea.pk, revision.pk]),
        reverse("wagtailadmin_pages:delete", args=[idea.pk]),
        reverse("wagtailadmin_pages:unpublish", args=[idea.pk]),
        reverse("wagtailadmin_pages:copy", args=[idea.pk]),
        reverse("wagtailadmin_pages:move", args=[idea.pk]),
    ]:
        response = client.get(url)
        assert refused(response), (username, url, response.status_code)


def test_nobody_else_publishes_over_an_idea(client, world):
    login(client, world, "eve")
    idea = world["alice_public"]
    response = client.post(edit_url(idea), idea_form(idea, summary="Hijacked"))
    assert refused(response)
    idea.refresh_from_db()
    assert idea.summary != "Hijacked"


def test_an_author_deletes_only_a_draft(client, world):
    login(client, world, "alice")
    assert refused(
        client.get(reverse("wagtailadmin_pages:delete", args=[world["alice_public"].pk]))
    )
    draft = (
        world["alice_public"]
        .get_parent()
        .add_child(
            instance=IdeaPage(title="Half an idea", slug="half", summary="…", owner=world["alice"])
        )
    )
    response = client.get(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    assert response.status_code == 200


# The status


def test_the_editor_form_has_no_status_field(client, world):
    login(client, world, "alice")
    html = client.get(edit_url(world["alice_public"])).content.decode()
    assert 'name="status"' not in html
    assert 'name="support_count"' not in html


def test_publishing_an_edit_keeps_the_status_a_coordinator_set(client, world):
    idea = world["alice_public"]
    login(client, world, "alice")
    # Alice opens the editor while the idea is shortlisted …
    form = idea_form(idea, summary="Edited after the decision", status=IdeaStatus.PROPOSED)
    # … and meanwhile a coordinator moves it on.
    actions.change_status(idea, world["carla"], IdeaStatus.IN_APPLICATION)
    response = client.post(edit_url(idea), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    idea = IdeaPage.objects.get(pk=idea.pk)
    assert idea.summary == "Edited after the decision"
    assert idea.status == IdeaStatus.IN_APPLICATION
    assert idea.effective_visibility == Visibility.PUBLIC


# What each person sees in the admin


@pytest.mark.parametrize("username", ["alice", "bob", "carla", "dario", "fabio", "eve", "root"])
def test_the_ideas_listing_shows_what_the_site_would(client, world, username):
    login(client, world, username)
    response = client.get(LISTING)
    assert response.status_code == 200
    expected = ALL_TITLES if username == "root" else world.titles_seen_by(username)
    assert titles_in(response.content.decode()) == expected


def test_an_unpublished_idea_is_its_authors_draft_whatever_its_level(client, world):
    """Once withdrawn from the site, a public idea is no longer listed to others in the admin."""
    world.ideas["alice_public"].unpublish()
    title = SEEN_BY["alice_public"][0]
    seen = {}
    for username in ("alice", "carla", "bob", "dario", "fabio", "eve", "root"):
        login(client, world, username)
        seen[username] = title in client.get(LISTING).content.decode()
    # The author, her project's coordinator and superusers still see it.
    assert seen == {
        "alice": True,
        "carla": True,
        "root": True,
        "bob": False,
        "dario": False,
        "fabio": False,
        "eve": False,
    }


@pytest.mark.parametrize("username", ["alice", "eve", "dario"])
def test_admin_search_shows_only_ideas_the_user_may_see(client, world, username):
    login(client, world, username)
    expected = world.titles_seen_by(username)
    for query in ["welding", "Rome", "Florence", "bakery"]:
        for url in [reverse("wagtailadmin_pages:search"), LISTING]:
            response = client.get(url, {"q": query})
            assert response.status_code == 200
            assert titles_in(response.content.decode()) <= expected, (url, query)
    html = client.get(reverse("wagtailadmin_pages:search"), {"q": "welding"}).content.decode()
    assert titles_in(html) == {t for t in expected if "welding" in t.lower()}


@pytest.mark.parametrize("username", ["alice", "eve", "fabio"])
def test_the_page_chooser_shows_only_ideas_the_user_may_see(client, world, username):
    login(client, world, username)
    index = IdeaIndexPage.objects.get()
    expected = world.titles_seen_by(username)
    responses = [
        client.get(reverse("wagtailadmin_choose_page_child", args=[index.pk])),
        client.get(reverse("wagtailadmin_choose_page_search"), {"q": "welding"}),
    ]
    for response in responses:
        assert response.status_code == 200
        assert titles_in(response.content.decode()) <= expected
    assert titles_in(responses[0].content.decode()) == expected


@pytest.mark.parametrize("username", ["alice", "eve"])
def test_the_explorer_shows_only_ideas_the_user_may_see(client, world, username):
    login(client, world, username)
    index = IdeaIndexPage.objects.get()
    response = client.get(reverse("wagtailadmin_explore", args=[index.pk]))
    assert response.status_code == 200
    assert titles_in(response.content.decode()) == world.titles_seen_by(username)


@pytest.mark.parametrize("username", ["alice", "eve"])
def test_the_explorer_does_not_open_a_hidden_idea_by_its_id(client, world, username):
    login(client, world, username)
    hidden = world.ideas["fabio_private"]
    response = client.get(reverse("wagtailadmin_explore", args=[hidden.pk]))
    assert response.status_code == 404
    assert "Rome welding masterclass" not in response.content.decode()
    shown = world.ideas["alice_public"]
    assert client.get(reverse("wagtailadmin_explore", args=[shown.pk])).status_code == 200


def test_the_ideas_menu_item_is_there_for_participants(client, world):
    login(client, world, "alice")
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert LISTING in html


# Filters


def listed(client, **params):
    response = client.get(LISTING, params)
    assert response.status_code == 200
    return titles_in(response.content.decode())


def test_the_listing_filters_by_status(client, world):
    login(client, world, "root")
    assert listed(client, status=IdeaStatus.SHORTLISTED) == {"Hotel kitchen exchange"}
    assert listed(client, status=IdeaStatus.UNDER_REVIEW) == {"Rome bakery job shadowing"}


def test_the_listing_filters_by_programme(client, world):
    login(client, world, "root")
    assert listed(client, programme="erasmus_ka1") == {
        "Welding apprenticeships abroad",
        "Rome bakery job shadowing",
    }
    assert listed(client, programme="esf") == {"Carpentry teachers visit Florence"}


def tag_pk(name):
    from taggit.models import Tag

    return Tag.objects.get(name=name).pk


def test_the_listing_filters_by_every_chosen_tag(client, world):
    login(client, world, "root")
    assert listed(client, tag=[tag_pk("welding")]) == {
        "Welding apprenticeships abroad",
        "Secret welding workshop plan",
        "Rome welding masterclass",
    }
    assert listed(client, tag=[tag_pk("welding"), tag_pk("apprenticeship")]) == {
        "Welding apprenticeships abroad",
        "Rome welding masterclass",
    }


def test_filters_never_reveal_hidden_ideas(client, world):
    login(client, world, "alice")
    assert listed(client, tag=[tag_pk("welding")]) == {"Welding apprenticeships abroad"}
    assert listed(client, tag=[tag_pk("welding")], q="welding") == {
        "Welding apprenticeships abroad"
    }


def test_an_unknown_filter_value_is_a_message_not_an_error(client, world):
    login(client, world, "alice")
    response = client.get(LISTING, {"status": "nonsense", "tag": "999999"})
    assert response.status_code == 200


def test_the_listing_counts_its_queries_not_its_ideas(client, world, django_assert_max_num_queries):
    login(client, world, "root")
    client.get(LISTING)  # warm the per-process caches (content types, site root paths)
    with django_assert_max_num_queries(40):
        client.get(LISTING)
