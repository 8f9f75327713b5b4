"""Importing: an export becomes a new portfolio, under another project hub and for another
participant if need be, all in one transaction. Exporting the imported portfolio gives the same
``portfolio.json`` again (apart from ``exported_at`` and the project it now belongs to).

Every value read from the archive is checked first (``portfolios.exports.manifest``); a problem
is a ``PortfolioImportError`` for the person importing, and then nothing has been saved.
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from collections import Counter

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile, get_image_dimensions
from django.db import transaction
from django.utils.translation import gettext
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.utils import get_allowed_image_extensions
from wagtail.models import Locale
from wagtail.rich_text.rewriters import extract_attrs

from portfolios.exports.archive import (
    BODY_BLOCK_TYPES,
    ENTRY_LINK,
    ENTRY_TYPES,
    HOST_FIELDS,
    LABOUR_MARKET_FIELDS,
    MANIFEST_NAME,
    OPTIONAL_HOST_FIELDS,
    PRACTICE_FIELDS,
    PROFILE_FIELDS,
    TYPE_NAMES,
    RichTextCleaner,
)
from portfolios.exports.manifest import (
    PortfolioImportError,
    explaining,
    field,
    file_at,
    list_of,
    parse_date,
    read_manifest,
    read_member,
)
from portfolios.models import (
    Competence,
    HostInstitution,
    LabourMarketComparison,
    PortfolioPage,
    PracticeLogEntry,
    SelfAssessment,
)
from portfolios.models.frameworks import country_code


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
        existing = (
            PortfolioPage.objects.of_project(self.project)
            .filter(participant=self.participant)
            .first()
        )
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
        values = {
            name: field(data, name, str, where, **({"default": ""} if optional else {}))
            for name in HOST_FIELDS
            for optional in [name in OPTIONAL_HOST_FIELDS]
        }
        # Older exports name the country ("Italy"); the code is kept.
        values["country"] = country_code(values["country"]) or values["country"]
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
