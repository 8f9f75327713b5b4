"""The Atom feed of ideas (/ideas/feed/): public ideas past draft, and nothing else, whoever asks.

Aggregators and caches pass a feed on to anyone, so it shows what an anonymous visitor may see
even to a logged-in coordinator of the project that every hidden idea belongs to.
"""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model

from ideas import actions
from ideas.models import IdeaIndexPage
from tests.portal.test_api import ASKERS, ask_as, build_matrix, make_idea

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def matrix(db):
    return build_matrix()


def feed_entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own server's answer
    return {entry.findtext(f"{ATOM}title"): entry for entry in root.iter(f"{ATOM}entry")}


@pytest.mark.parametrize("asker", ASKERS)
def test_feed_lists_only_public_ideas_past_draft(client, matrix, asker):
    client = ask_as(client, matrix.users, asker)
    entries = feed_entries(client.get("/ideas/feed/"))
    assert set(entries) == {"CANARY idea public"}
    body = client.get("/ideas/feed/").content.decode()
    for hidden in ("private", "project", "registered", "draft"):
        assert f"CANARY idea {hidden}" not in body
        assert f"canary-idea-{hidden}" not in body


def test_feed_entry_has_title_summary_link_author_and_categories(client, matrix):
    idea = matrix.pages["CANARY idea public"][0]
    entry = feed_entries(client.get("/ideas/feed/"))["CANARY idea public"]
    assert entry.findtext(f"{ATOM}summary") == "Summary of CANARY idea public"
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver{idea.url}"
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Anna"
    categories = {category.get("term") for category in entry.iter(f"{ATOM}category")}
    assert categories == {"Proposed", "Erasmus+ KA2 (cooperation partnerships)"}


def test_an_idea_moved_on_stays_and_a_draft_joins_once_proposed(client, matrix):
    superuser = matrix.users["superuser"]
    actions.change_status(matrix.pages["CANARY idea public"][0], superuser, "under_review")
    draft = matrix.pages["CANARY idea draft"][0]
    assert "CANARY idea draft" not in feed_entries(client.get("/ideas/feed/"))
    actions.change_status(draft, matrix.users["owner"], "proposed")
    entries = feed_entries(client.get("/ideas/feed/"))
    assert set(entries) == {"CANARY idea public", "CANARY idea draft"}
    categories = {c.get("term") for c in entries["CANARY idea public"].iter(f"{ATOM}category")}
    assert "Under review" in categories


def test_user_text_is_escaped(client, db):
    owner = get_user_model().objects.create_user("writer", password="pw")
    make_idea(owner, "<script>alert(1)</script> idea", "public", summary="Fish & <b>chips</b>")
    response = client.get("/ideas/feed/")
    body = response.content.decode()
    assert "<script>" not in body and "<b>" not in body
    entry = feed_entries(response)["<script>alert(1)</script> idea"]
    assert entry.findtext(f"{ATOM}summary") == "Fish & <b>chips</b>"


def test_idea_database_links_to_its_feed(client, db):
    index = IdeaIndexPage.objects.first()
    body = client.get(index.url).content.decode()
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="New ideas (Atom)" '
        f'href="{index.url}feed/">'
    ) in body


def test_summaries_are_plain_text_so_markup_typed_by_a_user_never_reaches_readers(client, matrix):
    idea = matrix.pages["CANARY idea public"][0]
    idea.summary = '<img src=x onerror="alert(1)"> & more'
    idea.save_revision().publish()
    entry = feed_entries(client.get("/ideas/feed/"))["CANARY idea public"]
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "text"
    assert summary.text == '<img src=x onerror="alert(1)"> & more'
    assert b"<img" not in client.get("/ideas/feed/").content
