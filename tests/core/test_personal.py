"""The core learns what personal material is from the app that keeps it (core.personal), filled in
by PortfoliosConfig.ready, instead of importing portfolios."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from core import personal
from ideas.models import IdeaPage
from portfolios import sharing
from portfolios.models import EntryPage, PortfolioPage, ReflectionPage


@pytest.mark.django_db
def test_portfolios_declare_their_pages_and_share_links_when_the_site_starts():
    assert personal.personal_page_models() == (PortfolioPage, EntryPage)
    assert personal.is_personal_root(PortfolioPage())
    assert not personal.is_personal_root(ReflectionPage())
    links = personal._share_links[0]
    assert links.opened_by is sharing.portfolio_ids_shared_with
    assert links.shows is sharing.shown_by_share_links


def test_declaring_the_same_pages_again_changes_nothing():
    personal.register_personal_pages(PortfolioPage, EntryPage)
    assert personal.personal_page_models() == (PortfolioPage, EntryPage)


def test_a_second_kind_of_personal_root_is_refused():
    with pytest.raises(ImproperlyConfigured, match="already the personal root"):
        personal.register_personal_pages(IdeaPage)
    assert personal.personal_page_models() == (PortfolioPage, EntryPage)


def test_a_page_without_a_visibility_rule_cannot_be_personal():
    from home.models import HomePage

    with pytest.raises(TypeError, match="declares no visibility_rule"):
        personal.register_personal_pages(PortfolioPage, HomePage)


def test_other_share_links_are_refused():
    other = personal.ShareLinks(opened_by=lambda request: set(), shows=lambda pages, ids: pages)
    with pytest.raises(ImproperlyConfigured, match="already registered"):
        personal.register_share_links(other)
