"""Export a portfolio to a ZIP its participant can keep, open offline or bring to another project.

The archive holds three things. ``portfolio.json`` is the portable truth: every field a
participant wrote, with no database ids, so another Mobilitas site (or any other tool) can read it.
``index.html`` is a view of that same data that opens in a browser without a network. ``files/``
holds the original images and documents the entries and the profile use.

Whoever exports sees in the archive exactly what they may see on the site: the entries and the
practice log pass through ``core.visibility`` like every other surface.

Importing is the way back: the archive becomes a new portfolio, under another project hub and for
another participant if need be, all in one transaction. Exporting the imported portfolio gives
the same ``portfolio.json`` again (apart from ``exported_at`` and the project it now belongs to);
that is why files are named after their title and content rather than their storage names, which
change when a file is saved again.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import re
import zipfile
import zlib
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile, get_image_dimensions
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language, gettext
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.utils import get_allowed_image_extensions
from wagtail.models import Locale, Page
from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs
from wagtail.whitelist import Whitelister, allow_without_attributes, attribute_rule, check_url

from core.visibility import Visibility, can_view, visible_to
from portfolios.blocks import EntryBodyBlock
from portfolios.models import (
    Competence,
    EntryPage,
    HostInstitution,
    InstitutionVisitPage,
    LabourMarketComparison,
    LessonObservationPage,
    PortfolioPage,
    PracticeLogEntry,
    ReflectionPage,
    SelfAssessment,
    SeminarNotePage,
)

FORMAT = "mobilitas.portfolio"
FORMAT_VERSION = 1
MANIFEST_NAME = "portfolio.json"
INDEX_NAME = "index.html"
# Text only, yet generous: a portfolio of thousands of entries stays well under this.
MAX_MANIFEST_SIZE = 50 * 1024 * 1024

PROFILE_FIELDS = (
    "title",
    "slug",
    "role",
    "institution",
    "subject_area",
    "languages",
    "bio",
    "photo_alt_text",
    "visibility",
    "practice_log_visibility",
)
PRACTICE_FIELDS = ("date", "minutes", "skill", "activity", "level", "note")
LABOUR_MARKET_FIELDS = ("occupation", "host_requirement", "home_requirement", "implication")
HOST_FIELDS = ("name", "city", "country", "kind", "website")


@dataclass(frozen=True)
class EntryType:
    """What one kind of entry adds to what every entry has, as the export names it."""

    model: type[EntryPage]
    # In the order the entry's page shows them; those in rich_text_fields hold HTML.
    text_fields: tuple[str, ...] = ()
    rich_text_fields: frozenset[str] = frozenset()
    host_institution: bool = False
    labour_market: bool = False


ENTRY_TYPES = {
    "seminar_note": EntryType(
        SeminarNotePage,
        text_fields=("seminar_title", "organiser", "speaker", "key_points", "transfer"),
        rich_text_fields=frozenset({"key_points"}),
    ),
    "lesson_observation": EntryType(
        LessonObservationPage,
        text_fields=("subject", "learner_level", "methods_observed", "what_worked", "transfer"),
        host_institution=True,
    ),
    "institution_visit": EntryType(
        InstitutionVisitPage,
        text_fields=("quality_practices",),
        rich_text_fields=frozenset({"quality_practices"}),
        host_institution=True,
        labour_market=True,
    ),
    "reflection": EntryType(ReflectionPage),
}
TYPE_NAMES = {entry_type.model: name for name, entry_type in ENTRY_TYPES.items()}
BODY_BLOCK_TYPES = frozenset(EntryBodyBlock.base_blocks)


class PortfolioImportError(ValueError):
    """Why an archive cannot become a portfolio, in words for the person importing it."""


# Rich text: links to pages carry database ids, and nothing guarantees that what is stored was
# typed through the editor. Both directions therefore go through one allow-list, and links between
# entries travel as ``<a data-entry="slug">``.
ENTRY_LINK = re.compile(r'<a data-entry="([^"]*)">')
BLOCK_KEY = {"data-block-key": True}


class RichTextCleaner(Whitelister):
    """Keeps the markup entries are written in and links to entries in ``entry_keys``.

    A link left without a target (to a page the reader may not see, a document, a ``javascript:``
    address) loses its ``<a>`` but keeps its words.
    """

    def __init__(self, entry_keys):
        keys = frozenset(entry_keys)
        self.element_rules = {
            "[document]": allow_without_attributes,
            "a": attribute_rule(
                {"href": check_url, "data-entry": lambda key: key if key in keys else None}
            ),
            "b": allow_without_attributes,
            "i": allow_without_attributes,
            "strong": allow_without_attributes,
            "em": allow_without_attributes,
            "br": allow_without_attributes,
            "ol": attribute_rule(BLOCK_KEY),
            "ul": attribute_rule(BLOCK_KEY),
            "li": attribute_rule(BLOCK_KEY),
            "p": attribute_rule(BLOCK_KEY),
            "h2": attribute_rule(BLOCK_KEY),
            "h3": attribute_rule(BLOCK_KEY),
            "h4": attribute_rule(BLOCK_KEY),
        }

    def clean_tag_node(self, doc, tag):
        # Unknown tags keep their words, but a script's or a style sheet's are not words.
        if tag.name in ("script", "style"):
            tag.decompose()
            return
        super().clean_tag_node(doc, tag)
        if tag.name == "a" and not tag.attrs:
            tag.unwrap()


def rich_text_for_reading(html):
    """Portable rich text as ``index.html`` shows it: links between entries become anchors."""
    return mark_safe(ENTRY_LINK.sub(r'<a href="#entry-\1">', html))  # noqa: S308 - cleaned on export


# ---------------------------------------------------------------------------------------------
# Export


def export_portfolio(portfolio, user) -> bytes:
    """The ZIP archive of ``portfolio`` as ``user`` may see it.

    Raises ``PermissionDenied`` if ``user`` may not see the portfolio at all.
    """
    return PortfolioExport(portfolio, user).to_zip()


class PortfolioExport:
    """Reads one portfolio, as one user may see it, into ``portfolio.json`` and its files."""

    def __init__(self, portfolio, user):
        if not can_view(user, portfolio):
            raise PermissionDenied(
                gettext("You may not see this portfolio, so you cannot export it.")
            )
        self.portfolio = portfolio
        self.user = user
        self.entries = list(
            visible_to(EntryPage.objects.live().child_of(portfolio), user)
            .order_by("date", "slug")
            .specific()
            .prefetch_related("objectives", for_specific_subqueries=True)
        )
        self.entry_keys = {entry.pk: entry.slug for entry in self.entries}
        self.files = {}
        self.file_details = {}
        self.exported_images = {}
        self.exported_documents = {}
        self.linked_pages = {}

    def to_zip(self) -> bytes:
        manifest = self.manifest
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST_NAME, dump_manifest(manifest))
            archive.writestr(INDEX_NAME, render_index(manifest, self.portfolio.project))
            for path in sorted(self.files):
                archive.writestr(path, self.files[path])
        return buffer.getvalue()

    @cached_property
    def manifest(self) -> dict:
        """What goes into ``portfolio.json``; read once, so the archive and its caller agree."""
        portfolio = self.portfolio
        profile = {name: getattr(portfolio, name) for name in PROFILE_FIELDS}
        profile["photo"] = self.image_path(portfolio.photo) if portfolio.photo else None
        log_visible = can_view(self.user, PracticeLogEntry(portfolio=portfolio))
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "exported_at": timezone.now().isoformat(timespec="seconds"),
            "project": self.project(),
            "portfolio": profile,
            "self_assessment": self.self_assessment(),
            "entries": [self.entry(entry) for entry in self.entries],
            "practice_log": self.practice_log() if log_visible else None,
            "files": self.file_details,
        }

    def project(self):
        project = self.portfolio.project
        if project is None:
            return None
        return {
            "title": project.title,
            "slug": project.slug,
            "agreement_number": project.agreement_number,
            "start_date": project.start_date.isoformat(),
            "end_date": project.end_date.isoformat(),
        }

    def self_assessment(self):
        rows = self.portfolio.self_assessments.select_related("competence").prefetch_related(
            "evidence"
        )
        return [
            {
                "competence": self.competence(row.competence),
                "level_before": row.level_before,
                "level_after": row.level_after,
                "target_level": row.target_level,
                "reflection": row.reflection,
                # Evidence the reader may not see is left out, like the entry itself.
                "evidence": sorted(
                    self.entry_keys[entry.pk]
                    for entry in row.evidence.all()
                    if entry.pk in self.entry_keys
                ),
            }
            for row in rows.order_by("sort_order", "pk")
        ]

    def competence(self, competence):
        # Another site matches competences by their name in its default language.
        default = Competence.objects.filter(
            translation_key=competence.translation_key, locale=Locale.get_default()
        ).first()
        competence = default or competence
        return {
            "name": competence.name,
            "category": competence.category,
            "description": competence.description,
            "eqf_level": competence.eqf_level,
            "esco_uri": competence.esco_uri,
        }

    def entry(self, entry):
        entry_type = ENTRY_TYPES[TYPE_NAMES[type(entry)]]
        fields = {}
        for name in entry_type.text_fields:
            value = getattr(entry, name)
            fields[name] = self.rich_text(value) if name in entry_type.rich_text_fields else value
        if entry_type.host_institution:
            host = entry.host_institution
            fields["host_institution"] = (
                {name: getattr(host, name) for name in HOST_FIELDS} if host else None
            )
        if entry_type.labour_market:
            fields["labour_market_rows"] = [
                {name: getattr(row, name) for name in LABOUR_MARKET_FIELDS}
                for row in entry.labour_market_rows.all()
            ]
        return {
            "type": TYPE_NAMES[type(entry)],
            "title": entry.title,
            "slug": entry.slug,
            "date": entry.date.isoformat(),
            "visibility": entry.visibility,
            "tags": sorted(tag.name for tag in entry.tags.all()),
            "objectives": sorted(objective.number for objective in entry.objectives.all()),
            "body": self.body(entry.body),
            "fields": fields,
        }

    def body(self, stream):
        blocks = []
        for block in stream:
            value = self.block_value(block.block_type, block.block, block.value)
            # A deleted image or a file gone from storage leaves nothing worth carrying.
            if value is not None:
                blocks.append({"type": block.block_type, "value": value})
        return blocks

    def block_value(self, block_type, block, value):
        if block_type == "text":
            return self.rich_text(value.source)
        if block_type == "image":
            path = self.image_path(value) if value else None
            if path is None:
                return None
            return {
                "image": path,
                "alt_text": value.contextual_alt_text or "",
                "decorative": bool(value.decorative),
            }
        if block_type == "document":
            return self.document_path(value) if value else None
        return block.get_prep_value(value)

    def rich_text(self, html):
        portable = FIND_A_TAG.sub(self.portable_link, html or "")
        return RichTextCleaner(self.entry_keys.values()).clean(portable)

    def portable_link(self, match):
        attrs = extract_attrs(match.group(1))
        if attrs.get("linktype") != "page":
            return match.group(0)
        try:
            page_id = int(attrs.get("id", ""))
        except ValueError:
            return "<a>"
        if page_id in self.entry_keys:
            return f'<a data-entry="{escape(self.entry_keys[page_id])}">'
        url = self.readable_url(page_id)
        return f'<a href="{escape(url)}">' if url else "<a>"

    def readable_url(self, page_id):
        """The address of a linked page outside the export, if the reader may see that page."""
        if page_id not in self.linked_pages:
            page = Page.objects.filter(pk=page_id).specific().first()
            visible = page is not None and (
                getattr(page, "visibility_rule", None) is None or can_view(self.user, page)
            )
            self.linked_pages[page_id] = page.full_url if visible else None
        return self.linked_pages[page_id]

    def image_path(self, image):
        if image.pk not in self.exported_images:
            path = self.add_file("images", image.title, image.file)
            if path is not None:
                focal_point = None
                if image.has_focal_point():
                    focal_point = {
                        "x": image.focal_point_x,
                        "y": image.focal_point_y,
                        "width": image.focal_point_width,
                        "height": image.focal_point_height,
                    }
                self.file_details[path] = {
                    "kind": "image",
                    "title": image.title,
                    "description": image.description,
                    "focal_point": focal_point,
                }
            self.exported_images[image.pk] = path
        return self.exported_images[image.pk]

    def document_path(self, document):
        if document.pk not in self.exported_documents:
            path = self.add_file("documents", document.title, document.file)
            if path is not None:
                self.file_details[path] = {"kind": "document", "title": document.title}
            self.exported_documents[document.pk] = path
        return self.exported_documents[document.pk]

    def add_file(self, folder, title, field_file):
        try:
            with field_file.open("rb") as source:
                data = source.read()
        except OSError:
            return None
        extension = os.path.splitext(field_file.name)[1].lower()
        stem = slugify(title)[:60] or folder.rstrip("s")
        digest = hashlib.sha256(data).hexdigest()[:12]
        path = f"files/{folder}/{stem}-{digest}{extension}"
        self.files[path] = data
        return path

    def practice_log(self):
        rows = self.portfolio.practice_log.order_by(*PRACTICE_FIELDS)
        return [{**row, "date": row["date"].isoformat()} for row in rows.values(*PRACTICE_FIELDS)]


def dump_manifest(manifest) -> str:
    return json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def render_index(manifest, project) -> str:
    """The offline page of an export, drawn from the same data as ``portfolio.json``.

    ``project`` (the portfolio's hub, if it has one) lends the words of its objectives and its
    time zone.
    """
    objective_texts = {}
    time_zone = datetime.UTC
    if project is not None:
        objective_texts = dict(project.objectives.values_list("number", "text"))
        time_zone = project.time_zone
    entries = [
        entry_for_reading(entry, manifest["files"], objective_texts)
        for entry in manifest["entries"]
    ]
    titles = {entry["slug"]: entry["title"] for entry in manifest["entries"]}
    rows = manifest["self_assessment"]
    context = {
        "language_code": get_language() or settings.LANGUAGE_CODE,
        "portfolio": manifest["portfolio"],
        "project": manifest["project"],
        "exported_at": datetime.datetime.fromisoformat(manifest["exported_at"]),
        "time_zone": time_zone,
        "self_assessment": [
            {**row, "evidence": [(slug, titles[slug]) for slug in row["evidence"]]} for row in rows
        ],
        "entries": entries,
        "practice": practice_for_reading(manifest["practice_log"]),
    }
    return render_to_string("portfolios/export/index.html", context)


def entry_for_reading(entry, files, objective_texts):
    entry_type = ENTRY_TYPES[entry["type"]]
    fields = entry["fields"]
    details = []
    for name in entry_type.text_fields:
        rich = name in entry_type.rich_text_fields
        value = rich_text_for_reading(fields[name]) if rich else fields[name]
        if value:
            details.append((entry_type.model._meta.get_field(name).verbose_name, value, rich))
    body = []
    for block in entry["body"]:
        value = block["value"]
        if block["type"] == "text":
            value = rich_text_for_reading(value)
        elif block["type"] == "document":
            value = {"path": value, "title": files[value]["title"]}
        body.append({"type": block["type"], "value": value})
    return {
        **entry,
        "type_label": entry_type.model._meta.verbose_name,
        "visibility_label": Visibility(entry["visibility"]).label,
        "date": datetime.date.fromisoformat(entry["date"]),
        "details": details,
        "host_institution": fields.get("host_institution"),
        "labour_market_rows": fields.get("labour_market_rows", []),
        "objectives": [(number, objective_texts.get(number, "")) for number in entry["objectives"]],
        "body": body,
    }


def practice_for_reading(rows):
    if rows is None:
        return None
    minutes = Counter()
    sessions = Counter()
    for row in rows:
        minutes[row["skill"]] += row["minutes"]
        sessions[row["skill"]] += 1
    return {
        "sessions": len(rows),
        "minutes": sum(minutes.values()),
        "by_skill": [
            {
                "label": skill.label,
                "sessions": sessions[skill.value],
                "minutes": minutes[skill.value],
            }
            for skill in PracticeLogEntry.Skill
            if sessions[skill.value]
        ],
        "rows": [
            {
                **row,
                "date": datetime.date.fromisoformat(row["date"]),
                "skill": PracticeLogEntry.Skill(row["skill"]).label,
                "activity": PracticeLogEntry.Activity(row["activity"]).label,
            }
            for row in rows
        ],
    }


# ---------------------------------------------------------------------------------------------
# Import


def import_portfolio(zip_file, project, participant, user=None) -> PortfolioPage:
    """A new, published portfolio under ``project`` for ``participant``, made from an export.

    ``zip_file`` is a path, an open binary file or the archive's bytes; ``user`` is recorded as
    the author of the new pages' revisions. Raises ``PortfolioImportError`` with a message for the
    person importing, and then nothing has been saved.
    """
    return PortfolioImport(zip_file, project, participant, user).run()


class PortfolioImport:
    """Turns an export into a portfolio; ``created`` counts what it made, for the record."""

    def __init__(self, zip_file, project, participant, user=None):
        self.zip_file = io.BytesIO(zip_file) if isinstance(zip_file, bytes) else zip_file
        self.project = project
        self.participant = participant
        self.user = user
        self.created = Counter()
        self.unmatched_objectives = set()
        self.saved_files = []

    def run(self) -> PortfolioPage:
        try:
            archive = zipfile.ZipFile(self.zip_file)
        except (zipfile.BadZipFile, zlib.error, EOFError) as error:
            raise PortfolioImportError(gettext("This file is not a ZIP archive.")) from error
        except OSError as error:
            raise PortfolioImportError(
                gettext("The archive cannot be read: %(reason)s") % {"reason": error.strerror}
            ) from error
        with archive:
            manifest = read_manifest(archive)
            self.check_target(manifest)
            try:
                with transaction.atomic():
                    return self.create(archive, manifest)
            except BaseException:
                # The database forgets everything on rollback; the storage has to be told.
                for field_file in self.saved_files:
                    field_file.storage.delete(field_file.name)
                raise

    def check_target(self, manifest):
        profile = manifest["portfolio"]
        existing = PortfolioPage.objects.filter(
            participant=self.participant, project__translation_key=self.project.translation_key
        ).first()
        if existing is not None:
            raise PortfolioImportError(
                gettext("%(user)s already has a portfolio in this project: “%(title)s”.")
                % {"user": self.participant.get_username(), "title": existing.title}
            )
        if self.project.get_children().filter(slug=profile["slug"]).exists():
            raise PortfolioImportError(
                gettext("This project already has a page with the address “%(slug)s”.")
                % {"slug": profile["slug"]}
            )
        slugs = Counter(entry["slug"] for entry in manifest["entries"])
        repeated = sorted(slug for slug, count in slugs.items() if count > 1)
        if repeated:
            raise PortfolioImportError(
                gettext("Two entries share the address “%(slug)s”.") % {"slug": repeated[0]}
            )

    def create(self, archive, manifest):
        files = {
            path: self.create_file(archive, path, details)
            for path, details in sorted(manifest["files"].items())
        }
        portfolio = self.create_portfolio(manifest["portfolio"], files)
        slugs = {entry["slug"] for entry in manifest["entries"]}
        entries = {}
        for data in manifest["entries"]:
            entries[data["slug"]] = self.create_entry(portfolio, data, files, slugs)
        # Entries link to one another by page id, which exists only once they are all saved;
        # so each is published, as its first revision, only after its links are made.
        for entry in entries.values():
            self.link_entries(entry, entries)
            self.publish(entry)
        assessments, evidence = self.self_assessment(manifest["self_assessment"], entries)
        portfolio.self_assessments = assessments
        self.publish(portfolio)
        # Evidence is a many-to-many on the rows, which page revisions do not carry: it is
        # written once the rows have their ids.
        saved_rows = SelfAssessment.objects.filter(portfolio=portfolio).order_by("sort_order")
        for row, entries_for_row in zip(saved_rows, evidence, strict=True):
            row.evidence.set(entries_for_row)
            row.evidence.commit()
        self.created["self_assessment_rows"] += len(assessments)
        self.create_practice_log(portfolio, manifest["practice_log"])
        # Fresh from the database: the object in hand still holds the rows as they were built.
        return PortfolioPage.objects.get(pk=portfolio.pk)

    def create_file(self, archive, path, details):
        where = path
        kind = field(details, "kind", str, where)
        title = field(details, "title", str, where)
        name = os.path.basename(path)
        if not path.startswith("files/") or not name:
            raise PortfolioImportError(
                gettext("%(path)s is not a file in the archive's files folder.") % {"path": path}
            )
        extension = os.path.splitext(name)[1].lower().lstrip(".")
        if kind == "image":
            allowed = get_allowed_image_extensions()
            limit = getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
        elif kind == "document":
            allowed = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None)
            limit = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
        else:
            raise PortfolioImportError(
                gettext("%(path)s is of an unknown kind “%(kind)s”.") % {"path": path, "kind": kind}
            )
        if allowed is not None and extension not in allowed:
            raise PortfolioImportError(
                gettext("%(path)s is not a file type this site accepts.") % {"path": path}
            )
        data = read_member(archive, path, limit)
        with explaining(path):
            if kind == "image":
                if get_image_dimensions(io.BytesIO(data)) == (None, None):
                    raise PortfolioImportError(
                        gettext("%(path)s is not an image.") % {"path": path}
                    )
                saved = self.create_image(data, name, title, details)
            else:
                saved = get_document_model()(
                    title=title,
                    file=ContentFile(data, name=name),
                    uploaded_by_user=self.participant,
                )
                saved._set_document_file_metadata()
                saved.full_clean()
                saved.save()
        self.saved_files.append(saved.file)
        self.created[f"{kind}s"] += 1
        return saved

    def create_image(self, data, name, title, details):
        focal_point = field(details, "focal_point", (dict, type(None)), name, default=None) or {}
        # The participant uploads their own pictures: this keeps them editable by their owner.
        image = get_image_model()(
            title=title,
            description=field(details, "description", str, name, default=""),
            file=ImageFile(io.BytesIO(data), name=name),
            uploaded_by_user=self.participant,
            focal_point_x=focal_point.get("x"),
            focal_point_y=focal_point.get("y"),
            focal_point_width=focal_point.get("width"),
            focal_point_height=focal_point.get("height"),
        )
        image._set_image_file_metadata()
        image.full_clean()
        image.save()
        return image

    def create_portfolio(self, profile, files):
        photo_path = field(profile, "photo", (str, type(None)), MANIFEST_NAME)
        portfolio = PortfolioPage(
            participant=self.participant,
            owner=self.participant,
            photo=file_at(files, photo_path, "image") if photo_path else None,
            **{name: field(profile, name, str, MANIFEST_NAME) for name in PROFILE_FIELDS},
        )
        with explaining(gettext("Portfolio")):
            self.project.add_child(instance=portfolio)
        return portfolio

    def create_entry(self, portfolio, data, files, slugs):
        slug = field(data, "slug", str, gettext("An entry"))
        where = gettext("Entry “%(slug)s”") % {"slug": slug}
        type_name = field(data, "type", str, where)
        if type_name not in ENTRY_TYPES:
            raise PortfolioImportError(
                gettext("%(where)s is of an unknown type “%(type)s”.")
                % {"where": where, "type": type_name}
            )
        entry_type = ENTRY_TYPES[type_name]
        fields = field(data, "fields", dict, where)
        values = {name: field(fields, name, str, where) for name in entry_type.text_fields}
        for name in entry_type.rich_text_fields:
            values[name] = RichTextCleaner(slugs).clean(values[name])
        if entry_type.host_institution:
            host = field(fields, "host_institution", (dict, type(None)), where)
            values["host_institution"] = self.host_institution(host, where) if host else None
        if entry_type.labour_market:
            values["labour_market_rows"] = [
                self.labour_market_row(row, sort_order, where)
                for sort_order, row in enumerate(field(fields, "labour_market_rows", list, where))
            ]
        entry = entry_type.model(
            title=field(data, "title", str, where),
            slug=slug,
            date=parse_date(field(data, "date", str, where), where),
            visibility=field(data, "visibility", str, where),
            owner=self.participant,
            objectives=self.objectives(list_of(data, "objectives", int, where)),
            body=self.body(field(data, "body", list, where), files, slugs, where),
            **values,
        )
        # Tags given to the constructor would be dropped silently; the manager keeps them.
        entry.tags.add(*list_of(data, "tags", str, where))
        with explaining(where):
            portfolio.add_child(instance=entry)
        self.created["entries"] += 1
        return entry

    def publish(self, page):
        page.save_revision(user=self.user).publish(user=self.user, skip_permission_checks=True)

    def objectives(self, numbers):
        by_number = {objective.number: objective for objective in self.project.objectives.all()}
        matched = [by_number[number] for number in numbers if number in by_number]
        self.unmatched_objectives.update(number for number in numbers if number not in by_number)
        return matched

    def host_institution(self, data, where):
        values = {name: field(data, name, str, where) for name in HOST_FIELDS}
        host = HostInstitution.objects.filter(name=values["name"], city=values["city"]).first()
        if host is None:
            host = HostInstitution(**values)
            with explaining(where):
                host.full_clean()
                host.save()
            self.created["host_institutions"] += 1
        return host

    def labour_market_row(self, data, sort_order, where):
        row = LabourMarketComparison(
            sort_order=sort_order,
            **{name: field(data, name, str, where) for name in LABOUR_MARKET_FIELDS},
        )
        with explaining(where):
            row.full_clean(exclude=["visit"])
        return row

    def body(self, blocks, files, slugs, where):
        raw = []
        for block in blocks:
            block_type = field(block, "type", str, where)
            value = block.get("value")
            if block_type not in BODY_BLOCK_TYPES:
                raise PortfolioImportError(
                    gettext("%(where)s has a part of an unknown kind “%(type)s”.")
                    % {"where": where, "type": block_type}
                )
            if block_type == "text":
                value = RichTextCleaner(slugs).clean(field(block, "value", str, where))
            elif block_type == "image":
                value = {
                    "image": file_at(files, field(value, "image", str, where), "image").pk,
                    "alt_text": field(value, "alt_text", str, where, default=""),
                    "decorative": field(value, "decorative", bool, where, default=False),
                }
            elif block_type == "document":
                value = file_at(files, field(block, "value", str, where), "document").pk
            elif block_type == "quote":
                value = {
                    "quote": field(value, "quote", str, where),
                    "source": field(value, "source", str, where, default=""),
                }
            else:
                value = field(block, "value", dict, where)
            raw.append({"type": block_type, "value": value})
        return raw

    def link_entries(self, entry, entries):
        def page_link(match):
            slug = extract_attrs(match.group(0))["data-entry"]
            return f'<a linktype="page" id="{entries[slug].pk}">'

        for name in ENTRY_TYPES[TYPE_NAMES[type(entry)]].rich_text_fields:
            setattr(entry, name, ENTRY_LINK.sub(page_link, getattr(entry, name)))
        entry.body = [
            {**block, "value": ENTRY_LINK.sub(page_link, block["value"])}
            if block["type"] == "text"
            else block
            for block in entry.body.raw_data
        ]

    def self_assessment(self, rows, entries):
        """The rows, ready to be given to the portfolio, and the entries each gives as evidence."""
        default_locale = Locale.get_default()
        assessments = []
        evidence = []
        for sort_order, data in enumerate(rows):
            where = gettext("Self-assessment row %(number)s") % {"number": sort_order + 1}
            row = SelfAssessment(
                sort_order=sort_order,
                competence=self.competence(field(data, "competence", dict, where), default_locale),
                level_before=field(data, "level_before", int, where),
                level_after=field(data, "level_after", (int, type(None)), where),
                target_level=field(data, "target_level", (int, type(None)), where),
                reflection=field(data, "reflection", str, where),
            )
            with explaining(where):
                row.full_clean(exclude=["portfolio"])
            assessments.append(row)
            slugs = list_of(data, "evidence", str, where)
            missing = [slug for slug in slugs if slug not in entries]
            if missing:
                raise PortfolioImportError(
                    gettext("%(where)s refers to an entry that is not in the archive: “%(slug)s”.")
                    % {"where": where, "slug": missing[0]}
                )
            evidence.append([entries[slug] for slug in slugs])
        return assessments, evidence

    def competence(self, data, locale):
        where = gettext("Competence")
        name = field(data, "name", str, where)
        competence = Competence.objects.filter(locale=locale, name=name).first()
        if competence is None:
            competence = Competence(
                locale=locale,
                name=name,
                category=field(data, "category", str, where),
                description=field(data, "description", str, where, default=""),
                eqf_level=field(data, "eqf_level", (int, type(None)), where),
                esco_uri=field(data, "esco_uri", str, where),
            )
            with explaining(gettext("Competence “%(name)s”") % {"name": name}):
                competence.full_clean()
                competence.save()
            self.created["competences"] += 1
        return competence

    def create_practice_log(self, portfolio, rows):
        if rows is None:
            return
        entries = []
        for number, data in enumerate(rows, start=1):
            where = gettext("Practice log row %(number)s") % {"number": number}
            values = {
                name: field(data, name, int if name == "minutes" else str, where)
                for name in PRACTICE_FIELDS
            }
            values["date"] = parse_date(values["date"], where)
            row = PracticeLogEntry(portfolio=portfolio, **values)
            with explaining(where):
                row.full_clean()
            entries.append(row)
        PracticeLogEntry.objects.bulk_create(entries)
        self.created["practice_log_rows"] += len(entries)


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
