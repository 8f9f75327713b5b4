"""``load_demo`` runs the steps of ``demo.steps.STEPS`` in their order, and ``--reset`` first
undoes them in reverse, all in one transaction in which nobody is notified and Wagtail's
background tasks are done as they are enqueued rather than left to a worker."""

import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django_tasks import task

from core import notifications
from demo import steps
from demo.management.commands import load_demo

ran_here = []


@task()
def note(name):
    ran_here.append(name)


def recording_step(name, calls):
    def record(action):
        def run(command):
            calls.append((action, name))
            notifications.notify("demo_step", None, command, step=name)
            note.enqueue(f"{action} {name}")

        return run

    return SimpleNamespace(load=record("load"), reset=record("reset"))


@pytest.mark.django_db
def test_steps_load_in_order_and_reset_in_reverse_muted_with_tasks_done_at_once(
    monkeypatch, settings
):
    settings.TASKS = {"default": {"BACKEND": "portal.tasks.CeleryTaskBackend"}}
    calls, told = [], []
    monkeypatch.setattr(
        load_demo, "STEPS", [recording_step(name, calls) for name in ("first", "second")]
    )
    ran_here.clear()

    def listen(**kwargs):
        told.append(kwargs["kind"])

    notifications.notification_requested.connect(listen, weak=False)
    try:
        call_command("load_demo", reset=True, quiet_summary=True, stdout=io.StringIO())
    finally:
        notifications.notification_requested.disconnect(listen)

    order = [("reset", "second"), ("reset", "first"), ("load", "first"), ("load", "second")]
    assert calls == order
    assert told == []
    assert ran_here == [f"{action} {name}" for action, name in order]


def test_every_step_has_load_and_reset_and_the_founding_project_comes_first():
    assert steps.STEPS[0].__name__ == "demo.home"
    for step in steps.STEPS:
        assert callable(step.load), step.__name__
        assert callable(step.reset), step.__name__
