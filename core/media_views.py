"""Images served through Django, so that an image is exactly as private as the material using it.

Every image address (an original under ``original_images/`` or a rendition under ``images/``) is
looked up by its stored file name in the database, never joined onto a filesystem path, so no
address can reach a file the database does not know. What is found opens only if
``core.files`` says the visitor may open the image; otherwise, as for a missing file, the
answer is 404, which does not even confirm that the file exists.
"""

import mimetypes
import posixpath

from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe
from wagtail.images import get_image_model

from core.files import file_access
from core.personal import pages_opened_by_share_links

# A public image may sit in browsers and shared caches for an hour: once the entry it belongs to
# turns private, the copies out there age out soon after.
PUBLIC_MAX_AGE = 60 * 60

# Opened on its own (an SVG, say) a served file must not run scripts or reach anything.
SANDBOX = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def stored_name(folder, name):
    """The file name as the storage holds it, or 404 for anything but a plain relative path."""
    if not name or "\\" in name or "\x00" in name or posixpath.normpath(name) != name:
        raise Http404
    if name.startswith("/") or name.split("/")[0] == "..":
        raise Http404
    return f"{folder}/{name}"


@require_safe
def serve_original_image(request, name):
    file_name = stored_name("original_images", name)
    images = get_image_model().objects.filter(file=file_name)
    return serve(request, [(image.file, image) for image in images])


@require_safe
def serve_rendition(request, name):
    file_name = stored_name("images", name)
    renditions = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(file=file_name)
        .select_related("image")
    )
    return serve(request, [(rendition.file, rendition.image) for rendition in renditions])


def serve(request, uses):
    """Stream the file if every image that uses it opens for the visitor.

    ``uses`` pairs the stored file with its image, one pair per database row naming the file.
    A file that needs nobody let in is answered without reading the session, so the response
    carries no ``Vary: Cookie`` and a cache in front may keep one copy for everyone.
    """
    if not uses:
        raise Http404
    restricted = [
        access for access in (file_access(image) for _file, image in uses) if access.restricted
    ]
    if restricted:
        shared = pages_opened_by_share_links(request)
        if not all(access.opens_for(request.user, shared) for access in restricted):
            raise Http404
    stored_file = uses[0][0]
    try:
        stream = stored_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    content_type, _encoding = mimetypes.guess_type(stored_file.name)
    response = FileResponse(stream, content_type=content_type or "application/octet-stream")
    response["Content-Security-Policy"] = SANDBOX
    if restricted:
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response
