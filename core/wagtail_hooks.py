"""The admin shows each user only what the visibility rule and file access let them see.

Pages: the choosers and the explorer leave out portfolios, entries and ideas the rule hides (and
the explorer does not open one by its id); the rest of the admin's screens are narrowed in
``core.admin_privacy``, whose hooks register when this module imports it.

Files: choosers offer one's own uploads and library material. The image and document listings need
no hook: they list what the user may edit, and under the file permission policy
(``core.permissions``) a participant (who may only add) edits their own uploads alone. A document
opens only for those ``core.files`` lets in.
"""

from django.http import Http404
from wagtail import hooks

from core import admin_privacy  # noqa: F401  (its hooks register on import)
from core.files import choosable_files, may_open_file
from core.visibility import is_hidden_page, without_hidden_pages


@hooks.register("construct_page_chooser_queryset")
def hide_unseen_pages_from_choosers(pages, request):
    return without_hidden_pages(pages, request.user)


@hooks.register("construct_explorer_page_queryset")
def hide_unseen_pages_from_explorer(parent_page, pages, request):
    # The explorer opens any page under the user's explorable root by its id and shows its title;
    # a portfolio, entry or idea hidden from the user is not opened at all.
    if is_hidden_page(parent_page, request.user):
        raise Http404
    return without_hidden_pages(pages, request.user)


@hooks.register("construct_image_chooser_queryset")
def offer_own_and_library_images(images, request):
    return choosable_files(images, request.user)


@hooks.register("construct_document_chooser_queryset")
def offer_own_and_library_documents(documents, request):
    return choosable_files(documents, request.user)


@hooks.register("before_serve_document")
def keep_files_of_hidden_material_private(document, request):
    if not may_open_file(request, document):
        raise Http404
