"""The admin's "Compile now": the request, and its progress.

Who may ask is decided by ``dissemination.permissions.may_compile``; anyone else is refused,
whatever address they try.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from dissemination.models import ResultsCompile, ResultsPage
from dissemination.permissions import may_compile
from dissemination.status import page_status
from dissemination.tasks import queue_compile

# The progress view reloads itself this often while a compile is queued or running.
REFRESH_SECONDS = 3


@require_http_methods(["GET", "POST"])
def compile_view(request, page_id):
    page = get_object_or_404(ResultsPage, pk=page_id)
    if not may_compile(request.user, page):
        raise PermissionDenied
    if request.method == "POST":
        if queue_compile(page.pk, request.user):
            messages.success(request, _("The compile is queued. This page follows its progress."))
        else:
            messages.warning(
                request, _("A compile of this results page is already running; try again later.")
            )
        return redirect("dissemination_compile", page.pk)
    status = ResultsCompile.objects.filter(page_id=page.pk).first()
    return TemplateResponse(
        request,
        "dissemination/admin/compile.html",
        {
            "page": page,
            "status": status,
            "results_status": page_status(page, status),
            "header_title": _("Compile “%(title)s”") % {"title": page.get_admin_display_title()},
            "header_icon": "resubmit",
            "refresh_seconds": REFRESH_SECONDS if status and status.in_progress else None,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk])
            if page.permissions_for_user(request.user).can_edit()
            else None,
        },
    )
