"""Admin screens show only what their user may see: bulk-action confirmations, reports, tag
lists and every listing of pages (explorer, page chooser, admin API, the ideas listing).

Uses the demo, plus canaries of Pēteris (participant4, whose portfolio is private): a private
entry tagged and holding an image and a document (each tagged), a private idea (tagged), and a
public idea whose unpublished draft carries a new title. Anna (participant1), the coordinator of
another project and the editor may see none of them; Pēteris and the superuser see them all.
"""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.log_actions import log

from core.visibility import Visibility
from ideas.models import IdeaPage
from portfolios.models import PortfolioPage, ReflectionPage
from tests.factories import far_project, idea_index, make_idea

pytestmark = pytest.mark.django_db

ENTRY = "Canary private entry"
IMAGE = "Canary private image"
DOCUMENT = "Canary private document"
IDEA = "Canary private idea"
DRAFT = "Canary draft title"
PUBLISHED = "A public idea of Peteris"
TAGS = ["canary-entry-tag", "canary-image-tag", "canary-document-tag", "canary-idea-tag"]
CANARIES = [ENTRY, IMAGE, DOCUMENT, IDEA, DRAFT, *TAGS]

OTHERS = ["participant1", "far_coordinator", "editor"]


def user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def canaries(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    far_project()
    owner = user("participant4")
    picture = Image.objects.create(
        title=IMAGE, file=get_test_image_file(filename="canary.png"), uploaded_by_user=owner
    )
    picture.tags.add("canary-image-tag")
    document = Document.objects.create(
        title=DOCUMENT, file=ContentFile(b"Notes", name="canary.txt"), uploaded_by_user=owner
    )
    document.tags.add("canary-document-tag")
    log(instance=picture, action="wagtail.create", user=owner)
    portfolio = PortfolioPage.objects.get(participant=owner, locale__language_code="en")
    entry = ReflectionPage(
        title=ENTRY,
        slug="canary-private-entry",
        date=datetime.date(2010, 10, 27),
        visibility=Visibility.PRIVATE,
        body=[
            ("image", {"image": picture, "alt_text": "A photo", "decorative": False}),
            ("document", document),
        ],
    )
    portfolio.add_child(instance=entry)
    entry.tags.add("canary-entry-tag")
    entry.save_revision(user=owner).publish()
    private_idea = make_idea(
        owner, title=IDEA, visibility=Visibility.PRIVATE, tags=["canary-idea-tag"]
    )
    public_idea = make_idea(owner, title=PUBLISHED)
    public_idea.title = DRAFT
    # Logged, as the editor logs saving a draft: the site history keeps the draft's title.
    public_idea.save_revision(user=owner, log_action=True)
    public_idea = IdeaPage.objects.get(pk=public_idea.pk)
    assert public_idea.title == PUBLISHED and public_idea.draft_title == DRAFT
    return {
        "entry": entry,
        "image": picture,
        "document": document,
        "private_idea": private_idea,
        "public_idea": public_idea,
    }


def login(client, username):
    client.force_login(user(username))
    return client


def text_of(response):
    return response.content.decode()


def canaries_in(html):
    return [canary for canary in CANARIES if canary in html]


def bulk_urls(canaries):
    pages = "&".join(f"id={canaries[key].pk}" for key in ("entry", "private_idea", "public_idea"))
    urls = [f"/admin/bulk/wagtailcore/page/{action}/?{pages}" for action in PAGE_ACTIONS]
    for app, model, key in [
        ("wagtailimages", "image", "image"),
        ("wagtaildocs", "document", "document"),
    ]:
        urls += [
            f"/admin/bulk/{app}/{model}/{action}/?id={canaries[key].pk}" for action in FILE_ACTIONS
        ]
    return urls


PAGE_ACTIONS = ["delete", "publish", "unpublish", "move"]
FILE_ACTIONS = ["delete", "add_tags", "add_to_collection"]


@pytest.mark.parametrize("username", OTHERS)
def test_bulk_action_confirmations_list_nothing_hidden(client, canaries, username):
    login(client, username)
    for url in bulk_urls(canaries):
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), (url, response.status_code)
        assert not canaries_in(text_of(response)), (username, url)


def test_bulk_action_confirmations_still_list_the_owners_own_pages_and_files(client, canaries):
    login(client, "participant4")
    urls = bulk_urls(canaries)
    html = text_of(client.get(urls[0]))  # delete
    assert ENTRY in html
    assert DRAFT in html  # their own draft, under its new title
    for url in urls[4:]:
        html = text_of(client.get(url))
        assert IMAGE in html or DOCUMENT in html, url


def test_superusers_bulk_confirmations_list_everything(client, canaries):
    login(client, "admin")
    html = text_of(client.get(bulk_urls(canaries)[0]))
    assert {ENTRY, IDEA, DRAFT} <= set(canaries_in(html))


@pytest.mark.parametrize("username", [*OTHERS, "participant4", "coordinator"])
def test_page_types_usage_is_for_administrators_alone(client, canaries, username):
    login(client, username)
    for url in ["/admin/reports/page-types-usage/", "/admin/reports/page-types-usage/results/"]:
        response = client.get(url)
        assert response.status_code == 302, (username, url)
        assert response["Location"] == reverse("wagtailadmin_home")
        if username in OTHERS:
            assert not canaries_in(text_of(client.get(url, follow=True)))
    menu = text_of(client.get("/admin/"))
    assert "/admin/reports/page-types-usage/" not in menu


def test_superusers_keep_the_page_types_report(client, canaries):
    login(client, "admin")
    assert client.get("/admin/reports/page-types-usage/").status_code == 200
    assert "/admin/reports/page-types-usage/" in text_of(client.get("/admin/"))


@pytest.mark.parametrize("username", OTHERS)
def test_site_history_shows_nothing_hidden(client, canaries, username):
    login(client, username)
    for url in ["/admin/reports/site-history/", "/admin/reports/site-history/results/"]:
        response = client.get(url)
        assert response.status_code in (200, 403), (url, response.status_code)
        assert not canaries_in(text_of(response)), (username, url)


def test_site_history_shows_the_owner_their_own_actions(client, canaries):
    login(client, "participant4")
    html = text_of(client.get("/admin/reports/site-history/"))
    assert {ENTRY, IDEA, DRAFT, IMAGE} <= set(canaries_in(html))
    login(client, "admin")
    html = text_of(client.get("/admin/reports/site-history/"))
    assert {ENTRY, IDEA, DRAFT} <= set(canaries_in(html))


def tag_suggestions(client):
    found = []
    for url in ["/admin/tag-autocomplete/", "/admin/tag-autocomplete/taggit/tag/"]:
        response = client.get(url, {"term": "canary"})
        assert response.status_code == 200
        found += json.loads(response.content)
    return set(found)


@pytest.mark.parametrize("username", OTHERS)
def test_tag_autocomplete_suggests_no_hidden_tags(client, canaries, username):
    login(client, username)
    assert not tag_suggestions(client)


@pytest.mark.parametrize("username", ["participant4", "admin"])
def test_tag_autocomplete_suggests_tags_of_what_one_may_see(client, canaries, username):
    login(client, username)
    assert tag_suggestions(client) == set(TAGS)


def test_tag_autocomplete_still_refuses_a_model_that_is_not_a_tag(client, canaries):
    login(client, "participant1")
    response = client.get("/admin/tag-autocomplete/wagtailcore/page/", {"term": "a"})
    assert response.status_code == 404


@pytest.mark.parametrize("username", OTHERS)
def test_popular_tags_of_files_are_those_of_files_one_may_see(client, canaries, username):
    login(client, username)
    for url in ["/admin/images/", "/admin/documents/", "/admin/images/chooser/"]:
        response = client.get(url)
        assert response.status_code in (200, 302, 403), url
        assert not canaries_in(text_of(response)), (username, url)


def test_the_owner_finds_their_own_tags_among_the_popular_ones(client, canaries):
    login(client, "participant4")
    assert "canary-image-tag" in text_of(client.get("/admin/images/"))
    assert "canary-document-tag" in text_of(client.get("/admin/documents/"))
    assert "canary-image-tag" in text_of(client.get("/admin/images/chooser/"))


@pytest.mark.parametrize("username", OTHERS)
def test_the_ideas_listing_shows_no_hidden_tag_or_draft_title(client, canaries, username):
    login(client, username)
    response = client.get(reverse("ideas_admin:index"))
    assert response.status_code == 200
    html = text_of(response)
    assert not canaries_in(html), username
    assert PUBLISHED in html  # the public idea, under its published title


def test_the_ideas_listing_shows_the_owner_their_draft_title_and_tags(client, canaries):
    login(client, "participant4")
    html = text_of(client.get(reverse("ideas_admin:index")))
    assert DRAFT in html and IDEA in html and "canary-idea-tag" in html


def page_listings(canaries):
    index = idea_index()
    return [
        reverse("wagtailadmin_pages:search") + "?q=public",
        reverse("wagtailadmin_pages:search_results") + "?q=public",
        reverse("wagtailadmin_explore", args=[index.pk]),
        reverse("wagtailadmin_choose_page_child", args=[index.pk]),
        f"/admin/api/main/pages/?child_of={index.pk}&for_explorer=1",
        f"/admin/api/main/pages/?child_of={index.pk}",
        f"/admin/api/main/pages/{canaries['public_idea'].pk}/",
    ]


@pytest.mark.parametrize("username", OTHERS)
def test_page_listings_show_others_public_pages_under_their_published_titles(
    client, canaries, username
):
    login(client, username)
    for url in page_listings(canaries):
        response = client.get(url)
        assert response.status_code in (200, 403, 404), (url, response.status_code)
        assert not canaries_in(text_of(response)), (username, url)
    for url in page_listings(canaries)[:4]:
        assert PUBLISHED in text_of(client.get(url)), (username, url)


def test_page_listings_show_the_owner_their_draft_title(client, canaries):
    login(client, "participant4")
    urls = page_listings(canaries)
    for url in [urls[0], urls[3], urls[4], urls[6]]:
        assert DRAFT in text_of(client.get(url)), url
