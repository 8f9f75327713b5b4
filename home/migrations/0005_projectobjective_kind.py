from django.db import migrations, models


class Migration(migrations.Migration):
    """Objectives say what they are about, so that evidence can be counted by kind."""

    dependencies = [
        ("home", "0004_portal_settings_funding_acknowledgement"),
    ]

    operations = [
        migrations.AddField(
            model_name="projectobjective",
            name="kind",
            field=models.CharField(
                choices=[
                    ("general", "General"),
                    ("professional_competences", "Professional competences"),
                    ("labour_market", "Labour-market needs"),
                    ("quality_management", "Quality management"),
                    ("cooperation", "Cooperation between institutions"),
                    ("intercultural", "Intercultural competence"),
                    ("european_dimension", "European dimension"),
                    ("personal_growth", "Personal and professional growth"),
                    ("english", "English language"),
                    ("ideas_database", "Ideas database"),
                ],
                default="general",
                help_text=(
                    "What the objective is about: decides which material counts as its evidence."
                ),
                max_length=30,
                verbose_name="kind",
            ),
        ),
    ]
