"""The entry editor as Wagtail serves it to a participant: what it offers and what it loads.

The browser journeys (tests/journeys/) prove a person can use it; these pin the causes of what
once went wrong there.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from portfolios.models import EntryPage, PortfolioPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant(demo):
    return get_user_model().objects.get(username="participant1")


def test_a_participant_publishes_without_being_offered_the_moderators_workflow(client, participant):
    portfolio = PortfolioPage.objects.get(participant=participant, locale__language_code="en")
    entry = EntryPage.objects.child_of(portfolio).first()
    client.force_login(participant)
    for page in (portfolio, entry):
        html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        assert 'name="action-publish"' in html
        assert 'name="action-submit"' not in html
        assert page.get_workflow() is None
        assert not page.has_workflow


def test_the_table_editor_is_given_a_language_handsontable_knows(client, participant):
    """Handsontable logs a console error for a language it lacks, such as Django's "en"."""
    portfolio = PortfolioPage.objects.get(participant=participant, locale__language_code="en")
    client.force_login(participant)
    url = reverse("wagtailadmin_pages:add", args=["portfolios", "reflectionpage", portfolio.pk])
    html = client.get(url).content.decode()
    assert "&quot;language&quot;: &quot;en-US&quot;" in html
    assert "&quot;language&quot;: &quot;en&quot;" not in html
