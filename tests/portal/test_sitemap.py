"""The sitemap (/sitemap.xml) lists exactly the pages an anonymous visitor may open.

The same matrix as the API's: a portfolio at each level with an entry at each level, an idea at
each level, a draft idea and an unpublished entry. Whoever asks, the sitemap is the anonymous one.
"""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PortfolioPageFactory, ReflectionPageFactory
from tests.portal.test_api import ASKERS, ask_as, build_matrix

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def matrix(db):
    return build_matrix()


def locations(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own server's answer
    return {loc.text for loc in root.iter(f"{SITEMAP}loc")}


@pytest.mark.parametrize("asker", ASKERS)
def test_sitemap_lists_exactly_the_public_pages(client, matrix, asker):
    client = ask_as(client, matrix.users, asker)
    listed = locations(client.get("/sitemap.xml"))
    for title, (page, public) in matrix.pages.items():
        assert (page.full_url in listed) is public, title
    assert "CANARY" not in client.get("/sitemap.xml").content.decode()
    # The pages around them are there too: the home page, the hub, the idea database.
    assert any(url.endswith("/projects/florence/") for url in listed)
    assert any(url.endswith("/ideas/") for url in listed)


def test_every_language_is_listed(client, demo):
    from home.models import MobilityProjectPage

    listed = locations(client.get("/sitemap.xml"))
    hubs = MobilityProjectPage.objects.filter(slug="latgale-florence-2010")
    assert {hub.locale.language_code for hub in hubs} == {"en", "lv"}
    for hub in hubs:
        assert hub.full_url in listed, hub.locale
    assert any("/lv/" in url for url in listed)


def test_an_idea_or_entry_made_public_appears(client, matrix):
    entry = matrix.pages["CANARY entry registered in public"][0]
    assert entry.full_url not in locations(client.get("/sitemap.xml"))
    entry.visibility = "public"
    entry.save_revision().publish()
    assert entry.full_url in locations(client.get("/sitemap.xml"))


def query_count(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sitemap.xml").status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_portfolios_and_entries(client, matrix):
    query_count(client)  # warms the caches (site settings, view restrictions) first
    before = query_count(client)
    project = matrix.pages["CANARY portfolio public"][0].get_parent()
    for n, level in enumerate(["public", "private", "project", "registered"] * 3):
        portfolio = PortfolioPageFactory(
            parent=project,
            title=f"More {n}",
            slug=f"more-{n}",
            participant=matrix.users["owner"],
            visibility=level,
        )
        for entry_level in ("public", "private"):
            ReflectionPageFactory(
                parent=portfolio,
                title=f"More {n} {entry_level}",
                slug=f"entry-{entry_level}",
                date=datetime.date(2010, 10, 27),
                visibility=entry_level,
            )
    assert query_count(client) == before
