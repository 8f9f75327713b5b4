"""When beat compiles a results page: once a night, after 02:00 in the project's time zone,
from the day after the project's end through its dissemination window; and, whenever it is
noticed, a project that has ended but was never compiled since (a compile missed while the
workers were down still happens).
"""

import datetime
import zoneinfo

import pytest

from dissemination import tasks
from dissemination.compile import due_pages, ensure_results_page, is_due
from dissemination.models import ResultsCompile
from tests.factories import make_project

pytestmark = pytest.mark.django_db
RIGA = zoneinfo.ZoneInfo("Europe/Riga")


def at(day, hour):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=RIGA)


@pytest.fixture
def hub():
    return make_project("florence")  # ends 2010-10-30, Europe/Riga


def status(succeeded_at):
    return ResultsCompile(succeeded_at=succeeded_at)


def test_not_due_during_the_project_or_before_two_at_night(hub):
    assert not is_due(hub, None, at(datetime.date(2010, 10, 30), 23))
    assert not is_due(hub, None, at(datetime.date(2010, 10, 31), 1))
    assert is_due(hub, None, at(datetime.date(2010, 10, 31), 2))


def test_once_a_night_in_the_window(hub):
    night = at(datetime.date(2010, 11, 10), 3)
    assert is_due(hub, status(at(datetime.date(2010, 11, 9), 2)), night)
    assert not is_due(hub, status(at(datetime.date(2010, 11, 10), 2)), night)


def test_the_window_closes_after_twelve_weeks_unless_never_compiled(hub, settings):
    after = at(datetime.date(2011, 3, 1), 3)
    assert not is_due(hub, status(at(datetime.date(2011, 1, 20), 3)), after)
    assert is_due(hub, None, after)
    assert is_due(hub, status(at(datetime.date(2010, 10, 29), 12)), after)
    settings.MOBILITAS_DISSEMINATION_WEEKS = 20
    assert is_due(hub, status(at(datetime.date(2011, 1, 20), 3)), after)


def test_the_day_is_the_projects_own(hub):
    # Riga is three hours ahead of UTC in October 2010: 22:30 UTC on the 30th is 01:30 on the
    # 31st there (not yet), 23:30 UTC is 02:30 (due), while it is still the 30th in UTC.
    utc = datetime.UTC
    assert not is_due(hub, None, datetime.datetime(2010, 10, 30, 22, 30, tzinfo=utc))
    assert is_due(hub, None, datetime.datetime(2010, 10, 30, 23, 30, tzinfo=utc))


def test_compile_due_results_queues_the_due_pages_only(hub, monkeypatch, time_machine):
    page = ensure_results_page(hub)
    running = make_project("running")
    running.end_date = datetime.date(2011, 6, 1)
    running.save()
    ensure_results_page(running)
    queued = []
    monkeypatch.setattr(tasks.compile_results, "delay", lambda page_id: queued.append(page_id))
    time_machine.move_to(at(datetime.date(2010, 11, 2), 4))
    assert due_pages() == [page.pk]
    assert tasks.compile_due_results() == 1
    assert queued == [page.pk]

    tasks.compile_results(page.pk)
    assert ResultsCompile.objects.get(page=page).state == "compiled"
    assert due_pages() == []
