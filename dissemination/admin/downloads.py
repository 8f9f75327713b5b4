"""The admin's "Downloads" of a results page: build each output and download it.

Whoever may compile the page (editors, the project's coordinators, superusers) may build and
download the brochure and the bundle, which hold public material only. The report pack holds the
project's private material, so only the project's coordinators and superusers see it at all; to
anyone else it answers 404, as for something that is not there.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.admin import messages

from dissemination import outputs
from dissemination.models import ResultsPage
from dissemination.permissions import may_compile, may_download_pack
from dissemination.tasks import queue_build
from dissemination.views import file_response, output_kind
from portfolios.views import private_response

# The admin view reloads itself this often while a build is queued.
REFRESH_SECONDS = 3


def may_get(user, page, kind) -> bool:
    return may_download_pack(user, page) if kind is outputs.PACK else may_compile(user, page)


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
            queue_build(page, kind, force=kind is outputs.PACK)
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


urlpatterns = [
    path("results/<int:page_id>/downloads/", downloads_view, name="dissemination_downloads"),
    path(
        "results/<int:page_id>/downloads/<str:kind>/",
        download_view,
        name="dissemination_download",
    ),
]
