"""The demo's reminder rules: the founding project has one for each scheduled kind, the nudge
speaks English and Latvian, loading twice changes nothing, and a reset takes them away."""

import datetime
import os

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from demo import reminders as reminders_demo
from home.models import MobilityProjectPage
from reminders.models import SCHEDULED_KINDS, Kind, ReminderRule

pytestmark = pytest.mark.django_db

FRIDAY, MONDAY = ReminderRule.Weekday.FRIDAY, ReminderRule.Weekday.MONDAY


def load_demo(*args):
    call_command("load_demo", *args, quiet_summary=True, stdout=open(os.devnull, "w"))  # noqa: SIM115


def founding_rules():
    hub = MobilityProjectPage.objects.get(slug="latgale-florence-2010", locale__language_code="en")
    return {rule.kind: rule for rule in ReminderRule.objects.filter(project=hub)}


def test_the_founding_project_has_a_rule_for_each_scheduled_kind(demo):
    rules = founding_rules()
    assert set(rules) == {str(kind) for kind in SCHEDULED_KINDS}
    assert all(rule.enabled for rule in rules.values())
    nudge = rules[Kind.PRACTICE_NUDGE]
    assert nudge.send_time == datetime.time(20, 0)
    assert nudge.project.time_zone.key == "Europe/Riga"
    update = rules[Kind.PORTFOLIO_UPDATE]
    assert (update.weekday, update.send_time, update.follow_up_weeks) == (
        FRIDAY,
        datetime.time(18, 0),
        8,
    )
    assert rules[Kind.SELF_ASSESSMENT_DUE].days_after_end == 7
    digest = rules[Kind.COORDINATOR_DIGEST]
    assert (digest.weekday, digest.send_time) == (MONDAY, datetime.time(9, 0))

    texts = {text.language: text for text in nudge.texts.all()}
    assert set(texts) == {"en", "lv"}
    assert "English" in texts["en"].subject
    assert "angļu valodu" in texts["lv"].subject
    assert "portfelī" in texts["lv"].body


def test_loading_again_duplicates_nothing_and_keeps_a_coordinators_change(demo):
    nudge = founding_rules()[Kind.PRACTICE_NUDGE]
    nudge.send_time = datetime.time(21, 15)
    nudge.save()
    before = ReminderRule.objects.count()

    load_demo()

    assert ReminderRule.objects.count() == before
    nudge.refresh_from_db()
    assert nudge.send_time == datetime.time(21, 15)
    assert nudge.texts.count() == 2


def test_reset_takes_the_rules_away_and_a_reload_brings_them_back(demo):
    reminders_demo.reset(None)
    assert founding_rules() == {}

    load_demo("--reset")
    rules = founding_rules()
    assert len(rules) == len(SCHEDULED_KINDS)
    assert rules[Kind.PRACTICE_NUDGE].send_time == datetime.time(20, 0)


def test_the_demo_coordinator_runs_the_nudge_from_the_admin(client, demo):
    client.force_login(get_user_model().objects.get(username="coordinator"))
    nudge = founding_rules()[Kind.PRACTICE_NUDGE]
    listing = client.get(reverse("reminder_rules:index")).content.decode()
    assert reverse("reminder_rules:run_now", args=[nudge.pk]) in listing
    confirm = client.get(reverse("reminder_rules:run_now", args=[nudge.pk]))
    assert confirm.status_code == 200
    assert "Daily at 20:00 (Europe/Riga)" in confirm.content.decode()


def test_loading_the_demo_emails_nobody(demo):
    """The demo's ideas are supported, commented and moved along as it loads: that is history,
    so nothing of it reaches the outbox."""
    from ideas.models import IdeaComment, IdeaSupport
    from reminders.models import Reminder

    assert IdeaSupport.objects.exists() and IdeaComment.objects.exists()
    assert not Reminder.objects.exists()
