"""Who may open a file (document) attached to portfolio material.

A file used in a portfolio or entry is as private as the material it belongs to: it opens for
whoever may see at least one portfolio page that uses it. A file that is also used by something
that is not personal material (a project page, say) is not restricted by the portfolio, and a file
used nowhere is library material. Wagtail's reference index says who uses what.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex

from home.visibility import visible_to
from portfolios.models import EntryPage, PortfolioPage


def may_open_file(user, file_object) -> bool:
    users = set(
        ReferenceIndex.get_references_to(file_object).values_list(
            "base_content_type_id", "object_id"
        )
    )
    if not users:
        return True
    page_type = ContentType.objects.get_for_model(Page).pk
    page_ids = {int(object_id) for type_id, object_id in users if type_id == page_type}
    portfolio_pages = [
        model.objects.filter(pk__in=page_ids) for model in (PortfolioPage, EntryPage)
    ]
    personal_ids = {pk for pages in portfolio_pages for pk in pages.values_list("pk", flat=True)}
    if len(personal_ids) < len(users):
        return True
    return any(visible_to(pages, user).exists() for pages in portfolio_pages)
