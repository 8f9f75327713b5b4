"""What beat runs: which results pages are due for their nightly compile."""

import datetime

from django.conf import settings
from django.utils import timezone

from dissemination.models import ResultsPage

COMPILE_HOUR = 2


def dissemination_weeks():
    return getattr(settings, "MOBILITAS_DISSEMINATION_WEEKS", 12)


def is_due(hub, status, now=None):
    """Is a results page due for its nightly compile?

    The dissemination window runs from the day after the project's end for
    ``MOBILITAS_DISSEMINATION_WEEKS`` weeks (12 unless set): in it, each page is compiled once
    a night, after 02:00 in the project's time zone. A project that has ended and has never been
    compiled since is due whenever it is noticed, so a compile missed while the workers were
    down still happens, however long after the window.
    """
    now = now or timezone.now()
    local = timezone.localtime(now, hub.time_zone)
    first_day = hub.end_date + datetime.timedelta(days=1)
    if local.date() < first_day or local.hour < COMPILE_HOUR:
        return False
    last = status.succeeded_at if status is not None else None
    last_local_day = timezone.localtime(last, hub.time_zone).date() if last else None
    if last_local_day is None or last_local_day < first_day:
        return True
    window_end = hub.end_date + datetime.timedelta(weeks=dissemination_weeks())
    return local.date() <= window_end and last_local_day < local.date()


def due_pages(now=None):
    """The ids of results pages due for a compile now."""
    from home.models import MobilityProjectPage

    hubs = {
        hub.path: hub
        for hub in MobilityProjectPage.objects.filter(
            end_date__lte=(now or timezone.now()).date()
        ).only("path", "end_date", "time_zone")
    }
    due = []
    pages = ResultsPage.objects.filter(depth__gt=1).select_related("compile_status")
    for page in pages:
        hub = hubs.get(page.path[: -page.steplen])
        status = getattr(page, "compile_status", None)
        if hub is not None and is_due(hub, status, now):
            due.append(page.pk)
    return due
