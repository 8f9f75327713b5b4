"""The Celery application: configured from Django settings (``CELERY_*``), tasks found in apps."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("mobilitas")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
