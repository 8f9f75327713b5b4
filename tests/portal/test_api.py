"""The public Wagtail API v2 (/api/v2/pages/): who sees what, for every visibility level.

The API answers every request as it would an anonymous visitor. Each portfolio, entry and idea
below carries a canary title; a canary must reach the API's listing, detail, search, type filter
and child listing exactly when an anonymous visitor may open the page, whoever asks.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from core.models import ProjectMembership
from core.visibility import Visibility
from home.models import HomePage, MobilityProjectPage, ProjectIndexPage
from ideas import actions
from ideas.models import IdeaIndexPage, IdeaPage
from portfolios.models import PortfolioPage, ReflectionPage

LEVELS = [level.value for level in Visibility]
ASKERS = ["anonymous", "owner", "coordinator", "superuser"]


def make_idea(owner, title, visibility, project=None, propose=True, summary=None):
    """A published idea; ``propose`` takes it out of draft, as its author would."""
    idea = IdeaIndexPage.objects.first().add_child(
        instance=IdeaPage(
            title=title,
            summary=summary or f"Summary of {title}",
            owner=owner,
            visibility=visibility,
            project=project,
            programme="erasmus_ka2",
            budget="12500.00",
        )
    )
    idea.save_revision(user=owner).publish()
    idea = IdeaPage.objects.get(pk=idea.pk)
    if propose:
        actions.change_status(idea, owner, "proposed")
    return idea


@dataclass
class Matrix:
    users: dict
    # Canary title → (page, may an anonymous visitor see it?)
    pages: dict


def build_matrix() -> Matrix:
    """A portfolio at each level holding an entry at each level, an idea at each level, a
    draft idea marked public and an unpublished public entry in the public portfolio."""
    User = get_user_model()
    users = {
        "owner": User.objects.create_user("owner", password="pw", first_name="Anna"),
        "coordinator": User.objects.create_user("coordinator", password="pw"),
        "superuser": User.objects.create_superuser("root", password="pw"),
    }
    home = HomePage.objects.get(locale__language_code="en")
    projects = home.add_child(instance=ProjectIndexPage(title="Projects", slug="projects"))
    project = projects.add_child(
        instance=MobilityProjectPage(
            title="Florence",
            slug="florence",
            programme="Leonardo da Vinci",
            sending_institution_name="School",
            host_city="Florence",
            host_country="Italy",
            start_date=datetime.date(2010, 10, 24),
            end_date=datetime.date(2010, 10, 30),
        )
    )
    ProjectMembership.objects.create(
        project=project, user=users["owner"], role=ProjectMembership.Role.PARTICIPANT
    )
    ProjectMembership.objects.create(
        project=project, user=users["coordinator"], role=ProjectMembership.Role.COORDINATOR
    )
    pages = {}
    for portfolio_level in LEVELS:
        portfolio = project.add_child(
            instance=PortfolioPage(
                title=f"CANARY portfolio {portfolio_level}",
                slug=f"portfolio-{portfolio_level}",
                participant=users["owner"],
                institution="Daugavpils technical school",
                visibility=portfolio_level,
            )
        )
        pages[portfolio.title] = (portfolio, portfolio_level == "public")
        for entry_level in LEVELS:
            entry = portfolio.add_child(
                instance=ReflectionPage(
                    title=f"CANARY entry {entry_level} in {portfolio_level}",
                    slug=f"entry-{entry_level}",
                    date=datetime.date(2010, 10, 25),
                    visibility=entry_level,
                )
            )
            pages[entry.title] = (entry, portfolio_level == entry_level == "public")
    public_portfolio = pages["CANARY portfolio public"][0]
    unpublished = public_portfolio.add_child(
        instance=ReflectionPage(
            title="CANARY entry unpublished",
            slug="entry-unpublished",
            date=datetime.date(2010, 10, 26),
            visibility="public",
            live=False,
        )
    )
    pages[unpublished.title] = (unpublished, False)
    for level in LEVELS:
        idea = make_idea(users["owner"], f"CANARY idea {level}", level, project=project)
        pages[idea.title] = (idea, level == "public")
    draft = make_idea(users["owner"], "CANARY idea draft", "public", project=project, propose=False)
    pages[draft.title] = (draft, False)
    return Matrix(users, pages)


@pytest.fixture
def matrix(db):
    return build_matrix()


def ask_as(client, users, asker):
    if asker != "anonymous":
        client.force_login(users[asker])
    return client


def canaries(response):
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"] if "CANARY" in item["title"]}


def public_canaries(pages, model=Page):
    return {title for title, (page, public) in pages.items() if public and isinstance(page, model)}


@pytest.mark.parametrize("asker", ASKERS)
def test_listing_shows_exactly_what_anonymous_visitors_may_see(client, matrix, asker):
    client = ask_as(client, matrix.users, asker)
    listed = canaries(client.get("/api/v2/pages/?limit=20&offset=0"))
    listed |= canaries(client.get("/api/v2/pages/?limit=20&offset=20"))
    listed |= canaries(client.get("/api/v2/pages/?limit=20&offset=40"))
    assert (
        listed
        == public_canaries(matrix.pages)
        == {
            "CANARY portfolio public",
            "CANARY entry public in public",
            "CANARY idea public",
        }
    )


@pytest.mark.parametrize("asker", ["anonymous", "superuser"])
@pytest.mark.parametrize(
    "page_type, model",
    [
        ("portfolios.PortfolioPage", PortfolioPage),
        ("portfolios.EntryPage", ReflectionPage),
        ("portfolios.ReflectionPage", ReflectionPage),
        ("ideas.IdeaPage", IdeaPage),
        ("portfolios.PortfolioPage,ideas.IdeaPage", (PortfolioPage, IdeaPage)),
    ],
)
def test_type_filter_shows_only_public_pages(client, matrix, asker, page_type, model):
    client = ask_as(client, matrix.users, asker)
    listed = canaries(client.get(f"/api/v2/pages/?type={page_type}&limit=20"))
    assert listed == public_canaries(matrix.pages, model)


def test_ideas_listing_with_their_fields(client, matrix):
    response = client.get(
        "/api/v2/pages/?type=ideas.IdeaPage&fields=summary,status,programme,budget,tags,project"
    )
    items = [item for item in response.json()["items"] if "CANARY" in item["title"]]
    assert len(items) == 1
    idea = items[0]
    assert idea["summary"] == "Summary of CANARY idea public"
    assert idea["status"] == "proposed"
    assert idea["programme"] == "erasmus_ka2"
    assert idea["budget"] == "12500.00"
    assert idea["tags"] == []
    assert idea["project"]["id"] == matrix.pages["CANARY idea public"][0].project_id


def test_filtering_on_a_field_cannot_reach_hidden_ideas(client, matrix):
    listed = canaries(client.get("/api/v2/pages/?type=ideas.IdeaPage&status=draft"))
    assert listed == set()
    listed = canaries(client.get("/api/v2/pages/?type=ideas.IdeaPage&status=proposed"))
    assert listed == {"CANARY idea public"}


@pytest.mark.parametrize("asker", ASKERS)
def test_detail_is_404_for_every_hidden_page(client, matrix, asker):
    client = ask_as(client, matrix.users, asker)
    for title, (page, public) in matrix.pages.items():
        response = client.get(f"/api/v2/pages/{page.pk}/")
        assert response.status_code == (200 if public else 404), title
        if public:
            assert response.json()["title"] == title
        else:
            assert title not in response.content.decode()


def test_detail_of_a_public_idea_and_entry(client, matrix):
    idea = matrix.pages["CANARY idea public"][0]
    data = client.get(f"/api/v2/pages/{idea.pk}/").json()
    assert data["meta"]["type"] == "ideas.IdeaPage"
    assert data["summary"] == "Summary of CANARY idea public"
    assert data["support_count"] == 0
    assert "owner" not in data and "co_authors" not in data and "visibility" not in data

    entry = matrix.pages["CANARY entry public in public"][0]
    data = client.get(f"/api/v2/pages/{entry.pk}/").json()
    assert data["date"] == "2010-10-25"
    assert data["meta"]["parent"]["title"] == "CANARY portfolio public"


def test_parent_of_a_page_under_a_hidden_page_is_not_shown(client, matrix):
    """A public idea's parent is shown; the parent field never names a hidden page."""
    portfolio = matrix.pages["CANARY portfolio public"][0]
    data = client.get(f"/api/v2/pages/{portfolio.pk}/").json()
    assert data["meta"]["parent"]["title"] == "Florence"
    assert data["institution"] == "Daugavpils technical school"
    assert "participant" not in data


@pytest.mark.parametrize("asker", ASKERS)
def test_search_never_finds_hidden_pages(client, matrix, asker):
    client = ask_as(client, matrix.users, asker)
    found = canaries(client.get("/api/v2/pages/?search=CANARY&limit=20"))
    assert found == public_canaries(matrix.pages)
    for level in ("private", "project", "registered", "draft"):
        found = canaries(client.get(f"/api/v2/pages/?type=ideas.IdeaPage&search=idea {level}"))
        assert found <= {"CANARY idea public"}, level


@pytest.mark.parametrize("asker", ["anonymous", "owner"])
def test_child_listing_of_a_portfolio(client, matrix, asker):
    client = ask_as(client, matrix.users, asker)
    public = matrix.pages["CANARY portfolio public"][0]
    listed = canaries(client.get(f"/api/v2/pages/?child_of={public.pk}"))
    assert listed == {"CANARY entry public in public"}
    for level in ("private", "project", "registered"):
        hidden = matrix.pages[f"CANARY portfolio {level}"][0]
        response = client.get(f"/api/v2/pages/?child_of={hidden.pk}")
        assert response.status_code == 400
        assert "CANARY" not in response.content.decode()
        response = client.get(f"/api/v2/pages/?descendant_of={hidden.pk}")
        assert response.status_code == 400


def test_find_by_path_does_not_reach_hidden_pages(client, matrix):
    for title, (page, public) in matrix.pages.items():
        if not page.live:
            continue
        response = client.get(f"/api/v2/pages/find/?html_path={page.url}")
        assert response.status_code == (302 if public else 404), title


def test_no_images_or_documents_endpoint(client, db):
    assert client.get("/api/v2/images/").status_code == 404
    assert client.get("/api/v2/documents/").status_code == 404


def test_the_api_cannot_write(client, matrix):
    client.force_login(matrix.users["superuser"])
    idea = matrix.pages["CANARY idea public"][0]
    response = client.post("/api/v2/pages/", {"title": "New"})
    assert response.status_code == 405
    response = client.delete(f"/api/v2/pages/{idea.pk}/")
    assert response.status_code == 405
    assert IdeaPage.objects.filter(pk=idea.pk).exists()


def test_demo_content_through_the_api(client, demo):
    """Every page the founding project shows through the API opens, with its body; the
    portfolios listed are exactly the public ones."""
    listed = []
    for offset in range(0, 200, 20):
        items = client.get(f"/api/v2/pages/?limit=20&offset={offset}").json()["items"]
        listed += items
    assert len(listed) < 200
    for item in listed:
        response = client.get(f"/api/v2/pages/{item['id']}/")
        assert response.status_code == 200, item
    portfolios = {
        item["id"] for item in listed if item["meta"]["type"] == "portfolios.PortfolioPage"
    }
    assert portfolios == set(
        PortfolioPage.objects.live().filter(visibility="public").values_list("pk", flat=True)
    )
    assert PortfolioPage.objects.exclude(visibility="public").exists()
