"""What ``make demo`` starts: web, a Celery worker and beat, together, stopped by one Ctrl-C.

The test runs the same Procfile through honcho on the embedded default (SQLite, filesystem
broker) in a scratch ``var/`` folder, so it proves the demo needs no Redis and no PostgreSQL.
"""

import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.journeys.conftest import free_port, stack_env

pytestmark = pytest.mark.demo_stack


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return response.status, response.read().decode()
    except OSError:
        return None, ""


def test_demo_runs_web_worker_and_beat_and_ctrl_c_stops_them_all(tmp_path):
    port = free_port()
    env = stack_env(tmp_path / "var", port)
    for command in (["migrate", "--noinput"], ["load_demo"]):
        done = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stdout + done.stderr
    assert "mobilitas-demo" in done.stdout
    # The demo names the address it is served from (MOBILITAS_PORT), not a fixed one.
    assert f"http://127.0.0.1:{port}/admin/" in done.stdout

    honcho = subprocess.Popen(
        [str(Path(sys.executable).parent / "honcho"), "--procfile", "Procfile.dev", "start"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines = []
    threading.Thread(target=lambda: lines.extend(honcho.stdout), daemon=True).start()

    def output():
        return "".join(lines)

    hub = f"http://127.0.0.1:{port}/projects/latgale-florence-2010/"
    try:
        deadline = time.monotonic() + 90
        status, body = None, ""
        while time.monotonic() < deadline:
            status, body = get(hub)
            log = output()
            if status == 200 and "ready." in log and "beat: Starting" in log:
                break
            time.sleep(0.5)
        log = output()
        assert status == 200, f"the hub did not answer:\n{log}"
        assert "2010-1-LV1-LEO03-00754" in body
        assert re.search(r"^\S+ worker\.1\s+\|.*ready\.", log, re.M), log
        assert re.search(r"^\S+ beat\.1\s+\|.*beat: Starting", log, re.M), log
        assert re.search(r"^\S+ web\.1\s+\|.*Starting development server", log, re.M), log
    finally:
        honcho.send_signal(signal.SIGINT)
        try:
            honcho.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(honcho.pid, signal.SIGKILL)
            pytest.fail(f"Ctrl-C did not stop the demo within 30 s:\n{output()}")

    # Every process honcho started has gone, not just honcho itself.
    pids = [int(pid) for pid in re.findall(r"started \(pid=(\d+)\)", output())]
    assert len(pids) == 3, output()
    time.sleep(1)
    alive = [pid for pid in pids if _alive(pid)]
    assert not alive, f"still running after Ctrl-C: {alive}\n{output()}"
    assert get(hub)[0] is None


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has exited; it only waits for its parent to collect it.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False
