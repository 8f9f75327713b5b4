"""/ideas/ filtered by tag + status + text costs the same SQL queries with 10,000 ideas as with 100,
at most 12 (the issue's bar), and its counts stay right at that size.

The ideas are written in bulk (``bulk_ideas``, tests/factories/ideas.py): building 10,000 through
the page tree one by one would take minutes and test nothing more here.
"""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.visibility import Visibility
from ideas.models import IdeaPage, IdeaStatus
from tests.factories import bulk_ideas, make_user

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 12
FILTERED = {"tag": "metalwork", "status": "proposed", "q": "teachers"}


def count_queries(params, user=None):
    """The queries of one request, after an unmeasured one has warmed the caches."""
    client = Client()
    if user is not None:
        client.force_login(user)
    assert client.get("/ideas/", params).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/ideas/", params)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def expected_count(**conditions):
    """What the listing should report for an anonymous visitor, counted independently."""
    return (
        IdeaPage.objects.live()
        .filter(effective_visibility=Visibility.PUBLIC, **conditions)
        .exclude(status=IdeaStatus.DRAFT)
        .count()
    )


def reported_count(html):
    return int(re.search(r'class="result-count">(\d+) idea', html).group(1))


def test_the_filtered_listing_costs_the_same_queries_for_100_and_10000_ideas():
    owner = make_user("bulk")
    bulk_ideas(100, owner)
    small_anonymous, html = count_queries(FILTERED)
    small_user, _html = count_queries(FILTERED, owner)
    assert reported_count(html) == expected_count(
        status="proposed", tagged_items__tag__slug="metalwork"
    )

    bulk_ideas(9_900, owner)
    assert IdeaPage.objects.count() == 10_000
    large_anonymous, html = count_queries(FILTERED)
    large_user, _html = count_queries(FILTERED, owner)
    large_plain, plain_html = count_queries({})
    print(
        f"\nqueries: anonymous {small_anonymous} → {large_anonymous}, "
        f"logged in {small_user} → {large_user}, unfiltered {large_plain}"
    )
    assert small_anonymous == large_anonymous <= QUERY_BUDGET
    assert small_user == large_user <= QUERY_BUDGET
    assert large_plain <= QUERY_BUDGET

    # Counts at scale: results and facets agree with a count made another way.
    expected = expected_count(status="proposed", tagged_items__tag__slug="metalwork")
    assert expected > 20
    assert reported_count(html) == expected
    assert f'aria-current="true">Proposed</a> <span class="count">{expected}</span>' in html
    assert reported_count(plain_html) == expected_count()
    # 20 per page, none twice.
    listed = re.findall(r'class="card__title"><a href="([^"]*)"', html)
    assert len(listed) == len(set(listed)) == 20
