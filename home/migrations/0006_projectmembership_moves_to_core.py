"""Project membership now lives in the core (``core.0001_projectmembership``): ``home`` forgets
the model without touching its table, and the model's content type follows it, so that the
permissions granted on it and the admin's log entries about it stay attached."""

from django.db import migrations


def content_type_to(app_label, from_app_label):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        Permission = apps.get_model("auth", "Permission")
        content_types = ContentType.objects.using(schema_editor.connection.alias)
        old = content_types.filter(app_label=from_app_label, model="projectmembership").first()
        if old is None:
            return
        new = content_types.filter(app_label=app_label, model="projectmembership").first()
        if new is None:
            old.app_label = app_label
            old.save(update_fields=["app_label"])
            return
        # Both exist (the model's new app has been migrated before): the permissions granted on
        # the old content type move to the new one's.
        for permission in Permission.objects.filter(content_type=old):
            kept = Permission.objects.filter(content_type=new, codename=permission.codename).first()
            if kept is None:
                permission.content_type = new
                permission.save(update_fields=["content_type"])
                continue
            kept.group_set.add(*permission.group_set.all())
            kept.user_set.add(*permission.user_set.all())
            permission.delete()

    return move


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_projectobjective_kind"),
        ("core", "0001_projectmembership"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ProjectMembership")],
            database_operations=[],
        ),
        migrations.RunPython(content_type_to("core", "home"), content_type_to("home", "core")),
    ]
