"""The results page's review: a compile submits its draft to the "Results review" workflow and
tells the editors; an editor approves (published), rejects (back to needs changes, resumed by the
next compile) or approves with a go-live date (published by the scheduled-publishing task).
The page type's place in the tree and the demo's published results page are tested here too.
"""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from wagtail.models import Page, WorkflowState

from core.notifications import notification_requested
from dissemination.compile import compile_results
from dissemination.models import RESULTS_WORKFLOW_NAME, ResultsPage
from home.tasks import publish_scheduled_pages
from tests.dissemination.test_compile import build_world, log
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    from django.contrib.auth.models import Group

    world = build_world()
    world["editor"] = make_user("editor", first_name="Daina")
    world["editor"].groups.add(Group.objects.get(name="Editors"))
    return world


@pytest.fixture
def notices():
    seen = []

    def receiver(sender, kind, recipient, subject, **kwargs):
        seen.append((kind, recipient.username, subject.pk))

    notification_requested.connect(receiver, dispatch_uid="test-results-notices")
    yield seen
    notification_requested.disconnect(dispatch_uid="test-results-notices")


def fresh(page):
    return ResultsPage.objects.get(pk=page.pk)


def act(page, user, action, **extra):
    page = fresh(page)
    page.current_workflow_task.on_action(page.current_workflow_task_state, user, action, **extra)
    return fresh(page)


def test_a_results_page_belongs_under_a_hub_once(world):
    hub = world["hub"]
    assert ResultsPage in hub.specific_class.allowed_subpage_models()
    assert not ResultsPage.can_create_at(hub)  # the world already made one
    assert world["page"].url_path.endswith("/projects/florence/results/")
    assert world["page"].get_workflow().name == RESULTS_WORKFLOW_NAME


def test_compile_submits_to_results_review_and_notifies_editors(world, notices):
    page = world["page"]
    compile_results(page.pk)
    page = fresh(page)
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == RESULTS_WORKFLOW_NAME
    assert state.current_task_state.task.name == "Results review by the editors"
    assert ("results_review", "editor", page.pk) in notices
    # Participants and coordinators are not reviewers.
    assert {username for kind, username, _pk in notices if kind == "results_review"} == {"editor"}
    assert not page.live


def test_approval_publishes_the_compiled_draft(world):
    page = world["page"]
    compile_results(page.pk)
    page = act(page, world["editor"], "approve")
    assert page.live
    assert page.current_workflow_state is None
    assert page.compiled["practice"]["total_minutes"] == 135
    response = Client().get("/projects/florence/results/")
    assert response.status_code == 200
    html = response.content.decode()
    for figure in (
        "Quality assurance in Italian VET",
        "Add a CAD/CAM module",
        "Employers sit on school boards here.",
        "Objective 1 text",
        "Anna Kalnina",
        "<svg",
    ):
        assert figure in html


def test_rejection_asks_for_changes_and_the_next_compile_resubmits(world):
    page = world["page"]
    compile_results(page.pk)
    page = act(page, world["editor"], "reject", comment="Check the figures")
    state = WorkflowState.objects.filter(object_id=str(page.pk)).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not page.live

    log(world["portfolios"]["anna"], 3, 20, "writing")
    assert compile_results(page.pk).state == "compiled"
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    page = act(page, world["editor"], "approve")
    assert page.live
    assert page.compiled["practice"]["total_minutes"] == 155


def test_a_compile_during_review_adds_to_the_same_review(world):
    page = world["page"]
    compile_results(page.pk)
    log(world["portfolios"]["anna"], 3, 20, "writing")
    compile_results(page.pk)
    assert WorkflowState.objects.filter(object_id=str(page.pk)).count() == 1
    page = act(page, world["editor"], "approve")
    assert page.compiled["practice"]["total_minutes"] == 155


def test_approval_with_a_go_live_date_waits_for_scheduled_publishing(world):
    page = world["page"]
    compile_results(page.pk)
    draft = fresh(page).get_latest_revision_as_object()
    draft.go_live_at = timezone.now() + datetime.timedelta(days=2)
    draft.save_revision(user=world["editor"])
    page = act(page, world["editor"], "approve")
    assert not page.live
    revision = page.get_latest_revision()
    assert revision.approved_go_live_at is not None

    publish_scheduled_pages()
    assert not Page.objects.get(pk=page.pk).live

    with time_machine.travel(timezone.now() + datetime.timedelta(days=2, minutes=5)):
        publish_scheduled_pages()
    page = fresh(page)
    assert page.live
    assert page.compiled["practice"]["total_minutes"] == 135


def test_the_demo_project_has_a_compiled_published_results_page(demo):
    from django.core.management import call_command

    page = ResultsPage.objects.get(
        url_path__endswith="/latgale-florence-2010/results/", locale__language_code="en"
    )
    assert page.live
    assert not page.has_unpublished_changes
    assert page.compiled["glance"]["title"]
    assert page.introduction
    assert page.dissemination_log.count() == 2
    response = Client().get(page.url)
    assert response.status_code == 200
    assert "Dissemination log" in response.content.decode()

    revisions = page.revisions.count()
    call_command("load_demo", quiet_summary=True)
    assert fresh(page).revisions.count() == revisions
    call_command("load_demo", reset=True, quiet_summary=True)
    rebuilt = ResultsPage.objects.get(
        url_path__endswith="/latgale-florence-2010/results/", locale__language_code="en"
    )
    assert rebuilt.live
    # One results page, in English and in Latvian.
    assert ResultsPage.objects.count() == 2
    assert ResultsPage.objects.filter(translation_key=rebuilt.translation_key).count() == 2


def test_each_compiled_draft_reaches_the_editors_outbox_once(world, monkeypatch):
    """Through the reminders outbox: one email per editor per compiled revision, in the admin."""
    from reminders.emails import values_for
    from reminders.models import Reminder

    monkeypatch.setattr("reminders.outbox.publish", lambda pks: True)
    page = world["page"]
    compile_results(page.pk)
    (first,) = Reminder.objects.filter(kind="results_review")
    assert first.recipient == world["editor"]
    assert first.project_id == world["hub"].pk
    assert values_for(first)["link"].endswith(f"/admin/pages/{page.pk}/edit/")

    compile_results(page.pk)  # nothing changed: no new revision, no new reminder
    assert Reminder.objects.filter(kind="results_review").count() == 1

    log(world["portfolios"]["anna"], 3, 20, "writing")
    compile_results(page.pk)
    periods = set(Reminder.objects.filter(kind="results_review").values_list("period", flat=True))
    assert len(periods) == 2


def test_wagtail_emails_nobody_itself_about_the_results_review(demo, monkeypatch, mailoutbox):
    """Editors got two emails per compiled draft: Wagtail's own, in English and without an
    unsubscribe link, and ours through the outbox. Only ours is left, for results pages only."""
    from django.contrib.auth import get_user_model

    from home.models import MobilityProjectPage
    from reminders.models import Reminder

    monkeypatch.setattr("reminders.outbox.publish", lambda pks: True)
    page = ResultsPage.objects.get(
        url_path__endswith="/latgale-florence-2010/results/", locale__language_code="en"
    )
    hub = page.get_parent().specific
    MobilityProjectPage.objects.filter(pk=hub.pk).update(host_description="Changed in a test.")
    assert compile_results(page.pk).state == "compiled"
    assert mailoutbox == []
    editor = get_user_model().objects.get(username="editor")
    assert Reminder.objects.filter(kind="results_review", recipient=editor).count() == 1

    act(page, editor, "reject", comment="Not yet")
    MobilityProjectPage.objects.filter(pk=hub.pk).update(host_description="Changed again.")
    compile_results(page.pk)
    act(page, editor, "approve")
    assert mailoutbox == []

    # Any other page's moderation is still Wagtail's to announce.
    coordinator = get_user_model().objects.get(username="coordinator")
    hub.save_revision(user=coordinator)
    hub.get_workflow().start(hub, coordinator)
    assert any("editor@example.org" in message.to for message in mailoutbox)


def test_a_draft_submitted_from_the_editor_reaches_the_reviewers_through_the_outbox(
    demo, monkeypatch, mailoutbox
):
    from django.contrib.auth import get_user_model

    from reminders.emails import reminder_email
    from reminders.models import Reminder

    monkeypatch.setattr("reminders.outbox.publish", lambda pks: True)
    coordinator = get_user_model().objects.get(username="coordinator")
    page = ResultsPage.objects.get(
        url_path__endswith="/latgale-florence-2010/results/", locale__language_code="en"
    )
    draft = page.get_latest_revision_as_object()
    draft.introduction = "<p>A clearer introduction.</p>"
    revision = draft.save_revision(user=coordinator)
    fresh(page).get_workflow().start(fresh(page), coordinator)

    assert mailoutbox == []
    (reminder,) = Reminder.objects.filter(kind="results_review")
    assert reminder.recipient.username == "editor"
    assert reminder.period == f"revision-{revision.pk}"
    body = reminder_email(reminder, None, {}).body
    assert "Inta Laurena submitted a draft of the results page" in body
    assert "compiled again" not in body
