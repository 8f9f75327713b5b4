"""The lock files pin every dependency pyproject.toml declares, at versions its ranges allow, and
the image and `make install` install from them, so every machine runs the versions CI tested."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", re.MULTILINE)


def pins(name):
    text = (ROOT / "requirements" / f"{name}.txt").read_text()
    return {package.lower().replace("_", "-"): version for package, version in PIN.findall(text)}


def declared(group):
    if group == "production":
        return [Requirement(line) for line in PYPROJECT["project"]["dependencies"]]
    return [
        Requirement(line)
        for line in PYPROJECT["project"]["dependencies"]
        + PYPROJECT["project"]["optional-dependencies"]["dev"]
    ]


@pytest.mark.parametrize("group", ["production", "dev"])
def test_every_declared_dependency_is_pinned_within_its_range(group):
    locked = pins(group)
    for requirement in declared(group):
        name = requirement.name.lower().replace("_", "-")
        assert name in locked, f"{name} is not in requirements/{group}.txt: run make lock"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"requirements/{group}.txt pins {name}=={locked[name]}, outside {requirement}"
        )


def test_the_image_and_make_install_use_the_lock_files():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install -r requirements/production.txt" in dockerfile
    assert "pip install --no-deps ." in dockerfile
    makefile = (ROOT / "Makefile").read_text()
    assert "pip install --quiet -r requirements/dev.txt" in makefile


def test_the_linter_is_pinned_and_majors_are_bounded():
    for requirement in declared("dev"):
        if requirement.name == "ruff":
            assert str(requirement.specifier).startswith("==")
    unbounded = [
        requirement.name
        for requirement in declared("production")
        if not any(spec.operator in ("<", "==", "~=") for spec in requirement.specifier)
    ]
    assert unbounded == [], f"no upper bound for {unbounded}"
