"""The shared format of a portfolio export: what ``portfolio.json`` holds and how rich text
travels in it, the one description that exporting and importing both follow.

Rich text: links to pages carry database ids, and nothing guarantees that what is stored was
typed through the editor. Both directions therefore go through one allow-list
(``RichTextCleaner``), and links between entries travel as ``<a data-entry="slug">``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wagtail.whitelist import Whitelister, allow_without_attributes, attribute_rule, check_url

from portfolios.blocks import EntryBodyBlock
from portfolios.models import (
    EntryPage,
    InstitutionVisitPage,
    LessonObservationPage,
    ReflectionPage,
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
HOST_FIELDS = (
    "name",
    "city",
    "country",
    "kind",
    "website",
    "contact_name",
    "contact_role",
    "contact_email",
)
# Exports made before partner organisations had contact people lack these.
OPTIONAL_HOST_FIELDS = ("contact_name", "contact_role", "contact_email")


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
