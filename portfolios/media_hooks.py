"""Admin hooks for images and documents: choosers offer one's own uploads and library material.

The image and document listings need no hook: they list what the user may edit, and under
Wagtail's ownership policy a participant (who may only add) edits their own uploads alone.
"""

from wagtail import hooks

from portfolios.files import choosable_files


@hooks.register("construct_image_chooser_queryset")
def offer_own_and_library_images(images, request):
    return choosable_files(images, request.user)


@hooks.register("construct_document_chooser_queryset")
def offer_own_and_library_documents(documents, request):
    return choosable_files(documents, request.user)
