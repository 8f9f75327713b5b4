"""A document attached to an entry is as private as the entry: its download URL opens only for
those who may see the entry (Wagtail's document serve view asks portfolios.files)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from portfolios.models import PortfolioPage, ReflectionPage

pytestmark = pytest.mark.django_db


def attach(portfolio, title, visibility, document):
    entry = ReflectionPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        date=datetime.date(2010, 10, 26),
        visibility=visibility,
        body=[("document", document)],
    )
    portfolio.add_child(instance=entry)
    entry.save_revision().publish()
    return entry


@pytest.fixture
def document(demo):
    return Document.objects.create(
        title="Lesson plan", file=ContentFile(b"CANARY lesson plan", name="lesson-plan.txt")
    )


def test_a_document_of_a_private_entry_opens_only_for_those_who_may_see_the_entry(
    client, demo, document
):
    # A public portfolio.
    portfolio = PortfolioPage.objects.get(slug="anna-kalnina", locale__language_code="en")
    entry = attach(portfolio, "Private plan", "private", document)
    url = document.url

    assert client.get(url).status_code == 404
    client.force_login(get_user_model().objects.get(username="participant2"))
    assert client.get(url).status_code == 404
    client.force_login(get_user_model().objects.get(username="participant1"))
    response = client.get(url)
    assert response.status_code == 200
    assert b"CANARY" in b"".join(response.streaming_content)
    client.force_login(get_user_model().objects.get(username="coordinator"))
    assert client.get(url).status_code == 200

    entry.visibility = "public"
    entry.save_revision().publish()
    client.logout()
    assert client.get(url).status_code == 200


def test_a_document_also_used_by_a_public_entry_opens_for_everyone(client, demo, document):
    portfolio = PortfolioPage.objects.get(slug="anna-kalnina", locale__language_code="en")
    attach(portfolio, "Private plan", "private", document)
    attach(portfolio, "Shared plan", "public", document)
    assert client.get(document.url).status_code == 200


def test_a_document_used_nowhere_is_library_material(client, demo, document):
    assert client.get(document.url).status_code == 200
