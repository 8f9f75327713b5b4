"""Demo content of the dissemination app: the founding project's results page, compiled from
the demo's public material, reviewed by the demo editor and published.

Loading again compiles again: with nothing changed that writes nothing, and if the demo's
public material has changed, the new draft goes through the same review and is published.
"""

import datetime

from django.contrib.auth import get_user_model

from dissemination.compile import compile_results, ensure_results_page
from dissemination.models import DisseminationActivity, ResultsPage
from home.demo import PROJECT_SLUG
from home.models import MobilityProjectPage

INTRODUCTION = (
    "<p>In October 2010 four VET specialists from Latgale spent a week in Florence studying how "
    "Italian vocational schools manage quality and work with employers. This page gathers what "
    "they shared publicly: the evidence for each objective, how their competences grew, their "
    "English practice, and the ideas for new projects that came out of the visit.</p>"
)
CONCLUSIONS = (
    "<p>The visit gave the school a model for yearly self-evaluation with employers and a plan "
    "for a combined mechatronics pathway, both now proposed as new projects.</p>"
)
LOG = [
    (datetime.date(2010, 11, 12), "Methodological day at the sending school", "42 teachers", ""),
    (datetime.date(2010, 12, 3), "Latgale regional VET conference", "VET school leaders", ""),
]


def load(command):
    hub = MobilityProjectPage.objects.filter(slug=PROJECT_SLUG, locale__language_code="en").first()
    editor = get_user_model().objects.filter(username="editor").first()
    if hub is None or editor is None:
        return
    page = ensure_results_page(hub, title="Results of the Florence study visit")
    if page.live and not page.has_unpublished_changes:
        if compile_results(page.pk).state == "unchanged":
            return
    else:
        write_editor_fields(page, editor)
        compile_results(page.pk)
    approve(page, editor)


def write_editor_fields(page, editor):
    draft = page.get_latest_revision_as_object()
    if draft.introduction:
        return
    draft.introduction = INTRODUCTION
    draft.conclusions = CONCLUSIONS
    draft.dissemination_log = [
        DisseminationActivity(date=day, event=event, audience=audience, link=link, sort_order=n)
        for n, (day, event, audience, link) in enumerate(LOG)
    ]
    draft.save_revision(user=editor)


def approve(page, editor):
    """The demo editor approves every task of the review, as they would in the admin."""
    page = ResultsPage.objects.get(pk=page.pk)
    while page.current_workflow_task_state is not None:
        page.current_workflow_task.on_action(page.current_workflow_task_state, editor, "approve")
        page = ResultsPage.objects.get(pk=page.pk)
    if page.has_unpublished_changes:
        page.get_latest_revision().publish(user=editor)


def reset(command):
    # The hub's deletion (home.demo.reset) would take the page along; deleting it first also
    # removes its workflow states and compile status with it.
    for page in ResultsPage.objects.filter(url_path__contains=f"/{PROJECT_SLUG}/"):
        page.delete()
