"""The quick English-practice log at /my/practice/new/: one row saved per good post, nothing saved
on bad input (with the message next to the field and the typed values kept), only into the user's
own portfolio; and, in Chromium on a phone, reachable from the header and done in a few taps."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.contrib.auth import get_user_model

from home.models import MobilityProjectPage, ProjectIndexPage
from portfolios.models import PortfolioPage, PracticeLogEntry

URL = "/my/practice/new/"
GOOD = {
    "date": "2010-10-26",
    "minutes": "45",
    "skill": "spoken_interaction",
    "activity": "conversation",
    "level": "B1",
    "note": "Ordered lunch and asked about the workshop timetable.",
}


@pytest.fixture
def participant(demo, client):
    user = get_user_model().objects.get(username="participant1")
    client.force_login(user)
    return user


@pytest.fixture
def portfolio(participant):
    return PortfolioPage.objects.get(participant=participant, locale__language_code="en")


def post(client, portfolio, **changes):
    return client.post(URL, {"portfolio": portfolio.pk, **GOOD, **changes})


def test_a_good_post_saves_exactly_one_row_and_redirects_back_to_the_form(client, portfolio):
    before = PracticeLogEntry.objects.count()

    response = post(client, portfolio)

    assert response.status_code == 302
    assert response["Location"] == URL
    assert PracticeLogEntry.objects.count() == before + 1
    row = PracticeLogEntry.objects.latest("created_at")
    assert row.portfolio_id == portfolio.pk
    assert row.date == datetime.date(2010, 10, 26)
    assert (row.minutes, row.skill, row.activity, row.level) == (
        45,
        "spoken_interaction",
        "conversation",
        "B1",
    )
    assert row.note == GOOD["note"]


def test_after_saving_the_form_says_so_and_shows_the_row_among_the_last_five(client, portfolio):
    response = post(client, portfolio, note="A canary note 7f3a")
    page = client.get(response["Location"])

    html = page.content.decode()
    assert "Practice logged: 45 minutes of spoken interaction" in html
    latest = list(page.context["latest"])
    assert len(latest) == 5
    assert latest[0].note == "A canary note 7f3a"
    assert "A canary note 7f3a" in html


BAD_INPUT = [
    ("minutes", "0", "Enter the minutes as a whole number from 1 to 600."),
    ("minutes", "-15", "Enter the minutes as a whole number from 1 to 600."),
    ("minutes", "601", "Enter the minutes as a whole number from 1 to 600."),
    ("minutes", "half an hour", "Enter the minutes as a whole number from 1 to 600."),
    ("minutes", "", "Enter the minutes as a whole number from 1 to 600."),
    ("date", "", "Enter the day you practised."),
    ("skill", "", "Choose the skill you practised."),
    ("activity", "", "Choose what you did."),
    ("level", "", "Choose your level."),
    ("date", "1999-12-31", "Enter a date between 2000 and today."),
    ("date", "2999-01-01", "Enter a date between 2000 and today."),
    ("date", "yesterday", "Enter a valid date."),
    ("skill", "shouting", "Select a valid choice. shouting is not one of the available choices."),
    ("activity", "karaoke", "Select a valid choice. karaoke is not one of the available choices."),
    ("level", "D9", "Select a valid choice. D9 is not one of the available choices."),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_INPUT)
def test_bad_input_saves_nothing_and_says_why_next_to_the_field(
    client, portfolio, field, value, message
):
    before = PracticeLogEntry.objects.count()
    typed = {**GOOD, field: value, "note": "Typed before the mistake"}

    response = client.post(URL, {"portfolio": portfolio.pk, **typed})

    assert response.status_code == 200
    assert PracticeLogEntry.objects.count() == before
    form = response.context["form"]
    assert form.errors[field] == [message]
    html = response.content.decode()
    # The message sits in the field's own error list, not only at the top of the form.
    assert f'id="id_{field}_error"><li>{message}</li>' in html
    assert {name: form[name].value() for name in typed} == typed
    assert "Typed before the mistake" in html


def test_another_participants_portfolio_is_refused(client, participant):
    someone_elses = PortfolioPage.objects.get(
        participant__username="participant2", locale__language_code="en"
    )
    before = someone_elses.practice_log.count()
    total = PracticeLogEntry.objects.count()

    response = post(client, someone_elses)

    assert response.status_code == 200
    assert response.context["form"].errors["portfolio"] == ["Choose one of your own portfolios."]
    assert "Choose one of your own portfolios." in response.content.decode()
    assert someone_elses.practice_log.count() == before
    assert PracticeLogEntry.objects.count() == total


def test_a_note_with_a_script_is_stored_as_typed_and_shown_escaped(client, portfolio):
    note = "<script>alert('practice')</script>"
    post(client, portfolio, note=note)

    assert PracticeLogEntry.objects.latest("created_at").note == note
    html = client.get(URL).content.decode()
    assert note not in html
    assert "&lt;script&gt;alert(&#x27;practice&#x27;)&lt;/script&gt;" in html


def test_anonymous_visitors_are_sent_to_log_in_and_nothing_is_saved(client, demo):
    before = PracticeLogEntry.objects.count()
    portfolio = PortfolioPage.objects.first()

    for response in (client.get(URL), client.post(URL, {"portfolio": portfolio.pk, **GOOD})):
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={URL}"
    assert PracticeLogEntry.objects.count() == before


def test_one_portfolio_is_chosen_without_asking(client, portfolio):
    form = client.get(URL).context["form"]

    assert form.single_portfolio
    assert form["portfolio"].value() == portfolio.pk
    assert f'type="hidden" name="portfolio" value="{portfolio.pk}"' in str(form["portfolio"])


def test_the_date_defaults_to_today_where_the_project_is(client, portfolio):
    # 22:30 in London on 30 June is already 1 July in Riga, the founding project's time zone.
    assert portfolio.project.time_zone == zoneinfo.ZoneInfo("Europe/Riga")
    with time_machine.travel(datetime.datetime(2024, 6, 30, 21, 30, tzinfo=datetime.UTC)):
        form = client.get(URL).context["form"]

    assert form["date"].value() == datetime.date(2024, 7, 1)


def test_someone_in_two_projects_chooses_the_portfolio_and_the_row_goes_there(client, portfolio):
    index = ProjectIndexPage.objects.get(locale__language_code="en")
    second_hub = index.add_child(
        instance=MobilityProjectPage(
            title="Tallinn 2012",
            slug="tallinn-2012",
            programme="Leonardo da Vinci",
            sending_institution_name="Latgale school",
            host_city="Tallinn",
            host_country="Estonia",
            start_date=datetime.date(2012, 5, 6),
            end_date=datetime.date(2012, 5, 12),
        )
    )
    second = second_hub.add_child(
        instance=PortfolioPage(
            title="Anna in Tallinn", slug="anna", participant=portfolio.participant
        )
    )

    page = client.get(URL).content.decode()
    assert '<select name="portfolio"' in page
    assert ">Tallinn 2012</option>" in page

    post(client, second)
    assert PracticeLogEntry.objects.latest("created_at").portfolio_id == second.pk


def test_someone_without_a_portfolio_is_told_whom_to_ask(client, demo):
    client.force_login(get_user_model().objects.get(username="teacher"))
    before = PracticeLogEntry.objects.count()

    assert "ask your project coordinator" in client.get(URL).content.decode()
    client.post(URL, {"portfolio": PortfolioPage.objects.first().pk, **GOOD})
    assert PracticeLogEntry.objects.count() == before


# The log remembers the last row's choices and, after a failed save, sums up what to put right.
# These tests build their own project (tests/factories/) instead of loading the demo.


@pytest.fixture
def far(db, client):
    from tests.factories import far_project

    _hub, portfolio = far_project()
    client.force_login(portfolio.participant)
    return portfolio


def checked(html, name):
    return re.findall(rf'<input type="radio" name="{name}" value="([^"]+)"[^>]*checked', html)


def test_the_next_row_starts_with_the_last_rows_choices_but_new_minutes(client, far):
    html = client.get(URL).content.decode()
    assert checked(html, "skill") == checked(html, "activity") == checked(html, "level") == []

    post(client, far, skill="listening", activity="seminar", level="B2", minutes="20")
    response = client.get(URL)

    form = response.context["form"]
    assert (form["skill"].value(), form["activity"].value(), form["level"].value()) == (
        "listening",
        "seminar",
        "B2",
    )
    assert form["portfolio"].value() == far.pk
    assert form["minutes"].value() is None
    html = response.content.decode()
    assert checked(html, "skill") == ["listening"]
    assert checked(html, "level") == ["B2"]


def test_a_failed_save_leads_with_a_summary_linking_to_each_field(client, far):
    response = client.post(
        URL,
        {"portfolio": far.pk, **GOOD, "minutes": "lots", "skill": "", "note": "Kept 81c2"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Log English practice" in html
    [summary] = re.findall(r'<div class="error-summary"[^>]*>.*?</div>', html, re.S)
    assert 'role="alert"' in summary
    assert 'tabindex="-1"' in summary
    assert '<a href="#id_minutes">Enter the minutes as a whole number from 1 to 600.</a>' in summary
    assert '<a href="#id_skill_0">Choose the skill you practised.</a>' in summary
    # The summary comes before the first field; what was typed is still there.
    assert html.index("data-error-summary") < html.index('name="minutes"')
    assert "Kept 81c2" in html
    assert 'id="id_skill_0"' in html


def test_the_page_has_no_inline_script(client, far):
    html = client.post(URL, {"portfolio": far.pk, **GOOD, "minutes": ""}).content.decode()

    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts, "the quick log's script should be on the page"
    assert all("src=" in tag for tag in scripts), scripts
    assert "/static/portfolios/js/quick_log.js" in html


def test_each_recent_row_links_to_where_it_can_be_corrected(client, far):
    post(client, far)
    row = PracticeLogEntry.objects.get(portfolio=far)

    html = client.get(URL).content.decode()

    assert f'href="/admin/practice_log/edit/{row.pk}/"' in html
    assert client.get(f"/admin/practice_log/edit/{row.pk}/").status_code == 200
