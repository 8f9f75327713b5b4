"""The full-text and trigram support on PostgreSQL, and the idea database itself.

On PostgreSQL the listing's text search (``ideas.listing``) matches ``search_text`` with an
expression that this GIN index covers, and similar titles come from ``pg_trgm``. SQLite, the
embedded default, has neither and needs neither: the listing falls back to plain matching.

A fresh ``migrate`` then has an idea database at /ideas/ under the English home page, where
participants and coordinators may add ideas (Wagtail's "add" page permission; the ideas'
own permission tester gives each idea to its authors).
"""

import uuid

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

SEARCH_INDEX = "ideas_ideapage_search_text_fts"
WRITERS = ["Participants", "Coordinators"]
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's path alphabet


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {SEARCH_INDEX} ON ideas_ideapage USING gin "
        "(to_tsvector('simple'::regconfig, COALESCE((search_text)::text, '')))"
    )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")


# A frozen copy of core.tree.child_path's arithmetic, on purpose: a migration works on the
# historical models that `apps` hands it and must run the same way on a fresh database years from
# now, so it imports no app code (core.tree imports the live Page model and may change or move).
def _step(number):
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
    return digits.rjust(4, "0")


def create_idea_database(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("home", "HomePage")
    IdeaIndexPage = apps.get_model("ideas", "IdeaIndexPage")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    home = HomePage.objects.filter(locale__language_code="en").order_by("path").first()
    if home is None or IdeaIndexPage.objects.exists():
        return
    siblings = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
    last = siblings.order_by("-path").values_list("path", flat=True).first()
    number = int(last[-4:], 36) + 1 if last else 1
    index_type, _ = ContentType.objects.get_or_create(app_label="ideas", model="ideaindexpage")
    index = IdeaIndexPage.objects.create(
        title="Ideas",
        draft_title="Ideas",
        slug="ideas",
        content_type=index_type,
        path=home.path + _step(number),
        depth=home.depth + 1,
        numchild=0,
        url_path=home.url_path + "ideas/",
        locale_id=home.locale_id,
        translation_key=uuid.uuid4(),
        live=True,
        show_in_menus=True,
    )
    Page.objects.filter(pk=home.pk).update(numchild=siblings.count())

    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    add_page = Permission.objects.get(content_type=page_type, codename="add_page")
    for name in WRITERS:
        group = Group.objects.filter(name=name).first()
        if group is not None:
            GroupPagePermission.objects.get_or_create(group=group, page=index, permission=add_page)


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0001_initial"),
        ("home", "0003_projectmembership"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_search_index, drop_search_index),
        migrations.RunPython(create_idea_database, migrations.RunPython.noop),
    ]
