"""Similar ideas while writing: the look-up by title (shared words on SQLite, trigrams on
PostgreSQL), its admin endpoint, and the panel under the title in the idea editor.

The PostgreSQL tests run with ``DATABASE_URL=postgres://…``; elsewhere they are skipped (or fail
with ``REQUIRE_SERVICES=1``).
"""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from ideas.models import IdeaIndexPage, IdeaStatus
from ideas.similar import similar_ideas, title_words
from tests.ideas.admin_support import SEEN_BY, build_world, make_idea

pytestmark = pytest.mark.django_db

ENDPOINT = reverse("ideas_admin:similar")


@pytest.fixture
def world():
    return build_world()


def titles(ideas):
    return [idea.title for idea in ideas]


def test_title_words_ignore_short_words_and_case():
    assert title_words("A Welding visit to RĪGA, in 2010") == {"welding", "visit", "rīga", "2010"}


# On whichever database the suite runs


def test_only_ideas_the_user_may_see_are_suggested(world):
    for username in ["alice", "bob", "carla", "dario", "fabio", "eve"]:
        found = set(titles(similar_ideas("welding apprenticeships", world[username])))
        assert found <= world.titles_seen_by(username), username
    assert SEEN_BY["fabio_private"][0] in titles(similar_ideas("Rome welding", world["dario"]))
    assert SEEN_BY["fabio_private"][0] not in titles(similar_ideas("Rome welding", world["carla"]))
    assert similar_ideas("Secret welding workshop", AnonymousUser()) == []


def test_the_idea_being_edited_is_not_its_own_suggestion(world):
    idea = world["alice_public"]
    assert idea.title in titles(similar_ideas(idea.title, world["alice"]))
    assert idea.title not in titles(similar_ideas(idea.title, world["alice"], exclude_pk=idea.pk))


def test_drafts_of_others_and_unpublished_ideas_are_not_suggested(world):
    make_idea(world["bob"], "Welding robots for schools", status=IdeaStatus.DRAFT)
    assert "Welding robots for schools" not in titles(similar_ideas("welding", world["alice"]))
    assert "Welding robots for schools" in titles(similar_ideas("welding robots", world["bob"]))
    world["alice_public"].unpublish()
    assert titles(similar_ideas("Hotel kitchen exchange", world["eve"])) == []


def test_at_most_limit_ideas_come_back(world):
    for number in range(7):
        make_idea(world["alice"], f"Welding course number {number}")
    assert len(similar_ideas("welding course", world["alice"])) == 5
    assert len(similar_ideas("welding course", world["alice"], limit=2)) == 2


def test_nothing_to_compare_gives_nothing(world):
    assert similar_ideas("", world["root"]) == []
    assert similar_ideas("   ", world["root"]) == []
    assert similar_ideas("a b", world["root"]) == []


# The fallback for SQLite, shared words: asked for by name, so it is tested on every database.


def test_by_shared_words_more_shared_words_rank_first(world):
    found = titles(similar_ideas("Welding apprenticeships in Rome", world["root"], method="words"))
    assert found[0] in {"Welding apprenticeships abroad", "Rome welding masterclass"}
    assert set(found[:2]) == {"Welding apprenticeships abroad", "Rome welding masterclass"}
    assert "Hotel kitchen exchange" not in found


def test_by_shared_words_case_does_not_matter_latvian_letters_too(world):
    make_idea(world["alice"], "Ēdināšanas SKOLA Rīgā")
    found = similar_ideas("ēdināšanas skola", world["alice"], method="words")
    assert titles(found) == ["Ēdināšanas SKOLA Rīgā"]


def test_by_shared_words_short_words_alone_match_nothing(world):
    assert similar_ideas("of in to a", world["root"], method="words") == []


# PostgreSQL: trigrams


def test_on_postgresql_trigrams_forgive_typos_and_rank_by_similarity(world, postgres_db):
    found = similar_ideas("Weldng aprenticeship abroad", world["root"])
    assert titles(found)[0] == "Welding apprenticeships abroad"
    assert all(
        earlier.similarity >= later.similarity for earlier, later in itertools.pairwise(found)
    )
    assert all(idea.similarity >= 0.15 for idea in found)
    assert "Hotel kitchen exchange" not in titles(found)


def test_on_postgresql_only_visible_ideas_are_suggested(world, postgres_db):
    assert SEEN_BY["bob_private"][0] not in titles(similar_ideas("Secret welding", world["alice"]))
    assert SEEN_BY["bob_private"][0] in titles(similar_ideas("Secret welding", world["carla"]))
    assert similar_ideas("Secret welding workshop plan", world["eve"]) == []


# The endpoint


def test_the_endpoint_needs_an_admin_login(client, world):
    response = client.get(ENDPOINT, {"title": "welding"})
    assert response.status_code == 302
    assert "/admin/login" in response["Location"]


def test_the_endpoint_answers_with_titles_links_and_statuses(client, world):
    client.force_login(world["alice"])
    response = client.get(ENDPOINT, {"title": "welding apprenticeships"})
    assert response.status_code == 200
    ideas = {idea["title"]: idea for idea in response.json()["ideas"]}
    own = ideas["Welding apprenticeships abroad"]
    assert own["status"] == "proposed"
    assert own["status_label"] == "Proposed"
    assert own["url"] == world["alice_private"].get_url()
    assert own["edit_url"] == reverse("wagtailadmin_pages:edit", args=[world["alice_private"].pk])
    assert set(ideas) <= world.titles_seen_by("alice")


def test_the_endpoint_offers_no_edit_link_to_someone_elses_idea(client, world):
    client.force_login(world["fabio"])
    ideas = client.get(ENDPOINT, {"title": "Hotel kitchen"}).json()["ideas"]
    assert [idea["title"] for idea in ideas] == ["Hotel kitchen exchange"]
    assert ideas[0]["edit_url"] is None
    assert ideas[0]["url"] == world["alice_public"].get_url()


def test_the_endpoint_respects_visibility(client, world):
    client.force_login(world["eve"])
    ideas = client.get(ENDPOINT, {"title": "Secret welding workshop plan"}).json()["ideas"]
    assert SEEN_BY["bob_private"][0] not in [idea["title"] for idea in ideas]


def test_the_endpoint_takes_bad_input_calmly(client, world):
    client.force_login(world["alice"])
    for params in [{}, {"title": "x" * 5000}, {"title": "welding", "exclude": "abc"}]:
        response = client.get(ENDPOINT, params)
        assert response.status_code == 200
        assert isinstance(response.json()["ideas"], list)
    idea = world["alice_private"]
    ideas = client.get(ENDPOINT, {"title": idea.title, "exclude": idea.pk}).json()["ideas"]
    assert idea.title not in [found["title"] for found in ideas]


# The panel in the editor


def test_the_editor_shows_the_panel_under_the_title(client, world):
    client.force_login(world["alice"])
    idea = world["alice_public"]
    html = client.get(reverse("wagtailadmin_pages:edit", args=[idea.pk])).content.decode()
    assert "data-similar-ideas" in html
    assert f'data-endpoint="{ENDPOINT}"' in html
    assert f'data-exclude="{idea.pk}"' in html
    assert 'data-title-input="id_title"' in html
    assert "ideas/js/similar-ideas.js" in html
    assert html.index('id="id_title"') < html.index("data-similar-ideas") < html.index("id_summary")


def test_the_add_form_shows_the_panel_too(client, world):
    client.force_login(world["alice"])
    index = IdeaIndexPage.objects.get()
    url = reverse("wagtailadmin_pages:add", args=["ideas", "ideapage", index.pk])
    html = client.get(url).content.decode()
    assert "data-similar-ideas" in html
    assert 'data-exclude=""' in html
