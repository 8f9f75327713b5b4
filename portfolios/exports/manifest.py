"""Reading an archive to import: its ``portfolio.json`` and members, each value checked for its
kind, and every problem said in words for the person importing (``PortfolioImportError``)."""

from __future__ import annotations

import datetime
import json
import zipfile
import zlib
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from wagtail.images import get_image_model

from portfolios.exports.archive import FORMAT, FORMAT_VERSION, MANIFEST_NAME, MAX_MANIFEST_SIZE


class PortfolioImportError(ValueError):
    """Why an archive cannot become a portfolio, in words for the person importing it."""


def read_manifest(archive) -> dict:
    if MANIFEST_NAME not in archive.namelist():
        raise PortfolioImportError(
            gettext("The archive has no %(name)s: it is not a portfolio export.")
            % {"name": MANIFEST_NAME}
        )
    try:
        manifest = json.loads(read_member(archive, MANIFEST_NAME, MAX_MANIFEST_SIZE))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PortfolioImportError(
            gettext("%(name)s is not valid JSON.") % {"name": MANIFEST_NAME}
        ) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PortfolioImportError(
            gettext("%(name)s is not a Mobilitas portfolio export.") % {"name": MANIFEST_NAME}
        )
    if manifest.get("format_version") != FORMAT_VERSION:
        raise PortfolioImportError(
            gettext(
                "This export is in format version %(found)s; this site reads version %(known)s."
            )
            % {"found": manifest.get("format_version"), "known": FORMAT_VERSION}
        )
    field(manifest, "portfolio", dict, MANIFEST_NAME)
    field(manifest["portfolio"], "slug", str, MANIFEST_NAME)
    field(manifest, "self_assessment", list, MANIFEST_NAME)
    field(manifest, "practice_log", (list, type(None)), MANIFEST_NAME)
    field(manifest, "files", dict, MANIFEST_NAME)
    for entry in field(manifest, "entries", list, MANIFEST_NAME):
        field(entry, "slug", str, gettext("An entry"))
    return manifest


def read_member(archive, name, limit) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError as error:
        raise PortfolioImportError(
            gettext("The archive lacks %(name)s.") % {"name": name}
        ) from error
    # The size the archive declares is also where unpacking stops, so it bounds the memory used.
    if limit is not None and info.file_size > limit:
        raise PortfolioImportError(gettext("%(name)s is too large.") % {"name": name})
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as error:
        raise PortfolioImportError(
            gettext("%(name)s in the archive is damaged or encrypted.") % {"name": name}
        ) from error


MISSING = object()


def field(data, key, kind, where, default=MISSING):
    """``data[key]`` if it is of ``kind``; otherwise a message saying what is wrong, and where."""
    if not isinstance(data, dict):
        raise PortfolioImportError(
            gettext("%(where)s is not in the shape of a portfolio export.") % {"where": where}
        )
    if key not in data:
        if default is not MISSING:
            return default
        raise PortfolioImportError(
            gettext("%(where)s lacks “%(key)s”.") % {"where": where, "key": key}
        )
    value = data[key]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    # JSON's true and false are ints to Python; a level of ``true`` is still a mistake.
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        raise PortfolioImportError(
            gettext("“%(key)s” in %(where)s has a value of the wrong kind.")
            % {"key": key, "where": where}
        )
    return value


def list_of(data, key, kind, where):
    """``data[key]`` if it is a list of ``kind``."""
    values = field(data, key, list, where)
    for value in values:
        field({key: value}, key, kind, where)
    return values


def file_at(files, path, kind):
    saved = files.get(path)
    if saved is None or (kind == "image") != isinstance(saved, get_image_model()):
        raise PortfolioImportError(
            gettext("%(path)s is used but not listed among the archive's files.") % {"path": path}
        )
    return saved


def parse_date(value, where):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise PortfolioImportError(
            gettext("%(where)s has a date that is not a date: “%(value)s”.")
            % {"where": where, "value": value}
        ) from error


@contextmanager
def explaining(where):
    """Turns a model's validation errors into one message that says which part is wrong."""
    try:
        yield
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            problems = "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
            )
        else:
            problems = " ".join(error.messages)
        raise PortfolioImportError(f"{where}: {problems}") from error
