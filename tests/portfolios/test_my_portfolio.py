"""/my/portfolio/: a participant's own portfolios with their latest entries, private ones and
drafts included, ways to add each entry type in the admin, and nobody else's material."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portfolios.models import PortfolioPage, ReflectionPage

URL = "/my/portfolio/"


def log_in(client, username):
    client.force_login(get_user_model().objects.get(username=username))


def add_entry(portfolio, title, day, visibility="private", live=True):
    """An entry on ``day`` November 2010, after every entry of the demo (October)."""
    return portfolio.add_child(
        instance=ReflectionPage(
            title=title,
            slug=title.lower(),
            date=datetime.date(2010, 11, day),
            visibility=visibility,
            live=live,
        )
    )


@pytest.fixture
def anna(demo, client):
    log_in(client, "participant1")
    return PortfolioPage.objects.get(
        participant__username="participant1", locale__language_code="en"
    )


def test_lists_the_own_portfolio_with_its_latest_entries_private_ones_and_drafts_included(
    client, anna
):
    add_entry(anna, "CANARY-own-private", 29)
    add_entry(anna, "CANARY-own-draft", 28, live=False)

    html = client.get(URL).content.decode()

    assert f'href="{anna.url}"' in html
    assert "CANARY-own-private" in html
    assert "CANARY-own-draft" in html
    assert "Private: only me and the project" in html


def test_shows_only_the_five_latest_entries(client, anna):
    for day in range(25, 31):
        add_entry(anna, f"CANARY-day-{day}", day)

    response = client.get(URL)

    [portfolio] = response.context["portfolios"]
    assert [entry.title for entry in portfolio["entries"]] == [
        f"CANARY-day-{day}" for day in (30, 29, 28, 27, 26)
    ]
    assert "CANARY-day-25" not in response.content.decode()


def test_never_shows_other_participants_portfolios_or_entries(client, anna):
    for username in ("participant2", "participant4"):
        other = PortfolioPage.objects.get(
            participant__username=username, locale__language_code="en"
        )
        add_entry(other, f"CANARY-{username}", 30, visibility="public")

    response = client.get(URL)

    assert [item["page"] for item in response.context["portfolios"]] == [anna]
    html = response.content.decode()
    assert "CANARY-participant" not in html
    assert "Jānis Ozols" not in html


def test_offers_to_add_each_entry_type_in_the_admin_under_the_portfolio(client, anna):
    html = client.get(URL).content.decode()

    for model in ("seminarnotepage", "lessonobservationpage", "institutionvisitpage"):
        assert f'href="/admin/pages/add/portfolios/{model}/{anna.pk}/"' in html
    assert f'href="/admin/pages/add/portfolios/reflectionpage/{anna.pk}/"' in html
    assert "Add seminar note" in html


def test_links_to_the_quick_log_and_to_the_share_links(client, anna):
    html = client.get(URL).content.decode()

    assert 'href="/my/practice/new/"' in html
    assert f'href="/my/portfolio/{anna.pk}/share/"' in html


def test_the_query_count_does_not_grow_with_the_entries(client, anna):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    queries()  # the first request of a session fills caches the next ones use
    before = queries()
    for day in range(20, 31):
        add_entry(anna, f"more-{day}", day, visibility="public")
    assert queries() == before


def test_someone_without_a_portfolio_is_told_to_ask_their_coordinator(client, demo):
    log_in(client, "teacher")

    response = client.get(URL)

    assert response.status_code == 200
    assert response.context["portfolios"] == []
    assert "ask your project coordinator" in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, demo):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={URL}"


def test_the_header_offers_the_portfolio_and_the_quick_log_to_logged_in_users(client, demo):
    anonymous = client.get("/").content.decode()
    assert 'href="/my/portfolio/"' not in anonymous

    log_in(client, "participant2")
    html = client.get("/").content.decode()
    assert '<a href="/my/portfolio/">My portfolio</a>' in html
    assert '<a href="/my/practice/new/">Log English practice</a>' in html


# Everything on the page leads to the place in the admin where it is changed. These tests build
# their own project (tests/factories/) instead of loading the demo.


@pytest.fixture
def far(db):
    """A participant of the "Elsewhere" project, logged in, with one entry in their portfolio."""
    from tests.factories import far_project

    hub, portfolio = far_project()
    entry = add_entry(portfolio, "Far-entry", 3)
    return {"hub": hub, "portfolio": portfolio, "entry": entry, "user": portfolio.participant}


def anchors_in(html):
    import re

    return set(re.findall(r'id="(panel-child-content-[^"]+-section)"', html))


@pytest.mark.parametrize("admin_language", ["", "lv"])
def test_profile_self_assessment_and_sharing_link_to_their_sections_of_the_editor(
    client, far, admin_language
):
    from wagtail.users.models import UserProfile

    UserProfile.objects.create(user=far["user"], preferred_language=admin_language)
    client.force_login(far["user"])
    edit_url = f"/admin/pages/{far['portfolio'].pk}/edit/"

    response = client.get(URL)
    links = response.context["portfolios"][0]["edit_links"]
    html = response.content.decode()

    assert links["edit"] == edit_url
    editor = client.get(edit_url)
    assert editor.status_code == 200
    sections = anchors_in(editor.content.decode())
    for part in ("profile", "self_assessment", "sharing"):
        path, anchor = links[part].split("#")
        assert path == edit_url
        assert anchor in sections, f"{part}: #{anchor} is not among {sorted(sections)}"
        assert f'href="{links[part]}"' in html


def test_each_entry_links_to_its_editor_which_opens_for_its_author(client, far):
    client.force_login(far["user"])
    entry_url = f"/admin/pages/{far['entry'].pk}/edit/"

    html = client.get(URL).content.decode()

    assert f'href="{entry_url}"' in html
    assert f'href="/admin/pages/{far["portfolio"].pk}/"' in html  # all entries
    assert 'href="/admin/practice_log/"' in html
    assert client.get(entry_url).status_code == 200
    assert client.get(f"/admin/pages/{far['portfolio'].pk}/").status_code == 200
    assert client.get("/admin/practice_log/").status_code == 200


def test_the_admin_dashboard_gives_a_participant_their_portfolio_and_what_to_add(client, far):
    client.force_login(far["user"])

    html = client.get("/admin/").content.decode()

    assert 'id="participant-portfolios' in html
    assert f'href="/admin/pages/{far["portfolio"].pk}/edit/"' in html
    for model in ("seminarnotepage", "lessonobservationpage", "institutionvisitpage"):
        assert f'href="/admin/pages/add/portfolios/{model}/{far["portfolio"].pk}/"' in html
    assert f'href="/admin/pages/add/portfolios/reflectionpage/{far["portfolio"].pk}/"' in html
    assert 'href="/my/practice/new/"' in html
    assert "Log English practice" in html


def test_the_dashboard_panel_is_only_for_people_with_a_portfolio(client, far):
    coordinator = far["hub"].memberships.get(role="coordinator").user
    client.force_login(coordinator)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert 'id="participant-portfolios' not in response.content.decode()


def test_a_participant_cannot_give_their_portfolio_away_nor_see_every_account(far):
    from portfolios.models import PortfolioPage
    from tests.factories import make_user

    stranger = make_user("stranger")
    form_class = PortfolioPage.get_edit_handler().get_form_class()
    portfolio = far["portfolio"]

    form = form_class(instance=portfolio, for_user=far["user"])

    field = form.fields["participant"]
    assert field.disabled
    assert list(field.queryset) == [far["user"]]
    data = {"title": portfolio.title, "slug": portfolio.slug, "participant": stranger.pk}
    posted = form_class(data, instance=portfolio, for_user=far["user"])
    posted.is_valid()
    assert posted.cleaned_data.get("participant") == far["user"]

    superuser = make_user("root", is_superuser=True)
    assert not form_class(instance=portfolio, for_user=superuser).fields["participant"].disabled


def test_a_new_entry_starts_dated_today_where_the_project_is(client, far):
    from portfolios.dates import today_for

    client.force_login(far["user"])

    response = client.get(f"/admin/pages/add/portfolios/reflectionpage/{far['portfolio'].pk}/")

    assert response.status_code == 200
    today = today_for(far["portfolio"])
    assert response.context["form"].initial["date"] == today
    assert f'value="{today.isoformat()}"' in response.content.decode()
