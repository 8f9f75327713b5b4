from celery import shared_task
from django.core.management import call_command


@shared_task
def publish_scheduled_pages():
    """Publish pages whose go-live date has passed and unpublish expired ones (run by beat).

    Wagtail's command is idempotent, so a redelivered message does no harm.
    """
    call_command("publish_scheduled")
