"""The founding project's hub shows every fact of the seed, in English and in Latvian."""

import html as html_lib
import re

import pytest

from demo.home import PROJECT

pytestmark = pytest.mark.django_db

EN_HUB = "/projects/latgale-florence-2010/"
LV_HUB = "/lv/projekti/latgale-florence-2010/"

SHARED_FACTS = [
    "2010-1-LV1-LEO03-00754",
    "Leonardo da Vinci",
    "VETPRO",
    "Inta Laurena",
    "Strādnieku iela 16",
    "Daugavpils, LV-5417",
    "654 36893",
    "lts@ltsts.lv",
    "Florence",
    "Europe/Riga",
]

LANGUAGE_FACTS = {
    "en": [
        PROJECT["en"]["title"],
        "€8,056",
        "Latgale Transport and Communications Technical School",
        "24 October 2010",
        "30 October 2010",
        "7 days",
        "Italy",
        "Four specialists involved in initial vocational education",
        "Project manager",
        "Objectives",
        "Expected results",
    ],
    "lv": [
        PROJECT["lv"]["title"],
        "8 056 €",  # non-breaking spaces, folded by page_text
        "Latgales Transporta un sakaru tehniskā skola",
        "2010. gada 24. oktobris",
        "2010. gada 30. oktobris",
        "Itālija",
        "Četri sākotnējā profesionālajā izglītībā iesaistīti speciālisti",
        "Projekta vadītāja",
    ],
}


def page_text(response):
    """The visible text of a page, with whitespace folded, so facts split over lines still match."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(("language", "url"), [("en", EN_HUB), ("lv", LV_HUB)])
def test_hub_shows_every_seed_fact(client, demo, language, url):
    response = client.get(url)
    assert response.status_code == 200
    text = page_text(response)
    for fact in SHARED_FACTS + LANGUAGE_FACTS[language]:
        assert fact in text, f"{fact!r} missing from the {language} hub"


@pytest.mark.parametrize(("language", "url"), [("en", EN_HUB), ("lv", LV_HUB)])
def test_hub_lists_the_nine_objectives_in_order_with_their_numbers(client, demo, language, url):
    html = client.get(url).content.decode()
    listed = re.findall(
        r'<li value="(\d+)" id="objective-\d+">\s*<p class="objective__text">(.*?)</p>',
        html,
        flags=re.S,
    )
    assert [int(number) for number, _ in listed] == list(range(1, 10))
    assert [html_lib.unescape(text.strip()) for _, text in listed] == PROJECT[language][
        "objectives"
    ]


def test_hub_answers_in_the_language_of_its_url(client, demo):
    assert 'lang="en"' in client.get(EN_HUB).content.decode()[:200]
    assert 'lang="lv"' in client.get(LV_HUB).content.decode()[:200]


def test_language_switcher_links_each_hub_to_its_translation(client, demo):
    en_html = client.get(EN_HUB).content.decode()
    lv_html = client.get(LV_HUB).content.decode()
    assert f'href="{LV_HUB}" hreflang="lv"' in en_html
    assert f'href="{EN_HUB}" hreflang="en"' in lv_html


def test_home_page_lists_the_project_in_each_language(client, demo):
    assert PROJECT["en"]["title"] in page_text(client.get("/"))
    lv_home = page_text(client.get("/lv/"))
    assert PROJECT["lv"]["title"] in lv_home
    assert PROJECT["en"]["title"] not in lv_home


def test_project_index_survives_a_nonsense_page_number(client, demo):
    for page in ("abc", "0", "99999", "-1"):
        response = client.get("/projects/", {"page": page})
        assert response.status_code == 200
        assert PROJECT["en"]["title"] in page_text(response)


def test_footer_shows_the_site_settings(client, demo):
    text = page_text(client.get("/"))
    assert "Latgales Transporta un sakaru tehniskā skola" in text
    assert "Strādnieku iela 16, Daugavpils, LV-5417, Latvia" in text


def test_home_page_without_projects_says_how_to_add_one(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "No projects have been published yet." in page_text(response)


def test_unknown_address_gets_the_friendly_404(client, db):
    response = client.get("/projects/no-such-project/")
    assert response.status_code == 404
    assert "Page not found" in page_text(response)


def test_health_check_reports_the_database(client, db):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


def test_the_500_page_renders_without_any_context():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert "Radās kļūda" in html


def test_views_that_are_not_pages_switch_language_by_address(client, demo):
    """My portfolio is a Django view, not a page: it answers under /lv/ too, in Latvian."""
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="participant1"))
    html = client.get("/my/portfolio/").content.decode()
    assert 'href="/lv/my/portfolio/" hreflang="lv"' in html
    response = client.get("/lv/my/portfolio/")
    assert response.status_code == 200
    assert 'lang="lv"' in response.content.decode()[:200]
