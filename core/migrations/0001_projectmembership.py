"""Project membership moves from ``home`` into the core, in the migration state only.

The table stays ``home_projectmembership`` with its rows, its unique constraint and its foreign
key to the hubs' table, as ``home.0003_projectmembership`` created it: the core model names it
with ``db_table`` and points its ``project`` at ``wagtailcore.Page``, which the hubs are. Nothing
in the database changes; ``home.0006`` removes the model from ``home``'s state.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("home", "0003_projectmembership"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ProjectMembership",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "role",
                            models.CharField(
                                choices=[
                                    ("participant", "Participant"),
                                    ("coordinator", "Coordinator"),
                                ],
                                max_length=20,
                                verbose_name="role",
                            ),
                        ),
                        (
                            "project",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="memberships",
                                to="wagtailcore.page",
                                verbose_name="project",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="project_memberships",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="user",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "project member",
                        "verbose_name_plural": "project members",
                        "db_table": "home_projectmembership",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("project", "user"), name="one_membership_per_project"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
