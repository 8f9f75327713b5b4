"""/my/portfolio/<pk>/export.zip and /summary.pdf: a portfolio carried away whole, by its
participant or its project's coordinators only, holding only what the downloader may see."""

import datetime
import io
import os
import shutil
import subprocess
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.template.defaultfilters import floatformat

from portfolios.models import PortfolioPage, PracticeLogEntry, SeminarNotePage
from portfolios.pdf import MediaOnlyFetcher, portfolio_pdf, portfolio_summary_html

PRIVATE_CANARY = "CANARY-private-seminar"


def log_in(client, username):
    client.force_login(get_user_model().objects.get(username=username))


def zip_url(portfolio):
    return f"/my/portfolio/{portfolio.pk}/export.zip"


def pdf_url(portfolio):
    return f"/my/portfolio/{portfolio.pk}/summary.pdf"


@pytest.fixture
def anna(demo):
    """Anna's public portfolio, with a private seminar note whose title must not travel."""
    portfolio = PortfolioPage.objects.get(
        participant__username="participant1", locale__language_code="en"
    )
    portfolio.add_child(
        instance=SeminarNotePage(
            title=PRIVATE_CANARY,
            slug="canary-private-seminar",
            date=datetime.date(2010, 10, 29),
            seminar_title="A seminar nobody else should know of",
            visibility="private",
            live=True,
        )
    )
    return portfolio


def total_hours(portfolio):
    minutes = PracticeLogEntry.objects.filter(portfolio=portfolio).aggregate(Sum("minutes"))
    return floatformat(minutes["minutes__sum"] / 60, "-2")


def pdf_text(pdf: bytes) -> str:
    """The words of a PDF as ``pdftotext`` reads them; skipped (failed in CI) without it."""
    if not shutil.which("pdftotext"):
        if os.environ.get("REQUIRE_SERVICES", "") == "1":
            pytest.fail("pdftotext (poppler-utils) is not installed (REQUIRE_SERVICES=1)")
        pytest.skip("pdftotext (poppler-utils) is not installed: cannot read the PDF's text")
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode()


def assert_private_download(response, content_type, filename):
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {"private", "no-store"}


@pytest.mark.parametrize("username", ["participant1", "coordinator"])
def test_the_participant_and_the_coordinator_download_the_pdf_summary(client, anna, username):
    log_in(client, username)

    response = client.get(pdf_url(anna))

    assert_private_download(response, "application/pdf", "anna-kalnina-portfolio.pdf")
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("username", ["participant1", "coordinator"])
def test_the_participant_and_the_coordinator_download_the_zip_export(client, anna, username):
    log_in(client, username)

    response = client.get(zip_url(anna))

    assert_private_download(response, "application/zip", "anna-kalnina-portfolio.zip")
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "portfolio.json" in archive.namelist()
        assert PRIVATE_CANARY in archive.read("portfolio.json").decode()


@pytest.mark.parametrize("url", [zip_url, pdf_url])
@pytest.mark.parametrize("username", ["participant2", "editor", "teacher"])
def test_anyone_else_gets_a_404_even_for_a_public_portfolio(client, anna, url, username):
    log_in(client, username)

    response = client.get(url(anna))

    assert response.status_code == 404
    assert PRIVATE_CANARY.encode() not in response.content


@pytest.mark.parametrize("url", [zip_url, pdf_url])
def test_anonymous_visitors_are_sent_to_log_in(client, anna, url):
    response = client.get(url(anna))

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url(anna)}"


@pytest.mark.parametrize("url", [zip_url, pdf_url])
def test_an_unknown_portfolio_is_a_404(client, anna, url):
    log_in(client, "coordinator")
    missing = PortfolioPage(pk=PortfolioPage.objects.order_by("-pk").first().pk + 1000)

    assert client.get(url(missing)).status_code == 404


def test_the_summary_holds_the_participant_project_competences_activities_and_practice(anna):
    html = portfolio_summary_html(anna, anna.participant)

    assert "Anna Kalniņa" in html
    assert anna.project.title in html
    assert anna.project.agreement_number in html
    assert anna.project.host_city in html
    assert anna.project.programme in html
    competence = anna.self_assessments.first().competence.name
    assert competence in html
    assert "<svg" in html
    assert "Seminar: quality assurance in Italian VET" in html
    assert "Istituto Tecnico per la Meccanica (demo)" in html
    assert f"{total_hours(anna)} hours of English practice in all." in html
    # The owner sees their own private entry; reflections are not activities.
    assert PRIVATE_CANARY in html
    assert "Thoughts after the first day" not in html


def test_the_pdf_text_holds_the_name_a_competence_and_the_practice_hours(anna):
    text = pdf_text(portfolio_pdf(anna, anna.participant))

    assert "Anna Kalniņa" in text
    assert anna.self_assessments.first().competence.name in text
    assert total_hours(anna) in text


def test_a_summary_for_a_reader_of_public_entries_leaves_private_and_project_entries_out(anna):
    html = portfolio_summary_html(anna, AnonymousUser())

    assert "Seminar: quality assurance in Italian VET" in html
    assert PRIVATE_CANARY not in html
    assert "Observed lesson" not in html


def test_the_pdf_for_a_reader_of_public_entries_leaves_the_private_entry_out(anna):
    pdf = portfolio_pdf(anna, AnonymousUser())

    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "Anna Kalniņa" in text
    assert PRIVATE_CANARY not in text


def test_the_practice_hours_are_left_out_for_a_reader_who_may_not_see_the_log(anna):
    anna.practice_log_visibility = "private"
    anna.save(update_fields=["practice_log_visibility"])

    html = portfolio_summary_html(anna, AnonymousUser())

    assert "hours of English practice" not in html
    assert "Anna Kalniņa" in html


def test_a_reader_who_may_not_see_the_portfolio_gets_no_summary(demo):
    private = PortfolioPage.objects.get(
        participant__username="participant4", locale__language_code="en"
    )
    teacher = get_user_model().objects.get(username="teacher")

    with pytest.raises(PermissionDenied):
        portfolio_pdf(private, teacher)


def test_the_summary_fetches_nothing_from_a_network(anna, settings, tmp_path):
    anna.role = '<img src="http://example.org/tracker.png">'
    anna.save(update_fields=["role"])
    html = portfolio_summary_html(anna, anna.participant)
    assert "<img" not in html

    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "photo.txt").write_text("media")
    fetcher = MediaOnlyFetcher()
    for url in (
        "http://example.org/tracker.png",
        "file:///etc/passwd",
        f"file://{tmp_path}/../outside.txt",
        f"file://example.org{tmp_path}/photo.txt",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    response = fetcher.fetch(f"file://{tmp_path}/photo.txt")
    assert response.read() == b"media"
    response.close()


def test_my_portfolio_links_to_both_downloads(client, anna):
    log_in(client, "participant1")

    html = client.get("/my/portfolio/").content.decode()

    assert f'href="{zip_url(anna)}"' in html
    assert f'href="{pdf_url(anna)}"' in html
    assert "Download (ZIP)" in html
    assert "Summary (PDF)" in html
