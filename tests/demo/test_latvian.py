"""The founding project in Latvian: what the demo holds, who may see it, and that a Latvian
visitor who starts at /lv/ stays in Latvian wherever they click."""

import datetime
from collections import deque
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from wagtail.models import Locale, Page

from core.visibility import Visibility, visible_to
from demo.home import PROJECT_SLUG
from demo.ideas import IDEAS
from dissemination.models import ResultsPage
from home.models import MobilityProjectPage
from ideas.models import IdeaPage
from portfolios.models import (
    EntryPage,
    InstitutionVisitPage,
    LessonObservationPage,
    PortfolioPage,
    ReflectionPage,
    SeminarNotePage,
)

pytestmark = pytest.mark.django_db

# Addresses a Latvian page may link outside /lv/: files, the admin, and the account pages.
OUTSIDE_LANGUAGE = ("/static/", "/media/", "/documents/", "/admin/", "/django-admin/")


def latvian(model):
    return model.objects.filter(locale__language_code="lv")


def english_original(page):
    return page.get_translation(Locale.objects.get(language_code="en")).specific


@pytest.fixture
def hubs(demo):
    en = MobilityProjectPage.objects.get(slug=PROJECT_SLUG, locale__language_code="en")
    lv = MobilityProjectPage.objects.get(slug=PROJECT_SLUG, locale__language_code="lv")
    return en, lv


def test_every_portfolio_entry_idea_and_the_results_page_have_a_live_latvian_translation(hubs):
    hub_en, hub_lv = hubs
    portfolios = PortfolioPage.objects.filter(project__translation_key=hub_en.translation_key)
    assert latvian(PortfolioPage).filter(project=hub_lv, live=True).count() == 4
    assert set(latvian(PortfolioPage).values_list("translation_key", flat=True)) == set(
        portfolios.filter(locale__language_code="en").values_list("translation_key", flat=True)
    )
    entries_en = EntryPage.objects.filter(portfolio__project=hub_en)
    entries_lv = EntryPage.objects.filter(portfolio__project=hub_lv, live=True)
    assert entries_lv.count() == entries_en.count() == 16
    for model in (SeminarNotePage, LessonObservationPage, InstitutionVisitPage, ReflectionPage):
        assert latvian(model).count() == 4, model
    assert latvian(IdeaPage).filter(live=True).count() == len(IDEAS)
    results = latvian(ResultsPage).get()
    assert results.live and not results.has_unpublished_changes
    assert results.get_parent().pk == hub_lv.pk


def test_latvian_pages_are_written_in_latvian_and_point_at_latvian_pages(hubs):
    _hub_en, hub_lv = hubs
    for entry in latvian(EntryPage).specific():
        original = english_original(entry)
        assert entry.title != original.title
        assert entry.date == original.date
        assert {o.page_id for o in entry.objectives.all()} <= {hub_lv.pk}
        assert sorted(o.number for o in entry.objectives.all()) == sorted(
            o.number for o in original.objectives.all()
        )
        assert entry.portfolio.locale.language_code == "lv"
    visit = latvian(InstitutionVisitPage).first()
    assert [row.occupation for row in visit.labour_market_rows.all()] == [
        "CNC darbgaldu operators",
        "Apkopes tehniķis",
    ]
    for portfolio in latvian(PortfolioPage):
        competences = [row.competence for row in portfolio.self_assessments.all()]
        assert competences and all(c.locale.language_code == "lv" for c in competences)
    for idea in latvian(IdeaPage):
        original = english_original(idea)
        assert idea.title != original.title and idea.summary != original.summary
        assert (idea.status, idea.budget, idea.first_published_at) == (
            original.status,
            original.budget,
            original.first_published_at,
        )
        assert idea.project_id == hub_lv.pk
        assert all(e.locale.language_code == "lv" for e in idea.inspired_by.all())
    results = latvian(ResultsPage).get()
    assert "Florencē" in results.introduction
    participant_urls = [p["url"] for p in results.compiled["glance"]["participants"]]
    assert participant_urls and all(url.startswith("/lv/") for url in participant_urls)


def test_a_translation_has_the_visibility_of_its_original(hubs):
    for model in (PortfolioPage, EntryPage, IdeaPage):
        for page in latvian(model):
            original = english_original(page)
            assert page.visibility == original.visibility, page
            if model is PortfolioPage:
                assert page.practice_log_visibility == original.practice_log_visibility
    private = latvian(ReflectionPage).first()
    assert private.visibility == Visibility.PRIVATE


def test_a_private_entrys_translation_is_private_too(client, hubs):
    entry = latvian(ReflectionPage).select_related("portfolio__participant").first()
    url = entry.url
    assert url.startswith("/lv/")
    assert client.get(url).status_code == 404
    User = get_user_model()
    client.force_login(User.objects.get(username="teacher"))
    assert client.get(url).status_code == 404
    other = (
        "participant2" if entry.portfolio.participant.username != "participant2" else "participant1"
    )
    client.force_login(User.objects.get(username=other))
    assert client.get(url).status_code == 404
    client.force_login(entry.portfolio.participant)
    assert client.get(url).status_code == 200
    client.force_login(User.objects.get(username="coordinator"))
    assert client.get(url).status_code == 200


def test_a_private_portfolio_stays_private_in_latvian(client, hubs):
    portfolio = latvian(PortfolioPage).get(visibility=Visibility.PRIVATE)
    assert client.get(portfolio.url).status_code == 404
    for entry in EntryPage.objects.child_of(portfolio):
        assert client.get(entry.url).status_code == 404


def test_each_listing_shows_every_page_once_in_its_own_language(client, hubs):
    hub_en, hub_lv = hubs
    page = client.get(hub_lv.url).content.decode()
    for portfolio in latvian(PortfolioPage).filter(visibility=Visibility.PUBLIC):
        assert page.count(f'href="{portfolio.url}"') >= 1
    english = client.get(hub_en.url).content.decode()
    assert "/lv/" not in english.replace('hreflang="lv"', "").split("language-switcher")[0]
    ideas_lv = client.get("/lv/ideas/").content.decode()
    ideas_en = client.get("/ideas/").content.decode()
    public = IdeaPage.objects.filter(visibility=Visibility.PUBLIC, locale__language_code="en")
    for idea in public.exclude(status="draft"):
        translation = idea.get_translation(Locale.objects.get(language_code="lv"))
        assert idea.title in ideas_en and idea.title not in ideas_lv
        assert translation.title in ideas_lv and translation.title not in ideas_en
    results_en = ResultsPage.objects.get(locale__language_code="en")
    urls = [p["url"] for p in results_en.compiled["glance"]["participants"]]
    assert urls and not any(url.startswith("/lv/") for url in urls)


def test_the_latvian_portfolio_shows_the_practice_log_written_to_the_english_one(client, hubs):
    portfolio = latvian(PortfolioPage).get(visibility=Visibility.PUBLIC)
    response = client.get(portfolio.url)
    assert response.status_code == 200
    assert response.context["practice"] is not None


class Links(HTMLParser):
    """Every link and form target of a page: a link, a language-switcher link or a form."""

    def __init__(self):
        super().__init__()
        self.links = []
        self.texts = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            kind = "switcher" if "hreflang" in attrs else "link"
            self.links.append((attrs["href"], kind))
            self._open = [] if kind == "link" else None
        elif tag == "form" and attrs.get("action"):
            self.links.append((attrs["action"], "form"))

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            self.texts.append(" ".join("".join(self._open).split()))
            self._open = None


def crawl(client, start="/lv/"):
    """Every page reachable from ``start`` through internal links, with what each links to."""
    seen, queue, pages = {start}, deque([start]), {}
    while queue:
        url = queue.popleft()
        response = client.get(url)
        assert response.status_code in (200, 302), (url, response.status_code)
        if response.status_code == 302 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = Links()
        parser.feed(response.content.decode())
        pages[url] = parser
        for href, kind in parser.links:
            target = urlsplit(urljoin(url, href))
            if target.scheme not in ("", "http") or target.netloc not in ("", "testserver"):
                continue
            path = unquote(target.path)
            if kind != "link" or path.startswith(OUTSIDE_LANGUAGE) or not path.startswith("/lv/"):
                continue
            if path.endswith((".pdf", ".zip", ".xml")) or "/feed/" in path:
                continue
            # Filters (?tag=&status=…) only combine what the plain listing shows; pages follow.
            if target.query and not target.query.startswith("page="):
                continue
            address = target.path + (f"?{target.query}" if target.query else "")
            if address not in seen and len(seen) < 400:
                seen.add(address)
                queue.append(address)
    return pages


@pytest.mark.parametrize("username", [None, "coordinator", "participant1"])
def test_a_latvian_visitor_never_leaves_latvian(client, hubs, username):
    user = AnonymousUser()
    if username:
        user = get_user_model().objects.get(username=username)
        client.force_login(user)
    pages = crawl(client)
    reached = set(pages)
    # Every Latvian page the visitor may see is a click or a few away.
    expected = {latvian(ResultsPage).get().url}
    for model in (PortfolioPage, EntryPage, IdeaPage):
        expected |= {page.url for page in visible_to(latvian(model).live(), user)}
    assert expected - reached == set()
    # The titles of the founding project's English pages, where the Latvian one differs.
    english_titles = set()
    for model in (MobilityProjectPage, PortfolioPage, EntryPage, IdeaPage, ResultsPage):
        english_titles |= set(
            model.objects.filter(locale__language_code="en").values_list("title", flat=True)
        )
    english_titles -= set(
        Page.objects.filter(locale__language_code="lv").values_list("title", flat=True)
    )
    for url, parser in pages.items():
        for href, kind in parser.links:
            target = urlsplit(urljoin(url, href))
            if kind == "switcher" or target.scheme not in ("", "http"):
                continue
            if target.netloc not in ("", "testserver"):
                continue
            path = unquote(target.path)
            assert path.startswith(("/lv/", *OUTSIDE_LANGUAGE)), f"{url} links {href}"
        shown_in_english = english_titles.intersection(parser.texts)
        assert not shown_in_english, f"{url} shows English titles {shown_in_english}"
    brochure = latvian(ResultsPage).get().url + "brochure.pdf"
    response = client.get(brochure)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_an_ideas_status_supports_and_timeline_are_shared_by_its_translations(client, hubs):
    from ideas import actions
    from ideas.models import IdeaStatus

    english = IdeaPage.objects.get(
        slug="job-shadowing-tourism-hospitality", locale__language_code="en"
    )
    translation = english.get_translation(Locale.objects.get(language_code="lv")).specific
    assert translation.status == english.status == IdeaStatus.PROPOSED
    supports = english.support_count
    User = get_user_model()
    coordinator, anna = (
        User.objects.get(username="coordinator"),
        User.objects.get(username="participant1"),
    )

    actions.change_status(
        translation, coordinator, IdeaStatus.UNDER_REVIEW, "Skatām kopā ar ERAF plānu."
    )
    assert set(
        IdeaPage.objects.filter(translation_key=english.translation_key).values_list(
            "status", flat=True
        )
    ) == {IdeaStatus.UNDER_REVIEW}
    assert "Skatām kopā ar ERAF plānu." in client.get(english.url).content.decode()

    assert actions.support(translation, anna) is True
    assert actions.support(english, anna) is False
    counts = IdeaPage.objects.filter(translation_key=english.translation_key).values_list(
        "support_count", flat=True
    )
    assert set(counts) == {supports + 1}
    assert actions.withdraw_support(english, anna) is True
    assert set(counts.all()) == {supports}


def test_a_page_translated_as_the_admin_does_links_the_latvian_hub_and_entries(hubs):
    """The admin's "Translate" copies a page with its links to pages in the original's language;
    the copy links their Latvian translations instead, where they exist."""
    hub_en, hub_lv = hubs
    lv = Locale.objects.get(language_code="lv")
    portfolio = PortfolioPage.objects.get(slug="anna-kalnina", locale__language_code="en")
    objectives = {o.number: o for o in hub_en.objectives.all()}
    entry = ReflectionPage(
        title="After the visit", slug="after-the-visit", date=datetime.date(2010, 11, 2)
    )
    entry.objectives = [objectives[1], objectives[9]]
    portfolio.add_child(instance=entry)
    entry.save_revision().publish()
    # The portfolio's Latvian translation exists, so the entry can be translated under it.
    translated_entry = entry.copy_for_translation(lv).specific
    assert translated_entry.portfolio.locale == lv
    assert sorted((o.page_id, o.number) for o in translated_entry.objectives.all()) == [
        (hub_lv.pk, 1),
        (hub_lv.pk, 9),
    ]

    seminar = EntryPage.objects.child_of(portfolio).get(slug="seminar-quality-assurance")
    index = IdeaPage.objects.filter(locale__language_code="en").first().get_parent()
    idea = IdeaPage(
        title="A Latgale quality circle",
        slug="latgale-quality-circle",
        summary="Quality leads of four schools meet each term.",
        project=hub_en,
        owner=portfolio.participant,
        visibility=Visibility.PUBLIC,
    )
    idea.inspired_by = [seminar]
    index.add_child(instance=idea)
    translated_idea = idea.copy_for_translation(lv).specific
    assert translated_idea.project_id == hub_lv.pk
    assert [e.pk for e in translated_idea.inspired_by.all()] == [seminar.get_translation(lv).pk]
