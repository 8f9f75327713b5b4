"""The "Results review" workflow: one moderation task for the Editors group.

Every new results page is assigned to it (``ResultsPage.save``), so a compiled draft always goes
to the editors, whatever workflow the rest of the site uses. Editors may change the workflow
or its task in the admin like any other.
"""

from django.db import migrations

WORKFLOW = "Results review"
TASK = "Results review by the editors"


def create_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    if Workflow.objects.filter(name=WORKFLOW).exists():
        return
    editors, _created = Group.objects.get_or_create(name="Editors")
    task_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.add(editors)
    workflow = Workflow.objects.create(name=WORKFLOW, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)


def remove_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow.objects.filter(name=WORKFLOW).delete()
    Task.objects.filter(name=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dissemination", "0001_initial"),
        ("home", "0002_locales_groups_homepage"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
