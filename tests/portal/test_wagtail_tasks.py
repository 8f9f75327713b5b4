"""Wagtail's own background work (reference index, search index) leaves the request: with
``portal.tasks.CeleryTaskBackend`` a save only queues it, for after the commit; a broker that does
not answer has it done in the request after all, so no index update is lost.

The worker's side, on a real worker and Redis, is tests/portal/test_wagtail_tasks_worker.py.
"""

import logging

import pytest
from wagtail.models import Page, ReferenceIndex

from home.models import HomePage, ProjectIndexPage
from portal import tasks
from portal.tasks import CeleryTaskBackend

CELERY_BACKEND = {"default": {"BACKEND": "portal.tasks.CeleryTaskBackend"}}
INDEX_TASKS = {
    "wagtail.tasks.update_reference_index_task",
    "modelsearch.tasks.insert_or_update_object_task",
}


def page_linking_home(title):
    """A new page whose introduction links to the home page: a reference and a search entry."""
    home = HomePage.objects.get(locale__language_code="en")
    page = ProjectIndexPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        intro=f'<p>Back to <a linktype="page" id="{home.pk}">the start</a>.</p>',
    )
    home.add_child(instance=page)
    return home, page


def indexed(home, page):
    """(found by Wagtail's search, recorded in the reference index as linking to the home page)"""
    found = page.pk in {result.pk for result in Page.objects.search(page.title)}
    refers = ReferenceIndex.get_references_to(home).filter(object_id=str(page.pk)).exists()
    return found, refers


def queued(callbacks):
    """The django-tasks that these on-commit callbacks would publish to Celery."""
    return {
        callback.args[0].task.module_path
        for callback in callbacks
        if isinstance(getattr(getattr(callback, "func", None), "__self__", None), CeleryTaskBackend)
    }


@pytest.fixture
def celery_backend(settings):
    settings.TASKS = CELERY_BACKEND


@pytest.mark.django_db
def test_a_save_queues_the_index_updates_for_after_the_commit(
    celery_backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        home, page = page_linking_home("Quarrelsome Zeppelin")

    assert indexed(home, page) == (False, False), "the request did the index work itself"
    assert queued(callbacks) >= INDEX_TASKS


@pytest.mark.django_db
def test_a_command_that_saves_hundreds_of_pages_has_the_work_done_as_it_saves(
    celery_backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, tasks.run_here():
        home, page = page_linking_home("Resolute Pumpernickel")

    assert indexed(home, page) == (True, True)
    assert queued(callbacks) == set()


@pytest.mark.django_db
def test_a_broker_that_does_not_answer_has_the_request_do_the_work(
    celery_backend, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    # Nothing listens on port 1: the connection is refused at once.
    monkeypatch.setattr(tasks.run_django_task.app.conf, "broker_url", "redis://127.0.0.1:1/0")
    with (
        caplog.at_level(logging.WARNING, logger="portal.tasks"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        home, page = page_linking_home("Obstinate Marmalade")

    assert indexed(home, page) == (True, True)
    assert "The broker did not take wagtail.tasks.update_reference_index_task" in caplog.text


@pytest.mark.django_db
def test_the_worker_task_runs_a_wagtail_task_by_its_path():
    home, page = page_linking_home("Meandering Gooseberry")
    ReferenceIndex.remove_for_object(page)

    tasks.run_django_task(
        "wagtail.tasks.update_reference_index_task", ["home", "projectindexpage", str(page.pk)], {}
    )

    assert ReferenceIndex.get_references_to(home).filter(object_id=str(page.pk)).exists()


@pytest.mark.django_db
def test_the_worker_task_finds_nothing_to_do_for_an_object_deleted_since(caplog):
    with caplog.at_level(logging.INFO, logger="portal.tasks"):
        tasks.run_django_task(
            "modelsearch.tasks.insert_or_update_object_task", ["home", "homepage", "999999"], {}
        )
    assert "the object is gone" in caplog.text


def test_the_worker_task_calls_nothing_but_a_django_task():
    with pytest.raises(TypeError, match=r"os\.getcwd is not a django-task"):
        tasks.run_django_task("os.getcwd", [], {})
