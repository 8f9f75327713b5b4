"""A results page's reviewers hear of each draft once: through the outbox, in their language.

Wagtail emails workflow news itself (``wagtail.admin.signal_handlers``: a task or a workflow
submitted, approved or rejected), in the site's language and without an unsubscribe link. For
results pages the compile already tells the reviewers through the reminders outbox
(``dissemination.compile.submit_for_review``), so Wagtail's emails were a second copy, in
English. Each of Wagtail's four handlers is replaced, under its own ``dispatch_uid``, by one that
passes on every workflow's news except the results review's.
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


def except_results_review(notifier):
    def handler(sender, instance=None, **kwargs):
        if instance is not None and is_results_review(instance):
            return False
        return notifier(instance=instance, **kwargs)

    return handler


def replace_wagtail_handlers():
    """Called from ``DisseminationConfig.ready``.

    That runs before ``wagtail.admin``'s ready (INSTALLED_APPS order), so Wagtail's own
    ``connect`` later finds its ``dispatch_uid`` taken and adds nothing; disconnecting first
    makes the order not matter.
    """
    for signal, sender, dispatch_uid, notifier in WAGTAIL_HANDLERS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(
            except_results_review(notifier), sender=sender, dispatch_uid=dispatch_uid, weak=False
        )
