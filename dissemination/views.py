"""The public address of a results page's brochure,
``/projects/<project>/<results>/brochure.pdf``, and the file responses the admin's downloads
share with it.

The public brochure exists only while the page is live and open to everybody; it is built from
the live revision the first time someone asks for it (about a second), then served from storage.
"""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.urls import path
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from dissemination import outputs
from dissemination.models import ResultsPage


def output_kind(name):
    kind = outputs.KINDS.get(name)
    if kind is None:
        raise Http404
    return kind


def download_name(page, kind):
    hub = page.project
    stem = f"{hub.slug}-{page.slug}" if hub is not None else page.slug
    return f"{stem}-{kind.name}.{kind.extension}"


def file_response(name, page, kind, as_attachment=True):
    return FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=as_attachment,
        filename=download_name(page, kind),
        content_type=kind.content_type,
    )


@require_GET
def public_brochure(request, index, project, results):
    """The brochure of a live, public results page, in the language of the address (whose
    project list is /projects/ in English, /lv/projekti/ in Latvian)."""
    locale = Locale.objects.filter(language_code=get_language()).first()
    page = (
        ResultsPage.objects.live()
        .public()
        .filter(locale=locale, url_path__endswith=f"/{index}/{project}/{results}/")
        .select_related("locale")
        .first()
    )
    hub = page.project if page is not None else None
    if hub is None or hub.slug != project or not hub.live:
        raise Http404
    name = outputs.built_name(page, outputs.BROCHURE) or outputs.build(
        page.pk, outputs.BROCHURE.name
    )
    if name is None:
        raise Http404
    return file_response(name, page, outputs.BROCHURE, as_attachment=False)


urlpatterns = [
    path(
        "<slug:index>/<slug:project>/<slug:results>/brochure.pdf",
        public_brochure,
        name="results_brochure",
    ),
]
