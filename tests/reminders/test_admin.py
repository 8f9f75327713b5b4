"""Reminders in the Wagtail admin: coordinators set the rules of their projects and read their
outbox, superusers everything, everybody else nothing; "Run now" and "Send again" queue their
tasks; bad rule forms are form errors that save nothing.

Two projects, each with its coordinator: Florence (with a participant) and Lyon. Published tasks
are seen as Celery publishes them (its ``before_task_publish`` signal), once the request's
transaction has committed.
"""

import datetime
import os
import re
import subprocess
import sys

import pytest
from celery.signals import before_task_publish
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from reminders.models import Kind, Reminder, ReminderPreference, ReminderRule, ReminderText
from tests.conftest import REPO_ROOT
from tests.factories import make_project, make_user

pytestmark = pytest.mark.django_db

RULE_LINK = re.compile(r"/admin/reminder_rules/edit/(\d+)/")
ROW_LINK = re.compile(r"/admin/reminder_outbox/inspect/(\d+)/")
PEOPLE = ["root", "coordinator", "far_coordinator", "participant", "editor", None]
OUTSIDERS = ["participant", "editor"]


@pytest.fixture
def world():
    root = make_user("root", is_superuser=True, is_staff=True)
    people = {"root": root}
    for username, group in [
        ("coordinator", "Coordinators"),
        ("far_coordinator", "Coordinators"),
        ("participant", "Participants"),
        ("editor", "Editors"),
        ("teacher", "Regional teachers"),
    ]:
        people[username] = make_user(username, first_name=username.title())
        people[username].groups.add(Group.objects.get(name=group))
    florence = make_project(
        "florence", coordinator=people["coordinator"], members=[people["participant"]]
    )
    lyon = make_project("lyon", coordinator=people["far_coordinator"])
    rules = {
        "florence": ReminderRule.objects.create(project=florence, kind=Kind.PRACTICE_NUDGE),
        "florence_event": ReminderRule.objects.create(project=florence, kind=Kind.IDEA_STATUS),
        "lyon": ReminderRule.objects.create(project=lyon, kind=Kind.PRACTICE_NUDGE),
    }
    rows = {
        "florence_failed": outbox_row(florence, people["participant"], "failed", "2010-10-25"),
        "florence_failed_2": outbox_row(florence, people["participant"], "failed", "2010-10-26"),
        "florence_sent": outbox_row(florence, people["participant"], "sent", "2010-10-24"),
        "lyon_failed": outbox_row(lyon, people["far_coordinator"], "failed", "2010-10-25"),
    }
    return {"people": people, "projects": {"florence": florence, "lyon": lyon}, **rules, **rows}


def outbox_row(project, recipient, status, period):
    return Reminder.objects.create(
        kind=Kind.PRACTICE_NUDGE,
        recipient=recipient,
        subject_type=ContentType.objects.get_for_model(project),
        subject_id=str(project.pk),
        period=period,
        project=project,
        status=status,
        attempts=5 if status == "failed" else 1,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed"
        if status == "failed"
        else "",
        due_at=timezone.now() - datetime.timedelta(days=1),
    )


@pytest.fixture
def published():
    """The tasks Celery publishes during the test, as (task name, args)."""
    seen = []

    def record(sender=None, body=None, **kwargs):
        seen.append((sender, tuple(body[0])))

    before_task_publish.connect(record, weak=False)
    yield seen
    before_task_publish.disconnect(record)


def login(client, username):
    if username is not None:
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.get(username=username))
    return client


def refused(response):
    """Permission denied, not found, or sent away (to the dashboard, or to log in)."""
    return response.status_code in (302, 403, 404)


def to_login(response):
    return response.status_code == 302 and "/admin/login/" in response["Location"]


def listed(response, pattern):
    assert response.status_code == 200
    return {int(pk) for pk in pattern.findall(response.content.decode())}


def rule_data(project, kind=Kind.PORTFOLIO_UPDATE, texts=(), **changes):
    data = {
        "project": project.pk,
        "kind": kind,
        "enabled": "on",
        "send_time": "18:00",
        "weekday": "4",
        "days_after_end": "7",
        "follow_up_weeks": "8",
        "texts-TOTAL_FORMS": str(len(texts)),
        "texts-INITIAL_FORMS": "0",
        "texts-MIN_NUM_FORMS": "0",
        "texts-MAX_NUM_FORMS": "1000",
    }
    for number, (language, subject, body) in enumerate(texts):
        data[f"texts-{number}-language"] = language
        data[f"texts-{number}-subject"] = subject
        data[f"texts-{number}-body"] = body
    data.update(changes)
    return data


def edit_data(rule, **changes):
    return rule_data(rule.project, kind=rule.kind, **changes)


def errors_of(response):
    return response.content.decode()


# --- Rules: who reaches what -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("root", {"florence", "florence_event", "lyon"}),
        ("coordinator", {"florence", "florence_event"}),
        ("far_coordinator", {"lyon"}),
    ],
)
def test_the_rules_listing_shows_the_rules_of_ones_own_projects(client, world, username, expected):
    login(client, username)
    shown = listed(client.get(reverse("reminder_rules:index")), RULE_LINK)
    assert shown == {world[name].pk for name in expected}


@pytest.mark.parametrize("username", [*OUTSIDERS, "teacher"])
def test_participants_editors_and_teachers_have_no_reminders_admin(client, world, username):
    login(client, username)
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert reverse("reminder_rules:index") not in dashboard.content.decode()
    rule, row = world["florence"], world["florence_failed"]
    for url in [
        reverse("reminder_rules:index"),
        reverse("reminder_rules:add"),
        reverse("reminder_rules:edit", args=[rule.pk]),
        reverse("reminder_rules:inspect", args=[rule.pk]),
        reverse("reminder_rules:delete", args=[rule.pk]),
        reverse("reminder_rules:history", args=[rule.pk]),
        reverse("reminder_rules:run_now", args=[rule.pk]),
        reverse("reminder_outbox:index"),
        reverse("reminder_outbox:inspect", args=[row.pk]),
        reverse("reminder_outbox:send_again") + f"?id={row.pk}",
        reverse("reminder_preferences:index"),
    ]:
        assert refused(client.get(url)), url


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    rule, row = world["florence"], world["florence_failed"]
    for url in [
        reverse("reminder_rules:index"),
        reverse("reminder_rules:add"),
        reverse("reminder_rules:edit", args=[rule.pk]),
        reverse("reminder_rules:inspect", args=[rule.pk]),
        reverse("reminder_rules:run_now", args=[rule.pk]),
        reverse("reminder_outbox:index"),
        reverse("reminder_outbox:inspect", args=[row.pk]),
        reverse("reminder_outbox:send_again"),
    ]:
        assert to_login(client.get(url)), url


def test_a_coordinator_finds_reminders_in_the_menu(client, world):
    login(client, "coordinator")
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("reminder_rules:index") in dashboard
    assert reverse("reminder_outbox:index") in dashboard
    assert reverse("reminder_preferences:index") not in dashboard


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("root", 200),
        ("coordinator", 200),
        ("far_coordinator", 404),
        ("participant", None),
        ("editor", None),
    ],
)
def test_who_opens_a_rule_in_the_editor_and_the_inspect_view(client, world, username, status):
    login(client, username)
    rule = world["florence"]
    for name in ("edit", "inspect", "history"):
        response = client.get(reverse(f"reminder_rules:{name}", args=[rule.pk]))
        if status is None:
            assert refused(response), name
        else:
            assert response.status_code == status, name


@pytest.mark.parametrize("username", ["far_coordinator", *OUTSIDERS, None])
def test_nobody_changes_or_deletes_another_projects_rule(client, world, username):
    login(client, username)
    rule = world["florence"]
    response = client.post(
        reverse("reminder_rules:edit", args=[rule.pk]), edit_data(rule, send_time="06:00")
    )
    assert refused(response)
    response = client.post(reverse("reminder_rules:delete", args=[rule.pk]))
    assert refused(response)
    rule.refresh_from_db()
    assert rule.send_time == datetime.time(18, 0)


def test_a_coordinator_adds_a_rule_with_texts_to_their_project(client, world):
    login(client, "coordinator")
    florence = world["projects"]["florence"]
    form = client.get(reverse("reminder_rules:add"))
    assert form.status_code == 200
    offered = re.findall(r'<option value="(\d+)"', form.content.decode())
    assert str(florence.pk) in offered
    assert str(world["projects"]["lyon"].pk) not in offered

    response = client.post(
        reverse("reminder_rules:add"),
        rule_data(
            florence,
            texts=[
                ("en", "Your portfolio this week", "Add what you did."),
                ("lv", "Jūsu portfelis šonedēļ", "Pievienojiet, ko paveicāt."),
            ],
        ),
    )
    assert response.status_code == 302
    rule = ReminderRule.objects.get(project=florence, kind=Kind.PORTFOLIO_UPDATE)
    assert rule.weekday == ReminderRule.Weekday.FRIDAY
    assert {text.language for text in rule.texts.all()} == {"en", "lv"}


def test_a_coordinator_edits_their_rule(client, world):
    login(client, "coordinator")
    rule = world["florence"]
    response = client.post(
        reverse("reminder_rules:edit", args=[rule.pk]),
        edit_data(rule, send_time="20:30", enabled=""),
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.send_time, rule.enabled) == (datetime.time(20, 30), False)


def test_a_superuser_edits_any_projects_rule(client, world):
    login(client, "root")
    rule = world["lyon"]
    response = client.post(
        reverse("reminder_rules:edit", args=[rule.pk]), edit_data(rule, send_time="07:15")
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.send_time == datetime.time(7, 15)


# --- Rules: form errors ----------------------------------------------------------------------


def test_a_second_rule_for_the_same_project_and_kind_is_a_form_error(client, world):
    login(client, "coordinator")
    florence = world["projects"]["florence"]
    response = client.post(
        reverse("reminder_rules:add"), rule_data(florence, kind=Kind.PRACTICE_NUDGE)
    )
    assert response.status_code == 200
    assert "This project has a rule for" in errors_of(response)
    assert ReminderRule.objects.filter(project=florence, kind=Kind.PRACTICE_NUDGE).count() == 1


def test_a_second_rule_on_the_projects_translation_is_a_form_error_too(client, world):
    """Translations share the project's rules: the form offers each project once, and a rule
    made on a translation cannot become a second rule of a kind the project has."""
    login(client, "coordinator")
    florence = world["projects"]["florence"]
    latvian = florence.copy_for_translation(
        Locale.objects.get(language_code="lv"), copy_parents=True
    )
    form = client.get(reverse("reminder_rules:add")).content.decode()
    assert f'<option value="{latvian.pk}"' not in form
    rule = ReminderRule.objects.create(project=latvian, kind=Kind.PORTFOLIO_UPDATE)
    response = client.post(
        reverse("reminder_rules:edit", args=[rule.pk]),
        rule_data(latvian, kind=Kind.PRACTICE_NUDGE),
    )
    assert response.status_code == 200
    assert "This project has a rule for" in errors_of(response)
    rule.refresh_from_db()
    assert rule.kind == Kind.PORTFOLIO_UPDATE


def test_a_project_one_does_not_coordinate_is_a_form_error(client, world):
    login(client, "coordinator")
    response = client.post(reverse("reminder_rules:add"), rule_data(world["projects"]["lyon"]))
    assert response.status_code == 200
    assert "Choose one of the projects you coordinate." in errors_of(response)
    assert not ReminderRule.objects.filter(kind=Kind.PORTFOLIO_UPDATE).exists()


def test_two_texts_in_one_language_are_a_form_error(client, world):
    login(client, "coordinator")
    rule = world["florence"]
    response = client.post(
        reverse("reminder_rules:edit", args=[rule.pk]),
        edit_data(
            rule,
            send_time="21:00",
            texts=[("en", "One", "First text."), ("en", "Two", "Second text.")],
        ),
    )
    assert response.status_code == 200
    assert "Each language can have one text only" in errors_of(response)
    rule.refresh_from_db()
    assert rule.send_time == datetime.time(18, 0)
    assert not ReminderText.objects.filter(rule=rule).exists()


@pytest.mark.parametrize(
    ("field", "value"), [("send_time", "25:99"), ("days_after_end", "1000"), ("weekday", "9")]
)
def test_bad_values_are_form_errors_that_keep_what_was_typed(client, world, field, value):
    login(client, "coordinator")
    rule = world["florence"]
    response = client.post(
        reverse("reminder_rules:edit", args=[rule.pk]), edit_data(rule, **{field: value})
    )
    assert response.status_code == 200
    assert "could not be saved due to errors" in errors_of(response)
    if field != "weekday":
        assert f'value="{value}"' in errors_of(response)
    rule.refresh_from_db()
    assert (rule.send_time, rule.weekday, rule.days_after_end) == (datetime.time(18, 0), 4, 7)


def test_the_inspect_view_says_when_a_rule_sends(client, world):
    login(client, "coordinator")
    page = client.get(reverse("reminder_rules:inspect", args=[world["florence"].pk]))
    assert "Daily at 18:00" in page.content.decode()


# --- Rules: run now --------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["root", "coordinator"])
def test_run_now_queues_the_rule_and_says_so(
    client, world, published, django_capture_on_commit_callbacks, username
):
    login(client, username)
    rule = world["florence"]
    confirm = client.get(reverse("reminder_rules:run_now", args=[rule.pk]))
    assert confirm.status_code == 200
    assert "Yes, run it now" in confirm.content.decode()
    assert published == []

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reminder_rules:run_now", args=[rule.pk]), follow=True)
    assert ("reminders.tasks.run_rule_now", (rule.pk,)) in published
    assert "will run in a moment" in response.content.decode()


@pytest.mark.parametrize("username", ["far_coordinator", *OUTSIDERS])
def test_run_now_of_another_projects_rule_is_refused_and_queues_nothing(
    client, world, published, django_capture_on_commit_callbacks, username
):
    login(client, username)
    url = reverse("reminder_rules:run_now", args=[world["florence"].pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert refused(response)
    assert not to_login(response)
    assert published == []


def test_run_now_of_a_rule_without_schedule_queues_nothing(
    client, world, published, django_capture_on_commit_callbacks
):
    login(client, "coordinator")
    rule = world["florence_event"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reminder_rules:run_now", args=[rule.pk]), follow=True)
    assert "has no schedule to run now" in response.content.decode()
    assert published == []


def test_run_now_is_offered_for_scheduled_rules_only(client, world):
    login(client, "coordinator")
    page = client.get(reverse("reminder_rules:index")).content.decode()
    assert reverse("reminder_rules:run_now", args=[world["florence"].pk]) in page
    assert reverse("reminder_rules:run_now", args=[world["florence_event"].pk]) not in page


def test_a_worker_knows_the_run_now_task():
    """A worker registers the tasks of each app's ``tasks`` module only, so "Run now" would
    publish a message no worker accepts unless the task is found from there."""
    code = (
        "import django; django.setup(); from portal.celery import app; "
        "app.loader.import_default_modules(); print(*sorted(app.tasks))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "reminders.tasks.run_rule_now" in result.stdout.split()


# --- Outbox ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("root", {"florence_failed", "florence_failed_2", "florence_sent", "lyon_failed"}),
        ("coordinator", {"florence_failed", "florence_failed_2", "florence_sent"}),
        ("far_coordinator", {"lyon_failed"}),
    ],
)
def test_the_outbox_shows_the_rows_of_ones_own_projects(client, world, username, expected):
    login(client, username)
    shown = listed(client.get(reverse("reminder_outbox:index")), ROW_LINK)
    assert shown == {world[name].pk for name in expected}


def test_the_outbox_filters_by_status_and_project_and_finds_recipients(client, world):
    login(client, "root")
    index = reverse("reminder_outbox:index")
    failed = listed(client.get(index, {"status": "failed"}), ROW_LINK)
    assert failed == {world[n].pk for n in ("florence_failed", "florence_failed_2", "lyon_failed")}
    lyon = world["projects"]["lyon"]
    assert listed(client.get(index, {"project": lyon.pk}), ROW_LINK) == {world["lyon_failed"].pk}
    found = listed(client.get(index, {"q": "far_coord"}), ROW_LINK)
    assert found == {world["lyon_failed"].pk}
    today = timezone.localdate().isoformat()
    created = listed(
        client.get(index, {"created_at_from": today, "created_at_to": today}), ROW_LINK
    )
    assert world["florence_sent"].pk in created
    assert not listed(client.get(index, {"created_at_to": "2000-01-01"}), ROW_LINK)


def test_the_outbox_lists_newest_first_shows_the_error_and_pages(client, world):
    login(client, "root")
    page = client.get(reverse("reminder_outbox:index")).content.decode()
    assert "SMTPServerDisconnected" in page
    florence, participant = world["projects"]["florence"], world["people"]["participant"]
    for day in range(60):
        outbox_row(florence, participant, "sent", f"2011-{day // 28 + 1:02d}-{day % 28 + 1:02d}")
    newest = Reminder.objects.order_by("-created_at", "-pk").first()
    first = client.get(reverse("reminder_outbox:index"))
    second = client.get(reverse("reminder_outbox:index"), {"p": 2})
    shown_first, shown_second = listed(first, ROW_LINK), listed(second, ROW_LINK)
    assert newest.pk in shown_first
    assert len(shown_first) == 50
    assert shown_second and not shown_first & shown_second


@pytest.mark.parametrize(
    ("username", "row", "status"),
    [
        ("root", "lyon_failed", 200),
        ("coordinator", "florence_failed", 200),
        ("coordinator", "lyon_failed", 404),
        ("far_coordinator", "florence_failed", 404),
    ],
)
def test_who_inspects_an_outbox_row(client, world, username, row, status):
    login(client, username)
    response = client.get(reverse("reminder_outbox:inspect", args=[world[row].pk]))
    assert response.status_code == status
    if status == 200:
        assert "SMTPServerDisconnected" in response.content.decode()


@pytest.mark.parametrize("username", ["root", "coordinator"])
def test_nobody_adds_changes_or_deletes_an_outbox_row_by_hand(client, world, username):
    login(client, username)
    row = world["florence_failed"]
    assert refused(client.get(reverse("reminder_outbox:add")))
    assert refused(client.post(reverse("reminder_outbox:edit", args=[row.pk]), {}))
    assert refused(client.post(reverse("reminder_outbox:delete", args=[row.pk])))
    page = client.get(reverse("reminder_outbox:index")).content.decode()
    assert reverse("reminder_outbox:add") not in page
    assert reverse("reminder_outbox:edit", args=[row.pk]) not in page
    assert Reminder.objects.filter(pk=row.pk, status="failed").exists()


# --- Outbox: send again ----------------------------------------------------------------------


def assert_sent_again(row):
    row.refresh_from_db()
    assert row.status == Reminder.Status.PENDING
    assert row.attempts == 0
    assert timezone.now() - row.due_at < datetime.timedelta(minutes=1)


def assert_untouched(row):
    before = (row.status, row.attempts, row.due_at)
    row.refresh_from_db()
    assert (row.status, row.attempts, row.due_at) == before


def sent_pks(published):
    pks = set()
    for name, args in published:
        if name == "reminders.tasks.send_reminder":
            pks.add(args[0])
        elif name == "reminders.tasks.send_batch":
            pks.update(args[0])
    return pks


@pytest.mark.parametrize("username", ["root", "coordinator"])
def test_a_failed_row_is_sent_again(
    client, world, published, django_capture_on_commit_callbacks, username
):
    login(client, username)
    row = world["florence_failed"]
    url = reverse("reminder_outbox:send_again") + f"?id={row.pk}"
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Yes, send again" in confirm.content.decode()
    assert_untouched(row)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reminder_outbox:send_again"), {"id": row.pk}, follow=True)
    assert "1 reminder will be sent again." in response.content.decode()
    assert_sent_again(row)
    assert sent_pks(published) == {row.pk}
    assert_untouched(world["florence_failed_2"])


@pytest.fixture
def tasks_run_at_once():
    """Published tasks run in the test's process (the real worker is tested elsewhere)."""
    from portal.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


def test_a_failed_row_sent_again_reaches_its_recipient_once(
    client, world, tasks_run_at_once, django_capture_on_commit_callbacks
):
    participant = world["people"]["participant"]
    participant.email = "participant@example.org"
    participant.save()
    login(client, "coordinator")
    row = world["florence_failed"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reminder_outbox:send_again"), {"id": row.pk})
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Reminder.Status.SENT, 1)
    assert [message.to for message in mail.outbox] == [["participant@example.org"]]


def test_the_outbox_offers_send_again_for_failed_rows_only(client, world):
    login(client, "coordinator")
    page = client.get(reverse("reminder_outbox:index")).content.decode()
    send_again = reverse("reminder_outbox:send_again")
    assert f"{send_again}?id={world['florence_failed'].pk}" in page
    assert f"{send_again}?id={world['florence_sent'].pk}" not in page
    inspect = client.get(reverse("reminder_outbox:inspect", args=[world["florence_failed"].pk]))
    assert f"{send_again}?id={world['florence_failed'].pk}" in inspect.content.decode()


def test_a_row_that_did_not_fail_is_not_sent_again(
    client, world, published, django_capture_on_commit_callbacks
):
    login(client, "coordinator")
    row = world["florence_sent"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reminder_outbox:send_again"), {"id": row.pk}, follow=True)
    assert "There is no failed reminder to send again." in response.content.decode()
    assert_untouched(row)
    assert published == []


def test_sending_all_failed_again_takes_only_ones_own_projects_rows(
    client, world, published, django_capture_on_commit_callbacks
):
    login(client, "coordinator")
    confirm = client.get(reverse("reminder_outbox:send_again"))
    assert "Send these 2 failed reminders again?" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reminder_outbox:send_again"), follow=True)
    assert "2 reminders will be sent again." in response.content.decode()
    assert_sent_again(world["florence_failed"])
    assert_sent_again(world["florence_failed_2"])
    assert_untouched(world["lyon_failed"])
    assert_untouched(world["florence_sent"])
    expected = {world["florence_failed"].pk, world["florence_failed_2"].pk}
    assert sent_pks(published) == expected


@pytest.mark.parametrize("username", ["far_coordinator", *OUTSIDERS])
def test_nobody_sends_another_projects_row_again(
    client, world, published, django_capture_on_commit_callbacks, username
):
    login(client, username)
    row = world["florence_failed"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reminder_outbox:send_again"), {"id": row.pk})
    assert refused(response)
    assert not to_login(response)
    assert_untouched(row)
    assert published == []


def test_anonymous_send_again_changes_nothing(client, world, published):
    row = world["florence_failed"]
    response = client.post(reverse("reminder_outbox:send_again"), {"id": row.pk})
    assert to_login(response)
    assert_untouched(row)
    assert published == []


# --- Preferences -----------------------------------------------------------------------------


def test_superusers_look_through_preferences_and_change_none(client, world):
    participant = world["people"]["participant"]
    preference = ReminderPreference.objects.create(
        user=participant, language="lv", delivery={Kind.PRACTICE_NUDGE: "off"}
    )
    login(client, "root")
    page = client.get(reverse("reminder_preferences:index"))
    assert page.status_code == 200
    assert "participant" in page.content.decode()
    inspect = client.get(reverse("reminder_preferences:inspect", args=[preference.pk]))
    assert inspect.status_code == 200
    assert "English-practice nudge: Never" in inspect.content.decode()
    assert refused(client.post(reverse("reminder_preferences:delete", args=[preference.pk])))
    assert ReminderPreference.objects.filter(pk=preference.pk).exists()


@pytest.mark.parametrize("username", ["coordinator", "participant"])
def test_others_see_no_preferences(client, world, username):
    login(client, username)
    assert refused(client.get(reverse("reminder_preferences:index")))
