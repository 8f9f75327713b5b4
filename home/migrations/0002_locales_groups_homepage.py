"""Locales, the four roles and a HomePage at the site root, so a fresh ``migrate`` gives a usable site.

Wagtail ships two stock groups, "Editors" (edit, cannot publish) and "Moderators" (publish). In
Mobilitas the people who review and publish are the editors, so the stock Moderators group becomes
our "Editors" group (keeping its publish rights and the default workflow's link to it) and the
stock Editors group, which no role of ours matches, is folded into it.
"""

import uuid

from django.db import migrations

LANGUAGES = ["en", "lv"]
PLAIN_ROLES = {
    # group name: may use the Wagtail admin
    "Participants": True,
    "Coordinators": True,
    "Regional teachers": False,
}


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")

    moderators = Group.objects.filter(name="Moderators").first()
    stock_editors = Group.objects.filter(name="Editors").first()
    if moderators is not None:
        if stock_editors is not None:
            for user in stock_editors.user_set.all():
                user.groups.add(moderators)
            stock_editors.delete()
        moderators.name = "Editors"
        moderators.save(update_fields=["name"])

    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    for name, admin_access in PLAIN_ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        if admin_access:
            group.permissions.add(access_admin)


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("home", "HomePage")

    if HomePage.objects.exists():
        return
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    # The stock "Welcome to your new Wagtail site!" page; its Site goes with it (cascade).
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()

    home_type, _ = ContentType.objects.get_or_create(app_label="home", model="homepage")
    homepage = HomePage.objects.create(
        title="Mobilitas",
        draft_title="Mobilitas",
        slug="home",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=Locale.objects.get(language_code="en"),
        translation_key=uuid.uuid4(),
        live=True,
    )
    Site.objects.create(
        hostname="localhost", port=80, root_page=homepage, is_default_site=True, site_name="Mobilitas"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0002_initial_data"),
        ("wagtaildocs", "0002_initial_data"),
    ]

    operations = [
        migrations.RunPython(create_locales, migrations.RunPython.noop),
        migrations.RunPython(create_groups, migrations.RunPython.noop),
        migrations.RunPython(create_homepage, migrations.RunPython.noop),
    ]
