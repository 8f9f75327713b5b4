"""Exporting: one portfolio, as one user may see it, into ``portfolio.json``, ``index.html``
and its files (the format in ``portfolios.exports.archive``)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext
from wagtail.models import Locale, Page
from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs

from core.visibility import can_view
from portfolios.exports.archive import (
    ENTRY_TYPES,
    FORMAT,
    FORMAT_VERSION,
    HOST_FIELDS,
    INDEX_NAME,
    LABOUR_MARKET_FIELDS,
    MANIFEST_NAME,
    PRACTICE_FIELDS,
    PROFILE_FIELDS,
    TYPE_NAMES,
    RichTextCleaner,
)
from portfolios.exports.reading import render_index
from portfolios.models import Competence, EntryPage, PracticeLogEntry


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
            EntryPage.objects.live()
            .child_of(portfolio)
            .visible_to(user)
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
                {name: getattr(host, name) for name in HOST_FIELDS} | {"country": host.country.code}
                if host
                else None
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
