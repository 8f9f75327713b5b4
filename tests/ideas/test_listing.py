"""Browsing /ideas/: filters, search, sorting, facets, tag pages and pagination, each a shareable
address; bad input answered with a notice, never an error; nothing hidden ever counted."""

import re

import pytest
from django.test import Client

from core.visibility import Visibility
from ideas.models import FundingProgramme, IdeaStatus
from tests.factories import make_idea, make_project, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    ann, ben = make_user("ann", first_name="Ann"), make_user("ben")
    florence = make_project("florence", members=[ann])
    ideas = {
        "metal": make_idea(
            ann,
            title="Metalworking teacher exchange",
            summary="Teachers of metalworking swap workshops with Florence.",
            tags=["metalworking", "exchange"],
            programme=FundingProgramme.ERASMUS_KA1,
            budget=24000,
            project=florence,
        ),
        "quality": make_idea(
            ben,
            title="Quality self-assessment tool",
            summary="A tool for the new competence centre.",
            tags=["quality", "competence centre"],
            programme=FundingProgramme.ERASMUS_KA2,
            budget=120000,
            status=IdeaStatus.SHORTLISTED,
            co_authors=[ann],
        ),
        "english": make_idea(
            ben,
            title="English for VET teachers",
            summary="A practice circle in English for teachers.",
            tags=["english", "exchange"],
            programme=FundingProgramme.ESF,
            status=IdeaStatus.FUNDED,
        ),
        "draft": make_idea(
            ann, title="Secret draft plan", status=IdeaStatus.DRAFT, tags=["quality"]
        ),
        "private": make_idea(
            ben, title="Private plan", visibility=Visibility.PRIVATE, tags=["exchange"]
        ),
        "members": make_idea(
            ann,
            title="Registered-only plan",
            visibility=Visibility.REGISTERED,
            tags=["exchange"],
        ),
    }
    return ideas


def titles(response):
    assert response.status_code == 200
    return set(
        re.findall(r'class="card__title"><a href="[^"]*">([^<]*)</a>', response.content.decode())
    )


def listing(**params):
    return Client().get("/ideas/", params)


PUBLIC = {
    "Metalworking teacher exchange",
    "Quality self-assessment tool",
    "English for VET teachers",
}


def test_anonymous_visitors_see_only_public_non_draft_ideas(catalogue):
    response = listing()
    assert titles(response) == PUBLIC
    html = response.content.decode()
    assert "3 ideas" in html
    for hidden in ("Secret draft plan", "Private plan", "Registered-only plan"):
        assert hidden not in html


def test_logged_in_users_see_registered_ideas_and_their_own_drafts(catalogue):
    client = Client()
    client.force_login(catalogue["draft"].owner)
    shown = titles(client.get("/ideas/"))
    assert shown == PUBLIC | {"Registered-only plan", "Secret draft plan"}


FILTER_CASES = [
    ({"tag": "exchange"}, {"Metalworking teacher exchange", "English for VET teachers"}),
    ({"tag": ["exchange", "metalworking"]}, {"Metalworking teacher exchange"}),
    ({"status": "shortlisted"}, {"Quality self-assessment tool"}),
    ({"programme": "esf"}, {"English for VET teachers"}),
    ({"project": "florence"}, {"Metalworking teacher exchange"}),
    ({"author": "ann"}, {"Metalworking teacher exchange", "Quality self-assessment tool"}),
    ({"q": "teachers"}, {"Metalworking teacher exchange", "English for VET teachers"}),
    ({"q": "competence centre"}, {"Quality self-assessment tool"}),
    ({"q": "TOOL"}, {"Quality self-assessment tool"}),
    ({"q": "teachers", "tag": "exchange", "status": "funded"}, {"English for VET teachers"}),
]


def test_filters_narrow_the_list(catalogue):
    # One catalogue for every case: building it is the slow part.
    for params, expected in FILTER_CASES:
        assert titles(listing(**params)) == expected, params


def test_the_year_filter_and_facet(catalogue):
    from ideas.models import IdeaPage

    IdeaPage.objects.filter(pk=catalogue["metal"].pk).update(
        first_published_at="2010-11-02T10:00:00Z"
    )
    assert titles(listing(year="2010")) == {"Metalworking teacher exchange"}
    assert '?year=2010">2010</a> <span class="count">1</span>' in listing().content.decode()


def test_tag_pages_have_their_own_address(catalogue):
    response = Client().get("/ideas/tags/exchange/")
    assert titles(response) == {"Metalworking teacher exchange", "English for VET teachers"}
    assert "Ideas tagged “exchange”" in response.content.decode()
    assert titles(Client().get("/ideas/tags/exchange/", {"status": "funded"})) == {
        "English for VET teachers"
    }


def test_sorting(catalogue):
    def order(sort):
        html = listing(sort=sort).content.decode()
        return re.findall(r'class="card__title"><a href="[^"]*">([^<]*)</a>', html)

    from ideas import actions

    actions.support(catalogue["english"], make_user("t1"))
    actions.support(catalogue["english"], make_user("t2"))
    actions.support(catalogue["quality"], make_user("t3"))
    assert order("supported")[:2] == ["English for VET teachers", "Quality self-assessment tool"]
    assert order("budget") == [
        "Quality self-assessment tool",
        "Metalworking teacher exchange",
        "English for VET teachers",  # no budget: last
    ]
    assert order("newest")[0] == "English for VET teachers"


def test_facets_count_only_what_the_visitor_may_see_within_the_filters(catalogue):
    html = listing(tag="exchange").content.decode()
    # Three ideas carry "exchange", but one is private and one registered-only.
    assert "2 ideas" in html
    # The chosen tag is marked, and its link takes the filter off again.
    assert '<a href="?" aria-current="true">exchange</a> <span class="count">2</span>' in html
    assert "Private plan" not in html
    quality = listing().content.decode()
    # The draft tagged "quality" is not counted for anonymous visitors.
    assert re.search(r">quality</a> <span class=\"count\">1</span>", quality)
    assert re.search(r">Shortlisted</a> <span class=\"count\">1</span>", quality)
    assert "Draft</a>" not in quality


def test_no_idea_appears_twice_under_several_tags(catalogue):
    html = listing(tag=["exchange", "metalworking"]).content.decode()
    assert html.count("Metalworking teacher exchange</a>") == 1
    assert "1 idea" in html


UNKNOWN_VALUES = [
    ({"status": "approved"}, "“approved” is not a status of ideas."),
    ({"programme": "horizon"}, "“horizon” is not a funding programme."),
    ({"year": "twenty"}, "“twenty” is not a year."),
]


def test_unknown_filter_values_give_a_notice_and_no_results(catalogue):
    for params, notice in UNKNOWN_VALUES:
        response = listing(**params)
        assert titles(response) == set()
        html = response.content.decode()
        assert notice in html
        assert "No ideas match these filters." in html


def test_an_unknown_tag_or_project_simply_matches_nothing(catalogue):
    for params in ({"tag": "no-such-tag"}, {"project": "atlantis"}, {"author": "nobody"}):
        response = listing(**params)
        assert titles(response) == set()
        assert "No ideas match these filters." in response.content.decode()


BAD_INPUT = [
    {"page": "abc"},
    {"page": "99999"},
    {"page": "-1"},
    {"sort": "evil"},
    {"sort": "title; DROP TABLE ideas_ideapage"},
    {"q": "x" * 10_000},
    {"q": '"unbalanced (quote OR & | ! :* <-> \\'},
    {"q": "teacher' OR 1=1 --"},
    {"q": "%_%"},
    {"budget": "lots"},
]


def test_bad_input_never_breaks_the_listing(catalogue):
    for params in BAD_INPUT:
        response = listing(**params)
        assert response.status_code == 200, params
        if "sort" in params:
            assert "they are shown newest first" in response.content.decode()
        if len(params.get("q", "")) > 200:
            assert "shortened to its first 200 characters" in response.content.decode()


def test_out_of_range_pages_show_the_nearest_page(catalogue):
    assert titles(listing(page="99999")) == PUBLIC
    assert titles(listing(page="abc")) == PUBLIC


def test_pagination_keeps_the_filters(catalogue):
    owner = make_user("prolific")
    for number in range(22):
        make_idea(owner, title=f"Exchange idea {number}", tags=["exchange"])
    html = listing(tag="exchange", sort="newest").content.decode()
    assert "Page 1 of 2" in html
    assert 'href="?tag=exchange&amp;sort=newest&amp;page=2"' in html
    second = Client().get("/ideas/", {"tag": "exchange", "sort": "newest", "page": "2"})
    assert len(titles(second)) == 24 - 20


def test_user_text_is_escaped_in_the_listing():
    make_idea(make_user("x"), title="<img src=x onerror=alert(1)>", summary="<b>bold</b>")
    html = listing().content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_an_empty_database_says_so():
    html = listing().content.decode()
    assert "No ideas have been shared yet." in html
