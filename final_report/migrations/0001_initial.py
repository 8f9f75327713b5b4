"""The final report: the budget's actuals table and each build of the report, per project and
language."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('home', '0005_projectobjective_kind'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='BudgetLine',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('category', models.CharField(choices=[('travel', 'Travel'), ('subsistence', 'Subsistence (individual support)'), ('organisation', 'Organisation of the mobility'), ('preparation', 'Linguistic, cultural and pedagogical preparation'), ('course_fees', 'Course fees'), ('special_needs', 'Special needs support'), ('exceptional', 'Exceptional costs'), ('other', 'Other')], max_length=20, verbose_name='category')),
                ('planned_eur', models.DecimalField(decimal_places=2, max_digits=12, validators=[django.core.validators.MinValueValidator(0)], verbose_name='planned (EUR)')),
                ('actual_eur', models.DecimalField(blank=True, decimal_places=2, help_text='Leave empty until the costs are known.', max_digits=12, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='actual (EUR)')),
                ('note', models.CharField(blank=True, max_length=255, verbose_name='note')),
                ('hub', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='budget_lines', to='home.mobilityprojectpage', verbose_name='project')),
            ],
            options={
                'verbose_name': 'budget line',
                'verbose_name_plural': 'budget lines',
                'ordering': ['hub', 'sort_order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='FinalReportBuild',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(max_length=10, verbose_name='language')),
                ('state', models.CharField(choices=[('queued', 'Queued'), ('running', 'Being built'), ('done', 'Ready'), ('failed', 'Failed')], max_length=10, verbose_name='state')),
                ('progress', models.PositiveSmallIntegerField(default=0, verbose_name='progress (%)')),
                ('step', models.CharField(blank=True, max_length=255, verbose_name='step')),
                ('queued_at', models.DateTimeField(blank=True, null=True, verbose_name='queued')),
                ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='started')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished')),
                ('docx_name', models.CharField(blank=True, max_length=255, verbose_name='DOCX file')),
                ('pdf_name', models.CharField(blank=True, max_length=255, verbose_name='PDF file')),
                ('hub', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='final_report_builds', to='home.mobilityprojectpage', verbose_name='project')),
                ('requested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='requested by')),
            ],
            options={
                'verbose_name': 'final report build',
                'verbose_name_plural': 'final report builds',
                'constraints': [models.UniqueConstraint(fields=('hub', 'language'), name='one_final_report_per_project_and_language')],
            },
        ),
    ]
