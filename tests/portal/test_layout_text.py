"""Text reads the same on every page: money per language, times in the project's zone and named,
what people typed escaped with its addresses as links nobody vouches for, a description and an
icon on every page, a robots.txt, numbered objectives and host institutions without doubled
brackets, and a heading on the results compile page.
"""

import datetime
import re
from decimal import Decimal
from html import unescape

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from dissemination.models import ResultsPage
from home.models import MobilityProjectPage
from home.templatetags.formatting import money, time_in_zone, user_text, zone_name
from ideas.models import IdeaComment, IdeaPage
from portfolios.models import EntryComment, EntryPage, PortfolioPage, PortfolioShareLink

NBSP = "\u00a0"
HUB = "/projects/latgale-florence-2010/"
IDEA_SLUG = "metalworking-teacher-exchange-florence"
# 11:05 UTC on 24 October 2010 is 14:05 in Riga (summer time, UTC+3).
MOMENT = datetime.datetime(2010, 10, 24, 11, 5, tzinfo=datetime.UTC)


def log_in(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def english(model, **lookup):
    return model.objects.get(locale__language_code="en", **lookup)


# Money ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "en", "lv"),
    [
        (Decimal("8056.00"), "€8,056", f"8{NBSP}056{NBSP}€"),
        (16800, "€16,800", f"16{NBSP}800{NBSP}€"),
        (Decimal("1234.5"), "€1,234.50", f"1{NBSP}234,50{NBSP}€"),
        (0, "€0", f"0{NBSP}€"),
    ],
)
def test_money_is_written_as_each_language_writes_it(amount, en, lv):
    with translation.override("en"):
        assert money(amount) == en
    with translation.override("lv"):
        assert money(amount) == lv


@pytest.mark.parametrize("nothing", [None, "", "not a number", "NaN"])
def test_money_of_nothing_or_nonsense_is_empty(nothing):
    assert money(nothing) == ""


@pytest.mark.django_db
def test_the_hub_and_the_ideas_show_money_with_the_same_filter(demo, client):
    hub = english(MobilityProjectPage, slug="latgale-florence-2010")
    idea = english(IdeaPage, slug=IDEA_SLUG)
    hub_html = client.get(HUB).content.decode()
    assert money(hub.budget_eur) in hub_html
    assert "8056 EUR" not in hub_html and " EUR</dd>" not in hub_html
    idea_html = client.get(idea.url).content.decode()
    assert f"<dd>{money(idea.budget)}</dd>" in idea_html
    assert money(idea.budget).startswith("€")

    latvian_hub = client.get("/lv/projekti/latgale-florence-2010/").content.decode()
    with translation.override("lv"):
        assert money(hub.budget_eur) in latvian_hub
    assert f"8{NBSP}056{NBSP}€" in latvian_hub


# Times ----------------------------------------------------------------------------------------


def test_a_time_is_shown_in_the_given_zone_and_names_it():
    with translation.override("en"):
        html = time_in_zone(MOMENT, "Europe/Riga")
    assert html == (
        f'<time datetime="2010-10-24T14:05:00+03:00">24 October 2010, 14:05 (Riga{NBSP}time)</time>'
    )
    with translation.override("en"):
        assert f"13:05 (Rome{NBSP}time)" in time_in_zone(MOMENT, "Europe/Rome")
        assert f"07:05 (New{NBSP}York{NBSP}time)" in time_in_zone(MOMENT, "America/New_York")
        # No project zone: the site's (UTC), still named.
        assert "11:05 (UTC)" in time_in_zone(MOMENT, None)
        assert time_in_zone(None, "Europe/Riga") == ""


def test_zone_names_follow_the_language():
    with translation.override("en"):
        assert zone_name("Europe/Riga") == "Riga time"
    with translation.override("lv"):
        assert zone_name("Europe/Riga") == "Rīgas laiks"
        assert "(Rīgas\u00a0laiks)" in time_in_zone(MOMENT, "Europe/Riga")


@pytest.mark.django_db
def test_idea_comments_and_timeline_say_which_zone_their_times_are_in(demo, client):
    idea = english(IdeaPage, slug=IDEA_SLUG)
    assert str(idea.project.specific.time_zone) == "Europe/Riga"
    with time_machine.travel(MOMENT, tick=False):
        IdeaComment.objects.create(
            idea=idea, author=get_user_model().objects.get(username="teacher"), body="Noted."
        )
    html = client.get(idea.url).content.decode()
    assert f"24 October 2010, 14:05 (Riga{NBSP}time)" in html
    timeline = html.split('id="status"')[1].split('id="comments"')[0]
    assert f"(Riga{NBSP}time)" in timeline


@pytest.mark.django_db
def test_entry_comments_are_shown_in_the_projects_zone(demo, client):
    entry = english(EntryPage, slug="observed-lesson", portfolio__slug="anna-kalnina")
    with time_machine.travel(MOMENT, tick=False):
        EntryComment.objects.create(
            entry=entry, author=get_user_model().objects.get(username="coordinator"), body="Good."
        )
    html = log_in(client, "participant1").get(entry.url).content.decode()
    assert f"24 October 2010, 14:05 (Riga{NBSP}time)" in html


@pytest.mark.django_db
def test_share_links_are_shown_in_the_projects_zone(demo, client):
    portfolio = english(PortfolioPage, slug="anna-kalnina")
    with time_machine.travel(MOMENT, tick=False):
        PortfolioShareLink.objects.create(
            portfolio=portfolio, expires_at=MOMENT + datetime.timedelta(days=1)
        )
    log_in(client, "participant1")
    html = client.get(reverse("portfolios:share_links", args=[portfolio.pk])).content.decode()
    created = f"24 October 2010, 14:05 (Riga{NBSP}time)"
    assert f'Created <time datetime="2010-10-24T14:05:00+03:00">{created}</time>' in html
    assert f"25 October 2010, 14:05 (Riga{NBSP}time)" in html


# What people typed -----------------------------------------------------------------------------


def test_user_text_is_escaped_and_its_addresses_become_links_nobody_vouches_for():
    html = user_text(
        "See https://example.org/a?x=1&y=2 and www.example.com/guide.\n"
        '<script>alert("x")</script> javascript:alert(1)\n\nNew paragraph.'
    )
    assert (
        '<a href="https://example.org/a?x=1&amp;y=2" rel="nofollow ugc noopener">'
        "https://example.org/a?x=1&amp;y=2</a>" in html
    )
    assert '<a href="http://www.example.com/guide" rel="nofollow ugc noopener">' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert html.count("<p>") == 2 and "<br>" in html


def test_a_long_address_is_shortened_in_the_text_but_not_in_the_link():
    url = "https://example.org/" + "x" * 200
    html = user_text(url)
    assert f'href="{url}"' in html
    assert f">{url}<" not in html and "…</a>" in html


@pytest.mark.django_db
def test_comments_on_ideas_and_entries_are_escaped_and_linked(demo, client):
    body = "Read https://example.org/guide <b>now</b> " + "a" * 500
    idea = english(IdeaPage, slug=IDEA_SLUG)
    IdeaComment.objects.create(
        idea=idea, author=get_user_model().objects.get(username="teacher"), body=body
    )
    entry = english(EntryPage, slug="observed-lesson", portfolio__slug="anna-kalnina")
    EntryComment.objects.create(
        entry=entry, author=get_user_model().objects.get(username="coordinator"), body=body
    )
    for html in (
        client.get(idea.url).content.decode(),
        log_in(client, "participant1").get(entry.url).content.decode(),
    ):
        assert '<a href="https://example.org/guide" rel="nofollow ugc noopener">' in html
        assert "&lt;b&gt;now&lt;/b&gt;" in html and "<b>now</b>" not in html
        assert 'class="entry-comment__body user-text"' in html or 'class="user-text"' in html


def test_the_stylesheet_breaks_long_words_in_the_main_content():
    with open(finders.find("css/mobilitas.css"), encoding="utf-8") as stylesheet:
        css = stylesheet.read()
    assert re.search(r"(^|\n)main \{[^}]*overflow-wrap: anywhere", css)


# Robots, icon and description ------------------------------------------------------------------


@pytest.mark.django_db
def test_robots_txt_lets_crawlers_read_public_pages_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for private in ("/admin/", "/my/", "/lv/my/", "/accounts/", "/lv/accounts/", "/share/"):
        assert f"Disallow: {private}" in lines
    assert "Disallow: /" not in lines and "Disallow: /projects/" not in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.django_db
def test_robots_txt_and_the_icon_answer_head_and_refuse_posts(client):
    assert client.head("/robots.txt").status_code == 200
    assert client.head("/favicon.ico").status_code == 302
    assert client.post("/robots.txt").status_code == 405


@pytest.mark.django_db
def test_every_page_links_the_icon_and_favicon_ico_finds_it(demo, client):
    html = client.get(HUB).content.decode()
    icon = re.search(r'<link rel="icon" href="([^"]+)"', html)
    assert icon, "base.html links no icon"
    assert finders.find(icon.group(1).removeprefix("/static/")), "the linked icon is missing"
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == icon.group(1)


def description(html):
    found = re.findall(r'<meta name="description" content="([^"]*)">', html)
    assert len(found) == 1, found
    return unescape(found[0])


@pytest.mark.django_db
def test_the_description_is_the_pages_search_description_first(demo, client):
    hub = english(MobilityProjectPage, slug="latgale-florence-2010")
    MobilityProjectPage.objects.filter(pk=hub.pk).update(
        search_description='A study visit "to Florence" & back'
    )
    html = client.get(HUB).content.decode()
    assert 'content="A study visit &quot;to Florence&quot; &amp; back"' in html
    assert description(html) == 'A study visit "to Florence" & back'


@pytest.mark.django_db
def test_without_one_the_description_is_the_pages_summary_made_plain_and_short(demo, client):
    hub = english(MobilityProjectPage, slug="latgale-florence-2010")
    assert not hub.search_description
    text = description(client.get(HUB).content.decode())
    assert text.startswith("The 2008 economic and financial crisis")
    assert "<" not in text and len(text) <= 160 and text.endswith(" r…") is False
    assert text.endswith("…")

    idea = english(IdeaPage, slug=IDEA_SLUG)
    assert description(client.get(idea.url).content.decode()).startswith(idea.summary[:40])


@pytest.mark.django_db
def test_a_page_with_nothing_to_say_gets_the_sites_description(demo, client):
    entry = english(EntryPage, slug="seminar-quality-assurance", portfolio__slug="anna-kalnina")
    text = description(client.get(entry.url).content.decode())
    assert text == "Mobilitas: portfolios and results of mobility projects in vocational education."
    latvian = description(client.get("/lv/accounts/login/").content.decode())
    assert latvian and latvian != text


# Lists, names and headings ----------------------------------------------------------------------


@pytest.mark.django_db
def test_objectives_served_are_numbered_by_the_projects_own_numbers(demo, client):
    entry = english(EntryPage, slug="seminar-quality-assurance", portfolio__slug="anna-kalnina")
    numbers = sorted(entry.objectives.values_list("number", flat=True))
    assert numbers
    html = client.get(entry.url).content.decode()
    section = html.split("Objectives served")[1].split("</section>")[0]
    assert '<ol class="objectives">' in section and "<ul" not in section
    assert re.findall(r'<li value="(\d+)">', section) == [str(n) for n in numbers]
    assert not re.search(r"<li[^>]*>\d+\. ", section), "a number typed before the text"


@pytest.mark.django_db
def test_host_institutions_do_not_double_their_brackets(demo, client):
    entry = english(EntryPage, slug="observed-lesson", portfolio__slug="anna-kalnina")
    host = entry.specific.host_institution
    assert host.name.endswith("(demo)")
    assert str(host) == f"{host.name}, {host.city}"
    html = log_in(client, "participant1").get(entry.url).content.decode()
    assert f"{host.name}, {host.city}" in html
    assert ") (" not in html


@pytest.mark.django_db
def test_the_results_compile_page_has_a_heading(demo, client):
    page = ResultsPage.objects.filter(locale__language_code="en").first()
    log_in(client, "editor")
    html = client.get(reverse("dissemination_compile", args=[page.pk])).content.decode()
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert heading, "no heading"
    assert "Compile" in heading.group(1) and page.title in heading.group(1)


def test_the_money_filter_is_usable_from_any_template():
    with translation.override("en"):
        rendered = Template("{% load formatting %}{{ amount|money }}").render(
            Context({"amount": Decimal("21400")})
        )
    assert rendered == "€21,400"
