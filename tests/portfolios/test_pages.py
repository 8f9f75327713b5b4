"""Portfolios: the demo's four participants, entries that know their portfolio and project,
validation of practice-log rows and profiles, and the admin for every portfolio model."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from core.models import ProjectMembership
from home.models import MobilityProjectPage
from portfolios.models import (
    EntryPage,
    InstitutionVisitPage,
    LessonObservationPage,
    PortfolioPage,
    PracticeLogEntry,
    ReflectionPage,
    SeminarNotePage,
)

pytestmark = pytest.mark.django_db

HUB = "/projects/latgale-florence-2010/"


def test_demo_gives_each_participant_a_portfolio_with_every_entry_type_and_a_week_of_practice(demo):
    portfolios = PortfolioPage.objects.filter(locale__language_code="en").order_by("slug")
    assert portfolios.count() == 4
    for portfolio in portfolios:
        types = {type(entry.specific) for entry in EntryPage.objects.child_of(portfolio)}
        assert types == {
            SeminarNotePage,
            LessonObservationPage,
            InstitutionVisitPage,
            ReflectionPage,
        }
        days = sorted(portfolio.practice_log.values_list("date", flat=True))
        assert days == [datetime.date(2010, 10, 24) + datetime.timedelta(d) for d in range(7)]
        assert portfolio.self_assessments.count() == 3
        assert {e.visibility for e in EntryPage.objects.child_of(portfolio)} >= {
            "public",
            "private",
        }
    assert ProjectMembership.objects.filter(role="participant").count() == 4
    assert ProjectMembership.objects.filter(role="coordinator").count() == 1


def test_entries_know_their_portfolio_and_the_portfolio_its_project(demo):
    for language in ("en", "lv"):
        hub = MobilityProjectPage.objects.get(locale__language_code=language)
        for entry in EntryPage.objects.filter(locale__language_code=language):
            assert entry.portfolio_id == entry.get_parent().pk
            assert entry.portfolio.project_id == hub.pk


def test_practice_minutes_outside_1_to_600_are_refused_with_a_message(demo):
    portfolio = PortfolioPage.objects.filter(locale__language_code="en").first()
    for minutes in (0, 601):
        row = PracticeLogEntry(
            portfolio=portfolio,
            date=datetime.date(2010, 10, 25),
            minutes=minutes,
            skill="reading",
            activity="reading",
            level="B1",
        )
        with pytest.raises(ValidationError) as error:
            row.full_clean()
        assert "minutes" in error.value.message_dict


def test_the_database_itself_refuses_zero_minutes(demo):
    before = PracticeLogEntry.objects.count()
    with pytest.raises(IntegrityError), transaction.atomic():
        PracticeLogEntry.objects.create(
            portfolio=PortfolioPage.objects.first(),
            date=datetime.date(2010, 10, 25),
            minutes=0,
            skill="reading",
            activity="reading",
            level="B1",
        )
    assert PracticeLogEntry.objects.count() == before


def test_practice_dates_far_outside_a_sensible_range_are_refused(demo):
    row = PracticeLogEntry(
        portfolio=PortfolioPage.objects.first(),
        date=datetime.date(1970, 1, 1),
        minutes=30,
        skill="reading",
        activity="reading",
        level="B1",
    )
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "date" in error.value.message_dict


def test_a_profile_photo_needs_its_description(demo):
    portfolio = PortfolioPage.objects.first()
    portfolio.photo = Image.objects.create(title="me", file=get_test_image_file())
    portfolio.photo_alt_text = "  "
    with pytest.raises(ValidationError) as error:
        portfolio.full_clean()
    assert "photo_alt_text" in error.value.message_dict


def test_anonymous_visitors_see_the_public_portfolio_without_its_private_entries(client, demo):
    response = client.get(HUB + "anna-kalnina/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Seminar: quality assurance in Italian VET" in html
    assert "Thoughts after the first day" not in html
    assert "Observed lesson" not in html  # shared with the project only
    assert "Project design and management" in html  # self-assessment table
    assert client.get(HUB + "anna-kalnina/", {"page": "abc"}).status_code == 200


def test_entry_form_offers_only_the_objectives_of_its_own_project(client, demo):
    client.force_login(get_user_model().objects.get(username="admin"))
    portfolio = PortfolioPage.objects.get(slug="anna-kalnina", locale__language_code="en")
    response = client.get(f"/admin/pages/add/portfolios/reflectionpage/{portfolio.pk}/")
    assert response.status_code == 200
    offered = set(response.context["form"].fields["objectives"].queryset)
    assert offered == set(portfolio.get_parent().specific.objectives.all())
    assert len(offered) == 9


def test_titles_typed_by_participants_are_escaped(client, demo):
    portfolio = PortfolioPage.objects.get(slug="anna-kalnina", locale__language_code="en")
    portfolio.add_child(
        instance=ReflectionPage(
            title="<script>alert('x')</script>",
            slug="xss",
            date=datetime.date(2010, 10, 26),
            visibility="public",
        )
    )
    html = client.get(HUB + "anna-kalnina/").content.decode()
    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/home/projectmembership/",
        "/admin/snippets/portfolios/competence/",
        "/admin/snippets/portfolios/hostinstitution/",
        "/admin/practice_log/",
    ],
)
def test_every_portfolio_model_has_an_admin_listing(client, demo, url):
    client.force_login(get_user_model().objects.get(username="admin"))
    response = client.get(url)
    assert response.status_code == 200


def test_demo_entries_keep_their_tags(demo):
    seminar = SeminarNotePage.objects.get(
        portfolio__slug="anna-kalnina", locale__language_code="en"
    )
    assert sorted(seminar.tags.names()) == ["quality", "seminar"]


def test_self_assessment_evidence_survives_publishing_a_new_revision(demo):
    """Evidence is chosen in the portfolio editor; publishing must not drop it."""
    portfolio = PortfolioPage.objects.get(slug="anna-kalnina", locale__language_code="en")
    rows = list(portfolio.self_assessments.all())
    entry = EntryPage.objects.child_of(portfolio).first()
    rows[0].evidence = [entry]
    portfolio.self_assessments = rows  # as the admin form does: the rows of the page's cluster
    portfolio.save_revision().publish()
    portfolio = PortfolioPage.objects.get(pk=portfolio.pk)
    assert list(portfolio.self_assessments.first().evidence.all()) == [entry]
    revision_rows = portfolio.get_latest_revision_as_object().self_assessments.all()
    assert [e.pk for e in revision_rows[0].evidence.all()] == [entry.pk]
