"""The embedded broker never shows a worker a message that is still being written.

kombu's filesystem transport creates a message file under its final name and then writes it; a
worker polling the folder could read it empty in between and stop with a JSONDecodeError, taking
``make demo`` down with it. Ours writes under a name the worker skips and renames into place.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from kombu import Connection

from portal import broker


@pytest.fixture
def connection(tmp_path):
    folder = tmp_path / "queue"
    folder.mkdir()
    with Connection(
        "filesystem://",
        transport="portal.broker:Transport",
        transport_options={"data_folder_in": str(folder), "data_folder_out": str(folder)},
    ) as conn:
        yield conn, folder


def settings_value(module, name, tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"REDIS_URL", "CELERY_BROKER_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["MOBILITAS_VAR_DIR"] = str(tmp_path)
    code = f"import {module} as s; print(repr(s.{name}))"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_the_demo_uses_this_transport_and_the_tests_name_theirs_by_url(tmp_path):
    """What ``make demo`` runs (dev settings, no REDIS_URL) uses it; the test settings' memory
    or Redis broker is named by its URL alone."""
    dev = "portal.settings.dev"
    assert settings_value(dev, "CELERY_BROKER_URL", tmp_path) == "'filesystem://'"
    assert settings_value(dev, "CELERY_BROKER_TRANSPORT", tmp_path) == "'portal.broker:Transport'"
    assert settings_value("portal.settings.test", "CELERY_BROKER_TRANSPORT", tmp_path) == "None"


def test_a_message_appears_under_its_queue_name_only_when_whole(connection, monkeypatch):
    conn, folder = connection
    seen_while_writing = []
    replaced = []
    real_replace = os.replace

    def replace(source, target):
        # The moment before the message becomes visible: nothing of it is readable yet, and
        # what is about to appear is complete.
        seen_while_writing.extend(p.name for p in folder.iterdir() if p.name.endswith(".msg"))
        json.loads(Path(source).read_bytes())
        real_replace(source, target)
        replaced.append(target)

    monkeypatch.setattr(broker.os, "replace", replace)
    queue = conn.SimpleQueue("journeys")
    queue.put({"hello": "world"})

    assert replaced, "the message was not renamed into place"
    assert seen_while_writing == []
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []
    message = queue.get(timeout=2)
    assert message.payload == {"hello": "world"}
    message.ack()
    queue.close()
