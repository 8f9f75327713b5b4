"""Who may open a file (document or image) attached to portfolio material, and who may pick it.

A file used in a portfolio or entry is as private as the material it belongs to: it opens for
whoever may see at least one portfolio page that uses it, and for whoever holds a share link that
shows such a page (a link opened in this browser session, see ``portfolios.sharing``). A file that
is also used by something that is not personal material (a project page, say) is not restricted
by the portfolio. A file used nowhere is library material, unless a participant uploaded it: then
it is theirs alone until they use it. Wagtail's reference index says who uses what; it records the
specific type of each user (a ``ReflectionPage``, not a ``Page``), so personal material is
recognised by type alone.

Choosers are stricter than opening: picking a file puts it into new material, and a file picked
into a project page would stop being private. So in a chooser a person finds their own uploads
and library material only, never a file that another participant uploaded or that portfolio
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

from core.visibility import visible_to
from portfolios.models import EntryPage, PortfolioPage
from portfolios.sharing import portfolio_ids_shared_with, shown_by_share_links

PERSONAL_MODELS = (PortfolioPage, EntryPage)


def personal_types() -> dict[int, type]:
    """Content type id → the visibility-checked model for every kind of portfolio material."""
    models = [model for model in apps.get_models() if issubclass(model, PERSONAL_MODELS)]
    content_types = ContentType.objects.get_for_models(*models)
    return {
        content_types[model].pk: next(base for base in PERSONAL_MODELS if issubclass(model, base))
        for model in models
    }


@dataclass(frozen=True)
class FileAccess:
    """Who a file opens for, read once from what uses it and who uploaded it.

    ``pages`` holds, per kind of portfolio material, the pages that use the file; ``owner_id`` is
    the participant whose unused upload it is. Both are empty when the file is not restricted at
    all (library material, or used by something impersonal).
    """

    pages: tuple = ()
    owner_id: int | None = None

    def opens_for(self, user, shared_portfolio_ids=()) -> bool:
        if not self.pages and self.owner_id is None:
            return True
        if user.is_active and user.is_superuser:
            return True
        if self.owner_id is not None:
            return user.pk == self.owner_id
        if any(visible_to(pages, user).exists() for pages in self.pages):
            return True
        return bool(shared_portfolio_ids) and any(
            shown_by_share_links(pages, shared_portfolio_ids).exists() for pages in self.pages
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
        if uploader_id and PortfolioPage.objects.filter(participant_id=uploader_id).exists():
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
    return access.opens_for(request.user, portfolio_ids_shared_with(request))


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
    used_by_portfolios = Exists(references.filter(content_type_id__in=kinds))
    used_elsewhere = Exists(references.exclude(content_type_id__in=kinds))
    uploaded_by_a_participant = Exists(
        PortfolioPage.objects.filter(participant=OuterRef("uploaded_by_user"))
    )
    library = ~uploaded_by_a_participant & (~used_by_portfolios | used_elsewhere)
    # As a primary-key subquery: search backends turn a queryset's filters into their own, and
    # know plain field lookups, not negated expressions (the admin's file search gave a 500).
    allowed = files.model.objects.filter(Q(uploaded_by_user=user.pk) | library).values("pk")
    return files.filter(pk__in=allowed)
