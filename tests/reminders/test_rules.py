"""Rule evaluation with the clock frozen: exactly the right people are reminded, once per period,
at the project's local time, across time zones and a daylight-saving change.

The founding project's dates (24–30 October 2010) sit just before Riga left summer time on
31 October 2010 (UTC+3 → UTC+2), so a project running over that weekend shows the change.
"""

import datetime
import zoneinfo

import pytest
import time_machine
from wagtail.models import Locale

from portfolios.models import Competence, PortfolioPage
from portfolios.models.portfolio import SelfAssessment
from reminders.models import (
    SCHEDULED_KINDS,
    Delivery,
    Kind,
    Reminder,
    ReminderPreference,
    ReminderRule,
)
from reminders.rules import evaluate, run_rule_now
from tests.factories import (
    PortfolioPageFactory,
    PracticeLogEntryFactory,
    ProjectMembershipFactory,
    ReflectionPageFactory,
    make_project,
    make_user,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


@pytest.fixture(autouse=True)
def no_publishing(monkeypatch):
    """Rule evaluation only writes the outbox; sending is tested elsewhere."""
    monkeypatch.setattr("reminders.outbox.publish", lambda pks: True)


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def project_with_participants(slug, names, time_zone="Europe/Riga", start=None, end=None):
    coordinator = make_user(f"{slug}-coordinator", first_name="Inta", last_name="Laurena")
    project = make_project(slug, coordinator=coordinator)
    project.time_zone = zoneinfo.ZoneInfo(time_zone)
    project.start_date = start or datetime.date(2010, 10, 24)
    project.end_date = end or datetime.date(2010, 10, 30)
    project.save_revision().publish()
    people = {}
    for name in names:
        user = make_user(f"{slug}-{name}", first_name=name.title())
        ProjectMembershipFactory(project=project, user=user)
        people[name] = PortfolioPageFactory(
            parent=project, title=name.title(), slug=f"{slug}-{name}", participant=user
        )
    # Every scheduled kind switched off, so that each test hears only the rule it switches on.
    for kind in SCHEDULED_KINDS:
        ReminderRule.objects.create(project=project, kind=kind, enabled=False)
    return project, people


def rule(project, kind, **fields):
    ReminderRule.objects.filter(project=project, kind=kind).delete()
    return ReminderRule.objects.create(project=project, kind=kind, **fields)


def reminded(kind, period=None):
    rows = Reminder.objects.filter(kind=kind)
    if period is not None:
        rows = rows.filter(period=period)
    return sorted(row.recipient.username for row in rows)


def evaluate_at(moment):
    with time_machine.travel(moment):
        return evaluate()


def log_practice(portfolio, day):
    PracticeLogEntryFactory(portfolio=portfolio, date=day)  # half an hour of listening, B1


# English-practice nudge -----------------------------------------------------------------------


def test_the_nudge_goes_at_the_local_time_to_those_who_have_not_practised_that_day():
    project, people = project_with_participants("riga", ["anna", "janis", "olga"])
    rule(project, Kind.PRACTICE_NUDGE, send_time=datetime.time(20, 0))
    log_practice(people["janis"], datetime.date(2010, 10, 26))
    log_practice(people["olga"], datetime.date(2010, 10, 25))  # the day before does not count

    # 19:59 in Riga (summer time, UTC+3) is 16:59 UTC: not yet.
    assert evaluate_at(utc(2010, 10, 26, 16, 59)) == 0
    assert evaluate_at(utc(2010, 10, 26, 17, 0)) == 2

    assert reminded(Kind.PRACTICE_NUDGE) == ["riga-anna", "riga-olga"]
    assert set(Reminder.objects.values_list("period", flat=True)) == {"2010-10-26"}


def test_evaluating_again_in_the_same_day_reminds_nobody_twice():
    project, _people = project_with_participants("riga", ["anna", "janis"])
    rule(project, Kind.PRACTICE_NUDGE, send_time=datetime.time(20, 0))

    assert evaluate_at(utc(2010, 10, 26, 17, 0)) == 2
    assert evaluate_at(utc(2010, 10, 26, 17, 15)) == 0
    assert evaluate_at(utc(2010, 10, 26, 20, 45)) == 0  # 23:45 local, still the same day
    assert Reminder.objects.count() == 2

    # The next day is a new period.
    assert evaluate_at(utc(2010, 10, 27, 17, 0)) == 2
    assert Reminder.objects.count() == 4


def test_no_nudge_outside_the_mobility_dates():
    project, _people = project_with_participants("riga", ["anna"])
    rule(project, Kind.PRACTICE_NUDGE, send_time=datetime.time(20, 0))

    assert evaluate_at(utc(2010, 10, 23, 18, 0)) == 0  # the day before it starts
    assert evaluate_at(utc(2010, 10, 31, 18, 0)) == 0  # the day after it ends
    # After 21:00 UTC on the last day it is already the next day in Riga.
    assert evaluate_at(utc(2010, 10, 30, 21, 30)) == 0
    assert Reminder.objects.count() == 0


def test_the_nudge_keeps_its_local_time_across_the_change_from_summer_time():
    """Riga left summer time at 04:00 local on 31 October 2010: 20:00 was 17:00 UTC before
    and is 18:00 UTC after."""
    project, _people = project_with_participants(
        "riga",
        ["anna"],
        start=datetime.date(2010, 10, 30),
        end=datetime.date(2010, 11, 2),
    )
    rule(project, Kind.PRACTICE_NUDGE, send_time=datetime.time(20, 0))

    assert evaluate_at(utc(2010, 10, 30, 17, 0)) == 1  # 20:00 EEST
    assert evaluate_at(utc(2010, 11, 1, 17, 30)) == 0  # 19:30 EET: not yet
    assert evaluate_at(utc(2010, 11, 1, 18, 0)) == 1  # 20:00 EET
    assert reminded(Kind.PRACTICE_NUDGE, "2010-10-30") == ["riga-anna"]
    assert reminded(Kind.PRACTICE_NUDGE, "2010-11-01") == ["riga-anna"]


def test_each_project_is_reminded_on_its_own_clock():
    riga, _ = project_with_participants("riga", ["anna"], time_zone="Europe/Riga")
    rome, _ = project_with_participants("rome", ["marco"], time_zone="Europe/Rome")
    for project in (riga, rome):
        rule(project, Kind.PRACTICE_NUDGE, send_time=datetime.time(20, 0))

    # 17:30 UTC is 20:30 in Riga (UTC+3) but 19:30 in Rome (UTC+2).
    evaluate_at(utc(2010, 10, 26, 17, 30))
    assert reminded(Kind.PRACTICE_NUDGE) == ["riga-anna"]

    evaluate_at(utc(2010, 10, 26, 18, 0))
    assert reminded(Kind.PRACTICE_NUDGE) == ["riga-anna", "rome-marco"]


def test_a_rule_switched_off_reminds_nobody_and_a_missing_rule_uses_the_defaults():
    off, _ = project_with_participants("off", ["anna"])
    rule(off, Kind.PRACTICE_NUDGE, enabled=False)
    default, _ = project_with_participants("default", ["janis"])
    ReminderRule.objects.filter(project=default, kind=Kind.PRACTICE_NUDGE).delete()

    # The default send time is 18:00 local: 15:00 UTC in Riga's summer time.
    evaluate_at(utc(2010, 10, 26, 15, 0))

    assert reminded(Kind.PRACTICE_NUDGE) == ["default-janis"]


def test_someone_who_turned_the_kind_off_is_left_out():
    project, people = project_with_participants("riga", ["anna", "janis"])
    rule(project, Kind.PRACTICE_NUDGE, send_time=datetime.time(20, 0))
    ReminderPreference.objects.create(
        user=people["anna"].participant, delivery={Kind.PRACTICE_NUDGE: Delivery.OFF}
    )

    evaluate_at(utc(2010, 10, 26, 17, 0))

    assert reminded(Kind.PRACTICE_NUDGE) == ["riga-janis"]


def test_unpublished_portfolios_and_projects_are_left_out():
    project, people = project_with_participants("riga", ["anna", "janis"])
    rule(project, Kind.PRACTICE_NUDGE, send_time=datetime.time(20, 0))
    people["anna"].unpublish()

    evaluate_at(utc(2010, 10, 26, 17, 0))
    assert reminded(Kind.PRACTICE_NUDGE) == ["riga-janis"]

    project.unpublish()
    evaluate_at(utc(2010, 10, 27, 17, 0))
    assert Reminder.objects.filter(period="2010-10-27").count() == 0


# Weekly portfolio update -----------------------------------------------------------------------


def test_the_weekly_update_skips_those_who_added_something_that_week():
    project, people = project_with_participants("riga", ["anna", "janis", "olga"])
    rule(project, Kind.PORTFOLIO_UPDATE, weekday=4, send_time=datetime.time(18, 0))
    friday = utc(2010, 10, 29, 15, 0)  # Friday 18:00 in Riga

    with time_machine.travel(friday - datetime.timedelta(days=2), tick=False):
        ReflectionPageFactory(
            parent=people["janis"],
            title="Day three",
            slug="day-three",
            date=datetime.date(2010, 10, 27),
            publish=True,
        )
    with time_machine.travel(friday - datetime.timedelta(days=10), tick=False):
        log_practice(people["olga"], datetime.date(2010, 10, 19))  # a week too early

    assert evaluate_at(friday - datetime.timedelta(minutes=1)) == 0
    assert evaluate_at(friday) == 2
    assert reminded(Kind.PORTFOLIO_UPDATE) == ["riga-anna", "riga-olga"]
    assert set(Reminder.objects.values_list("period", flat=True)) == {"2010-W43"}

    # Later in the same week: nothing new. A missed Friday is caught up on Saturday.
    assert evaluate_at(friday + datetime.timedelta(days=1)) == 0


def test_weekly_updates_go_on_for_the_follow_up_weeks_and_then_stop():
    project, _people = project_with_participants("riga", ["anna"])
    rule(
        project, Kind.PORTFOLIO_UPDATE, weekday=4, send_time=datetime.time(18, 0), follow_up_weeks=2
    )

    # End 30 October + 2 weeks = 13 November: the Fridays 5 and 12 November still count.
    assert evaluate_at(utc(2010, 11, 5, 16, 0)) == 1
    assert evaluate_at(utc(2010, 11, 12, 16, 0)) == 1
    assert evaluate_at(utc(2010, 11, 19, 16, 0)) == 0
    assert sorted(Reminder.objects.values_list("period", flat=True)) == ["2010-W44", "2010-W45"]


# Final self-assessment ------------------------------------------------------------------------


def assess(portfolio, level_after):
    competence, _ = Competence.objects.get_or_create(
        name="Project work", locale=Locale.get_default()
    )
    SelfAssessment.objects.create(
        portfolio=portfolio, competence=competence, level_before=2, level_after=level_after
    )


def test_the_self_assessment_falls_due_days_after_the_end_then_weekly_until_done():
    project, people = project_with_participants("riga", ["anna", "janis", "olga"])
    rule(project, Kind.SELF_ASSESSMENT_DUE, days_after_end=7, send_time=datetime.time(10, 0))
    assess(people["anna"], None)
    assess(people["janis"], 4)
    # Olga has not started her self-assessment: there is no "level after" to fill in yet.

    # 30 October + 7 days = 6 November, 10:00 in Riga (winter time by then: 08:00 UTC).
    assert evaluate_at(utc(2010, 11, 6, 7, 59)) == 0
    assert evaluate_at(utc(2010, 11, 6, 8, 0)) == 1
    assert reminded(Kind.SELF_ASSESSMENT_DUE, "2010-11-06") == ["riga-anna"]

    # During the week after: the same period, nothing new.
    assert evaluate_at(utc(2010, 11, 10, 12, 0)) == 0
    # A week later: due again.
    assert evaluate_at(utc(2010, 11, 13, 8, 0)) == 1
    assert reminded(Kind.SELF_ASSESSMENT_DUE, "2010-11-13") == ["riga-anna"]

    SelfAssessment.objects.filter(portfolio=people["anna"]).update(level_after=3)
    assert evaluate_at(utc(2010, 11, 20, 8, 0)) == 0


def self_assessment_periods(project):
    return sorted(
        Reminder.objects.filter(project=project, kind=Kind.SELF_ASSESSMENT_DUE).values_list(
            "period", flat=True
        )
    )


def test_the_self_assessment_reminder_stops_at_the_end_of_the_follow_up_window():
    """The demo once emailed a participant about a project that ended in 2010."""
    project, people = project_with_participants("riga", ["anna"])
    rule(
        project,
        Kind.SELF_ASSESSMENT_DUE,
        days_after_end=7,
        follow_up_weeks=3,
        send_time=datetime.time(10, 0),
    )
    assess(people["anna"], None)

    # 30 October + 3 weeks = 20 November: due on 6, 13 and 20 November, and never after.
    for day in (6, 13, 20, 27):
        evaluate_at(utc(2010, 11, day, 8, 0))
    evaluate_at(utc(2026, 12, 2, 8, 0))
    assert self_assessment_periods(project) == ["2010-11-06", "2010-11-13", "2010-11-20"]

    # A coordinator's "run now" is asked for by hand, and still goes out.
    self_assessment = ReminderRule.objects.get(project=project, kind=Kind.SELF_ASSESSMENT_DUE)
    with time_machine.travel(utc(2026, 12, 2, 8, 0)):
        assert run_rule_now(self_assessment.pk) == 1


def test_a_window_shorter_than_the_wait_still_sends_the_first_self_assessment_reminder():
    project, people = project_with_participants("riga", ["anna"])
    rule(
        project,
        Kind.SELF_ASSESSMENT_DUE,
        days_after_end=14,
        follow_up_weeks=0,
        send_time=datetime.time(10, 0),
    )
    assess(people["anna"], None)
    evaluate_at(utc(2010, 11, 13, 8, 0))
    evaluate_at(utc(2010, 11, 20, 8, 0))
    assert self_assessment_periods(project) == ["2010-11-13"]


# Coordinator digest ---------------------------------------------------------------------------


def test_coordinators_get_one_digest_a_week_with_who_is_behind():
    project, people = project_with_participants("riga", ["anna", "janis"])
    rule(project, Kind.COORDINATOR_DIGEST, weekday=0, send_time=datetime.time(9, 0))
    assess(people["janis"], None)
    monday = utc(2010, 11, 1, 7, 0)  # Monday 09:00 in Riga, winter time
    with time_machine.travel(monday - datetime.timedelta(days=3), tick=False):
        log_practice(people["anna"], datetime.date(2010, 10, 29))

    assert evaluate_at(monday) == 1
    (digest,) = Reminder.objects.filter(kind=Kind.COORDINATOR_DIGEST)
    assert digest.recipient.username == "riga-coordinator"
    assert digest.period == "2010-W44"
    assert digest.context["no_recent_activity"] == ["Janis"]
    assert digest.context["self_assessment_open"] == ["Janis"]
    assert evaluate_at(monday + datetime.timedelta(hours=5)) == 0


# Run now --------------------------------------------------------------------------------------


def test_run_now_reminds_at_once_but_never_twice_in_a_period():
    project, people = project_with_participants("riga", ["anna", "janis"])
    nudge = rule(project, Kind.PRACTICE_NUDGE, send_time=datetime.time(20, 0))
    log_practice(people["janis"], datetime.date(2026, 11, 24))

    # Long after the mobility and before the send time: run now still reminds, for today.
    with time_machine.travel(utc(2026, 11, 24, 9, 0)):
        assert run_rule_now(nudge.pk) == 1
        assert run_rule_now(nudge.pk) == 0
    assert reminded(Kind.PRACTICE_NUDGE, "2026-11-24") == ["riga-anna"]


def test_run_now_of_an_event_kind_or_a_missing_rule_does_nothing():
    project, _people = project_with_participants("riga", ["anna"])
    event_rule = rule(project, Kind.ENTRY_COMMENT)
    assert run_rule_now(event_rule.pk) == 0
    assert run_rule_now(999_999) == 0
    assert Reminder.objects.count() == 0


def test_participants_of_other_projects_are_never_included():
    riga, _ = project_with_participants("riga", ["anna"])
    project_with_participants(
        "rome", ["marco"], start=datetime.date(2011, 3, 1), end=datetime.date(2011, 3, 5)
    )
    rule(riga, Kind.PRACTICE_NUDGE, send_time=datetime.time(20, 0))

    evaluate_at(utc(2010, 10, 26, 17, 0))

    assert reminded(Kind.PRACTICE_NUDGE) == ["riga-anna"]
    assert not PortfolioPage.objects.filter(participant__username="rome-marco", project=riga)
