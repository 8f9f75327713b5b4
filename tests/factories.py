"""Builders of test data shared by several test files.

``make_idea`` goes through Wagtail's own ``add_child`` and publishing, exactly as the admin does.
``bulk_ideas`` writes thousands of ideas at once for the query-count tests: the page rows with
``bulk_create`` (paths from ``core.tree.child_path``) and each idea's own row with
``save_base(raw=True)``, the way ``loaddata`` saves a child table without its parent's.
"""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.models import ProjectMembership
from core.tree import child_path
from core.visibility import Visibility
from home.models import HomePage, MobilityProjectPage, ProjectIndexPage
from ideas import actions
from ideas.models import IdeaIndexPage, IdeaPage, IdeaStatus, IdeaTag

_numbers = itertools.count(1)


def make_user(username=None, **extra):
    username = username or f"user{next(_numbers)}"
    return get_user_model().objects.create_user(username, password="pw", **extra)


def far_project():
    """A second project beside the demo's, "Elsewhere": a participant and a coordinator (each in
    their group) and the participant's portfolio, private as every portfolio starts."""
    from django.contrib.auth.models import Group

    from portfolios.models import PortfolioPage

    participant = make_user("far_participant")
    participant.groups.add(Group.objects.get(name="Participants"))
    coordinator = make_user("far_coordinator")
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    hub = make_project("elsewhere", coordinator=coordinator, members=[participant])
    portfolio = hub.add_child(
        instance=PortfolioPage(title="Far away", slug="far-away", participant=participant)
    )
    return hub, portfolio


def idea_index():
    index = IdeaIndexPage.objects.first()
    if index is None:
        home = HomePage.objects.get(locale__language_code="en")
        index = home.add_child(instance=IdeaIndexPage(title="Ideas", slug="ideas"))
    return index


def make_project(slug="florence", coordinator=None, members=()):
    home = HomePage.objects.get(locale__language_code="en")
    projects = ProjectIndexPage.objects.first() or home.add_child(
        instance=ProjectIndexPage(title="Projects", slug="projects")
    )
    project = projects.add_child(
        instance=MobilityProjectPage(
            title=slug.title(),
            slug=slug,
            programme="Leonardo da Vinci",
            sending_institution_name="School",
            host_city="Florence",
            host_country="Italy",
            start_date=datetime.date(2010, 10, 24),
            end_date=datetime.date(2010, 10, 30),
        )
    )
    if coordinator is not None:
        ProjectMembership.objects.create(
            project=project, user=coordinator, role=ProjectMembership.Role.COORDINATOR
        )
    for member in members:
        ProjectMembership.objects.create(
            project=project, user=member, role=ProjectMembership.Role.PARTICIPANT
        )
    return project


def route_to(status):
    """The statuses an idea passes through, after draft, to reach ``status``."""
    s = IdeaStatus
    main = [s.PROPOSED, s.UNDER_REVIEW, s.SHORTLISTED, s.IN_APPLICATION]
    if status in main:
        return main[: main.index(status) + 1]
    if status == s.ARCHIVED:
        return [*main, s.FUNDED, s.ARCHIVED]
    if status in (s.FUNDED, s.NOT_FUNDED):
        return [*main, status]
    return []


def make_idea(owner, title=None, status=IdeaStatus.PROPOSED, tags=(), co_authors=(), **fields):
    """A published idea, moved along its path to ``status`` by its owner and a superuser."""
    number = next(_numbers)
    fields.setdefault("summary", f"Summary of idea {number}")
    fields.setdefault("visibility", Visibility.PUBLIC)
    idea = IdeaPage(title=title or f"Idea {number}", slug=f"idea-{number}", owner=owner, **fields)
    idea.co_authors = list(co_authors)
    idea_index().add_child(instance=idea)
    for tag in tags:
        idea.tags.add(tag)
    idea.save_revision(user=owner).publish()
    idea = IdeaPage.objects.get(pk=idea.pk)
    if status != IdeaStatus.DRAFT:
        referee = get_user_model().objects.filter(is_superuser=True).first() or make_user(
            f"referee{number}", is_superuser=True
        )
        for target in route_to(status):
            actions.change_status(idea, owner if target == "proposed" else referee, target)
    idea.refresh_from_db()
    return idea


def bulk_ideas(count, owner, tags=("metalwork", "quality", "english"), project=None):
    """``count`` live ideas under the index, in every status and visibility level in turn.

    Every idea is tagged with one of ``tags`` in turn and every third also "exchange"; its
    title and summary mention "teachers".
    """
    index = idea_index()
    start = index.numchild + 1
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import Tag

    content_type = ContentType.objects.get_for_model(IdeaPage)
    statuses = list(IdeaStatus.values)
    levels = list(Visibility.values)
    now = timezone.now()
    pages = []
    for offset in range(count):
        number = start + offset
        status = statuses[offset % len(statuses)]
        visibility = levels[(offset // len(statuses)) % len(levels)]
        idea = IdeaPage(
            title=f"Bulk idea {number} for teachers",
            draft_title=f"Bulk idea {number} for teachers",
            slug=f"bulk-idea-{number}",
            content_type=content_type,
            path=child_path(index, number),
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}bulk-idea-{number}/",
            locale_id=index.locale_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now - timezone.timedelta(days=offset % 800),
            last_published_at=now,
            owner=owner,
            summary=f"Summary {number}: an exchange of teachers",
            programme=["erasmus_ka1", "erasmus_ka2", "esf", "erdf", "national", "other"][
                offset % 6
            ],
            budget=1000 + offset,
            status=status,
            visibility=visibility,
            effective_visibility=Visibility.PRIVATE if status == "draft" else visibility,
            support_count=offset % 7,
            project=project,
        )
        idea.search_text = f"{idea.title}\n{idea.summary}"
        pages.append(idea)
    from wagtail.models import Page

    base_rows = Page.objects.bulk_create(
        [
            Page(**{f.attname: getattr(idea, f.attname) for f in Page._meta.concrete_fields})
            for idea in pages
        ],
        batch_size=500,
    )
    for idea, row in zip(pages, base_rows, strict=True):
        idea.page_ptr_id = idea.pk = row.pk
        idea.save_base(raw=True)
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + count)
    index.numchild += count

    tag_rows = {
        name: Tag.objects.get_or_create(name=name, defaults={"slug": name})[0]
        for name in (*tags, "exchange")
    }
    IdeaTag.objects.bulk_create(
        [
            IdeaTag(content_object_id=idea.pk, tag=tag_rows[tags[offset % len(tags)]])
            for offset, idea in enumerate(pages)
        ]
        + [
            IdeaTag(content_object_id=idea.pk, tag=tag_rows["exchange"])
            for offset, idea in enumerate(pages)
            if offset % 3 == 0
        ],
        batch_size=1000,
    )
    return pages
