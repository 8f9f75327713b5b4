"""The final report in the admin: the projects a person coordinates, and for each the budget's
actuals table, the builds in each language with their progress, and the files to download.

Only the project's coordinators and superusers reach any of it; to anyone else a project's report
answers 404, as for something that is not there, since it holds the project's private material.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.admin import messages

from core.visibility import Audience, coordinates_a_project, coordinates_project
from final_report.build import NotQueued, download_name, may_queue
from final_report.content import money
from final_report.forms import BudgetFormSet, save_budget
from final_report.models import BudgetLine, FinalReportBuild, budget_totals, canonical_hub
from final_report.tasks import queue_build
from home.models import MobilityProjectPage

# The report's page reloads itself this often while a build is under way.
REFRESH_SECONDS = 2
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def may_report(user, hub) -> bool:
    """The project's coordinators and superusers: the report is theirs to write."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or coordinates_project(user, hub)


def may_see_reports(user) -> bool:
    return user.is_authenticated and (user.is_superuser or coordinates_a_project(user))


def reported_hub(request, hub_id):
    hub = get_object_or_404(MobilityProjectPage, pk=hub_id)
    if not may_report(request.user, hub):
        raise Http404
    return canonical_hub(hub)


def private(response):
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def index_view(request):
    if not may_see_reports(request.user):
        raise PermissionDenied
    hubs = MobilityProjectPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    if not request.user.is_superuser:
        hubs = hubs.filter(translation_key__in=Audience.of(request.user).coordinator_of)
    return private(
        TemplateResponse(
            request,
            "final_report/admin/index.html",
            {
                "hubs": hubs.order_by("-start_date", "title"),
                "page_title": _("Final reports"),
                "header_title": _("Final reports"),
                "header_icon": "doc-full",
            },
        )
    )


@require_http_methods(["GET", "POST"])
def report_view(request, hub_id):
    hub = reported_hub(request, hub_id)
    lines = BudgetLine.objects.filter(hub=hub)
    formset = BudgetFormSet(queryset=lines, prefix="budget")
    if request.method == "POST":
        if request.POST.get("action") == "budget":
            formset = BudgetFormSet(request.POST, queryset=lines, prefix="budget")
            if formset.is_valid():
                with transaction.atomic():
                    save_budget(formset, hub)
                messages.success(request, _("The budget table is saved."))
                return redirect("final_report:report", hub.pk)
            messages.error(request, _("The budget table is not saved: see the errors below."))
        else:
            language = request.POST.get("language")
            if language not in dict(settings.LANGUAGES):
                messages.error(request, _("Choose the language of the report."))
                return redirect("final_report:report", hub.pk)
            try:
                build = queue_build(hub, language, request.user)
            except NotQueued:
                messages.warning(request, _("That report is being built already."))
            else:
                if build.state == FinalReportBuild.State.FAILED:
                    messages.error(request, build.step)
                else:
                    messages.success(
                        request,
                        _("The report is being built. This page follows its progress."),
                    )
            return redirect("final_report:report", hub.pk)
    builds = {build.language: build for build in FinalReportBuild.objects.filter(hub=hub)}
    rows = [
        {
            "language": code,
            "name": name,
            "build": builds.get(code),
            "may_build": may_queue(builds.get(code)),
        }
        for code, name in settings.LANGUAGES
    ]
    planned, actual = budget_totals(lines)
    return private(
        TemplateResponse(
            request,
            "final_report/admin/report.html",
            {
                "hub": hub,
                "rows": rows,
                "formset": formset,
                # SQLite sums decimals as floats: written out here, as in the report.
                "planned_total": money(planned),
                "actual_total": money(actual),
                "refresh_seconds": REFRESH_SECONDS
                if any(row["build"] and row["build"].in_progress for row in rows)
                else None,
                # The heading is short, so that a phone shows the builds without scrolling past a
                # long title; the template names the project under it (and in the window title).
                "page_title": _("Final report"),
                "header_title": _("Final report"),
                "header_icon": "doc-full",
            },
        )
    )


@require_GET
def download_view(request, hub_id, language, extension):
    hub = reported_hub(request, hub_id)
    if extension not in CONTENT_TYPES:
        raise Http404
    build = FinalReportBuild.objects.filter(hub=hub, language=language).first()
    if build is None or not build.ready:
        raise Http404(_("This report has not been built yet."))
    name = build.docx_name if extension == "docx" else build.pdf_name
    if not default_storage.exists(name):
        raise Http404(_("This report has not been built yet."))
    return private(
        FileResponse(
            default_storage.open(name, "rb"),
            as_attachment=True,
            filename=download_name(build, extension),
            content_type=CONTENT_TYPES[extension],
        )
    )


app_name = "final_report"
urlpatterns = [
    path("", index_view, name="index"),
    path("<int:hub_id>/", report_view, name="report"),
    path(
        "<int:hub_id>/<str:language>.<str:extension>",
        download_view,
        name="download",
    ),
]
