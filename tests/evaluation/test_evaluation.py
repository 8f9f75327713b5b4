"""Objectives evaluated: each participant rates each objective (only participants of the project,
only once the mobility has started, bad input refused with nothing saved, edits allowed); the
coordinator evaluates each objective in the admin (only the project's coordinators and
superusers); the result is on the hub, in the API, and the overview warns of objectives with no
evidence during the mobility."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.visibility import Visibility
from evaluation.models import EvaluationStatus, ObjectiveEvaluation, ObjectiveRating
from home.models import ObjectiveKind
from reminders import delivery, outbox
from reminders.models import Kind, Reminder
from reminders.rules import evaluate
from tests.evaluation.test_evidence import KINDS, World
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def client_for(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def rate_url(hub):
    return reverse("evaluation:rate_objectives", kwargs={"project_pk": hub.pk})


def ratings_post(world, status="achieved", comment="We did it, as the visit reports show."):
    data = {}
    for objective in world.objectives.values():
        data[f"objective-{objective.number}-status"] = status
        data[f"objective-{objective.number}-comment"] = comment
    return data


@pytest.fixture
def world():
    world = World("rating")
    world.entry(world.anna_portfolio, Visibility.PUBLIC, [ObjectiveKind.GENERAL])
    world.entry(world.bruno_portfolio, Visibility.PRIVATE, [ObjectiveKind.ENGLISH])
    return world


def test_a_participant_rates_every_objective_and_may_change_the_ratings(world):
    client = client_for(world.anna)
    page = client.get(rate_url(world.hub))
    assert page.status_code == 200
    assert "private" in page["Cache-Control"]
    html = page.content.decode()
    for objective in world.objectives.values():
        assert objective.text in html

    response = client.post(rate_url(world.hub), ratings_post(world))
    assert response.status_code == 302
    assert ObjectiveRating.objects.filter(participant=world.anna).count() == len(KINDS)

    data = ratings_post(world, status="partly_achieved", comment="  Half   of it.  ")
    assert client.post(rate_url(world.hub), data).status_code == 302
    ratings = ObjectiveRating.objects.filter(participant=world.anna)
    assert ratings.count() == len(KINDS)
    assert {(rating.status, rating.comment) for rating in ratings} == {
        ("partly_achieved", "Half of it.")
    }
    html = client.get(rate_url(world.hub)).content.decode()
    assert re.search(r'value="partly_achieved"[^>]*checked', html)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("status", "brilliant", "Choose achieved, partly achieved or not achieved."),
        ("status", "", "Say how far objective 3 was achieved."),
        ("comment", "", "Add a sentence on objective 3."),
        ("comment", "x" * 301, "at most 300 characters"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(world, field, value, message):
    client = client_for(world.anna)
    data = ratings_post(world)
    data[f"objective-3-{field}"] = value
    response = client.post(rate_url(world.hub), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html.replace("&#x27;", "'")
    assert not ObjectiveRating.objects.exists()


def test_only_participants_of_the_project_rate_its_objectives(world):
    other = World("other")
    outsider = make_user("rating_outsider")
    superuser = make_user("rating_root", is_superuser=True)
    for user in (other.anna, outsider, world.coordinator, superuser):
        client = client_for(user)
        assert client.get(rate_url(world.hub)).status_code == 404
        assert client.post(rate_url(world.hub), ratings_post(world)).status_code == 404
    response = client_for().get(rate_url(world.hub))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client_for(world.anna).get("/my/projects/999999/objectives/").status_code == 404
    # Anna's own project's address, with another project's objective numbers, saves nothing
    # there either.
    assert client_for(other.anna).post(rate_url(other.hub), ratings_post(world)).status_code == 302
    assert not ObjectiveRating.objects.filter(objective__page=world.hub).exists()


def test_no_rating_before_the_mobility_starts(world):
    today = timezone.localdate()
    type(world.hub).objects.filter(pk=world.hub.pk).update(
        start_date=today + datetime.timedelta(days=3), end_date=today + datetime.timedelta(days=9)
    )
    client = client_for(world.anna)
    page = client.get(rate_url(world.hub))
    assert page.status_code == 200
    assert "once the mobility has started" in page.content.decode()
    assert client.post(rate_url(world.hub), ratings_post(world)).status_code == 403
    assert not ObjectiveRating.objects.exists()
    my_portfolio = client.get(reverse("portfolios:my_portfolio")).content.decode()
    assert rate_url(world.hub) not in my_portfolio


def test_my_portfolio_links_the_rating_page(world):
    html = client_for(world.anna).get(reverse("portfolios:my_portfolio")).content.decode()
    assert f'href="{rate_url(world.hub)}"' in html


def coordinator_world(slug="evaluated"):
    world = World(slug)
    world.coordinator.groups.add(Group.objects.get(name="Coordinators"))
    world.entry(world.anna_portfolio, Visibility.PUBLIC, [ObjectiveKind.GENERAL])
    world.entry(world.bruno_portfolio, Visibility.PRIVATE, [ObjectiveKind.GENERAL])
    return world


def test_the_coordinator_evaluates_an_objective_beside_its_evidence_and_ratings(world):
    world = coordinator_world()
    general = world.objectives[ObjectiveKind.GENERAL]
    ObjectiveRating.objects.create(
        objective=general, participant=world.bruno, status="achieved", comment="Bruno says yes."
    )
    client = client_for(world.coordinator)
    overview = client.get(reverse("evaluation_project", args=[world.hub.pk]))
    assert overview.status_code == 200
    html = overview.content.decode()
    assert "Bruno says yes." in html
    # The coordinator sees the private entry too: two entries serve objective 1.
    assert "2 entries" in html

    url = reverse("evaluation_objective", args=[world.hub.pk, general.number])
    form = client.get(url)
    assert form.status_code == 200 and "Bruno says yes." in form.content.decode()
    bad = client.post(url, {"status": "splendid", "summary": "x"})
    assert bad.status_code == 400 and not ObjectiveEvaluation.objects.exists()
    response = client.post(url, {"status": "achieved", "summary": "Reached by all four."})
    assert response.status_code == 302
    evaluation = ObjectiveEvaluation.objects.get(objective=general)
    assert (evaluation.status, evaluation.evaluated_by) == ("achieved", world.coordinator)
    client.post(url, {"status": "partly_achieved", "summary": "On second thoughts."})
    assert ObjectiveEvaluation.objects.get().status == "partly_achieved"


def test_only_the_projects_coordinators_and_superusers_evaluate():
    world = coordinator_world()
    other = coordinator_world("elsewhere")
    general = world.objectives[ObjectiveKind.GENERAL]
    urls = [
        reverse("evaluation_project", args=[world.hub.pk]),
        reverse("evaluation_objective", args=[world.hub.pk, general.number]),
    ]
    superuser = make_user("evaluation_root", is_superuser=True)
    for url in urls:
        assert client_for(superuser).get(url).status_code == 200
        for user in (other.coordinator, world.anna):
            assert client_for(user).get(url).status_code in (302, 404)
        response = client_for(other.coordinator).post(urls[1], {"status": "achieved"})
        assert response.status_code == 404
    assert not ObjectiveEvaluation.objects.exists()
    rating = ObjectiveRating.objects.create(
        objective=general, participant=world.anna, status="achieved"
    )
    ratings = reverse("objective_ratings:index")
    assert "evaluated_anna" not in client_for(other.coordinator).get(ratings).content.decode()
    assert "evaluated_anna" in client_for(world.coordinator).get(ratings).content.decode()
    # A guessed id of another project's rating opens nothing.
    inspect = reverse("objective_ratings:inspect", args=[rating.pk])
    assert "evaluated_anna" in client_for(world.coordinator).get(inspect).content.decode()
    for view in ("inspect", "history", "usage"):
        url = reverse(f"objective_ratings:{view}", args=[rating.pk])
        response = client_for(other.coordinator).get(url)
        assert response.status_code in (302, 403, 404)
        assert "evaluated_anna" not in response.content.decode()
    for view in ("edit", "delete"):
        url = reverse(f"objective_ratings:{view}", args=[rating.pk])
        assert client_for(world.coordinator).get(url).status_code in (302, 403, 404)
    assert ObjectiveRating.objects.get().status == "achieved"


def test_the_hub_and_the_api_show_public_evidence_and_the_evaluation(world):
    general = world.objectives[ObjectiveKind.GENERAL]
    ObjectiveEvaluation.objects.create(
        objective=general, status=EvaluationStatus.ACHIEVED, summary="All four & more."
    )
    ObjectiveRating.objects.create(
        objective=general, participant=world.anna, status="not_achieved", comment="Secret rating"
    )
    hub_html = client_for().get(world.hub.url).content.decode()
    assert "All four &amp; more." in hub_html
    assert "Secret rating" not in hub_html
    assert "1 piece of evidence" in hub_html

    response = client_for(world.coordinator).get(f"/api/v2/pages/{world.hub.pk}/")
    assert response.status_code == 200
    objectives = response.json()["objectives"]
    assert [objective["number"] for objective in objectives] == [1, 2, 3, 4, 5]
    assert objectives[0] == {
        "number": 1,
        "text": "Objective 1",
        "kind": "general",
        "evidence": 1,
        "evaluation": {"status": "achieved", "summary": "All four & more."},
    }
    # Bruno's English evidence is private: the API counts public evidence only.
    assert objectives[1]["evidence"] == 0 and objectives[1]["evaluation"] is None
    assert "Secret rating" not in response.content.decode()
    listing = client_for().get("/api/v2/pages/?type=home.MobilityProjectPage")
    assert "objectives" not in listing.json()["items"][0]


def test_the_overview_warns_of_objectives_without_evidence_during_the_mobility(world):
    today = timezone.localdate()
    type(world.hub).objects.filter(pk=world.hub.pk).update(
        start_date=today - datetime.timedelta(days=1), end_date=today + datetime.timedelta(days=5)
    )
    url = reverse("portfolios:project_overview", args=[world.hub.pk])
    html = client_for(world.coordinator).get(url).content.decode()
    assert "Objectives with no evidence yet" in html
    # Objective 1 has Anna's entry; objective 2 Bruno's private one, which the coordinator sees.
    warning = html.split("Objectives with no evidence yet")[1].split("</section>")[0]
    assert "Objective 3" in warning and "Objective 1" not in warning
    assert "Objective 2" not in warning

    type(world.hub).objects.filter(pk=world.hub.pk).update(
        start_date=datetime.date(2010, 10, 24), end_date=datetime.date(2010, 10, 30)
    )
    html = client_for(world.coordinator).get(url).content.decode()
    assert "Objectives with no evidence yet" not in html


def test_the_mobilitys_last_day_announces_the_rating_once_to_each_participant(world):
    def rated_reminders():
        rows = Reminder.objects.filter(kind=Kind.OBJECTIVES_RATING, project=world.hub)
        return sorted(row.recipient.username for row in rows)

    # The mobility ends on 30 October 2010; 18:00 in Riga is 15:00 UTC (summer time).
    with time_machine.travel(datetime.datetime(2010, 10, 30, 14, 59, tzinfo=datetime.UTC)):
        evaluate()
    assert rated_reminders() == []
    with time_machine.travel(datetime.datetime(2010, 10, 30, 15, 0, tzinfo=datetime.UTC)):
        evaluate()
    assert rated_reminders() == ["rating_anna", "rating_bruno"]
    with time_machine.travel(datetime.datetime(2010, 11, 2, 9, 0, tzinfo=datetime.UTC)):
        evaluate()
    assert rated_reminders() == ["rating_anna", "rating_bruno"]


def test_the_coordinators_digest_names_objectives_without_evidence_during_the_mobility(world):
    today = timezone.localdate()
    type(world.hub).objects.filter(pk=world.hub.pk).update(
        start_date=today - datetime.timedelta(days=1), end_date=today + datetime.timedelta(days=5)
    )
    world.hub.refresh_from_db()
    world.coordinator.email = "coordinator@example.org"
    world.coordinator.save()
    reminder = outbox.enqueue(
        Kind.COORDINATOR_DIGEST,
        world.coordinator,
        world.hub,
        period="this-week",
        project=world.hub,
        context={"week": "this-week", "new_entries": 0, "new_ideas": 0},
    )
    delivery.deliver([reminder.pk])
    (email,) = mail.outbox
    assert "Objectives with no evidence yet:\n- 3. Objective 3\n- 4. Objective 4" in email.body
    assert "- 1. Objective 1" not in email.body and "- 2. Objective 2" not in email.body


@pytest.mark.parametrize(("language", "achieved"), [("en", "Achieved"), ("lv", "Sasniegts")])
def test_the_founding_project_is_evaluated_with_evidence_on_its_hub_results_and_api(
    demo, language, achieved
):
    from dissemination.models import ResultsPage
    from home.models import MobilityProjectPage

    hub = MobilityProjectPage.objects.get(
        slug="latgale-florence-2010", locale__language_code=language
    )
    assert {objective.kind for objective in hub.objectives.all()} == set(ObjectiveKind) - {
        ObjectiveKind.GENERAL
    }
    client = client_for()
    hub_html = client.get(hub.url).content.decode()
    assert hub_html.count('class="objective__evaluation"') == 9
    assert "No public evidence yet." not in hub_html and "Publisku pierādījumu" not in hub_html
    assert achieved in hub_html

    objectives = client.get(f"/api/v2/pages/{hub.pk}/").json()["objectives"]
    assert [objective["number"] for objective in objectives] == list(range(1, 10))
    assert all(objective["evidence"] > 0 for objective in objectives)
    assert all(objective["evaluation"]["summary"] for objective in objectives)
    assert {objective["evaluation"]["status"] for objective in objectives} == {
        "achieved",
        "partly_achieved",
    }
    if language == "lv":
        assert "Apmeklētas trīs iestādes" in objectives[2]["evaluation"]["summary"]

    results = ResultsPage.objects.live().child_of(hub).get()
    results_html = client.get(results.url).content.decode()
    assert results_html.count('class="objective__evaluation"') == 9
    assert objectives[0]["evaluation"]["summary"] in results_html.replace("&#x27;", "'")
    # Four participants rated all nine objectives; no rating is public anywhere.
    for rating in ObjectiveRating.objects.filter(objective__page__slug=hub.slug)[:3]:
        assert rating.comment not in hub_html and rating.comment not in results_html
    assert ObjectiveRating.objects.filter(objective__page__slug=hub.slug).count() == 36
