"""Who may open a file (document or image) attached to personal material, and who may pick it.

A file used in personal material (a portfolio or entry: whatever the feature apps declare in
``core.personal``) is as private as the material it belongs to: it opens for whoever may see at
least one personal page that uses it, and for whoever holds a share link that shows such a page (a
link opened in this browser session, see ``core.personal.register_share_links``). A file that is
also used by something that is not personal material (a project page, say) is not restricted by
it. A file used nowhere is library material, unless the owner of a personal root (a participant)
uploaded it: then it is theirs alone until they use it. Wagtail's reference index says who uses
what; it records the specific type of each user (a ``ReflectionPage``, not a ``Page``), so
personal material is recognised by type alone.

Choosers are stricter than opening: picking a file puts it into new material, and a file picked
into a project page would stop being private. So in a chooser a person finds their own uploads
and library material only, never a file that another participant uploaded or that personal
material uses. Saving a page checks the same rule (``unchoosable_files``), so a file cannot be
slipped in by its id either.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from wagtail.models import ReferenceIndex

from core.personal import (
    owner_of_a_personal_root,
    owns_a_personal_root_condition,
    pages_opened_by_share_links,
    personal_page_models,
    shown_by_share_links,
)
from core.visibility import visible_to


def personal_types() -> dict[int, type]:
    """Content type id → the visibility-checked model for every kind of personal material."""
    personal = personal_page_models()
    models = [model for model in apps.get_models() if issubclass(model, personal)]
    if not models:
        return {}
    content_types = ContentType.objects.get_for_models(*models)
    return {
        content_types[model].pk: next(base for base in personal if issubclass(model, base))
        for model in models
    }


@dataclass(frozen=True)
class FileAccess:
    """Who a file opens for, read once from what uses it and who uploaded it.

    ``pages`` holds, per kind of personal material, the pages that use the file; ``owner_id`` is
    the participant whose unused upload it is. Both are empty when the file is not restricted at
    all (library material, or used by something impersonal).
    """

    pages: tuple = ()
    owner_id: int | None = None

    def opens_for(self, user, shared_root_ids=()) -> bool:
        if not self.pages and self.owner_id is None:
            return True
        if user.is_active and user.is_superuser:
            return True
        if self.owner_id is not None:
            return user.pk == self.owner_id
        if any(visible_to(pages, user).exists() for pages in self.pages):
            return True
        return bool(shared_root_ids) and any(
            shown_by_share_links(pages, shared_root_ids).exists() for pages in self.pages
        )

    @property
    def restricted(self) -> bool:
        """Does anybody need to be let in? If not, the file may be cached anywhere."""
        return not self.opens_for(AnonymousUser())


def file_access(file_object) -> FileAccess:
    references = set(
        ReferenceIndex.get_references_to(file_object).values_list("content_type_id", "object_id")
    )
    kinds = personal_types()
    if not references:
        uploader_id = file_object.uploaded_by_user_id
        if uploader_id and owner_of_a_personal_root(uploader_id):
            return FileAccess(owner_id=uploader_id)
        return FileAccess()
    if any(type_id not in kinds for type_id, _object_id in references):
        return FileAccess()
    ids_by_model = {}
    for type_id, object_id in references:
        ids_by_model.setdefault(kinds[type_id], set()).add(int(object_id))
    return FileAccess(
        pages=tuple(model.objects.filter(pk__in=ids) for model, ids in ids_by_model.items())
    )


def may_open_file(request, file_object) -> bool:
    """May the visitor of ``request`` open this file, as a user or through a share link?"""
    access = file_access(file_object)
    if not access.restricted:
        return True
    return access.opens_for(request.user, pages_opened_by_share_links(request))


def unchoosable_files(files, user, already_used=()):
    """Those of ``files`` (images or documents) that ``user`` may not put into their material.

    ``already_used`` are the ids the page held before this edit: keeping a file that is already
    there takes nothing new from anyone.
    """
    ids = {file.pk for file in files if file is not None} - set(already_used)
    if not ids:
        return []
    model = type(next(file for file in files if file is not None))
    allowed = set(
        choosable_files(model.objects.filter(pk__in=ids), user).values_list("pk", flat=True)
    )
    return [file for file in files if file is not None and file.pk in ids - allowed]


def choosable_files(files, user):
    """``files`` (images or documents) narrowed to what ``user`` may pick in a chooser."""
    if user.is_superuser:
        return files
    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(files.model),
        to_object_id=Cast(OuterRef("pk"), CharField()),
    )
    kinds = list(personal_types())
    used_by_personal_material = Exists(references.filter(content_type_id__in=kinds))
    used_elsewhere = Exists(references.exclude(content_type_id__in=kinds))
    library = ~used_by_personal_material | used_elsewhere
    uploaded_by_a_participant = owns_a_personal_root_condition("uploaded_by_user")
    if uploaded_by_a_participant is not None:
        library = ~uploaded_by_a_participant & library
    # As a primary-key subquery: search backends turn a queryset's filters into their own, and
    # know plain field lookups, not negated expressions (the admin's file search gave a 500).
    allowed = files.model.objects.filter(Q(uploaded_by_user=user.pk) | library).values("pk")
    return files.filter(pk__in=allowed)
