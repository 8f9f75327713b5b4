"""Queueing and making a build of the final report (``FinalReportBuild``), step by step, with the
progress a coordinator watches in the admin.

A build is claimed with a conditional update (queued → running), so a message delivered twice
makes the files once; a build that is running or finished is left alone. The report is gathered
for the person who asked for it, as they may see the project; whoever downloads the files later
must be a coordinator of the project or a superuser (``final_report.views``), who see the same.

Files live in default storage under ``final-reports/<build>/``, a folder nobody reaches except
through the download view; a new build replaces the files of the one before.
"""

from __future__ import annotations

import datetime
import logging

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from final_report.models import FinalReportBuild

logger = logging.getLogger(__name__)

ROOT = "final-reports"
# A build still "running" after this long died with its worker; it may be asked for again.
STALE_AFTER = datetime.timedelta(minutes=15)

State = FinalReportBuild.State

STEPS = {
    "gather": (10, _("Gathering the project's material")),
    "docx": (55, _("Writing the DOCX")),
    "pdf": (80, _("Writing the PDF")),
    "store": (95, _("Storing the files")),
}


class NotQueued(Exception):
    """A build of this report is under way already."""


def may_queue(build: FinalReportBuild | None) -> bool:
    if build is None or not build.in_progress:
        return True
    if build.state == State.RUNNING and build.started_at:
        return timezone.now() - build.started_at > STALE_AFTER
    return False


def mark_unsent(build_id):
    FinalReportBuild.objects.filter(pk=build_id, state=State.QUEUED).update(
        state=State.FAILED,
        step=str(_("The build could not be queued. Try again in a few minutes.")),
        finished_at=timezone.now(),
    )


def progress(build_id, step):
    percent, label = STEPS[step]
    FinalReportBuild.objects.filter(pk=build_id).update(progress=percent, step=str(label))


def run(build_id) -> str:
    """Make the files of one build; returns the state it ends in ("skipped" when it was not
    queued: finished, running elsewhere, or gone)."""
    from final_report import content, documents

    claimed = FinalReportBuild.objects.filter(pk=build_id, state=State.QUEUED).update(
        state=State.RUNNING, started_at=timezone.now(), progress=1, step=""
    )
    if not claimed:
        return "skipped"
    build = FinalReportBuild.objects.select_related("hub").get(pk=build_id)
    user = get_user_model().objects.filter(pk=build.requested_by_id, is_active=True).first()
    try:
        if user is None:
            raise PermissionError("The person who asked for the report is gone.")
        with translation.override(build.language):
            progress(build_id, "gather")
            report = content.gather(build.hub, user, build.language)
            progress(build_id, "docx")
            docx = documents.docx_bytes(report)
            progress(build_id, "pdf")
            pdf = documents.pdf_bytes(report)
            progress(build_id, "store")
        names = store(build, docx, pdf)
    except Exception:
        logger.exception("Final report build %s failed.", build_id)
        FinalReportBuild.objects.filter(pk=build_id).update(
            state=State.FAILED,
            step=str(_("The build failed. Try again; if it fails again, tell the administrator.")),
            finished_at=timezone.now(),
        )
        return State.FAILED
    FinalReportBuild.objects.filter(pk=build_id).update(
        state=State.DONE,
        progress=100,
        step="",
        finished_at=timezone.now(),
        docx_name=names["docx"],
        pdf_name=names["pdf"],
    )
    return State.DONE


def store(build, docx: bytes, pdf: bytes) -> dict:
    folder = f"{ROOT}/{build.pk}"
    stamp = timezone.now().strftime("%Y%m%d%H%M%S")
    names = {
        "docx": default_storage.save(f"{folder}/report-{stamp}.docx", ContentFile(docx)),
        "pdf": default_storage.save(f"{folder}/report-{stamp}.pdf", ContentFile(pdf)),
    }
    for old in (build.docx_name, build.pdf_name):
        if old and old not in names.values():
            default_storage.delete(old)
    return names


def download_name(build, extension) -> str:
    return f"{build.hub.slug}-final-report-{build.language}.{extension}"
