"""A compile run: one results page's sections written into a draft revision, for review.

``compile_results(page_id)`` writes the sections into a new draft revision of the page, keeping
everything editors wrote, and submits it to the page's workflow. It never publishes. With
nothing changed it writes nothing; while another compile of the same page runs, it returns at
once saying so.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from core.notifications import notify
from dissemination.compile.sections import build_sections
from dissemination.models import RESULTS_SLUG, ResultsCompile, ResultsPage

logger = logging.getLogger(__name__)

# A "running" claim older than this belongs to a worker that died (the task's hard time limit
# has long passed), so another compile may take over.
STALE_AFTER = datetime.timedelta(seconds=getattr(settings, "CELERY_TASK_TIME_LIMIT", 300) * 2)

# Stored untranslated on ResultsCompile and translated where they are shown.
MESSAGES = {
    "missing": gettext_noop("There is no such results page."),
    "busy": gettext_noop("A compile of this results page is already running; try again later."),
    "failed": gettext_noop("The compile failed; the details are in the worker's log."),
    "unchanged": gettext_noop("Nothing has changed since the last compile; no new revision."),
    "compiled": gettext_noop("A new draft revision is waiting for the editors' review."),
    "unqueued": gettext_noop("The task queue did not answer; the nightly compile will try again."),
}


@dataclass(frozen=True)
class Outcome:
    state: str
    message: str
    revision_id: int | None = None


def claim(page_id, user=None) -> bool:
    """Take the page's compile lock: one conditional UPDATE, so only one compile can win."""
    ResultsCompile.objects.get_or_create(page_id=page_id)
    now = timezone.now()
    claimed = (
        ResultsCompile.objects.filter(page_id=page_id)
        .exclude(state=ResultsCompile.State.RUNNING, started_at__gt=now - STALE_AFTER)
        .update(
            state=ResultsCompile.State.RUNNING,
            started_at=now,
            finished_at=None,
            message="",
            **({"requested_by": user} if user is not None else {}),
        )
    )
    return claimed == 1


def release(page_id, outcome):
    now = timezone.now()
    fields = {"state": outcome.state, "message": outcome.message, "finished_at": now}
    if outcome.state in (ResultsCompile.State.COMPILED, ResultsCompile.State.UNCHANGED):
        fields["succeeded_at"] = now
    if outcome.revision_id is not None:
        fields["revision_id"] = outcome.revision_id
    ResultsCompile.objects.filter(page_id=page_id).update(**fields)


def compile_results(page_id, user=None) -> Outcome:
    """Compile one results page into a new draft revision and submit it for review."""
    if not ResultsPage.objects.filter(pk=page_id).exists():
        return Outcome("missing", MESSAGES["missing"])
    if not claim(page_id, user):
        return Outcome("busy", MESSAGES["busy"])
    try:
        outcome = write_revision(page_id, user)
    except Exception:
        logger.exception("Compiling results page %s failed.", page_id)
        outcome = Outcome(ResultsCompile.State.FAILED, MESSAGES["failed"])
    release(page_id, outcome)
    return outcome


def write_revision(page_id, user):
    page = ResultsPage.objects.get(pk=page_id)
    hub = page.get_parent().specific
    # The latest revision, not the live page: what editors have written since is kept.
    draft = page.get_latest_revision_as_object()
    sections = build_sections(hub, draft.excluded_quotes, locale=page.locale)
    if sections == draft.compiled:
        return Outcome(ResultsCompile.State.UNCHANGED, MESSAGES["unchanged"])
    with transaction.atomic():
        draft.compiled = sections
        revision = draft.save_revision(user=user, log_action=True)
        submit_for_review(page, user)
    return Outcome(ResultsCompile.State.COMPILED, MESSAGES["compiled"], revision.pk)


def submit_for_review(page, user):
    """Start the page's workflow on the new revision (or carry on with the one under way) and
    tell the reviewers."""
    from wagtail.models import WorkflowState

    page = ResultsPage.objects.get(pk=page.pk)
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
    elif state is None:
        workflow = page.get_workflow()
        if workflow is None:
            return
        state = workflow.start(page, user)
    state.refresh_from_db()
    notify_reviewers(page, state.current_task_state, user, page.latest_revision_id)


def notify_reviewers(page, task_state, user, revision_id, submitted=False):
    """Tell the reviewers of the page's current task, through the outbox, once per revision.

    ``submitted``: someone submitted the draft from the editor, rather than a compile; they are
    not told about their own submission.
    """
    from django.contrib.auth import get_user_model

    task = task_state.task.specific if task_state is not None else None
    groups = getattr(task, "groups", None)
    reviewers = (
        get_user_model().objects.filter(groups__in=groups.all(), is_active=True).distinct()
        if groups is not None
        else get_user_model().objects.filter(groups__name="Editors", is_active=True)
    )
    if submitted and user is not None:
        reviewers = reviewers.exclude(pk=user.pk)
    for reviewer in reviewers.order_by("pk"):
        notify(
            "results_review",
            reviewer,
            page,
            actor=user,
            page_id=page.pk,
            revision_id=revision_id,
            title=page.title,
            submitted=submitted,
            # Each revision is a new occasion to review; the editor reviews in the admin.
            period=f"revision-{revision_id}",
            link=reverse("wagtailadmin_pages:edit", args=[page.pk]),
        )


def ensure_results_page(hub, title=None):
    """The hub's results page, made (as an unpublished draft) if it has none yet."""
    page = ResultsPage.objects.child_of(hub).first()
    if page is None:
        page = ResultsPage(title=title or "Results", slug=RESULTS_SLUG, live=False)
        hub.add_child(instance=page)
        page.save_revision()
    return page
