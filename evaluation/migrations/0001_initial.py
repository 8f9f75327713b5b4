import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Participants' ratings of each objective and the coordinator's evaluation of it."""

    initial = True

    dependencies = [
        ("home", "0005_projectobjective_kind"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ObjectiveEvaluation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("achieved", "Achieved"),
                            ("partly_achieved", "Partly achieved"),
                            ("not_achieved", "Not achieved"),
                        ],
                        max_length=20,
                        verbose_name="evaluation",
                    ),
                ),
                (
                    "summary",
                    models.TextField(blank=True, max_length=4000, verbose_name="summary"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "evaluated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="evaluated by",
                    ),
                ),
                (
                    "objective",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evaluation",
                        to="home.projectobjective",
                        verbose_name="objective",
                    ),
                ),
            ],
            options={
                "verbose_name": "objective evaluation",
                "verbose_name_plural": "objective evaluations",
            },
        ),
        migrations.CreateModel(
            name="ObjectiveRating",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("achieved", "Achieved"),
                            ("partly_achieved", "Partly achieved"),
                            ("not_achieved", "Not achieved"),
                        ],
                        max_length=20,
                        verbose_name="rating",
                    ),
                ),
                (
                    "comment",
                    models.CharField(
                        blank=True,
                        help_text="One sentence: what shows it?",
                        max_length=300,
                        verbose_name="comment",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "objective",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="ratings",
                        to="home.projectobjective",
                        verbose_name="objective",
                    ),
                ),
                (
                    "participant",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="objective_ratings",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="participant",
                    ),
                ),
            ],
            options={
                "verbose_name": "objective rating",
                "verbose_name_plural": "objective ratings",
                "ordering": ["objective__number", "participant__last_name", "participant__username"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("objective", "participant"),
                        name="one_rating_per_objective_and_participant",
                    )
                ],
            },
        ),
    ]
