"""Host institutions become the project's partner organisations: a country kept as its ISO code,
a contact person, more types, and each organisation's role in a project (``ProjectPartner``).

Countries written out in English or Latvian ("Italy", "Latvija") become their codes; a country
the migration cannot name is left empty, for an editor to choose. Going back writes the English
name of each code.
"""

import django.db.models.deletion
import modelcluster.fields
import portfolios.models.frameworks
from django.db import migrations, models


def names_to_codes(apps, schema_editor):
    from django_countries import countries

    HostInstitution = apps.get_model("portfolios", "HostInstitution")
    for host in HostInstitution.objects.all():
        text = (host.country or "").strip()
        code = text.upper() if text.upper() in countries else ""
        for language in ("en", "lv"):
            code = code or countries.by_name(text, language=language)
        HostInstitution.objects.filter(pk=host.pk).update(country=code)


def codes_to_names(apps, schema_editor):
    from django.utils import translation
    from django_countries import countries

    HostInstitution = apps.get_model("portfolios", "HostInstitution")
    with translation.override("en"):
        for host in HostInstitution.objects.all():
            name = str(countries.name(host.country)) if host.country else ""
            HostInstitution.objects.filter(pk=host.pk).update(country=name or host.country)


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0004_portal_settings_funding_acknowledgement'),
        ('portfolios', '0005_entrycomment_read_at'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='hostinstitution',
            options={'ordering': ['name'], 'verbose_name': 'partner organisation', 'verbose_name_plural': 'partner organisations'},
        ),
        migrations.AddField(
            model_name='hostinstitution',
            name='contact_email',
            field=models.EmailField(blank=True, max_length=254, verbose_name="contact person's email"),
        ),
        migrations.AddField(
            model_name='hostinstitution',
            name='contact_name',
            field=models.CharField(blank=True, max_length=120, verbose_name='contact person'),
        ),
        migrations.AddField(
            model_name='hostinstitution',
            name='contact_role',
            field=models.CharField(blank=True, max_length=120, verbose_name="contact person's role"),
        ),
        migrations.RunPython(names_to_codes, codes_to_names, elidable=True),
        migrations.AlterField(
            model_name='hostinstitution',
            name='country',
            field=portfolios.models.frameworks.NamedCountryField(max_length=2, verbose_name='country'),
        ),
        migrations.AlterField(
            model_name='hostinstitution',
            name='kind',
            field=models.CharField(choices=[('vet_school', 'VET school'), ('training_centre', 'Training centre'), ('higher_education', 'Higher education institution'), ('company', 'Company'), ('public_body', 'Public body or agency'), ('chamber', 'Chamber of commerce, industry or crafts'), ('association', 'Association or network'), ('other', 'Other')], default='vet_school', max_length=30, verbose_name='type'),
        ),
        migrations.CreateModel(
            name='ProjectPartner',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('role', models.CharField(choices=[('sending', 'Sending organisation'), ('host', 'Host organisation'), ('intermediary', 'Intermediary organisation'), ('visited', 'Institution visited')], max_length=20, verbose_name='role in the project')),
                ('note', models.CharField(blank=True, help_text='What the organisation does in the project, in a sentence.', max_length=255, verbose_name='note')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='project_roles', to='portfolios.hostinstitution', verbose_name='organisation')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='partners', to='home.mobilityprojectpage')),
            ],
            options={
                'verbose_name': 'partner',
                'verbose_name_plural': 'partners',
                'ordering': ['sort_order'],
                'abstract': False,
                'constraints': [models.UniqueConstraint(fields=('page', 'organisation', 'role'), name='one_role_per_partner_per_project')],
            },
        ),
    ]
