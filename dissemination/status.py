"""Where a results page stands: what the admin says above its editor and on "Compile now".

``ResultsCompile`` only knows how the latest compile ended. What an editor or a coordinator needs
to know is what became of its draft afterwards, and Wagtail records that itself: the page's
workflow state (in review, or changes asked for), a revision approved with a go-live date, and
the live revision. ``review_state`` reads those, so the admin never says "in review" about a
draft that was approved and published long ago; ``compile_state`` adds a compile that is queued,
running or failed, which is news of its own whatever the page's state.

``status`` is always the page's ``ResultsCompile`` row (or None); its states are read from the
row itself, so the models may show this news in the editor without a circular import.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext


@dataclass(frozen=True)
class State:
    """One line of news: ``code`` for templates and tests, ``label`` and ``detail`` to read."""

    code: str
    label: str
    detail: str = ""


def when(moment: datetime.datetime | None) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else ""


def person(user) -> str:
    if user is None:
        return pgettext("nobody in particular", "someone")
    return user.get_full_name() or user.get_username()


def compile_state(status) -> State | None:
    """A compile that is waiting, running or has just failed; None when there is no such news."""
    if status is None:
        return None
    if status.state == status.State.QUEUED:
        return State(
            "queued",
            _("Compile queued"),
            _("Asked for on %(when)s; a worker will start it shortly.")
            % {"when": when(status.queued_at)},
        )
    if status.state == status.State.RUNNING:
        return State(
            "running",
            _("Compile running"),
            _("Started on %(when)s.") % {"when": when(status.started_at)},
        )
    if status.state == status.State.FAILED:
        return State(
            "failed",
            _("The last compile failed"),
            _(status.message) if status.message else "",
        )
    return None


def review_state(page, status=None) -> State:
    """The state of the page's drafts and of its public version, from Wagtail's own records."""
    from wagtail.models import WorkflowState

    workflow_state = page.current_workflow_state
    if workflow_state is not None:
        task_state = workflow_state.current_task_state
        revision = task_state.revision if task_state else None
        if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            detail = _("%(who)s asked for changes on %(when)s.") % {
                "who": person(task_state.finished_by if task_state else None),
                "when": when(task_state.finished_at if task_state else None),
            }
            comment = task_state.get_comment() if task_state else ""
            if comment:
                detail = f"{detail} “{comment}”"
            detail += " " + _("The next compile, or submitting the page again, resumes the review.")
            return State("rejected", _("Changes requested"), detail)
        detail = _("The draft of %(when)s waits for “%(task)s” in the “%(workflow)s” workflow.") % {
            "when": when(revision.created_at if revision else workflow_state.created_at),
            "task": task_state.task.name if task_state else "",
            "workflow": workflow_state.workflow.name,
        }
        if page.live:
            detail += " " + _(
                "Until it is approved, the page published on %(when)s stays live."
            ) % {"when": when(page.last_published_at)}
        return State("in_review", _("Draft in review"), detail)

    scheduled = page.scheduled_revision
    if scheduled is not None and scheduled.approved_go_live_at:
        return State(
            "scheduled",
            _("Approved, scheduled to go live on %(when)s")
            % {"when": when(scheduled.approved_go_live_at)},
            _("It is published automatically at that time."),
        )

    if page.live:
        if page.has_unpublished_changes:
            return State(
                "live_with_draft",
                _("Live, with a newer draft not in review"),
                _(
                    "The page published on %(when)s is live. A newer draft is saved but nobody "
                    "has been asked to review it: submit it from the editor, or compile again."
                )
                % {"when": when(page.last_published_at)},
            )
        return State(
            "live",
            _("Approved and live"),
            _("Published on %(when)s.") % {"when": when(page.last_published_at)},
        )

    if page.expired:
        return State("expired", _("Expired"), _("The page is no longer published."))
    if not page.compiled and (status is None or status.succeeded_at is None):
        return State("not_compiled", _("Not compiled yet"), "")
    return State(
        "draft",
        _("Draft, not in review"),
        _("Nobody has been asked to review it: submit it from the editor, or compile again."),
    )


def last_compile(status) -> str:
    """When the latest compile that ran to the end finished, and whether it made a draft."""
    if status is None or status.finished_at is None:
        return ""
    if status.state == status.State.UNCHANGED:
        return _("Last compiled on %(when)s: nothing had changed, so no new draft.") % {
            "when": when(status.finished_at)
        }
    if status.state == status.State.COMPILED:
        return _("Last compiled on %(when)s into a new draft.") % {"when": when(status.finished_at)}
    if status.succeeded_at:
        return _("Last compiled successfully on %(when)s.") % {"when": when(status.succeeded_at)}
    return ""


def page_status(page, status) -> dict:
    """What ``dissemination/admin/compile_status.html`` shows."""
    return {
        "compile_state": compile_state(status),
        "review_state": review_state(page, status),
        "last_compile": last_compile(status),
        "compile_status": status,
    }
