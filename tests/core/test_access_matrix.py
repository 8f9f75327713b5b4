"""Who sees what, on every surface at once: an access matrix generated from one table.

The world (built once per test database, see ``canary_world``) holds, for each visibility level
(private, project, registered, public), one participant's material at that level: a portfolio
(its bio), an entry (title, body, tag, a comment from the coordinator), an image and a document
in that entry (title, file name, tag), the practice log (a note), and an idea (title, summary, tag,
a comment). Each of those places carries its own canary string. Besides, a public idea has an
unpublished draft title and the public portfolio an unpublished entry: drafts are their authors'.

``SURFACES`` is the table: one row per address the project adds or configures, public and
admin, pages and outputs (PDFs, ZIPs, CSVs, spreadsheets, feeds, the sitemap, both APIs, share
links, the results page and its files). A row names how to build its address, which of the
world's canary-bearing objects it targets (if any), what status the visibility rule says each
reader gets, and whose eyes decide what it may show (the reader's own, or an anonymous visitor's
for the public outputs that answer everybody alike). Adding a surface means adding a row.

Every row is read by every role at every level: anonymous, a regional teacher (logged in,
member of nothing), a participant of another project, a participant of this project, the
material's owner, the project's coordinator, an editor and a superuser. A cell fails if the
answer is a server error, if its status is not the one the row expects, or if the body holds the
canary of anything the visibility rule (``core.visibility``: ``can_view`` and
``owns_or_coordinates``) hides from whoever decides. Bodies are read as text; PDFs through
``pdftotext``; ZIPs (and spreadsheets, which are ZIPs) member by member, names included.
"""

from __future__ import annotations

import datetime
import io
import re
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from core.visibility import Visibility, can_view, owns_or_coordinates
from tests.portfolios.test_downloads import pdf_text

LEVELS = [level.value for level in Visibility]
ROLES = [
    "anonymous",
    "regional_teacher",
    "other_project_participant",
    "project_participant",
    "owner",
    "coordinator",
    "editor",
    "superuser",
]
PREFIX = "kanarin"


def squash(text: str) -> str:
    """Lower case, letters and digits only: a canary is found however a surface spells it (a
    tag's slug, a file name, a word broken over two lines of a PDF)."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


@dataclass(frozen=True)
class Canary:
    text: str
    level: str
    # Who may read it: a question to core.visibility about the object it belongs to.
    may_see: Callable = field(compare=False, repr=False)

    @property
    def key(self):
        return squash(self.text)


def canary_text(kind, level, where):
    return f"{PREFIX} {kind} {level} {where}"


@dataclass
class World:
    hub: object = None
    far_hub: object = None
    users: dict = field(default_factory=dict)
    owners: dict = field(default_factory=dict)
    portfolios: dict = field(default_factory=dict)
    entries: dict = field(default_factory=dict)
    ideas: dict = field(default_factory=dict)
    images: dict = field(default_factory=dict)
    documents: dict = field(default_factory=dict)
    renditions: dict = field(default_factory=dict)
    share_links: dict = field(default_factory=dict)
    idea_tags: dict = field(default_factory=dict)
    canaries: list = field(default_factory=list)
    results: object = None
    review_task_id: int | None = None
    draft_entry: object = None

    def user(self, role, level):
        if role == "anonymous":
            return AnonymousUser()
        if role == "owner":
            return self.owners[level]
        return self.users[role]

    def target(self, kind, level):
        """The object of ``kind`` at ``level`` (for the kind "levels", the level itself)."""
        return level if kind == "levels" else getattr(self, kind)[level]

    def level_of(self, target) -> str:
        for kind in ("portfolios", "entries", "ideas", "images", "documents", "share_links"):
            for level, known in getattr(self, kind).items():
                if type(known) is type(target) and known.pk == target.pk:
                    return level
        raise LookupError(target)


def seeing(obj):
    return lambda user: can_view(user, obj)


def owning_or_coordinating(obj):
    return lambda user: owns_or_coordinates(user, obj)


def build_world() -> World:
    from dissemination.compile import compile_results, ensure_results_page
    from dissemination.models import ResultsPage
    from dissemination.outputs import build
    from ideas.models import IdeaComment, IdeaPage
    from portfolios.models import (
        EntryComment,
        PortfolioPage,
        PortfolioShareLink,
        PracticeLogEntry,
        ReflectionPage,
    )
    from tests.factories import far_project, make_idea, make_project, make_user

    world = World()
    User = get_user_model()

    def in_group(user, name):
        user.groups.add(Group.objects.get(name=name))
        return user

    superuser = User.objects.create_superuser("matrix_admin", password="pw")
    coordinator = in_group(make_user("matrix_coordinator"), "Coordinators")
    member = in_group(make_user("matrix_member"), "Participants")
    world.owners = {
        level: in_group(make_user(f"matrix_owner_{level}"), "Participants") for level in LEVELS
    }
    world.hub = make_project(
        "florence", coordinator=coordinator, members=[member, *world.owners.values()]
    )
    world.far_hub, _far_portfolio = far_project()
    world.users = {
        "regional_teacher": make_user("matrix_teacher"),
        "other_project_participant": User.objects.get(username="far_participant"),
        "project_participant": member,
        "coordinator": coordinator,
        "editor": in_group(make_user("matrix_editor"), "Editors"),
        "superuser": superuser,
    }

    def plant(kind, level, where, may_see):
        canary = Canary(canary_text(kind, level, where), level, may_see)
        world.canaries.append(canary)
        return canary.text

    for level in LEVELS:
        owner = world.owners[level]
        portfolio = PortfolioPage(
            title=f"Portfolio {level}",
            slug=f"portfolio-{level}",
            participant=owner,
            owner=owner,
            visibility=level,
            practice_log_visibility=level,
        )
        world.hub.add_child(instance=portfolio)
        portfolio.bio = plant("portfolio", level, "bio", seeing(portfolio))
        portfolio.save_revision(user=owner).publish(skip_permission_checks=True)
        portfolio = PortfolioPage.objects.get(pk=portfolio.pk)
        world.portfolios[level] = portfolio

        entry = ReflectionPage(
            title=f"Entry {level}",
            slug=f"entry-{level}",
            date=datetime.date(2010, 10, 26),
            visibility=level,
            owner=owner,
        )
        portfolio.add_child(instance=entry)
        entry = ReflectionPage.objects.get(pk=entry.pk)
        world.entries[level] = entry
        sees_entry = seeing(entry)

        image = Image.objects.create(
            title=plant("image", level, "title", sees_entry),
            file=get_test_image_file(
                filename=f"{plant('image', level, 'file', sees_entry).replace(' ', '_')}.png"
            ),
            uploaded_by_user=owner,
        )
        image.tags.add(plant("image", level, "tag", sees_entry))
        document = Document.objects.create(
            title=plant("document", level, "title", sees_entry),
            file=ContentFile(
                b"Notes",
                name=f"{plant('document', level, 'file', sees_entry).replace(' ', '_')}.txt",
            ),
            uploaded_by_user=owner,
        )
        document.tags.add(plant("document", level, "tag", sees_entry))
        world.images[level] = image
        world.documents[level] = document

        entry.title = plant("entry", level, "title", sees_entry)
        entry.body = [
            ("text", f"<p>{plant('entry', level, 'body', sees_entry)}</p>"),
            ("image", {"image": image, "alt_text": "A photo", "decorative": False}),
            ("document", document),
        ]
        entry.tags.add(plant("entry", level, "tag", sees_entry))
        entry.save_revision(user=owner).publish(skip_permission_checks=True)
        entry = ReflectionPage.objects.get(pk=entry.pk)
        world.entries[level] = entry
        world.renditions[level] = image.get_rendition("max-800x600").url

        EntryComment.objects.create(
            entry=entry,
            author=coordinator,
            body=plant("comment", level, "on entry", owning_or_coordinating(entry)),
        )
        log = PracticeLogEntry.objects.create(
            portfolio=portfolio,
            date=datetime.date(2010, 10, 26),
            minutes=30,
            skill=PracticeLogEntry.Skill.LISTENING,
            activity=PracticeLogEntry.Activity.CONVERSATION,
            level="B1",
        )
        log = PracticeLogEntry.objects.select_related("portfolio").get(pk=log.pk)
        log.note = plant("practice", level, "note", seeing(log))
        log.save(update_fields=["note"])
        world.share_links[level] = PortfolioShareLink.objects.create(
            portfolio=portfolio, created_by=owner
        )

        tag = canary_text("idea", level, "tag")
        idea = make_idea(
            owner,
            title=f"Idea {level}",
            visibility=level,
            project=world.hub,
            summary=f"Summary of the idea at {level}",
        )
        sees_idea = seeing(idea)
        plant("idea", level, "tag", sees_idea)
        idea.title = plant("idea", level, "title", sees_idea)
        idea.summary = plant("idea", level, "summary", sees_idea)
        idea.save_revision(user=owner).publish(skip_permission_checks=True)
        idea = IdeaPage.objects.get(pk=idea.pk)
        idea.tags.add(tag)
        idea.save_revision(user=owner).publish(skip_permission_checks=True)
        idea = IdeaPage.objects.get(pk=idea.pk)
        world.ideas[level] = idea
        world.idea_tags[level] = idea.tags.get().slug
        IdeaComment.objects.create(
            idea=idea, author=owner, body=plant("comment", level, "on idea", sees_idea)
        )

    # Drafts are their authors' (and coordinators'), whatever the level of what is live.
    public_idea = world.ideas["public"]
    draft = IdeaPage.objects.get(pk=public_idea.pk)
    draft.title = plant("draft", "public", "idea title", owning_or_coordinating(public_idea))
    draft.save_revision(user=world.owners["public"], log_action=True)
    public_portfolio = world.portfolios["public"]
    unpublished = ReflectionPage(
        title="Draft entry",
        slug="draft-entry",
        date=datetime.date(2010, 10, 27),
        visibility=Visibility.PUBLIC,
        owner=world.owners["public"],
        live=False,
    )
    public_portfolio.add_child(instance=unpublished)
    unpublished = ReflectionPage.objects.get(pk=unpublished.pk)
    unpublished.title = plant("draft", "public", "entry title", owning_or_coordinating(unpublished))
    unpublished.save_revision(user=world.owners["public"])
    world.draft_entry = unpublished

    results = ensure_results_page(world.hub)
    compile_results(results.pk)
    ResultsPage.objects.get(pk=results.pk).get_latest_revision().publish(
        skip_permission_checks=True
    )
    world.results = ResultsPage.objects.get(pk=results.pk)
    world.review_task_id = world.results.get_workflow().tasks.first().pk
    for kind in ("brochure", "bundle", "report-pack"):
        build(world.results.pk, kind)
    return world


@pytest.fixture(scope="module")
def canary_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, built once for this module inside a transaction that stays open while its
    tests run, each in a savepoint of its own (as ``conftest.DemoWorld`` shares the demo), and
    rolled back after them."""
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("matrix-media")))
    media.enable()
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = build_world()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            media.disable()
            raise
    yield world
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
    media.disable()


@pytest.fixture
def world(canary_world, db):
    return canary_world


# What a cell may answer. ------------------------------------------------------------------------

ANSWERS = frozenset({200, 302, 400, 403, 404, 405})


def answers(world, user, target):
    """Anything but a server error: for rows where the leak check is the point."""
    return ANSWERS


def served_if_visible(world, user, target):
    """The visibility rule's page answer: the object for those who may see it, else a 404."""
    return {200} if can_view(user, target) else {404}


def downloaded_by_owner_or_coordinator(world, user, target):
    if not user.is_authenticated:
        return {302}
    return {200} if owns_or_coordinates(user, target) else {404}


def file_if_visible(world, user, target):
    """A file opens for whoever may see the entry that holds it (and its uploader)."""
    return {200} if can_view(user, world.entries[world.level_of(target)]) else {403, 404}


def for_everyone(world, user, target):
    return {200}


# The table. -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Surface:
    name: str
    url: Callable  # (world, target) -> address
    target: str | None = None  # the kind of canary-bearing object the address names
    status: Callable = answers  # (user, target) -> the statuses the rule allows
    # Whose eyes decide what may show: the reader's, or an anonymous visitor's for what answers
    # everybody alike (public outputs, the public API, feeds, the sitemap).
    public: bool = False
    # Canaries the address itself opens to whoever holds it (a share link's shared items).
    opens: Callable | None = None
    # When the reader may see the target, its title must be there (so a row cannot pass by
    # showing nothing at all).
    shows_target: bool = False


def shared_by_link(world, link):
    """What a share link opens: the portfolio's profile, its entries and practice log shared at
    any level but private, and their files (``portfolios.sharing``)."""
    from portfolios.sharing import SHARED_LEVELS

    level = world.level_of(link)
    portfolio = world.portfolios[level]
    opened = {canary_text("portfolio", level, "bio")}
    if world.entries[level].visibility in SHARED_LEVELS:
        opened |= {
            canary_text(kind, level, where)
            for kind in ("entry", "image", "document")
            for where in ("title", "body", "tag", "file")
        }
    if portfolio.practice_log_visibility in SHARED_LEVELS:
        opened.add(canary_text("practice", level, "note"))
    return opened


def shared_entry_status(world, user, link):
    from portfolios.sharing import SHARED_LEVELS

    entry = world.entries[world.level_of(link)]
    return {200} if entry.visibility in SHARED_LEVELS else {404}


def admin(path):
    return lambda world, target: f"/admin/{path}"


def named(name, *args, query=""):
    return lambda world, target: reverse(name, args=[a(world, target) for a in args]) + query


def pk(world, target):
    return target.pk


def hub_pk(world, target):
    return world.hub.pk


def results_pk(world, target):
    return world.results.pk


def ideas_index_pk(world, target):
    return world.ideas["public"].get_parent().pk


SEARCH = f"?q={PREFIX}"
PAGE_ACTIONS = ["delete", "publish", "unpublish", "move"]
FILE_ACTIONS = ["delete", "add_tags", "add_to_collection"]

SURFACES = [
    # The public site.
    Surface("home page", lambda w, t: "/"),
    Surface("projects index", lambda w, t: "/projects/"),
    Surface("project hub", lambda w, t: w.hub.url),
    Surface("portfolio page", lambda w, t: t.url, "portfolios", served_if_visible),
    Surface("entry page", lambda w, t: t.url, "entries", served_if_visible, shows_target=True),
    Surface("ideas listing", lambda w, t: "/ideas/"),
    Surface("ideas search", lambda w, t: "/ideas/" + SEARCH),
    Surface("ideas tag listing", lambda w, t: f"/ideas/tags/{w.idea_tags[t]}/", "levels"),
    Surface("idea page", lambda w, t: t.url, "ideas", served_if_visible, shows_target=True),
    Surface("ideas feed", lambda w, t: "/ideas/feed/", status=for_everyone, public=True),
    Surface("sitemap", lambda w, t: "/sitemap.xml", status=for_everyone, public=True),
    Surface("API pages", lambda w, t: "/api/v2/pages/?limit=20", public=True),
    Surface("API search", lambda w, t: f"/api/v2/pages/?search={PREFIX}", public=True),
    Surface(
        "API entries with fields",
        lambda w, t: "/api/v2/pages/?type=portfolios.ReflectionPage&fields=body,tags",
        public=True,
    ),
    Surface(
        "API ideas with fields",
        lambda w, t: "/api/v2/pages/?type=ideas.IdeaPage&fields=summary,tags",
        public=True,
    ),
    Surface(
        "API portfolios",
        lambda w, t: "/api/v2/pages/?type=portfolios.PortfolioPage&fields=*",
        public=True,
    ),
    Surface("API entry detail", lambda w, t: f"/api/v2/pages/{t.pk}/", "entries", public=True),
    Surface("API idea detail", lambda w, t: f"/api/v2/pages/{t.pk}/", "ideas", public=True),
    Surface("original image", lambda w, t: t.file.url, "images", file_if_visible),
    Surface(
        "image rendition",
        lambda w, t: w.renditions[w.level_of(t)],
        "images",
        file_if_visible,
    ),
    Surface("document", lambda w, t: t.url, "documents", file_if_visible),
    Surface("share link", lambda w, t: t.get_absolute_url(), "share_links", opens=shared_by_link),
    Surface(
        "shared entry",
        lambda w, t: reverse(
            "portfolios:shared_entry",
            args=[t.token, w.entries[w.level_of(t)].pk],
        ),
        "share_links",
        shared_entry_status,
        opens=shared_by_link,
    ),
    Surface("results page", lambda w, t: w.results.url, status=for_everyone, public=True),
    Surface(
        "results brochure PDF",
        lambda w, t: f"{w.results.url}brochure.pdf",
        status=for_everyone,
        public=True,
    ),
    Surface("my portfolio", lambda w, t: "/my/portfolio/"),
    Surface("log practice", lambda w, t: "/my/practice/new/"),
    Surface("my reminders", lambda w, t: "/my/reminders/"),
    Surface("project overview", named("portfolios:project_overview", hub_pk)),
    Surface("share links of a portfolio", named("portfolios:share_links", pk), "portfolios"),
    Surface(
        "portfolio ZIP",
        named("portfolios:portfolio_zip", pk),
        "portfolios",
        downloaded_by_owner_or_coordinator,
    ),
    Surface(
        "portfolio summary PDF",
        named("portfolios:portfolio_summary_pdf", pk),
        "portfolios",
        downloaded_by_owner_or_coordinator,
    ),
    Surface("entry comments address", named("portfolios:add_entry_comment", pk), "entries"),
    Surface("forged unsubscribe link", lambda w, t: "/reminders/unsubscribe/not-a-token/"),
    Surface("login", lambda w, t: "/accounts/login/"),
    Surface("robots.txt", lambda w, t: "/robots.txt"),
    # The Wagtail admin.
    Surface("admin dashboard", admin("")),
    Surface("explorer root", admin("pages/")),
    Surface("explorer of the hub", named("wagtailadmin_explore", hub_pk)),
    Surface("explorer of a portfolio", named("wagtailadmin_explore", pk), "portfolios"),
    Surface("explorer of the ideas", named("wagtailadmin_explore", ideas_index_pk)),
    Surface("admin page search", admin("pages/search/" + SEARCH)),
    Surface("admin page search results", admin("pages/search/results/" + SEARCH)),
    Surface("page editor of an entry", named("wagtailadmin_pages:edit", pk), "entries"),
    Surface("page editor of an idea", named("wagtailadmin_pages:edit", pk), "ideas"),
    Surface("page editor of a portfolio", named("wagtailadmin_pages:edit", pk), "portfolios"),
    Surface("entry draft view", named("wagtailadmin_pages:view_draft", pk), "entries"),
    Surface("idea draft view", named("wagtailadmin_pages:view_draft", pk), "ideas"),
    Surface("entry history", named("wagtailadmin_pages:history", pk), "entries"),
    Surface("idea history", named("wagtailadmin_pages:history", pk), "ideas"),
    Surface("entry revisions", named("wagtailadmin_pages:revisions_index", pk), "entries"),
    Surface(
        "idea revision compare",
        lambda w, t: f"/admin/pages/{t.pk}/revisions/compare/earliest...latest/",
        "ideas",
    ),
    Surface(
        "entry revision view",
        lambda w, t: reverse(
            "wagtailadmin_pages:revisions_view", args=[t.pk, t.latest_revision_id]
        ),
        "entries",
    ),
    Surface("entry usage", named("wagtailadmin_pages:usage", pk), "entries"),
    Surface("entry delete confirmation", named("wagtailadmin_pages:delete", pk), "entries"),
    Surface("entry unpublish confirmation", named("wagtailadmin_pages:unpublish", pk), "entries"),
    Surface("entry move", named("wagtailadmin_pages:move", pk), "entries"),
    Surface("entry copy", named("wagtailadmin_pages:copy", pk), "entries"),
    Surface("entry workflow history", named("wagtailadmin_pages:workflow_history", pk), "entries"),
    Surface(
        "entry workflow preview",
        lambda w, t: reverse("wagtailadmin_pages:workflow_preview", args=[t.pk, w.review_task_id]),
        "entries",
    ),
    Surface(
        "idea workflow preview",
        lambda w, t: reverse("wagtailadmin_pages:workflow_preview", args=[t.pk, w.review_task_id]),
        "ideas",
    ),
    *[
        Surface(
            f"bulk {action} of pages",
            lambda w, t, action=action: (
                f"/admin/bulk/wagtailcore/page/{action}/?id={t.pk}&id={w.ideas[w.level_of(t)].pk}"
            ),
            "entries",
        )
        for action in PAGE_ACTIONS
    ],
    *[
        Surface(
            f"bulk {action} of images",
            lambda w, t, action=action: f"/admin/bulk/wagtailimages/image/{action}/?id={t.pk}",
            "images",
        )
        for action in FILE_ACTIONS
    ],
    *[
        Surface(
            f"bulk {action} of documents",
            lambda w, t, action=action: f"/admin/bulk/wagtaildocs/document/{action}/?id={t.pk}",
            "documents",
        )
        for action in FILE_ACTIONS
    ],
    Surface("page types usage report", admin("reports/page-types-usage/")),
    Surface("reflection pages by type", admin("pages/usage/portfolios/reflectionpage/")),
    Surface("site history report", admin("reports/site-history/")),
    Surface("site history results", admin("reports/site-history/results/")),
    Surface("locked pages report", admin("reports/locked/")),
    Surface("workflow report", admin("reports/workflow/")),
    Surface("workflow tasks report", admin("reports/workflow_tasks/")),
    Surface("aging pages report", admin("reports/aging-pages/")),
    Surface("tag autocomplete", admin(f"tag-autocomplete/?term={PREFIX}")),
    Surface("taggit tag autocomplete", admin(f"tag-autocomplete/taggit/tag/?term={PREFIX}")),
    Surface("page chooser", named("wagtailadmin_choose_page")),
    Surface("page chooser in the hub", named("wagtailadmin_choose_page_child", hub_pk)),
    Surface(
        "page chooser in a portfolio", named("wagtailadmin_choose_page_child", pk), "portfolios"
    ),
    Surface("page chooser search", named("wagtailadmin_choose_page_search", query=SEARCH)),
    Surface("image chooser", admin("images/chooser/")),
    Surface("image chooser search", admin(f"images/chooser/results/{SEARCH}")),
    Surface("image chosen", named("wagtailimages_chooser:chosen", pk), "images"),
    Surface("document chooser", admin("documents/chooser/")),
    Surface("document chooser search", admin(f"documents/chooser/results/{SEARCH}")),
    Surface("document chosen", named("wagtaildocs_chooser:chosen", pk), "documents"),
    Surface("images", admin("images/")),
    Surface("images search", admin(f"images/results/{SEARCH}")),
    Surface("image editor", named("wagtailimages:edit", pk), "images"),
    Surface("image usage", named("wagtailimages:image_usage", pk), "images"),
    Surface("documents", admin("documents/")),
    Surface("documents search", admin(f"documents/results/{SEARCH}")),
    Surface("document editor", named("wagtaildocs:edit", pk), "documents"),
    Surface("document usage", named("wagtaildocs:document_usage", pk), "documents"),
    Surface(
        "admin API explorer",
        lambda w, t: f"/admin/api/main/pages/?child_of={w.hub.pk}&for_explorer=1",
    ),
    Surface("admin API search", admin(f"api/main/pages/?search={PREFIX}")),
    Surface("admin API entry", lambda w, t: f"/admin/api/main/pages/{t.pk}/", "entries"),
    Surface("admin API idea", lambda w, t: f"/admin/api/main/pages/{t.pk}/", "ideas"),
    Surface("admin API images", admin("api/main/images/")),
    Surface("admin API image", lambda w, t: f"/admin/api/main/images/{t.pk}/", "images"),
    Surface("admin API documents", admin("api/main/documents/")),
    Surface("admin API document", lambda w, t: f"/admin/api/main/documents/{t.pk}/", "documents"),
    Surface("ideas admin listing", admin("ideas/")),
    Surface("ideas admin CSV", admin("ideas/?export=csv")),
    Surface("ideas admin spreadsheet", admin("ideas/?export=xlsx")),
    Surface("similar ideas", admin(f"ideas/similar/?title={PREFIX}")),
    Surface("practice log admin", admin("practice_log/")),
    Surface("practice log CSV", admin("practice_log/?export=csv")),
    Surface("entry comments admin", admin("entry_comments/")),
    Surface("project memberships", admin("snippets/home/projectmembership/")),
    Surface("reminder rules", admin("reminder_rules/")),
    Surface("reminder outbox", admin("reminder_outbox/")),
    Surface("reminder preferences", admin("reminder_preferences/")),
    Surface("users", admin("users/")),
    Surface("results compile", named("dissemination_compile", results_pk)),
    Surface("results downloads", named("dissemination_downloads", results_pk)),
    Surface(
        "results brochure download",
        lambda w, t: reverse("dissemination_download", args=[w.results.pk, "brochure"]),
        public=True,
    ),
    Surface(
        "results bundle download",
        lambda w, t: reverse("dissemination_download", args=[w.results.pk, "bundle"]),
        public=True,
    ),
    Surface(
        "final-report pack download",
        lambda w, t: reverse("dissemination_download", args=[w.results.pk, "report-pack"]),
    ),
    Surface("Django admin", lambda w, t: "/django-admin/"),
    Surface("final reports", admin("final-report/")),
    Surface("final report of the project", named("final_report:report", hub_pk)),
    Surface(
        "final report download",
        lambda w, t: reverse("final_report:download", args=[w.hub.pk, "en", "pdf"]),
    ),
    Surface("Europass record", named("europass:record", pk), "portfolios"),
    Surface("Europass record PDF", named("europass:record_pdf", pk), "portfolios"),
    Surface("Europass records of the project", named("europass:project_records", hub_pk)),
    Surface("Europass records admin", admin("europass/records/")),
    Surface("Europass requests admin", admin("europass/requests/")),
    Surface("forged Europass confirmation", lambda w, t: "/europass/confirm/not-a-token/"),
    Surface("forged Europass verification", lambda w, t: "/verify/not-a-code/"),
    Surface("snippets", admin("snippets/")),
    Surface("competences", admin("snippets/portfolios/competence/")),
    Surface("partner institutions", admin("snippets/portfolios/hostinstitution/")),
    Surface("locked-out logins", admin("lockouts/")),
    Surface(
        "API find an entry",
        lambda w, t: f"/api/v2/pages/find/?html_path={t.url}",
        "entries",
        public=True,
    ),
    Surface(
        "admin API find an entry",
        lambda w, t: f"/admin/api/main/pages/find/?html_path={t.url}",
        "entries",
    ),
    Surface("Latvian ideas listing", lambda w, t: "/lv/ideas/"),
    Surface("language switch", lambda w, t: "/i18n/setlang/"),
]

CELLS = len(SURFACES) * len(ROLES) * len(LEVELS)


# Reading an answer. -----------------------------------------------------------------------------


def text_of(content: bytes) -> str:
    """What a reader gets out of a body: a PDF's text, every member of a ZIP (a spreadsheet is
    one), or the body itself."""
    if content.startswith(b"%PDF"):
        return pdf_text(content)
    if content.startswith(b"PK\x03\x04"):
        archive = zipfile.ZipFile(io.BytesIO(content))
        return "\n".join(f"{name}\n{text_of(archive.read(name))}" for name in archive.namelist())
    return content.decode("utf-8", errors="replace")


@dataclass
class Answer:
    status: int
    text: str
    error: str = ""
    # The text squashed once, for every cell that reads the same answer.
    body: str = field(init=False)

    def __post_init__(self):
        self.body = squash(self.text)


def fetch(clients, user, url) -> Answer:
    client = clients.get(user.pk)
    if client is None:
        client = clients[user.pk] = Client(raise_request_exception=False)
        if user.is_authenticated:
            client.force_login(user)
    response = client.get(url)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    headers = " ".join(response.get(name, "") for name in ("Location", "Content-Disposition"))
    location = response.get("Location", "")
    if (
        response.status_code in (301, 302)
        and location.startswith("/admin/")
        and not location.startswith("/admin/login/")
    ):
        # A refusal's message is shown by the page it sends the reader to: read that too.
        headers += "\n" + client.get(location).content.decode(errors="replace")
    error = ""
    if getattr(response, "exc_info", None):
        frames = traceback.extract_tb(response.exc_info[2])[-3:]
        where = " < ".join(f"{frame.filename}:{frame.lineno}" for frame in reversed(frames))
        error = f"{response.exc_info[1]!r} at {where}"
    return Answer(response.status_code, f"{headers}\n{text_of(content)}", error)


class Judge:
    """Answers ``may this user see this canary?`` once per pair, from core.visibility."""

    def __init__(self):
        self.answers = {}

    def may_see(self, user, canary) -> bool:
        key = (user.pk, canary.text)
        if key not in self.answers:
            self.answers[key] = bool(canary.may_see(user))
        return self.answers[key]


JUDGE = Judge()


def cell_problems(world, surface, role, level, target, url, answer) -> list[str]:
    user = world.user(role, level)
    problems = []
    if answer.status >= 500:
        return [f"server error {answer.status} {answer.error}"]
    allowed = surface.status(world, user, target)
    if answer.status not in allowed:
        problems.append(f"status {answer.status}, the rule says {sorted(allowed)}")
    decider = AnonymousUser() if surface.public else user
    opened = surface.opens(world, target) if surface.opens else set()
    body = answer.body
    # What the address itself spells out (a tag's slug, a file's name) the reader already knows.
    known = squash(url)
    for canary in world.canaries:
        if surface.target is None and canary.level != level:
            continue  # a listing's cell at this level answers for this level's canaries
        if canary.text in opened or canary.key in known or JUDGE.may_see(decider, canary):
            continue
        if canary.key in body:
            problems.append(f"shows {canary.text!r}")
    shown = answer.status == 200 and squash(target.title) in body if surface.shows_target else True
    if not shown and can_view(user, target):
        problems.append(f"does not show its target {target.title!r}")
    return problems


@pytest.mark.parametrize("surface", SURFACES, ids=[surface.name for surface in SURFACES])
def test_access_matrix(world, surface):
    clients, answers_by_address, failures = {}, {}, []
    for level in LEVELS:
        target = world.target(surface.target, level) if surface.target else None
        url = surface.url(world, target)
        for role in ROLES:
            user = world.user(role, level)
            key = (user.pk, url)
            if key not in answers_by_address:
                answers_by_address[key] = fetch(clients, user, url)
            for problem in cell_problems(
                world, surface, role, level, target, url, answers_by_address[key]
            ):
                failures.append(f"{surface.name} · {role} · {level} · {url}: {problem}")
    assert not failures, "\n".join(failures)


def test_the_matrix_size(world, capsys):
    """The figures the closing note quotes: surfaces × roles × levels, and the canaries."""
    assert len({surface.name for surface in SURFACES}) == len(SURFACES)
    assert len(SURFACES) * 8 * 4 == CELLS
    assert len(world.canaries) == 4 * 16 + 2
    assert len({canary.key for canary in world.canaries}) == len(world.canaries)
    with capsys.disabled():
        print(
            f"\naccess matrix: {len(SURFACES)} surfaces × {len(ROLES)} roles × {len(LEVELS)} "
            f"levels = {CELLS} cells; {len(world.canaries)} canaries"
        )
