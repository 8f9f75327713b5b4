"""Wagtail's own background work, run by our Celery workers instead of inside requests.

Wagtail and django-modelsearch write their background work as django-tasks: the reference index
(which pages use which file; ``core.files`` decides who may open a file from it), the search
index, image focal points and the deletion of replaced files. django-tasks defines how work is
described and queued, not what runs it, and its default backend runs each task inside the request
that saved the object. ``CeleryTaskBackend`` (the ``TASKS`` setting) is a django-tasks backend,
written to its documented backend API (``BaseTaskBackend.enqueue``), that publishes each task
once the saving transaction has committed, as our Celery task ``run_django_task`` naming it by its
import path; a worker runs it like any other of ours. None could be installed instead: the Celery
backend for Django's own tasks needs Django 6, and the one for django-tasks on Django 5.2 warns, in
system checks that cannot be silenced, unless the broker is RabbitMQ and results are stored, which
production's ``check --deploy`` would fail on.

The four tasks are idempotent (each recomputes from the saved object), as our late
acknowledgement needs. A broker that does not answer costs one connection attempt, and the task
then runs in the request after all, with a warning logged: an index may lag behind the pages for
a moment, but never miss an update, because a file's visibility follows the reference index.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial

from celery import shared_task
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResult, TaskResultStatus
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task
from django_tasks.exceptions import InvalidTaskError
from django_tasks.signals import task_enqueued
from django_tasks.utils import get_random_id, normalize_json

logger = logging.getLogger(__name__)

_run_here = ContextVar("run_wagtail_tasks_here", default=False)


@contextmanager
def run_here():
    """Run the tasks enqueued inside as they are enqueued, in this process, as django-tasks' own
    immediate backend does: for a command that saves hundreds of pages at once (``load_demo``),
    which would otherwise leave a worker hundreds of messages to work through afterwards."""
    token = _run_here.set(True)
    try:
        yield
    finally:
        _run_here.reset(token)


class CeleryTaskBackend(BaseTaskBackend):
    """Publishes django-tasks to Celery after commit; ``OPTIONS["CELERY_QUEUE"]`` names the Celery
    queue (Celery's default queue, ``CELERY_TASK_DEFAULT_QUEUE``, when left out)."""

    supports_async_task = True

    def __init__(self, alias, params):
        super().__init__(alias, params)
        self.celery_queue = self.options.get("CELERY_QUEUE")

    def validate_task(self, task):
        super().validate_task(task)
        if task.takes_context:
            raise InvalidTaskError("CeleryTaskBackend runs tasks without a task context.")

    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=normalize_json(list(args)),
            kwargs=normalize_json(dict(kwargs)),
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        task_enqueued.send(type(self), task_result=result)
        if _run_here.get():
            done = run_quietly(task, result.args, result.kwargs)
            status = TaskResultStatus.SUCCESSFUL if done else TaskResultStatus.FAILED
            object.__setattr__(result, "status", status)  # as django-tasks' own backends do
        else:
            # A worker must find the object as the transaction leaves it, and nothing of a
            # transaction that rolls back.
            transaction.on_commit(partial(self.publish, result))
        return result

    def publish(self, result):
        options = {"task_id": result.id, "retry": False}
        if self.celery_queue:
            options["queue"] = self.celery_queue
        try:
            # One connection attempt, not kombu's usual retries (seconds), as reminders.outbox.
            with run_django_task.app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=0)
                run_django_task.apply_async(
                    (result.task.module_path, result.args, result.kwargs),
                    connection=connection,
                    **options,
                )
        except Exception:
            logger.warning(
                "The broker did not take %s; running it here instead.",
                result.task.module_path,
                exc_info=True,
            )
            run_quietly(result.task, result.args, result.kwargs)


def run_quietly(task, args, kwargs):
    """Run the task here; a failure is logged, never raised into the request that committed."""
    try:
        task.call(*args, **kwargs)
    except Exception:
        logger.exception("%s failed.", task.module_path)
        return False
    return True


@shared_task(name="portal.run_django_task")
def run_django_task(module_path, args, kwargs):
    """Run the django-task at ``module_path``; nothing but a django-task is called by name."""
    task = import_string(module_path)
    if not isinstance(task, Task):
        raise TypeError(f"{module_path} is not a django-task.")
    try:
        task.call(*args, **kwargs)
    except ObjectDoesNotExist:
        # Deleted since it was saved: its deletion has updated the indexes already.
        logger.info("%s%r: the object is gone, nothing to do.", module_path, tuple(args))
