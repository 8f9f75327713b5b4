"""The Docker Compose stack must come up with `docker compose up` and nothing else.

These tests read docker-compose.yml and the Dockerfile without running Docker, and
check what usually breaks silently: a health check that was dropped, a service
that starts before its database, a second Celery beat, or a command naming a
module, setting or management command that no longer exists.
"""

import importlib
import importlib.util
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from celery import Celery
from celery.app.utils import find_app
from django.core.management import get_commands
from django.urls import Resolver404, resolve

pytestmark = pytest.mark.compose

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
APP_SERVICES = ("web", "worker", "beat")
BACKING_SERVICES = ("db", "redis")

# shlex hands these back as tokens of their own; newline is among them so that
# each line of an `sh -c` script counts as a separate command.
SHELL_PUNCTUATION = "();<>|&\n"
# gunicorn's `module:attribute`; host:port values such as 0.0.0.0:8000 never match.
APP_TARGET = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$")
# Importing the WSGI module builds the middleware, and WhiteNoise warns when
# collectstatic has not been run in this checkout; the image runs it at build.
IGNORE_MISSING_STATIC = "ignore:No directory at:UserWarning"
INTERPOLATION = re.compile(
    r"\$(?:(?P<escaped>\$)"
    r"|\{(?P<name>\w+)(?:(?P<op>:?[-?+])(?P<arg>[^}]*))?\}"
    r"|(?P<bare>[A-Za-z_]\w*))"
)


@pytest.fixture
def compose():
    return yaml.safe_load(COMPOSE_FILE.read_text())


# Helpers ---------------------------------------------------------------------


def interpolate(value, env):
    """Resolve Compose's `${VAR}`, `${VAR:-default}`, `${VAR:?error}` … as it would."""

    def replace(match):
        if match["escaped"]:
            return "$"
        name = match["name"] or match["bare"]
        op, arg = match["op"] or "", match["arg"] or ""
        is_set = name in env and (env[name] != "" or not op.startswith(":"))
        if op.endswith("-"):
            return env[name] if is_set else arg
        if op.endswith("?"):
            if not is_set:
                raise KeyError(f"${{{name}}} is required: {arg}")
            return env[name]
        if op.endswith("+"):
            return arg if is_set else ""
        return env.get(name, "")

    return INTERPOLATION.sub(replace, value)


def all_strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from all_strings(key)
            yield from all_strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from all_strings(item)


def shell_tokens(script):
    """Split a shell script into words, with separators such as `;` and newlines as tokens."""
    lexer = shlex.shlex(
        script.replace("\\\n", " "), posix=True, punctuation_chars=SHELL_PUNCTUATION
    )
    lexer.whitespace = " \t\r"
    lexer.whitespace_split = True
    return list(lexer)


def is_separator(token):
    return bool(token) and all(char in SHELL_PUNCTUATION for char in token)


def as_words(command):
    """A command as a flat word list; an `sh -c` script is opened up into its own words."""
    if command is None:
        return []
    words = shlex.split(command) if isinstance(command, str) else [str(w) for w in command]
    if len(words) >= 3 and Path(words[0]).name in {"sh", "bash"} and words[1] == "-c":
        # Compose turns `$$` into `$` before the shell sees the script.
        return shell_tokens(words[2].replace("$$", "$"))
    return words


def commands_in(words):
    """Split a word list at shell separators into the simple commands it runs."""
    current = []
    for word in words:
        if is_separator(word):
            if current:
                yield current
            current = []
        else:
            current.append(word)
    if current:
        yield current


def program_args(words, program):
    """The arguments of every call of `program` in the words, `exec` and paths allowed."""
    for command in commands_in(words):
        for index, word in enumerate(command):
            if Path(word).name == program:
                yield command[index + 1 :]
                break


def option_values(args, short, long):
    """Values of an option given as `-X value`, `-Xvalue`, `--long value` or `--long=value`."""
    for index, arg in enumerate(args):
        if arg in (short, long) and index + 1 < len(args):
            yield args[index + 1]
        elif arg.startswith(long + "="):
            yield arg.split("=", 1)[1]
        elif short and arg.startswith(short) and len(arg) > len(short) and arg[1] != "-":
            yield arg[len(short) :]


def manage_py_commands(words):
    for command in commands_in(words):
        for index, word in enumerate(command[:-1]):
            if word.endswith("manage.py") or Path(word).name == "django-admin":
                yield command[index + 1]


def gunicorn_targets(words):
    for args in program_args(words, "gunicorn"):
        yield from (arg for arg in args if APP_TARGET.match(arg))


def gunicorn_binds(words):
    for args in program_args(words, "gunicorn"):
        yield from option_values(args, "-b", "--bind")


def celery_apps(words):
    for args in program_args(words, "celery"):
        yield from option_values(args, "-A", "--app")


def celery_schedulers(words):
    for args in program_args(words, "celery"):
        yield from option_values(args, "-S", "--scheduler")


def runs_beat(words):
    """True when the words start a Celery beat, including one embedded in a worker (-B)."""
    for args in program_args(words, "celery"):
        positional = [arg for arg in args if not arg.startswith("-")]
        if "beat" in positional:
            return True
        if "worker" in positional and ("-B" in args or "--beat" in args):
            return True
    return False


def import_target(dotted):
    """Import `package.module:attribute` (or `package.module.attribute`) and return it."""
    module_name, _, attribute = dotted.partition(":")
    if not attribute:
        module_name, _, attribute = dotted.rpartition(".")
    return getattr(importlib.import_module(module_name), attribute)


def as_mapping(value):
    """Compose allows environment as a mapping or as a list of `KEY=value` strings."""
    if isinstance(value, dict):
        return dict(value)
    mapping = {}
    for item in value or []:
        key, _, val = item.partition("=")
        mapping[key] = val if "=" in item else None
    return mapping


def dependencies(service):
    """depends_on as {service: condition}; the short list form means service_started."""
    depends_on = service.get("depends_on") or {}
    if isinstance(depends_on, list):
        return dict.fromkeys(depends_on, "service_started")
    return {
        name: (spec or {}).get("condition", "service_started") for name, spec in depends_on.items()
    }


def healthcheck_text(service):
    test = (service.get("healthcheck") or {}).get("test")
    if isinstance(test, list):
        return " ".join(str(part) for part in test[1:]) if test and test[0] != "NONE" else ""
    return test or ""


def build_context(service):
    build = service.get("build")
    if build is None:
        return None
    context = build if isinstance(build, str) else build.get("context", ".")
    dockerfile = "Dockerfile" if isinstance(build, str) else build.get("dockerfile", "Dockerfile")
    return (COMPOSE_FILE.parent / context).resolve(), dockerfile


def dockerfile_instructions(path):
    """The Dockerfile as (INSTRUCTION, arguments) pairs, continuation lines joined."""
    instructions, pending = [], ""
    for line in path.read_text().splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        instruction, _, arguments = (pending + line).strip().partition(" ")
        instructions.append((instruction.upper(), arguments.strip()))
        pending = ""
    return instructions


def final_stage(instructions):
    last_from = max(i for i, (name, _) in enumerate(instructions) if name == "FROM")
    return instructions[last_from:]


def instruction_words(arguments):
    """CMD / ENTRYPOINT in exec (JSON) form or shell form, as words."""
    if arguments.startswith("["):
        return json.loads(arguments)
    return ["sh", "-c", arguments]


def image_default_words(dockerfile):
    stage = final_stage(dockerfile_instructions(dockerfile))
    entrypoint = [instruction_words(a) for name, a in stage if name == "ENTRYPOINT"]
    cmd = [instruction_words(a) for name, a in stage if name == "CMD"]
    return (entrypoint[-1] if entrypoint else []) + (cmd[-1] if cmd else [])


def image_environment(dockerfile):
    environment = {}
    for name, arguments in final_stage(dockerfile_instructions(dockerfile)):
        if name != "ENV":
            continue
        words = shlex.split(arguments)
        if "=" not in words[0]:
            environment[words[0]] = " ".join(words[1:])
            continue
        environment.update(word.split("=", 1) for word in words)
    return environment


def dockerfile_of(compose, service_name):
    """The Dockerfile a service is built from, or None for a stock image such as postgres."""
    build = build_context(compose["services"][service_name])
    return build[0] / build[1] if build else None


def service_words(compose, service_name):
    """What the container runs: the service's command, or else the image's default."""
    service = compose["services"][service_name]
    if service.get("command") is not None:
        entrypoint = service.get("entrypoint")
        return as_words(entrypoint) + as_words(service["command"])
    dockerfile = dockerfile_of(compose, service_name)
    return as_words(image_default_words(dockerfile)) if dockerfile else []


def service_environment(compose, service_name):
    dockerfile = dockerfile_of(compose, service_name)
    environment = image_environment(dockerfile) if dockerfile else {}
    environment.update(as_mapping(compose["services"][service_name].get("environment")))
    return environment


def named_volume(mount):
    """The named volume in a service's volume entry, or None for a bind mount."""
    if isinstance(mount, dict):
        return mount.get("source") if mount.get("type", "volume") == "volume" else None
    source, _, _ = mount.partition(":")
    if ":" not in mount or source.startswith(("/", ".", "~")) or "/" in source:
        return None
    return source


def container_port(port):
    """The container side of a `ports` entry, in short or long syntax."""
    if isinstance(port, dict):
        return str(port["target"])
    return str(port).rpartition(":")[2].partition("/")[0]


def mount_target(mount):
    if isinstance(mount, dict):
        return mount.get("target")
    return mount.split(":")[1]


# Tests -----------------------------------------------------------------------


def test_stack_has_every_service(compose):
    """Each is a part the site needs: data, cache and broker, pages, tasks, schedules."""
    assert set(BACKING_SERVICES + APP_SERVICES) <= set(compose["services"])


def test_database_has_pg_isready_healthcheck(compose):
    """Without it, web cannot wait for `service_healthy` and migrates too early."""
    healthcheck = compose["services"]["db"].get("healthcheck") or {}
    assert not healthcheck.get("disable")
    assert "pg_isready" in healthcheck_text(compose["services"]["db"])
    assert {"interval", "timeout", "retries"} <= set(healthcheck)


def test_redis_has_ping_healthcheck(compose):
    """Workers that start before Redis answers crash-loop; the check lets them wait instead."""
    healthcheck = compose["services"]["redis"].get("healthcheck") or {}
    assert not healthcheck.get("disable")
    text = healthcheck_text(compose["services"]["redis"])
    assert "redis-cli" in text
    assert "ping" in text.lower()


@pytest.mark.parametrize("service_name", APP_SERVICES)
def test_app_services_wait_for_healthy_backing_services(compose, service_name):
    """Started only means the process exists; healthy means PostgreSQL and Redis accept work."""
    depends = dependencies(compose["services"][service_name])
    for backing in BACKING_SERVICES:
        assert depends.get(backing) == "service_healthy", f"{service_name} → {backing}"


@pytest.mark.parametrize("service_name", ["worker", "beat"])
def test_tasks_wait_for_web_to_finish_migrating(compose, service_name):
    """Only web migrates; a task or beat schedule read before that fails on missing tables."""
    assert dependencies(compose["services"][service_name]).get("web") == "service_healthy"


def test_web_healthcheck_asks_the_health_endpoint(compose):
    """The check must ask for a URL that exists, or web never turns healthy and no task runs."""
    web = compose["services"]["web"]
    assert not (web.get("healthcheck") or {}).get("disable")
    urls = re.findall(r"https?://[^\s'\"]+", healthcheck_text(web))
    assert urls, "web's healthcheck requests no URL"
    for url in urls:
        path = "/" + url.split("://", 1)[1].partition("/")[2]
        assert path.rstrip("/").endswith("healthz")
        try:
            resolve(path)
        except Resolver404:
            pytest.fail(f"web's healthcheck asks for {path}, which no URL pattern serves")


def test_exactly_one_beat(compose):
    """A second beat sends every reminder and starts every compile twice."""
    beats = [name for name in compose["services"] if runs_beat(service_words(compose, name))]
    assert beats == ["beat"]
    beat = compose["services"]["beat"]
    assert "scale" not in beat
    assert (beat.get("deploy") or {}).get("replicas", 1) == 1


def test_beat_reads_schedules_from_the_database(compose):
    """Coordinators edit reminder schedules in the admin; only the database scheduler sees that."""
    schedulers = list(celery_schedulers(service_words(compose, "beat")))
    assert schedulers, "beat names no --scheduler"
    for dotted in schedulers:
        assert dotted.endswith("DatabaseScheduler")
        assert isinstance(import_target(dotted), type)


@pytest.mark.parametrize("service_name", ["worker", "beat"])
def test_celery_app_exists(compose, service_name):
    """`celery -A X` is resolved as the celery command does it, so a rename fails here first."""
    apps = list(celery_apps(service_words(compose, service_name)))
    assert apps, f"{service_name} runs no `celery -A …`"
    for name in apps:
        assert isinstance(find_app(name), Celery)


@pytest.mark.filterwarnings(IGNORE_MISSING_STATIC)
def test_gunicorn_target_exists(compose):
    """gunicorn only reports a wrong `module:attribute` once the container is up."""
    targets = list(gunicorn_targets(service_words(compose, "web")))
    assert targets, "web runs no gunicorn application"
    for target in targets:
        assert callable(import_target(target))


def test_web_listens_where_compose_publishes_it(compose):
    """gunicorn's port, the published port and the healthcheck's port must agree."""
    web = compose["services"]["web"]
    binds = gunicorn_binds(service_words(compose, "web"))
    bound_ports = {bind.rpartition(":")[2] for bind in binds}
    published = {container_port(port) for port in web.get("ports", [])}
    checked = set(re.findall(r"https?://[^/:\s]+:(\d+)", healthcheck_text(web)))
    assert bound_ports and published and checked
    assert bound_ports == published == checked


@pytest.mark.parametrize("service_name", APP_SERVICES)
def test_management_commands_exist(compose, service_name):
    """A missing command (say, a renamed load_demo) would stop web from starting at all."""
    available = get_commands()
    for name in manage_py_commands(service_words(compose, service_name)):
        assert name in available, f"{service_name} runs `manage.py {name}`, which does not exist"


def test_web_migrates_before_serving(compose):
    """Nothing else runs migrations, so a fresh volume would otherwise serve errors."""
    words = service_words(compose, "web")
    assert "migrate" in list(manage_py_commands(words))
    first_migrate = next(i for i, word in enumerate(words) if word == "migrate")
    first_gunicorn = next(i for i, word in enumerate(words) if Path(word).name == "gunicorn")
    assert first_migrate < first_gunicorn


@pytest.mark.parametrize("service_name", APP_SERVICES)
def test_settings_module_exists(compose, service_name):
    """A settings module that does not exist makes every Django command fail on start."""
    module = service_environment(compose, service_name).get("DJANGO_SETTINGS_MODULE")
    assert module and module.startswith("portal.settings.")
    assert importlib.util.find_spec(module) is not None


def test_production_settings_load_with_compose_environment(compose):
    """Compose's defaults must satisfy production settings, or a bare `docker compose up` fails."""
    environment = {
        key: interpolate(str(value), {})
        for key, value in service_environment(compose, "web").items()
        if value is not None
    }
    environment["PATH"] = os.environ.get("PATH", "")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_compose_needs_no_env_file(compose):
    """`docker compose up` on a fresh checkout must work: no variable may be required."""
    for value in all_strings(compose):
        interpolate(value, {})


def test_app_services_run_one_image(compose):
    """Web, worker and beat must run the same code, or tasks meet models the site does not have."""
    builds = {name: build_context(compose["services"][name]) for name in APP_SERVICES}
    assert None not in builds.values()
    assert len(set(builds.values())) == 1
    images = {compose["services"][name].get("image") for name in APP_SERVICES}
    assert len(images) == 1


@pytest.mark.filterwarnings(IGNORE_MISSING_STATIC)
def test_build_context_has_python_311_gunicorn_dockerfile(compose):
    """The image must exist, serve the site by default and use the Python we test on."""
    dockerfile = dockerfile_of(compose, "web")
    assert dockerfile.is_file()
    instructions = dockerfile_instructions(dockerfile)
    stages, bases = set(), []
    for name, arguments in instructions:
        if name == "FROM":
            words = arguments.split()
            if words[0] not in stages:
                bases.append(words[0])
            if len(words) == 3 and words[1].upper() == "AS":
                stages.add(words[2])
    assert bases and all(base.startswith("python:3.11") for base in bases), bases
    targets = list(gunicorn_targets(as_words(image_default_words(dockerfile))))
    assert targets == ["portal.wsgi:application"]
    assert callable(import_target(targets[0]))


def test_named_volumes_are_declared(compose):
    """Compose refuses to start with an undeclared named volume."""
    declared = set(compose.get("volumes") or {})
    for name, service in compose["services"].items():
        for mount in service.get("volumes", []):
            volume = named_volume(mount)
            assert volume is None or volume in declared, f"{name} uses undeclared volume {volume}"


def test_database_data_is_on_a_volume(compose):
    """Without a volume, recreating the db container deletes every portfolio."""
    mounts = compose["services"]["db"].get("volumes", [])
    assert any(
        named_volume(mount) and mount_target(mount) == "/var/lib/postgresql/data"
        for mount in mounts
    )


@pytest.mark.parametrize("service_name", ["web", "worker"])
def test_media_is_shared_at_media_root(compose, service_name):
    """Uploads must outlive containers; web must serve the PDFs and exports the worker writes."""
    media_root = service_environment(compose, service_name).get("MEDIA_ROOT")
    assert media_root
    volumes = {
        named_volume(mount)
        for mount in compose["services"][service_name].get("volumes", [])
        if mount_target(mount) == media_root
    }
    web_volumes = {
        named_volume(mount)
        for mount in compose["services"]["web"].get("volumes", [])
        if mount_target(mount) == media_root
    }
    assert volumes and None not in volumes
    assert volumes == web_volumes
