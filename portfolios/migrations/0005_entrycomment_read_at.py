"""When the participant first saw each coordinator's comment, for the coordinators' overview.

Comments written before this migration have no record of being read; they are marked read as
of their writing, so that the overview does not suddenly report old feedback as unseen.
"""

from django.db import migrations, models


def existing_comments_count_as_read(apps, schema_editor):
    EntryComment = apps.get_model("portfolios", "EntryComment")
    EntryComment.objects.filter(read_at__isnull=True).update(read_at=models.F("created_at"))


class Migration(migrations.Migration):
    dependencies = [("portfolios", "0004_participant_media_permissions")]

    operations = [
        migrations.AddField(
            model_name="entrycomment",
            name="read_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="read by the participant"
            ),
        ),
        migrations.RunPython(existing_comments_count_as_read, migrations.RunPython.noop),
    ]
