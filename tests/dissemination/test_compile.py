"""Compiling a results page: every section from known data, editors' fields kept, no new
revision when nothing changed, and one compile at a time.

The world: the Florence hub with three objectives; Anna (public portfolio, public practice log)
with one public entry of each type, Bob (public portfolio, private log) with a public reflection,
and Carl (a private portfolio, with public entries and a public log inside it). Anything not
public carries the word "canary" and appears in no figure; ``test_results_canaries`` goes
through every surface.
"""

import datetime
import threading

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Revision

from core.visibility import Visibility
from dissemination.compile import build_sections, compile_results, ensure_results_page
from dissemination.compile import run as compiling
from dissemination.models import DisseminationActivity, ResultsCompile, ResultsPage
from home.models import ProjectObjective
from ideas.models import IdeaStatus
from portfolios.models import (
    Competence,
    HostInstitution,
    InstitutionVisitPage,
    LabourMarketComparison,
    LessonObservationPage,
    PortfolioPage,
    PracticeLogEntry,
    ReflectionPage,
    SelfAssessment,
    SeminarNotePage,
)
from tests.factories import make_idea, make_project, make_user

pytestmark = pytest.mark.django_db

DAY = datetime.date(2010, 10, 24)
PUBLIC = Visibility.PUBLIC


def add_entry(portfolio, model, publish=True, **fields):
    fields.setdefault("slug", fields["title"].lower().replace(" ", "-").replace(":", ""))
    fields.setdefault("date", DAY)
    fields.setdefault("visibility", PUBLIC)
    entry = model(owner=portfolio.participant, **fields)
    portfolio.add_child(instance=entry)
    if publish:
        entry.save_revision(user=portfolio.participant).publish(skip_permission_checks=True)
    else:
        entry.live = False
        entry.save(update_fields=["live"])
        entry.save_revision(user=portfolio.participant)
    return entry


def add_portfolio(hub, user, title, visibility, log_visibility, assessments):
    portfolio = PortfolioPage(
        title=title,
        slug=title.lower().split()[0],
        participant=user,
        owner=user,
        role="Teacher",
        visibility=visibility,
        practice_log_visibility=log_visibility,
    )
    portfolio.self_assessments = [
        SelfAssessment(competence=competence, level_before=before, level_after=after)
        for competence, before, after in assessments
    ]
    hub.add_child(instance=portfolio)
    portfolio.save_revision(user=user).publish(skip_permission_checks=True)
    return portfolio


def log(portfolio, day, minutes, skill):
    PracticeLogEntry.objects.create(
        portfolio=portfolio,
        date=DAY + datetime.timedelta(days=day),
        minutes=minutes,
        skill=skill,
        activity=PracticeLogEntry.Activity.CONVERSATION,
        level="B1",
    )


def build_world():
    """The known data of this file's docstring; returns a dict of what the tests look at."""
    coordinator = make_user("coordinator", first_name="Inta")
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    anna_user, bob_user, carl_user = (
        make_user(name, first_name=name.title()) for name in ("anna", "bob", "carl")
    )
    for user in (anna_user, bob_user, carl_user):
        user.groups.add(Group.objects.get(name="Participants"))
    hub = make_project(
        "florence", coordinator=coordinator, members=[anna_user, bob_user, carl_user]
    )
    hub.budget_eur = "23450.00"
    hub.save()
    objectives = {
        n: ProjectObjective.objects.create(page=hub, number=n, text=f"Objective {n} text")
        for n in (1, 2, 3)
    }
    skills_a = Competence.objects.create(name="Quality management")
    skills_b = Competence.objects.create(name="Project design")
    host = HostInstitution.objects.create(name="Istituto Demo", city="Florence", country="Italy")
    hidden_host = HostInstitution.objects.create(
        name="Canary Institute", city="Siena", country="Italy"
    )

    anna = add_portfolio(
        hub, anna_user, "Anna Kalnina", PUBLIC, PUBLIC, [(skills_a, 2, 4), (skills_b, 3, None)]
    )
    bob = add_portfolio(hub, bob_user, "Bob Ozols", PUBLIC, Visibility.PRIVATE, [(skills_a, 3, 5)])
    carl = add_portfolio(
        hub, carl_user, "Carl Canary", Visibility.PRIVATE, PUBLIC, [(skills_a, 1, 1)]
    )

    seminar = add_entry(
        anna,
        SeminarNotePage,
        title="Seminar on quality",
        seminar_title="Quality assurance in Italian VET",
        organiser="Regional office",
        objectives=[objectives[1]],
    )
    lesson = add_entry(
        anna,
        LessonObservationPage,
        title="Observed lesson",
        subject="Mechanics",
        host_institution=host,
        objectives=[objectives[1], objectives[2]],
    )
    visit = add_entry(
        anna,
        InstitutionVisitPage,
        title="Visit to the Istituto",
        host_institution=host,
        objectives=[objectives[2]],
        labour_market_rows=[
            LabourMarketComparison(
                occupation="CNC operator",
                host_requirement="CAD/CAM",
                home_requirement="Basic CNC",
                implication="Add a CAD/CAM module",
            ),
            LabourMarketComparison(
                occupation="Welder", host_requirement="EN ISO 9606", home_requirement="Local"
            ),
        ],
    )
    older = add_entry(
        anna,
        ReflectionPage,
        title="First day",
        body=[("text", "<p>Speaking English all day was tiring.</p>")],
    )
    newest = add_entry(
        anna,
        ReflectionPage,
        title="Last day",
        date=DAY + datetime.timedelta(days=6),
        body=[("text", "<p>We will <b>start</b> a yearly self-evaluation.</p>")],
    )
    bob_quote = add_entry(
        bob,
        ReflectionPage,
        title="Bob reflects",
        date=DAY + datetime.timedelta(days=3),
        body=[("quote", {"quote": "Employers sit on school boards here.", "source": "Host"})],
        objectives=[objectives[3]],
    )
    canaries = [
        add_entry(
            anna,
            ReflectionPage,
            title="Canary project entry",
            visibility=Visibility.PROJECT,
            body=[("text", "<p>canary project text</p>")],
            objectives=[objectives[3]],
        ),
        add_entry(
            anna,
            SeminarNotePage,
            title="Canary registered entry",
            seminar_title="Canary seminar",
            visibility=Visibility.REGISTERED,
            objectives=[objectives[1]],
        ),
        add_entry(
            anna,
            LessonObservationPage,
            title="Canary private entry",
            subject="Canary subject",
            host_institution=hidden_host,
            visibility=Visibility.PRIVATE,
            objectives=[objectives[2]],
        ),
        add_entry(
            anna,
            ReflectionPage,
            title="Canary draft entry",
            date=DAY + datetime.timedelta(days=9),
            body=[("text", "<p>canary draft text</p>")],
            publish=False,
        ),
        add_entry(
            carl,
            InstitutionVisitPage,
            title="Canary visit in a private portfolio",
            host_institution=hidden_host,
            labour_market_rows=[
                LabourMarketComparison(
                    occupation="Canary occupation",
                    host_requirement="canary",
                    home_requirement="canary",
                    implication="canary implication",
                )
            ],
            objectives=[objectives[1]],
        ),
        add_entry(
            carl,
            ReflectionPage,
            title="Canary reflection in a private portfolio",
            date=DAY + datetime.timedelta(days=8),
            body=[("text", "<p>canary private portfolio words</p>")],
        ),
    ]
    log(anna, 0, 30, "listening")
    log(anna, 0, 60, "reading")
    log(anna, 1, 45, "listening")
    log(bob, 0, 600, "writing")
    log(carl, 2, 500, "writing")

    idea = make_idea(
        anna_user,
        title="Yearly self-evaluation with employers",
        project=hub,
        status=IdeaStatus.PROPOSED,
    )
    idea.inspired_by = [seminar, canaries[1]]
    idea.save_revision().publish()
    funded = make_idea(bob_user, title="Mechatronics pathway", project=hub, status="funded")
    canary_ideas = [
        make_idea(anna_user, title="Canary private idea", project=hub, visibility="private"),
        make_idea(anna_user, title="Canary draft idea", project=hub, status=IdeaStatus.DRAFT),
        make_idea(anna_user, title="Canary project idea", project=hub, visibility="project"),
    ]
    canary_ideas[0].inspired_by = [seminar]
    canary_ideas[0].save_revision().publish()
    elsewhere = make_project("lyon")
    make_idea(anna_user, title="Canary idea of another project", project=elsewhere)

    page = ensure_results_page(hub)
    return {
        "hub": hub,
        "page": page,
        "coordinator": coordinator,
        "users": {"anna": anna_user, "bob": bob_user, "carl": carl_user},
        "portfolios": {"anna": anna, "bob": bob, "carl": carl},
        "entries": {
            "seminar": seminar,
            "lesson": lesson,
            "visit": visit,
            "older": older,
            "newest": newest,
            "bob_quote": bob_quote,
        },
        "canaries": canaries,
        "ideas": {"proposed": idea, "funded": funded},
        "canary_ideas": canary_ideas,
        "objectives": objectives,
    }


@pytest.fixture
def world():
    return build_world()


def test_the_glance_has_the_hubs_facts_and_only_public_participants(world):
    glance = build_sections(world["hub"])["glance"]
    assert glance["start_date"] == "2010-10-24"
    assert glance["end_date"] == "2010-10-30"
    assert glance["duration_days"] == 7
    assert glance["budget_eur"] == "23450.00"
    assert glance["programme"] == "Leonardo da Vinci"
    assert glance["participant_count"] == 3
    assert [p["name"] for p in glance["participants"]] == ["Anna Kalnina", "Bob Ozols"]
    assert glance["participants"][0]["url"] == "/projects/florence/anna/"
    assert [h["name"] for h in glance["host_institutions"]] == ["Istituto Demo"]


def test_each_objective_counts_and_links_its_public_evidence(world):
    objectives = {o["number"]: o for o in build_sections(world["hub"])["objectives"]}
    assert [o["text"] for o in objectives.values()] == [
        "Objective 1 text",
        "Objective 2 text",
        "Objective 3 text",
    ]
    assert objectives[1]["entry_count"] == 2
    assert {e["title"] for e in objectives[1]["entries"]} == {
        "Seminar on quality",
        "Observed lesson",
    }
    assert objectives[2]["entry_count"] == 2
    assert objectives[3]["entry_count"] == 1
    assert objectives[3]["entries"][0]["url"] == "/projects/florence/bob/bob-reflects/"
    # The public idea inspired by the seminar serves objective 1; the private one does not count.
    assert objectives[1]["idea_count"] == 1
    assert [i["title"] for i in objectives[1]["ideas"]] == ["Yearly self-evaluation with employers"]
    assert objectives[2]["idea_count"] == objectives[3]["idea_count"] == 0


def test_competence_growth_averages_and_distribution_come_from_public_portfolios(world):
    rows = {row["competence"]: row for row in build_sections(world["hub"])["competences"]}
    quality = rows["Quality management"]
    assert quality["participants"] == 2
    assert quality["average_before"] == 2.5
    assert quality["average_after"] == 4.5
    assert quality["distribution"] == {"before": [0, 1, 1, 0, 0], "after": [0, 0, 0, 1, 1]}
    design = rows["Project design"]
    assert design["average_after"] is None
    assert design["assessed_after"] == 0
    assert design["distribution"]["before"] == [0, 0, 1, 0, 0]


def test_english_practice_adds_up_public_logs_of_public_portfolios_only(world):
    practice = build_sections(world["hub"])["practice"]
    assert practice["total_minutes"] == 135
    assert practice["participants"] == 1
    by_skill = {row["skill"]: row["minutes"] for row in practice["by_skill"]}
    assert by_skill == {
        "listening": 75,
        "reading": 60,
        "spoken_interaction": 0,
        "spoken_production": 0,
        "writing": 0,
    }
    assert practice["by_day"] == [
        {"date": "2010-10-24", "minutes": 90},
        {"date": "2010-10-25", "minutes": 45},
    ]


def test_activities_ideas_and_quotes(world):
    sections = build_sections(world["hub"])
    assert sections["seminars"]["count"] == 1
    assert sections["seminars"]["items"][0]["seminar_title"] == "Quality assurance in Italian VET"
    assert [n["title"] for n in sections["seminars"]["notes"]] == ["Seminar on quality"]
    assert sections["observations"]["count"] == 1
    assert sections["observations"]["items"][0]["host"] == "Istituto Demo"
    visits = sections["visits"]
    assert visits["count"] == 1
    assert visits["institutions"] == [
        {
            "host_institution__name": "Istituto Demo",
            "host_institution__city": "Florence",
            "reports": 1,
            # Which reports it counted, so that it leaves the page with the last of them.
            "entries": [world["entries"]["visit"].pk],
        }
    ]
    assert visits["highlight_count"] == 1
    assert visits["highlights"][0]["implication"] == "Add a CAD/CAM module"
    assert visits["highlights"][0]["url"] == "/projects/florence/anna/visit-to-the-istituto/"
    ideas = sections["ideas"]
    assert ideas["count"] == 2
    assert [(row["status"], row["count"]) for row in ideas["by_status"]] == [
        ("proposed", 1),
        ("funded", 1),
    ]
    # Each participant's newest public reflection, newest first, as plain text.
    assert [(q["author"], q["text"]) for q in sections["quotes"]] == [
        ("Anna Kalnina", "We will start a yearly self-evaluation."),
        ("Bob Ozols", "Employers sit on school boards here."),
    ]


def test_an_excluded_quote_gives_way_to_the_participants_next_reflection(world):
    newest = world["entries"]["newest"]
    quotes = build_sections(world["hub"], excluded_quotes=[newest.pk])["quotes"]
    assert [(q["author"], q["text"]) for q in quotes] == [
        ("Bob Ozols", "Employers sit on school boards here."),
        ("Anna Kalnina", "Speaking English all day was tiring."),
    ]


def test_compile_writes_a_draft_revision_and_never_publishes(world):
    page = world["page"]
    outcome = compile_results(page.pk)
    assert outcome.state == "compiled"
    page.refresh_from_db()
    assert not page.live
    assert page.compiled == {}  # the page row holds the published content: none yet
    revision = Revision.objects.get(pk=outcome.revision_id)
    draft = revision.as_object()
    assert draft.compiled["practice"]["total_minutes"] == 135
    status = ResultsCompile.objects.get(page=page)
    assert status.state == "compiled"
    assert status.revision_id == revision.pk
    assert status.succeeded_at is not None


def test_editor_fields_survive_recompiles(world):
    page = world["page"]
    compile_results(page.pk)
    draft = page.get_latest_revision_as_object()
    draft.introduction = "<p>Our editors' introduction</p>"
    draft.conclusions = "<p>What we conclude</p>"
    draft.dissemination_log = [
        DisseminationActivity(date=DAY, event="Regional conference", audience="VET teachers")
    ]
    draft.save_revision()

    # New public material arrives, and the compile runs again.
    log(world["portfolios"]["anna"], 2, 15, "writing")
    outcome = compile_results(page.pk)
    assert outcome.state == "compiled"
    draft = ResultsPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.introduction == "<p>Our editors' introduction</p>"
    assert draft.conclusions == "<p>What we conclude</p>"
    assert [a.event for a in draft.dissemination_log.all()] == ["Regional conference"]
    assert draft.compiled["practice"]["total_minutes"] == 150


def test_compiling_again_with_nothing_changed_makes_no_revision(world):
    page = world["page"]
    assert compile_results(page.pk).state == "compiled"
    revisions = Revision.objects.filter(object_id=str(page.pk)).count()
    outcome = compile_results(page.pk)
    assert outcome.state == "unchanged"
    assert Revision.objects.filter(object_id=str(page.pk)).count() == revisions
    assert ResultsCompile.objects.get(page=page).state == "unchanged"


def test_a_compile_while_another_runs_says_so_and_writes_nothing(world):
    page = world["page"]
    assert compiling.claim(page.pk)
    revisions = Revision.objects.filter(object_id=str(page.pk)).count()
    outcome = compile_results(page.pk)
    assert outcome.state == "busy"
    assert "already running" in outcome.message
    assert Revision.objects.filter(object_id=str(page.pk)).count() == revisions
    assert ResultsCompile.objects.get(page=page).state == "running"


def test_a_claim_left_by_a_dead_worker_expires(world):
    page = world["page"]
    assert compiling.claim(page.pk)
    ResultsCompile.objects.filter(page=page).update(
        started_at=datetime.datetime(2010, 1, 1, tzinfo=datetime.UTC)
    )
    assert compile_results(page.pk).state == "compiled"


@pytest.mark.django_db(transaction=True)
def test_two_compiles_at_once_never_interleave(monkeypatch, django_db_serialized_rollback):
    """Two threads, each with its own database connection, compile the same page: the second
    finds the first holding the lock."""
    world = build_world()
    page = world["page"]
    inside, release = threading.Event(), threading.Event()
    real_build = compiling.build_sections

    def slow_build(*args, **kwargs):
        inside.set()
        release.wait(10)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(compiling, "build_sections", slow_build)
    outcomes = {}

    def first():
        from django.db import connection

        try:
            outcomes["first"] = compile_results(page.pk)
        finally:
            connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    assert inside.wait(10)
    outcomes["second"] = compile_results(page.pk)
    release.set()
    thread.join(20)
    assert outcomes["second"].state == "busy"
    assert outcomes["first"].state == "compiled"
    assert Revision.objects.filter(object_id=str(page.pk)).count() == 2


def test_a_failing_compile_is_recorded_and_releases_the_lock(world, monkeypatch):
    page = world["page"]

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(compiling, "build_sections", broken)
    assert compile_results(page.pk).state == "failed"
    status = ResultsCompile.objects.get(page=page)
    assert status.state == "failed"
    assert "worker's log" in status.message
    monkeypatch.undo()
    assert compile_results(page.pk).state == "compiled"
