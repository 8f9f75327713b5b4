"""The admin says where a results page really stands, from Wagtail's workflow and revisions.

It once said "a new draft is in review" of the demo's page, whose draft had been approved and
published. Each state is reached here the way it is in real life, on the demo's results page:
a compile after a change, an editor's approval, rejection or approval with a go-live date, and
a compile queued, running or failed.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from dissemination.compile import compile_results
from dissemination.models import ResultsCompile, ResultsPage
from dissemination.status import compile_state, review_state
from home.models import MobilityProjectPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_publishing(monkeypatch):
    monkeypatch.setattr("reminders.outbox.publish", lambda pks: True)


@pytest.fixture
def page(demo):
    return ResultsPage.objects.get(
        url_path__endswith="/latgale-florence-2010/results/", locale__language_code="en"
    )


@pytest.fixture
def editor(demo):
    return get_user_model().objects.get(username="editor")


def fresh(page):
    return ResultsPage.objects.get(pk=page.pk)


def status_of(page):
    return ResultsCompile.objects.filter(page_id=page.pk).first()


def recompile_with_a_change(page, text="The host city changed its mind."):
    """Something public changes, so the next compile writes a new draft and submits it."""
    MobilityProjectPage.objects.filter(pk=fresh(page).get_parent().pk).update(host_description=text)
    assert compile_results(page.pk).state == "compiled"
    return fresh(page)


def act(page, user, action, **extra):
    page = fresh(page)
    page.current_workflow_task.on_action(page.current_workflow_task_state, user, action, **extra)
    return fresh(page)


def shown_to(user, page):
    client = Client()
    client.force_login(user)
    compile_page = client.get(f"/admin/results/{page.pk}/compile/")
    editor = client.get(f"/admin/pages/{page.pk}/edit/")
    assert compile_page.status_code == editor.status_code == 200
    return compile_page.content.decode(), editor.content.decode()


def test_the_approved_demo_page_is_live_not_in_review(page, editor):
    state = review_state(fresh(page), status_of(page))
    assert state.code == "live"
    for html in shown_to(editor, page):
        assert "Approved and live" in html
        assert "in review" not in html


def test_a_compiled_draft_is_in_review_while_the_old_page_stays_live(page, editor):
    page = recompile_with_a_change(page)
    state = review_state(page, status_of(page))
    assert state.code == "in_review"
    assert "Results review" in state.detail
    assert "stays live" in state.detail
    compile_html, editor_html = shown_to(editor, page)
    assert "Draft in review" in compile_html
    assert "Draft in review" in editor_html
    assert "into a new draft" in compile_html

    page = act(page, editor, "approve")
    assert page.live and not page.has_unpublished_changes
    assert review_state(page, status_of(page)).code == "live"
    assert "Approved and live" in shown_to(editor, page)[0]


def test_a_rejected_draft_says_who_asked_for_changes_and_why(page, editor):
    page = recompile_with_a_change(page)
    page = act(page, editor, "reject", comment="Check the <b>figures</b>")
    state = review_state(page, status_of(page))
    assert state.code == "rejected"
    assert "Daina Zariņa" in state.detail
    assert "Check the <b>figures</b>" in state.detail
    compile_html, _editor_html = shown_to(editor, page)
    assert "Changes requested" in compile_html
    # The reviewer's comment is shown as text, never as markup.
    assert "Check the &lt;b&gt;figures&lt;/b&gt;" in compile_html

    # The next compile resumes the review.
    page = recompile_with_a_change(page, "Another change.")
    assert review_state(page, status_of(page)).code == "in_review"


def test_an_approval_with_a_go_live_date_says_when(page, editor):
    page = recompile_with_a_change(page)
    go_live = timezone.now() + datetime.timedelta(days=3)
    draft = page.get_latest_revision_as_object()
    draft.go_live_at = go_live
    draft.save_revision(user=editor)
    page = act(page, editor, "approve")
    state = review_state(page, status_of(page))
    assert state.code == "scheduled"
    local = timezone.localtime(go_live)
    assert str(local.year) in state.label
    assert "Approved, scheduled to go live on" in shown_to(editor, page)[0]


def test_a_compile_queued_running_or_failed_is_news_above_the_page_state(page, editor):
    from dissemination.tasks import queue_compile

    queue_compile(page.pk, editor)
    assert compile_state(status_of(page)).code == "queued"
    compile_html, _ = shown_to(editor, page)
    assert "Compile queued" in compile_html
    assert "Approved and live" in compile_html  # the page itself has not changed

    ResultsCompile.objects.filter(page_id=page.pk).update(
        state=ResultsCompile.State.RUNNING, started_at=timezone.now()
    )
    assert compile_state(status_of(page)).code == "running"
    assert "Compile running" in shown_to(editor, page)[0]

    ResultsCompile.objects.filter(page_id=page.pk).update(
        state=ResultsCompile.State.FAILED,
        message="The compile failed; the details are in the worker's log.",
    )
    failed = compile_state(status_of(page))
    assert failed.code == "failed"
    assert "worker's log" in failed.detail
    assert "The last compile failed" in shown_to(editor, page)[0]


def test_a_page_never_compiled_says_so(demo):
    from dissemination.compile import ensure_results_page
    from tests.factories import make_project

    hub = make_project("never-compiled")
    page = ensure_results_page(hub)
    assert review_state(fresh(page), None).code == "not_compiled"
    assert compile_state(None) is None
