"""The final report: what its DOCX and PDF say (the project's figures, objectives with their
evaluation, the budget), who may build and download it, what it never holds (another project's
material), and the task that builds it, eagerly and through a real worker."""

import io
import shutil
import subprocess
import time
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.urls import reverse
from docx import Document

from evaluation.models import EvaluationStatus, ObjectiveEvaluation
from final_report import build as building
from final_report import content, tasks
from final_report.models import BudgetLine, FinalReportBuild
from home.models import MobilityProjectPage
from portfolios.models import ReflectionPage
from tests.factories import far_project, make_user

CANARY = "CANARY-far-private-7Q"


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed to read the PDF"
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode("utf-8").split())


def founding():
    return MobilityProjectPage.objects.get(slug="latgale-florence-2010", locale__language_code="en")


def user(username):
    return get_user_model().objects.get(username=username)


def far_canary():
    """A private entry, with the canary in its title, in another project's portfolio."""
    _hub, portfolio = far_project()
    portfolio.add_child(
        instance=ReflectionPage(
            title=f"{CANARY} reflection",
            slug="far-canary",
            date="2010-10-26",
            owner=portfolio.participant,
        )
    )


def built(hub, language, requester):
    """A build queued as the view queues it, then run as the worker runs it."""
    build = tasks.queue_build(hub, language, requester)
    assert building.run(build.pk) == FinalReportBuild.State.DONE
    build.refresh_from_db()
    return build


def read(name):
    with default_storage.open(name, "rb") as file:
        return file.read()


@pytest.fixture
def reports(demo):
    """The founding project's report in both languages, built for its coordinator, with a canary
    in another project's private entry and every objective evaluated."""
    far_canary()
    hub = founding()
    coordinator = user("coordinator")
    for objective in hub.objectives.all():
        ObjectiveEvaluation.objects.update_or_create(
            objective=objective,
            defaults={
                "status": EvaluationStatus.ACHIEVED,
                "summary": f"Summary of objective {objective.number}.",
                "evaluated_by": coordinator,
            },
        )
    return {language: built(hub, language, coordinator) for language in ("en", "lv")}


def test_the_docx_and_pdf_hold_the_projects_figures(reports):
    hub = founding()
    participants = hub.memberships.filter(role="participant").count()
    assert participants == 4
    english = reports["en"]
    texts = {
        "docx": docx_text(read(english.docx_name)),
        "pdf": pdf_text(read(english.pdf_name)),
    }
    for kind, text in texts.items():
        assert "2010-1-LV1-LEO03-00754" in text, kind
        assert "8056.00 EUR" in text, kind
        assert "7945.65 EUR" in text, kind  # the demo's actual costs
        assert f"Number of participants: {participants}" in text, kind
        assert "Anna Kalniņa" in text, kind
        assert "Latgales Transporta un sakaru tehniskā skola" in text, kind
        assert "Daugavpils, Latvia" in text, kind
        for objective in hub.objectives.all():
            assert f"Summary of objective {objective.number}." in text, kind
        assert text.count("Evaluation: Achieved") == hub.objectives.count(), kind
        assert "Evidence:" in text, kind
        assert "1. Project identification" in text and "7. Follow-up" in text, kind
        assert CANARY not in text, kind


def test_the_latvian_report_is_in_latvian(reports):
    latvian = reports["lv"]
    docx = docx_text(read(latvian.docx_name))
    pdf = pdf_text(read(latvian.pdf_name))
    for text in (docx, pdf):
        assert "2010-1-LV1-LEO03-00754" in text
        assert "8056.00 EUR" in text
        # Country names in Latvian (a PDF's table cells may interleave, so names alone there).
        assert "Latvija" in text and "Itālija" in text
        # The project's own texts come from the hub's Latvian translation.
        assert "Latgales reģiona profesionālā izglītībā iesaistīto cilvēkresursu" in text
        assert "Developing the capacity of human resources" not in text
        assert CANARY not in text
    assert "Daugavpils, Latvija" in docx


def test_evidence_counts_are_those_the_coordinator_may_see(demo):
    from evaluation.evidence import evidence_for

    hub = founding()
    coordinator = user("coordinator")
    report = content.gather(hub, coordinator, "en")
    expected = {item.objective.number: item.total for item in evidence_for(hub, coordinator)}
    assert {objective.number: objective.evidence_total for objective in report.objectives} == (
        expected
    )
    assert sum(expected.values()) > 0


def test_the_report_holds_what_its_reader_may_see_and_no_more(demo):
    """Gathered for an anonymous reader, the activities are the public entries alone; for the
    coordinator, the project's private entries too (they see those by the rule)."""
    from portfolios.models import EntryPage

    hub = founding()
    public = content.gather(hub, None, "en")
    coordinated = content.gather(hub, user("coordinator"), "en")
    public_titles = {a.title for p in public.participants for a in p.activities}
    all_titles = {a.title for p in coordinated.participants for a in p.activities}
    private_titles = set(
        EntryPage.objects.live()
        .filter(portfolio__project__slug="latgale-florence-2010", visibility="private")
        .filter(locale=hub.locale)
        .values_list("title", flat=True)
    )
    assert private_titles and private_titles <= all_titles
    assert not public_titles & private_titles


def test_the_budget_summary_compares_planned_with_actual(demo):
    report = content.gather(founding(), user("coordinator"), "en")
    assert report.budget_planned == Decimal("8056.00")
    assert report.budget_lines_planned == Decimal("8056.00")
    assert report.budget_actual == Decimal("7945.65")
    assert report.budget_difference == Decimal("110.35")


def test_only_the_projects_coordinators_and_superusers_reach_the_report(demo, client):
    hub = founding()
    url = reverse("final_report:report", args=[hub.pk])
    _far_hub, _portfolio = far_project()
    for username in ("participant1", "editor", "teacher", "far_coordinator"):
        client.force_login(user(username))
        assert client.get(url).status_code in (302, 404), username
        assert client.post(url, {"action": "build", "language": "en"}).status_code in (302, 404)
        assert not FinalReportBuild.objects.exists()
    for username in ("coordinator", "admin"):
        client.force_login(user(username))
        response = client.get(url)
        assert response.status_code == 200, username
        assert "private" in response["Cache-Control"]


def test_downloads_are_for_the_projects_coordinators_and_superusers_only(reports, client):
    hub = founding()
    docx = reverse("final_report:download", args=[hub.pk, "en", "docx"])
    pdf = reverse("final_report:download", args=[hub.pk, "en", "pdf"])
    for username in ("participant1", "editor", "teacher", "far_coordinator"):
        client.force_login(user(username))
        assert client.get(docx).status_code in (302, 404), username
        assert client.get(pdf).status_code in (302, 404), username
    client.logout()
    assert client.get(docx).status_code == 302  # to the admin's login
    for username in ("coordinator", "admin"):
        client.force_login(user(username))
        response = client.get(docx)
        assert response.status_code == 200, username
        assert response["Content-Disposition"].startswith("attachment")
        assert "latgale-florence-2010-final-report-en.docx" in response["Content-Disposition"]
        assert docx_text(b"".join(response.streaming_content)).count("Evaluation:") == 9
        response = client.get(pdf)
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_report_not_built_yet_or_an_unknown_format_is_not_found(demo, client):
    hub = founding()
    client.force_login(user("coordinator"))
    assert (
        client.get(reverse("final_report:download", args=[hub.pk, "en", "docx"])).status_code == 404
    )
    assert (
        client.get(reverse("final_report:download", args=[hub.pk, "en", "exe"])).status_code == 404
    )


def test_the_coordinator_queues_a_build_and_follows_its_progress(demo, client):
    hub = founding()
    client.force_login(user("coordinator"))
    url = reverse("final_report:report", args=[hub.pk])
    assert client.get(url).status_code == 200
    assert not FinalReportBuild.objects.exists()  # a GET queues nothing
    response = client.post(url, {"action": "build", "language": "lv"})
    assert response.status_code == 302
    build = FinalReportBuild.objects.get(hub=hub, language="lv")
    assert build.state == FinalReportBuild.State.QUEUED
    page = client.get(url).content.decode()
    assert 'http-equiv="refresh"' in page
    assert 'data-state="queued"' in page

    # Asking again while it is queued changes nothing.
    client.post(url, {"action": "build", "language": "lv"})
    assert FinalReportBuild.objects.filter(hub=hub).count() == 1

    assert building.run(build.pk) == FinalReportBuild.State.DONE
    assert building.run(build.pk) == "skipped"  # a redelivered message does nothing
    page = client.get(url).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert 'data-state="done"' in page
    assert reverse("final_report:download", args=[hub.pk, "lv", "docx"]) in page


def test_a_language_the_site_does_not_have_is_refused(demo, client):
    hub = founding()
    client.force_login(user("coordinator"))
    url = reverse("final_report:report", args=[hub.pk])
    response = client.post(url, {"action": "build", "language": "xx"}, follow=True)
    assert response.status_code == 200
    assert "Choose the language of the report." in response.content.decode()
    assert not FinalReportBuild.objects.exists()


def test_the_coordinator_edits_the_budget_table_and_bad_input_changes_nothing(demo, client):
    hub = founding()
    client.force_login(user("coordinator"))
    url = reverse("final_report:report", args=[hub.pk])
    lines = list(BudgetLine.objects.filter(hub=hub))
    data = {
        "action": "budget",
        "budget-TOTAL_FORMS": str(len(lines) + 1),
        "budget-INITIAL_FORMS": str(len(lines)),
        "budget-MIN_NUM_FORMS": "0",
        "budget-MAX_NUM_FORMS": "1000",
    }
    for index, line in enumerate(lines):
        data |= {
            f"budget-{index}-id": str(line.pk),
            f"budget-{index}-category": line.category,
            f"budget-{index}-planned_eur": str(line.planned_eur),
            f"budget-{index}-actual_eur": str(line.actual_eur),
            f"budget-{index}-note": line.note,
        }
    new = len(lines)
    bad = data | {
        f"budget-{new}-category": "other",
        f"budget-{new}-planned_eur": "-5",
        f"budget-{new}-actual_eur": "abc",
        "budget-0-actual_eur": "1.00",
    }
    response = client.post(url, bad)
    assert response.status_code == 200
    assert "The budget table is not saved" in response.content.decode()
    assert BudgetLine.objects.filter(hub=hub).count() == len(lines)
    assert BudgetLine.objects.get(pk=lines[0].pk).actual_eur == lines[0].actual_eur

    good = data | {
        f"budget-{new}-category": "other",
        f"budget-{new}-planned_eur": "0",
        f"budget-{new}-actual_eur": "12.50",
        f"budget-{new}-note": "Bank charges",
        "budget-0-DELETE": "on",
    }
    assert client.post(url, good).status_code == 302
    saved = list(BudgetLine.objects.filter(hub=hub))
    assert len(saved) == len(lines)
    assert saved[-1].note == "Bank charges" and saved[-1].actual_eur == Decimal("12.50")
    assert lines[0].pk not in {line.pk for line in saved}


def test_other_people_cannot_edit_the_budget(demo, client):
    hub = founding()
    client.force_login(user("participant1"))
    url = reverse("final_report:report", args=[hub.pk])
    before = list(BudgetLine.objects.filter(hub=hub).values_list("pk", "actual_eur"))
    response = client.post(
        url,
        {
            "action": "budget",
            "budget-TOTAL_FORMS": "0",
            "budget-INITIAL_FORMS": "0",
            "budget-MIN_NUM_FORMS": "0",
            "budget-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code in (302, 404)
    assert list(BudgetLine.objects.filter(hub=hub).values_list("pk", "actual_eur")) == before


def test_a_build_whose_requester_left_fails_with_a_message(demo):
    hub = founding()
    gone = make_user("gone_coordinator")
    build = tasks.queue_build(hub, "en", gone)
    gone.is_active = False
    gone.save()
    assert building.run(build.pk) == FinalReportBuild.State.FAILED
    build.refresh_from_db()
    assert build.step and not build.docx_name


def test_a_broker_that_cannot_be_reached_fails_the_build_with_a_message(
    django_db_serialized_rollback, transactional_db, monkeypatch
):
    """Outside any other transaction, as in a request, the task is published as the build's row
    commits; a broker that cannot be reached leaves the build failed with a message, not
    queued for ever, and raises nothing to the coordinator."""
    from tests.factories import make_project

    def unreachable(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.build_final_report, "apply_async", unreachable)
    coordinator = make_user("lonely_coordinator")
    hub = make_project("unbrokered", coordinator=coordinator)

    build = tasks.queue_build(hub, "en", coordinator)

    assert build.state == FinalReportBuild.State.FAILED
    assert "could not be queued" in build.step
    # It may be asked for again at once.
    assert building.may_queue(build)


def test_the_admin_menu_and_hub_button_are_for_coordinators(demo, client):
    hub = founding()
    client.force_login(user("coordinator"))
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("final_report:index") in dashboard
    listing = client.get(reverse("final_report:index")).content.decode()
    assert reverse("final_report:report", args=[hub.pk]) in listing
    client.force_login(user("participant1"))
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("final_report:index") not in dashboard
    assert client.get(reverse("final_report:index")).status_code in (302, 403)


def wait_until(predicate, timeout=120.0, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


@pytest.mark.worker
def test_a_real_worker_builds_the_report(celery_worker):
    from tests.factories import make_project

    coordinator = make_user("worker_coordinator")
    hub = make_project("worker-built", coordinator=coordinator)
    hub.agreement_number = "2026-1-LV1-TEST-00001"
    hub.budget_eur = Decimal("8056")
    hub.save_revision().publish()
    build = FinalReportBuild.objects.create(
        hub=hub, language="en", state=FinalReportBuild.State.QUEUED, requested_by=coordinator
    )

    tasks.build_final_report.apply_async((build.pk,), queue=celery_worker.queue)

    def finished():
        build.refresh_from_db()
        return not build.in_progress

    assert wait_until(finished), f"the worker did not build the report:\n{celery_worker.log}"
    assert build.state == FinalReportBuild.State.DONE, celery_worker.log
    text = docx_text(read(build.docx_name))
    assert "2026-1-LV1-TEST-00001" in text and "8056.00 EUR" in text
    assert "final_report.tasks.build_final_report" in celery_worker.log
