"""Property-based tests (hypothesis): whatever a visitor puts in a public query string or a
front-end form, the answer is never a 500, and a form that refuses its input saves nothing.

The examples run against the demo, as the people it names: a regional teacher, a participant.
Hypothesis draws text from all of Unicode (NUL, surrogates' neighbours, right-to-left marks,
Latvian letters), very long strings and numbers far outside any range.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ideas.models import IdeaComment, IdeaPage
from portfolios.models import PracticeLogEntry

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

ANY_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=3000),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["", " ", "\x00", '"', "'", "*", "(", "-1", "1e309", "last", "NaN", "²"]),
)

PUBLIC_PARAMETERS = {
    "/ideas/": ["q", "tag", "status", "programme", "project", "author", "year", "sort", "page"],
    "/lv/ideas/": ["q", "tag", "status", "year", "sort", "page"],
    "/projects/": ["page"],
    "/api/v2/pages/": [
        "search",
        "offset",
        "limit",
        "type",
        "fields",
        "order",
        "child_of",
        "descendant_of",
        "locale",
        "search_operator",
    ],
    "/ideas/feed/": ["page"],
    "/sitemap.xml": ["p"],
}


@st.composite
def public_requests(draw):
    url = draw(st.sampled_from(sorted(PUBLIC_PARAMETERS)))
    names = draw(st.lists(st.sampled_from(PUBLIC_PARAMETERS[url]), min_size=1, max_size=4))
    return url, {name: draw(ANY_TEXT) for name in names}


@EXAMPLES
@given(request=public_requests())
def test_no_public_query_string_gives_a_500(client, demo, request):
    url, params = request
    response = client.get(url, params)
    assert response.status_code < 500, (url, params)


def user(username):
    return get_user_model().objects.get(username=username)


@EXAMPLES
@given(
    minutes=ANY_TEXT,
    date=st.one_of(ANY_TEXT, st.dates().map(datetime.date.isoformat)),
    skill=ANY_TEXT,
    activity=ANY_TEXT,
    level=ANY_TEXT,
    note=ANY_TEXT,
)
def test_the_practice_log_form_saves_a_valid_row_or_nothing(
    client, demo, minutes, date, skill, activity, level, note
):
    client.force_login(user("participant1"))
    before = PracticeLogEntry.objects.count()
    fields = {"minutes": minutes, "date": date, "skill": skill, "activity": activity}
    response = client.post("/my/practice/new/", {**fields, "level": level, "note": note})
    assert response.status_code < 500
    saved = PracticeLogEntry.objects.count() - before
    if response.status_code == 302:
        assert saved == 1
    else:
        assert saved == 0


@EXAMPLES
@given(body=ANY_TEXT)
def test_an_idea_comment_is_saved_whole_or_not_at_all(client, demo, body):
    client.force_login(user("teacher"))
    idea = IdeaPage.objects.live().filter(locale__language_code="en", visibility="public").first()
    before = IdeaComment.objects.count()
    response = client.post(idea.url + "comment/", {"body": body})
    assert response.status_code < 500
    if response.status_code == 302:
        assert IdeaComment.objects.count() == before + 1
    else:
        assert IdeaComment.objects.count() == before


@EXAMPLES
@given(username=ANY_TEXT, password=ANY_TEXT)
def test_the_login_form_answers_anything_and_lets_nobody_in_by_chance(
    client, demo, username, password
):
    response = client.post("/accounts/login/", {"username": username, "password": password})
    assert response.status_code < 500
    assert "_auth_user_id" not in client.session


@EXAMPLES
@given(email=ANY_TEXT)
def test_the_password_reset_form_answers_anything(client, demo, email):
    response = client.post("/accounts/password_reset/", {"email": email})
    assert response.status_code < 500


@EXAMPLES
@given(
    values=st.dictionaries(
        st.sampled_from(["language", "idea_comment", "entry_comment", "practice_nudge"]), ANY_TEXT
    )
)
def test_reminder_preferences_answer_anything(client, demo, values):
    client.force_login(user("participant2"))
    response = client.post("/my/reminders/", values)
    assert response.status_code < 500
