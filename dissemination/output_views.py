"""Getting the outputs of a results page: the admin's "Downloads" view (build and download) and
the public address of the brochure, ``/projects/<project>/<results>/brochure.pdf``.

In the admin, whoever may compile the page (editors, the project's coordinators, superusers) may
build and download the brochure and the bundle, which hold public material only. The report pack
holds the project's private material, so only the project's coordinators and superusers see it
at all; to anyone else it answers 404, as for something that is not there.

The public brochure exists only while the page is live and open to everybody; it is built from
the live revision the first time someone asks for it (about a second), then served from storage.
"""

from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.admin import messages
from wagtail.models import Locale

from core.visibility import coordinates_project
from dissemination import outputs
from dissemination.admin_views import may_compile
from dissemination.models import ResultsPage
from portfolios.views import private_response

# The admin view reloads itself this often while a build is queued.
REFRESH_SECONDS = 3


def may_download_pack(user, page) -> bool:
    """The project's coordinators and superusers: the pack is their report."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return coordinates_project(user, page.project)


def may_get(user, page, kind) -> bool:
    return may_download_pack(user, page) if kind is outputs.PACK else may_compile(user, page)


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
    response = FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=as_attachment,
        filename=download_name(page, kind),
        content_type=kind.content_type,
    )
    return response


@require_http_methods(["GET", "POST"])
def downloads_view(request, page_id):
    page = get_object_or_404(ResultsPage, pk=page_id)
    if not may_compile(request.user, page) and not may_download_pack(request.user, page):
        raise PermissionDenied
    if request.method == "POST":
        kind = output_kind(request.POST.get("kind"))
        if not may_get(request.user, page, kind):
            raise Http404
        if outputs.source_revision_id(page, kind) is None:
            messages.error(request, _("Publish the results page first."))
        else:
            # The pack's tables change without a new revision, so it is always built afresh.
            outputs.queue_build(page, kind, force=kind is outputs.PACK)
            messages.success(
                request,
                _("The %(output)s is being built. This page follows its progress.")
                % {"output": kind.label},
            )
        return redirect("dissemination_downloads", page.pk)
    rows = [row for row in outputs.states(page) if may_get(request.user, page, row["kind"])]
    response = TemplateResponse(
        request,
        "dissemination/outputs/admin_downloads.html",
        {
            "page": page,
            "rows": rows,
            "header_title": _("Downloads of “%(title)s”")
            % {"title": page.get_admin_display_title()},
            "header_icon": "download",
            "refresh_seconds": REFRESH_SECONDS if any(row["queued"] for row in rows) else None,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk])
            if page.permissions_for_user(request.user).can_edit()
            else None,
        },
    )
    return private_response(response)


@require_GET
def download_view(request, page_id, kind):
    page = get_object_or_404(ResultsPage, pk=page_id)
    kind = output_kind(kind)
    if not may_get(request.user, page, kind):
        raise Http404
    name = outputs.built_name(page, kind)
    if name is None:
        raise Http404(_("This file has not been built from the current revision yet."))
    return private_response(file_response(name, page, kind))


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

admin_urlpatterns = [
    path("results/<int:page_id>/downloads/", downloads_view, name="dissemination_downloads"),
    path(
        "results/<int:page_id>/downloads/<str:kind>/",
        download_view,
        name="dissemination_download",
    ),
]
