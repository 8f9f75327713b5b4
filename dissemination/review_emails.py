"""A results page's reviewers hear of each draft once: through the outbox, in their language.

Wagtail emails workflow news itself (``wagtail.admin.signal_handlers``: a task or a workflow
submitted, approved or rejected), in the site's language and without an unsubscribe link. For
results pages the compile already tells the reviewers through the reminders outbox
(``dissemination.compile.run.submit_for_review``), so Wagtail's emails were a second copy, in
English. Each of Wagtail's four handlers is replaced, under its own ``dispatch_uid``, by one that
passes on every workflow's news except the results review's; a results draft submitted by hand
from the editor is announced through the outbox like a compiled one.
"""

from wagtail.admin import signal_handlers as wagtail_emails
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from dissemination.models import RESULTS_WORKFLOW_NAME, ResultsPage

WAGTAIL_HANDLERS = (
    (
        task_submitted,
        TaskState,
        "group_approval_task_submitted_email_notification",
        wagtail_emails.task_submission_email_notifier,
    ),
    (
        workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        wagtail_emails.workflow_submission_email_notifier,
    ),
    (
        workflow_rejected,
        WorkflowState,
        "workflow_state_rejected_email_notification",
        wagtail_emails.workflow_rejection_email_notifier,
    ),
    (
        workflow_approved,
        WorkflowState,
        "workflow_state_approved_email_notification",
        wagtail_emails.workflow_approval_email_notifier,
    ),
)


def is_results_review(instance) -> bool:
    """Is this workflow or task state about a results page, or in the "Results review"?"""
    workflow_state = instance.workflow_state if isinstance(instance, TaskState) else instance
    if workflow_state.workflow.name == RESULTS_WORKFLOW_NAME:
        return True
    model = workflow_state.content_type.model_class()
    return model is not None and issubclass(model, ResultsPage)


def except_results_review(notifier, results_handler=None):
    def handler(sender, instance=None, **kwargs):
        if instance is not None and is_results_review(instance):
            if results_handler is not None:
                results_handler(instance, **kwargs)
            return False
        return notifier(instance=instance, **kwargs)

    return handler


def results_draft_submitted(task_state, user=None, **kwargs):
    """A results draft submitted from the editor reaches its reviewers through the outbox too.

    A compile tells them itself, with its own wording, so a submission made by a running compile
    is left to it.
    """
    from dissemination.compile import notify_reviewers
    from dissemination.models import ResultsCompile

    page = task_state.workflow_state.content_object
    page = getattr(page, "specific", page)  # the state names the base Page
    if not isinstance(page, ResultsPage):
        return
    if ResultsCompile.objects.filter(page_id=page.pk, state=ResultsCompile.State.RUNNING).exists():
        return
    notify_reviewers(page, task_state, user, task_state.revision_id, submitted=True)


def replace_wagtail_handlers():
    """Called from ``DisseminationConfig.ready``.

    That runs before ``wagtail.admin``'s ready (INSTALLED_APPS order), so Wagtail's own
    ``connect`` later finds its ``dispatch_uid`` taken and adds nothing; disconnecting first
    makes the order not matter.
    """
    for signal, sender, dispatch_uid, notifier in WAGTAIL_HANDLERS:
        ours = results_draft_submitted if signal is task_submitted else None
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(
            except_results_review(notifier, ours),
            sender=sender,
            dispatch_uid=dispatch_uid,
            weak=False,
        )
