"""The Latvian interface must be complete, compiled and actually used.

Each app carries its own catalogue (``home/locale``, ``portfolios/locale``, ``ideas/locale``,
``reminders/locale``, ``dissemination/locale``) and the project carries one for ``templates/``
and ``portal/`` (``locale/``, from LOCALE_PATHS). The ``.mo`` files are committed, so that a
checkout works without gettext installed.

What these tests catch, none of which shows up anywhere else until a Latvian user sees English:

* a new ``_()``, ``{% translate %}`` or ``{% blocktranslate %}`` with no Latvian translation, or
  one that makemessages has marked fuzzy (the coverage test re-runs makemessages on a copy);
* a ``django.po`` edited without ``compilemessages`` (the ``.mo`` is what Django reads);
* a catalogue that Django does not load, or whose strings another catalogue shadows.

The tests that need GNU gettext skip without it, except in CI (``REQUIRE_SERVICES=1``), where a
missing gettext is a failure: the check must never pass by not running.
"""

import ast
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from gettext import GNUTranslations
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
LANGUAGE = "lv"
CATALOGUE = Path(LANGUAGE, "LC_MESSAGES", "django.po")
# Every locale folder that must hold a Latvian catalogue, relative to the repository root.
EXPECTED_LOCALE_DIRS = (
    "locale",
    "home/locale",
    "portfolios/locale",
    "ideas/locale",
    "reminders/locale",
    "dissemination/locale",
    "core/locale",
    "evaluation/locale",
    "europass/locale",
    "final_report/locale",
    "demo/locale",
)
# What makemessages reads: settings, templates, the project's apps and manage.py.
SOURCES = (
    "core",
    "portal",
    "home",
    "portfolios",
    "ideas",
    "reminders",
    "dissemination",
    "evaluation",
    "europass",
    "final_report",
    "demo",
    "bench",
    "templates",
    "locale",
    "manage.py",
)
# The same ignores as `make messages`.
MAKEMESSAGES_IGNORES = (".venv/*", "var/*", "static_collected/*", "tests/*")
# Header fields that change on every makemessages run without changing any translation.
VOLATILE_HEADER_FIELDS = {"pot-creation-date", "po-revision-date"}


# Helpers ---------------------------------------------------------------------


def require_tools(*names: str) -> None:
    """Skip without the gettext tools, or fail in CI, where translations must be checked."""
    missing = [name for name in names if shutil.which(name) is None]
    if not missing:
        return
    reason = f"GNU gettext is not installed (missing: {', '.join(missing)}); install `gettext`"
    if os.environ.get("REQUIRE_SERVICES", "") == "1":
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1, so this is a failure)")
    pytest.skip(reason)


@dataclass
class Entry:
    """One message of a PO file."""

    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def label(self) -> str:
        context = f"[{self.msgctxt}] " if self.msgctxt is not None else ""
        return f"{context}{self.msgid!r}"


PO_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$')


def parse_po(path: Path) -> list[Entry]:
    """Read a PO file into its entries, the header first; obsolete (#~) entries are dropped."""
    entries: list[Entry] = []
    entry, last = Entry(), None

    def finish():
        nonlocal entry, last
        if last is not None and not entry.obsolete:
            entries.append(entry)
        entry, last = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        after_msgstr = last is not None and last[0] == "msgstr"
        if not line:
            finish()
        elif line.startswith("#~"):
            entry.obsolete = True
        elif line.startswith("#"):
            if after_msgstr:
                finish()
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif match := PO_KEYWORD.match(line):
            keyword, index, value = match[1], match[2], ast.literal_eval(match[3])
            if keyword.startswith("msgstr"):
                last = ("msgstr", int(index or 0))
                entry.msgstr[last[1]] = value
            else:
                if keyword in ("msgctxt", "msgid") and after_msgstr:
                    finish()
                last = (keyword, None)
                setattr(entry, keyword, value)
        elif line.startswith('"') and last is not None:
            value = ast.literal_eval(line)
            if last[0] == "msgstr":
                entry.msgstr[last[1]] += value
            else:
                setattr(entry, last[0], getattr(entry, last[0]) + value)
        else:
            raise ValueError(f"{path}:{number}: cannot read this PO line: {raw!r}")
    finish()
    return entries


def header_fields(entries: list[Entry]) -> dict[str, str]:
    header = next((entry for entry in entries if entry.is_header), None)
    if header is None:
        return {}
    lines = header.msgstr.get(0, "").splitlines()
    return {
        key.strip().lower(): value.strip()
        for key, _sep, value in (line.partition(":") for line in lines)
        if _sep
    }


def nplurals(entries: list[Entry]) -> int | None:
    match = re.search(r"nplurals\s*=\s*(\d+)", header_fields(entries).get("plural-forms", ""))
    return int(match[1]) if match else None


def catalogue_problems(path: Path) -> list[str]:
    """Untranslated and fuzzy entries of one catalogue, and a header that is not Latvian's."""
    entries = parse_po(path)
    header = header_fields(entries)
    forms = nplurals(entries)
    problems = []
    if header.get("language") != LANGUAGE:
        problems.append(f"header: Language is {header.get('language')!r}, not {LANGUAGE!r}")
    if forms is None:
        problems.append("header: no Plural-Forms")
    if "charset=utf-8" not in header.get("content-type", "").lower().replace(" ", ""):
        problems.append("header: Content-Type is not charset=UTF-8")
    for entry in entries:
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {'the header' if entry.is_header else entry.label}")
        if entry.is_header:
            continue
        if entry.msgid_plural is not None:
            wanted = range(forms or 1)
            if sorted(entry.msgstr) != list(wanted) or not all(entry.msgstr.values()):
                problems.append(f"untranslated (needs msgstr[0..{len(wanted) - 1}]): {entry.label}")
        elif not entry.msgstr.get(0):
            problems.append(f"untranslated: {entry.label}")
    return problems


def local_app_dirs() -> set[str]:
    """Top-level folders of installed apps that live in this repository (a new app counts too)."""
    folders = set()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(ROOT) and ".venv" not in path.relative_to(ROOT).parts:
            folders.add(path.relative_to(ROOT).parts[0])
    return folders


def committed_catalogues() -> list[Path]:
    found = {ROOT / "locale" / CATALOGUE, *ROOT.glob(f"*/locale/{CATALOGUE.as_posix()}")}
    found |= {ROOT / folder / CATALOGUE for folder in EXPECTED_LOCALE_DIRS}
    return sorted(path for path in found if ".venv" not in path.relative_to(ROOT).parts)


def catalogue_id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def without_volatile_header(info: dict[str, str]) -> dict[str, str]:
    return {key: value for key, value in info.items() if key not in VOLATILE_HEADER_FIELDS}


# Tests -----------------------------------------------------------------------


def test_every_source_string_has_a_latvian_translation(tmp_path):
    """Re-run makemessages on a copy of the sources: a string added to Python code or a template
    without a Latvian translation, or one that makemessages marked fuzzy because its English
    changed, would show in English on the Latvian site. Neither may ship."""
    require_tools("xgettext", "msgmerge", "msgattrib")
    copy = tmp_path / "src"
    copy.mkdir()
    for name in sorted(set(SOURCES) | local_app_dirs()):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)

    # BASE_DIR comes from the settings file's location, so the copy's LOCALE_PATHS point into the
    # copy; PYTHONPATH makes sure it is the copy's settings that are imported.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(copy), os.environ.get("PYTHONPATH")])),
        "MOBILITAS_VAR_DIR": str(tmp_path / "var"),
    }
    command = [sys.executable, "manage.py", "makemessages", "--locale", LANGUAGE, "--no-obsolete"]
    for pattern in MAKEMESSAGES_IGNORES:
        command += ["--ignore", pattern]
    result = subprocess.run(
        command, cwd=copy, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"makemessages failed:\n{result.stdout}\n{result.stderr}"

    catalogues = sorted(copy.rglob(f"locale/{CATALOGUE.as_posix()}"))
    found = {path.relative_to(copy).parent.parent.parent.as_posix() for path in catalogues}
    assert set(EXPECTED_LOCALE_DIRS) <= found, (
        f"makemessages did not produce every catalogue: missing {set(EXPECTED_LOCALE_DIRS) - found}"
    )
    problems = {
        path.relative_to(copy).as_posix(): issues
        for path in catalogues
        if (issues := catalogue_problems(path))
    }
    report = "\n".join(
        f"{name}:\n" + "\n".join(f"  - {issue}" for issue in issues)
        for name, issues in problems.items()
    )
    assert not problems, (
        "Latvian translations are missing or fuzzy. Run `make messages`, translate these in the "
        f"django.po named, remove the fuzzy flags and compile again:\n{report}"
    )


@pytest.mark.parametrize("po_path", committed_catalogues(), ids=catalogue_id)
def test_compiled_catalogue_matches_its_source(po_path, tmp_path):
    """Django reads the committed .mo, not the .po: a translation edited without running
    compilemessages never reaches the site. Compile the .po afresh and compare."""
    require_tools("msgfmt")
    assert po_path.exists(), f"{catalogue_id(po_path)} is missing; run `make messages`"
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{catalogue_id(mo_path)} is missing; run `make messages`"

    fresh = tmp_path / "django.mo"
    result = subprocess.run(
        ["msgfmt", "--check-format", "--check-header", "-o", str(fresh), str(po_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, f"msgfmt rejects {catalogue_id(po_path)}:\n{result.stderr}"

    with fresh.open("rb") as handle:
        expected = GNUTranslations(handle)
    with mo_path.open("rb") as handle:
        committed = GNUTranslations(handle)
    stale = {
        key: (committed._catalog.get(key), value)
        for key, value in expected._catalog.items()
        if key != "" and committed._catalog.get(key) != value
    }
    extra = sorted(str(key) for key in committed._catalog.keys() - expected._catalog.keys())
    assert not stale and not extra, (
        f"{catalogue_id(mo_path)} is out of date with its .po; run `make messages` "
        f"(or manage.py compilemessages) and commit the .mo.\n"
        f"changed or missing in .mo (compiled, source): {stale}\nonly in .mo: {extra}"
    )
    assert without_volatile_header(committed.info()) == without_volatile_header(expected.info()), (
        f"the header of {catalogue_id(mo_path)} (plural forms, charset) differs from its .po; "
        "run `make messages`"
    )


UI_STRINGS = [
    # templates/ and portal/ (locale/)
    "Objectives",
    "Log in",
    "Log out",
    "Project facts",
    "Page not found",
    "Skip to content",
    "Latvian",
    # home/locale
    "mobility project",
    "Sending institution and contact",
    # portfolios/locale and ideas/locale
    "Portfolios",
    "Ideas",
]


def committed_translations() -> dict[str, str]:
    translations = {}
    for path in committed_catalogues():
        if path.exists():
            for entry in parse_po(path):
                if not entry.is_header and entry.msgid_plural is None and entry.msgctxt is None:
                    translations.setdefault(entry.msgid, entry.msgstr.get(0, ""))
    return translations


@pytest.mark.parametrize("msgid", UI_STRINGS)
def test_interface_strings_come_back_in_latvian(msgid):
    """With Latvian active, the strings people see first must be Latvian, and ours: Django and
    Wagtail ship Latvian catalogues of their own (Django says "Pieslēgties" for "Log in"), so a
    catalogue of ours that Django failed to load could otherwise go unnoticed."""
    ours = committed_translations()
    assert msgid in ours, f"{msgid!r} is not in any of our Latvian catalogues"
    with translation.override(LANGUAGE):
        translated = translation.gettext(msgid)
    assert translated != msgid, f"{msgid!r} is still English with {LANGUAGE} active"
    assert translated == ours[msgid]


@pytest.mark.parametrize("po_path", committed_catalogues(), ids=catalogue_id)
def test_every_entry_is_what_django_serves(po_path):
    """Every translation of ours must be the one Django returns. A msgid that is in two of our
    catalogues with different translations loses in one of them (LOCALE_PATHS wins over apps,
    earlier apps over later ones), so the admin and the site would disagree."""
    assert po_path.exists(), f"{catalogue_id(po_path)} is missing; run `make messages`"
    mismatches = []
    forms = range(nplurals(parse_po(po_path)) or 1)
    with translation.override(LANGUAGE):
        for entry in parse_po(po_path):
            if entry.is_header:
                continue
            if entry.msgid_plural is None:
                if entry.msgctxt is None:
                    served = translation.gettext(entry.msgid)
                else:
                    served = translation.pgettext(entry.msgctxt, entry.msgid)
                if served != entry.msgstr.get(0):
                    mismatches.append(f"{entry.label}: {entry.msgstr.get(0)!r} / {served!r}")
                continue
            served_forms = set()
            for n in range(200):
                if entry.msgctxt is None:
                    served = translation.ngettext(entry.msgid, entry.msgid_plural, n)
                else:
                    served = translation.npgettext(
                        entry.msgctxt, entry.msgid, entry.msgid_plural, n
                    )
                served_forms.add(served)
            expected_forms = {entry.msgstr.get(index) for index in forms}
            if served_forms != expected_forms:
                mismatches.append(f"{entry.label}: {expected_forms} / {served_forms}")
    assert not mismatches, (
        f"Django serves other translations than {catalogue_id(po_path)} has "
        "(catalogue / served):\n" + "\n".join(mismatches)
    )


# The duration in the project facts (templates/home/mobility_project_page.html). Held in variables
# so that makemessages, if it ever reads tests/, does not take this file for a source of the string.
DAY_SINGULAR, DAY_PLURAL = "%(days)s day", "%(days)s days"


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (1, "1 diena"),
        (21, "21 diena"),
        (101, "101 diena"),
        (2, "2 dienas"),
        (7, "7 dienas"),
        (32, "32 dienas"),
        (10, "10 dienu"),
        (11, "11 dienu"),
        (14, "14 dienu"),
        (111, "111 dienu"),
    ],
)
def test_plural_forms_follow_latvian_grammar(days, expected):
    """Latvian has three plural forms, and which msgstr[n] is used depends on the Plural-Forms
    formula in the header: translations written in one order under a header with another give
    "1 dienas" on the project page. The duration in the project facts is the case to check."""
    with translation.override(LANGUAGE):
        text = translation.ngettext(DAY_SINGULAR, DAY_PLURAL, days) % {"days": days}
    assert text == expected
