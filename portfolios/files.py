"""Who may open a file (document or image) attached to portfolio material, and who may pick it.

A file used in a portfolio or entry is as private as the material it belongs to: it opens for
whoever may see at least one portfolio page that uses it. A file that is also used by something
that is not personal material (a project page, say) is not restricted by the portfolio, and a file
used nowhere is library material. Wagtail's reference index says who uses what; it records the
specific type of each user (a ``ReflectionPage``, not a ``Page``), so personal material is
recognised by type alone.

Choosers are stricter than opening: picking a file puts it into new material, and a file picked
into a project page would stop being private. So in a chooser a person finds their own uploads
and library material only, never a file that another participant uploaded or that portfolio
material uses.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from wagtail.models import ReferenceIndex

from home.visibility import visible_to
from portfolios.models import EntryPage, PortfolioPage

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
    """Who a file opens for, read once from what uses it.

    ``pages`` holds, per kind of portfolio material, the pages that use the file; it is empty
    when the file is not restricted at all (used nowhere, or used by something impersonal).
    """

    pages: tuple

    def opens_for(self, user) -> bool:
        return not self.pages or any(visible_to(pages, user).exists() for pages in self.pages)

    @property
    def restricted(self) -> bool:
        """Does anybody need to be let in? If not, the file may be cached anywhere."""
        return not self.opens_for(AnonymousUser())


def file_access(file_object) -> FileAccess:
    references = set(
        ReferenceIndex.get_references_to(file_object).values_list("content_type_id", "object_id")
    )
    kinds = personal_types()
    if not references or any(type_id not in kinds for type_id, _object_id in references):
        return FileAccess(pages=())
    ids_by_model = {}
    for type_id, object_id in references:
        ids_by_model.setdefault(kinds[type_id], set()).add(int(object_id))
    return FileAccess(
        pages=tuple(model.objects.filter(pk__in=ids) for model, ids in ids_by_model.items())
    )


def may_open_file(user, file_object) -> bool:
    return file_access(file_object).opens_for(user)


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
    return files.filter(Q(uploaded_by_user=user.pk) | library)
