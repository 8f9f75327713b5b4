"""Ideas for future projects: one at a time through Wagtail, as the admin writes them, or
thousands at once for the query-count tests.

``IdeaPageFactory`` adds the idea with ``add_child``, tags it, publishes a revision and then moves
it along its path to ``status`` through ``ideas.actions``, its owner proposing and a superuser
deciding; ``supporters`` then support it through the same actions. ``bulk_ideas`` writes the page
rows with ``bulk_create`` (paths from ``core.tree.child_path``) and each idea's own row with
``save_base(raw=True)``, the way ``loaddata`` saves a child table without its parent's.
"""

import factory
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page
from wagtail_factories import PageFactory

from core.tree import child_path
from core.visibility import Visibility
from ideas import actions
from ideas.models import IdeaIndexPage, IdeaPage, IdeaStatus, IdeaTag

from .home import home_page
from .numbering import next_number
from .users import UserFactory


class IdeaIndexPageFactory(PageFactory):
    title = "Ideas"
    slug = "ideas"
    parent = factory.LazyFunction(home_page)

    class Meta:
        model = IdeaIndexPage


def idea_index():
    """The site's one list of ideas, made on first use."""
    return IdeaIndexPage.objects.first() or IdeaIndexPageFactory()


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


class IdeaPageFactory(PageFactory):
    """A published idea; ``status`` is where it ends up, not a field written directly."""

    title = factory.LazyAttribute(lambda idea: f"Idea {idea.number}")
    slug = factory.LazyAttribute(lambda idea: f"idea-{idea.number}")
    summary = factory.LazyAttribute(lambda idea: f"Summary of idea {idea.number}")
    visibility = Visibility.PUBLIC
    owner = factory.SubFactory(UserFactory)
    parent = factory.LazyFunction(idea_index)

    # Names the idea (and the referee made for it, should there be no superuser yet).
    number = factory.LazyFunction(next_number)

    class Meta:
        model = IdeaPage
        skip_postgeneration_save = True

    @classmethod
    def _build(cls, model_class, *args, number, **kwargs):
        return super()._build(model_class, *args, **kwargs)

    @classmethod
    def _create(cls, model_class, *args, number, **kwargs):
        idea = super()._create(model_class, *args, **kwargs)
        idea._factory_number = number
        return idea

    @factory.post_generation
    def tags(idea, create, names, **kwargs):
        for name in names or ():
            idea.tags.add(name)

    @factory.post_generation
    def published(idea, create, extracted, **kwargs):
        if create and extracted is not False:
            idea.save_revision(user=idea.owner).publish()

    @factory.post_generation
    def status(idea, create, target, **kwargs):
        if not create:
            return
        target = IdeaStatus.PROPOSED if target is None else target
        fresh = IdeaPage.objects.get(pk=idea.pk)
        if target != IdeaStatus.DRAFT:
            referee = get_user_model().objects.filter(is_superuser=True).first() or UserFactory(
                username=f"referee{idea._factory_number}", is_superuser=True
            )
            for step in route_to(target):
                actions.change_status(fresh, idea.owner if step == "proposed" else referee, step)
        idea.refresh_from_db()

    @factory.post_generation
    def supporters(idea, create, users, **kwargs):
        for user in users if create and users else ():
            actions.support(idea, user)
        if create and users:
            idea.refresh_from_db()


def make_idea(owner, title=None, status=IdeaStatus.PROPOSED, tags=(), co_authors=(), **fields):
    """A published idea, moved along its path to ``status`` by its owner and a superuser."""
    if title is not None:
        fields["title"] = title
    idea = IdeaPageFactory(
        owner=owner, status=status, tags=list(tags), co_authors=list(co_authors), **fields
    )
    return IdeaPage.objects.get(pk=idea.pk)


def bulk_ideas(count, owner, tags=("metalwork", "quality", "english"), project=None):
    """``count`` live ideas under the index, in every status and visibility level in turn.

    Every idea is tagged with one of ``tags`` in turn and every third also "exchange"; its
    title and summary mention "teachers".
    """
    index = idea_index()
    start = index.numchild + 1
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
