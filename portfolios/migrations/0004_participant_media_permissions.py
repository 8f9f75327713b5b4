"""Participants upload images and documents and pick them in choosers.

"Add" on the root collection lets them upload anywhere and, under Wagtail's ownership policy, edit
and delete their own uploads only; "choose" opens the choosers, which ``portfolios.media_hooks``
narrows to their own uploads and library material. Permissions are looked up or created here
because Django creates them only after all migrations have run.
"""

from django.db import migrations

GROUP = "Participants"
PERMISSIONS = {
    ("wagtailimages", "image"): [
        ("add_image", "Can add image"),
        ("choose_image", "Can choose image"),
    ],
    ("wagtaildocs", "document"): [
        ("add_document", "Can add document"),
        ("choose_document", "Can choose document"),
    ],
}


def media_permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for (app_label, model), codenames in PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for codename, name in codenames:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": name}
            )
            yield permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    root = Collection.objects.get(depth=1)
    for permission in media_permissions(apps):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


def revoke(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(
        group__name=GROUP,
        collection=Collection.objects.get(depth=1),
        permission__in=list(media_permissions(apps)),
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portfolios", "0003_entrycomment"),
        ("home", "0002_locales_groups_homepage"),
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtaildocs", "0011_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
