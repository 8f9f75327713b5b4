"""The demo content and the benchmarks are no part of the site: production installs neither, the
development and test settings install both, and a local compose stack asks for the demo alone.
"""

import pytest
import yaml

from tests.portal.test_compose import COMPOSE_FILE, interpolate, service_environment
from tests.portal.test_settings import PRODUCTION_ENV, clean_env, manage, read_settings

NOT_THE_SITE = {"demo", "bench"}


def installed_apps(tmp_path, settings_module, **env):
    values = read_settings(["INSTALLED_APPS"], clean_env(tmp_path, **env), settings_module)
    return values["INSTALLED_APPS"]


def test_production_installs_neither_the_demo_nor_the_benchmarks(tmp_path):
    apps = installed_apps(tmp_path, "portal.settings.production", **PRODUCTION_ENV)
    assert not NOT_THE_SITE & set(apps)
    assert "dissemination" in apps


@pytest.mark.parametrize("command", ["load_demo", "bench_compile", "bench_reminders"])
def test_production_has_no_demo_or_bench_command(tmp_path, command):
    result = manage([command], clean_env(tmp_path, **PRODUCTION_ENV), "portal.settings.production")
    assert result.returncode != 0
    assert f"Unknown command: '{command}'" in result.stderr


def test_production_asked_for_the_demo_installs_it_and_still_no_benchmarks(tmp_path):
    apps = installed_apps(
        tmp_path, "portal.settings.production", MOBILITAS_DEMO="1", **PRODUCTION_ENV
    )
    assert "demo" in apps
    assert "bench" not in apps
    assert apps[-1] == "portal"
    env = clean_env(tmp_path, MOBILITAS_DEMO="1", **PRODUCTION_ENV)
    result = manage(["load_demo", "--help"], env, "portal.settings.production")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("settings_module", ["portal.settings.dev", "portal.settings.test"])
def test_development_and_tests_install_the_demo_and_the_benchmarks(tmp_path, settings_module):
    apps = installed_apps(tmp_path, settings_module)
    assert set(apps) >= NOT_THE_SITE
    assert apps[-1] == "portal", "portal's ready() must run after every other app's"


@pytest.mark.parametrize(("demo", "expected"), [(None, "0"), ("1", "1")])
def test_compose_asks_for_the_demo_app_exactly_when_demo_is_set(demo, expected):
    environment = service_environment(yaml.safe_load(COMPOSE_FILE.read_text()), "web")
    shell = {} if demo is None else {"DEMO": demo}
    assert interpolate(str(environment["MOBILITAS_DEMO"]), shell) == expected
