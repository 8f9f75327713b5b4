"""/my/reminders/ offers each person the kinds of reminder that can reach them, and only those,
each with a line saying what it is and when it comes; saving leaves every other kind's stored
choice as it was."""

import pytest
from django.contrib.auth.models import Group

from reminders import outbox, tasks
from reminders.audience import DESCRIPTIONS, kinds_for
from reminders.models import Kind, Reminder, ReminderPreference
from tests.factories import far_project, idea_index, make_idea, make_user

pytestmark = pytest.mark.django_db

URL = "/my/reminders/"
PORTFOLIO_KINDS = [
    Kind.PRACTICE_NUDGE,
    Kind.PORTFOLIO_UPDATE,
    Kind.SELF_ASSESSMENT_DUE,
    Kind.ENTRY_COMMENT,
    Kind.OBJECTIVES_RATING,
]
IDEA_KINDS = [Kind.IDEA_STATUS, Kind.IDEA_COMMENT, Kind.IDEA_SUPPORT]


@pytest.fixture(autouse=True)
def no_broker(monkeypatch):
    monkeypatch.setattr(tasks.send_reminder, "apply_async", lambda *a, **kw: None)


@pytest.fixture
def people():
    """A participant and a coordinator of one project, an editor and a teacher with no role."""
    idea_index()
    hub, portfolio = far_project()
    editor = make_user("an_editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    coordinator = hub.memberships.get(role="coordinator").user
    return {
        "participant": portfolio.participant,
        "coordinator": coordinator,
        "editor": editor,
        "teacher": make_user("a_teacher"),
    }


def offered(client, user):
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return [field.name.removeprefix("kind_") for field in response.context["form"].kind_fields()]


def test_a_participant_is_offered_their_portfolio_and_idea_reminders_only(client, people):
    kinds = offered(client, people["participant"])

    assert kinds == [*PORTFOLIO_KINDS, *IDEA_KINDS]
    html = client.get(URL).content.decode()
    assert "Coordinator's weekly digest" not in html
    assert "Results page to review" not in html
    assert 'name="kind_coordinator_digest"' not in html


def test_a_coordinator_gets_the_digest_and_idea_reminders_but_no_practice_nudges(client, people):
    assert offered(client, people["coordinator"]) == [*IDEA_KINDS, Kind.COORDINATOR_DIGEST]


def test_an_editor_is_offered_the_results_review(client, people):
    assert offered(client, people["editor"]) == [Kind.RESULTS_REVIEW]


def test_someone_with_no_role_is_told_when_reminders_will_come(client, people):
    assert offered(client, people["teacher"]) == []
    html = client.get(URL).content.decode()
    assert "No reminders come to you at the moment." in html
    assert "Email language" in html


def test_supporting_an_idea_brings_its_status_reminders(client, people):
    from ideas import actions

    idea = make_idea(people["participant"])
    assert Kind.IDEA_STATUS not in kinds_for(people["teacher"])

    actions.support(idea, people["teacher"])

    assert kinds_for(people["teacher"]) == [Kind.IDEA_STATUS]


def test_each_kind_says_what_it_is_and_when_it_comes(client, people):
    client.force_login(people["participant"])
    html = client.get(URL).content.decode()

    for kind in [*PORTFOLIO_KINDS, *IDEA_KINDS]:
        assert str(DESCRIPTIONS[kind]).replace("'", "&#x27;") in html
    # Tied to its question, so a screen reader reads it with the choices.
    assert 'aria-describedby="id_kind_practice_nudge_helptext"' in html
    assert '<p class="help" id="id_kind_practice_nudge_helptext">' in html
    assert set(DESCRIPTIONS) == set(Kind)


def test_saving_keeps_the_stored_choice_of_kinds_not_offered(client, people):
    participant = people["participant"]
    ReminderPreference.objects.create(
        user=participant, delivery={Kind.COORDINATOR_DIGEST: "off", Kind.RESULTS_REVIEW: "digest"}
    )
    client.force_login(participant)
    data = {f"kind_{kind}": "immediate" for kind in Kind}
    data |= {"kind_practice_nudge": "digest", "kind_coordinator_digest": "immediate"}

    response = client.post(URL, data)

    assert response.status_code == 302
    preference = ReminderPreference.objects.get(user=participant)
    assert preference.delivery_of(Kind.PRACTICE_NUDGE) == "digest"
    assert preference.delivery_of(Kind.COORDINATOR_DIGEST) == "off"
    assert preference.delivery_of(Kind.RESULTS_REVIEW) == "digest"


def test_turning_an_offered_kind_off_cancels_what_waits_for_it(client, people):
    participant = people["participant"]
    hub = participant.portfolios.get().project
    waiting = outbox.enqueue(Kind.PRACTICE_NUDGE, participant, hub, period="2010-10-25")
    client.force_login(participant)
    data = {f"kind_{kind}": "immediate" for kind in [*PORTFOLIO_KINDS, *IDEA_KINDS]}
    data["kind_practice_nudge"] = "off"

    assert client.post(URL, data).status_code == 302

    waiting.refresh_from_db()
    assert waiting.status == Reminder.Status.CANCELLED


def test_a_bad_choice_saves_nothing_and_keeps_what_was_chosen(client, people):
    client.force_login(people["participant"])
    data = {f"kind_{kind}": "immediate" for kind in [*PORTFOLIO_KINDS, *IDEA_KINDS]}
    data |= {"kind_portfolio_update": "hourly", "kind_practice_nudge": "off"}

    response = client.post(URL, data)

    assert response.status_code == 200
    assert not ReminderPreference.objects.exists()
    form = response.context["form"]
    assert form["kind_practice_nudge"].value() == "off"
    assert "kind_portfolio_update" in form.errors
    assert "<title>Error: My reminders" in response.content.decode()


def test_the_latvian_page_offers_the_same_kinds_in_latvian(client, people):
    client.force_login(people["participant"])

    response = client.get("/lv/my/reminders/")

    assert response.status_code == 200
    assert response.context["form"].kinds == [*PORTFOLIO_KINDS, *IDEA_KINDS]
    html = response.content.decode()
    assert "Atgādinājums par angļu valodas praksi" in html
    assert "Koordinatora iknedēļas apkopojums" not in html
