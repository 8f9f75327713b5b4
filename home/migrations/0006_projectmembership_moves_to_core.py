"""Project membership now lives in the core (``core.0001_projectmembership``): ``home`` forgets
the model without touching its table, and the model's content type follows it, so that the
permissions granted on it and the admin's log entries about it stay attached."""

from django.db import migrations


def content_type_to(app_label, from_app_label):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        content_types = ContentType.objects.using(schema_editor.connection.alias)
        if content_types.filter(app_label=app_label, model="projectmembership").exists():
            return
        content_types.filter(app_label=from_app_label, model="projectmembership").update(
            app_label=app_label
        )

    return move


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_projectobjective_kind"),
        ("core", "0001_projectmembership"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ProjectMembership")],
            database_operations=[],
        ),
        migrations.RunPython(content_type_to("core", "home"), content_type_to("home", "core")),
    ]
