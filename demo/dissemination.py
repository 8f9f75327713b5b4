"""Demo content of the dissemination app: the founding project's results page, compiled from
the demo's public material, reviewed by the demo editor and published.

Loading again compiles again: with nothing changed that writes nothing, and if the demo's
public material has changed, the new draft goes through the same review and is published.
The page has a Latvian translation, compiled from the Latvian pages the same way.
"""

import datetime

from django.contrib.auth import get_user_model
from wagtail.models import Locale

from demo.home import PROJECT_SLUG
from dissemination.compile import compile_results, ensure_results_page
from dissemination.models import DisseminationActivity, ResultsPage
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


LATVIAN = {
    "title": "Florences pieredzes apmaiņas vizītes rezultāti",
    "introduction": (
        "<p>2010. gada oktobrī četri Latgales profesionālās izglītības speciālisti pavadīja "
        "nedēļu Florencē, iepazīstot, kā Itālijas profesionālās skolas vada kvalitāti un "
        "sadarbojas ar darba devējiem. Šajā lapā apkopots tas, ko viņi publiskojuši: "
        "pierādījumi katram mērķim, viņu kompetenču izaugsme, angļu valodas prakse un "
        "vizītes rosinātās idejas jauniem projektiem.</p>"
    ),
    "conclusions": (
        "<p>Vizīte deva skolai paraugu ikgadējam pašnovērtējumam kopā ar darba devējiem un "
        "plānu apvienotai mehatronikas izglītības programmai; abi tagad ierosināti kā jauni "
        "projekti.</p>"
    ),
    "log": [
        (datetime.date(2010, 11, 12), "Metodiskā diena nosūtītājskolā", "42 skolotāji", ""),
        (
            datetime.date(2010, 12, 3),
            "Latgales reģiona profesionālās izglītības konference",
            "Profesionālās izglītības skolu vadītāji",
            "",
        ),
    ],
}


def load(command):
    hub = MobilityProjectPage.objects.filter(slug=PROJECT_SLUG, locale__language_code="en").first()
    editor = get_user_model().objects.filter(username="editor").first()
    if hub is None or editor is None:
        return
    page = ensure_results_page(hub, title="Results of the Florence study visit")
    compile_and_publish(page, editor)
    latvian = ensure_latvian_page(page, editor)
    if latvian is not None:
        compile_and_publish(latvian, editor)


def compile_and_publish(page, editor):
    """Compile the page and have the demo editor approve it, unless nothing has changed."""
    if page.live and not page.has_unpublished_changes:
        if compile_results(page.pk).state == "unchanged":
            return
    else:
        write_editor_fields(page, editor)
        compile_results(page.pk)
    approve(page, editor)


def dissemination_log(rows):
    return [
        DisseminationActivity(date=day, event=event, audience=audience, link=link, sort_order=n)
        for n, (day, event, audience, link) in enumerate(rows)
    ]


def write_editor_fields(page, editor):
    draft = page.get_latest_revision_as_object()
    if draft.introduction:
        return
    draft.introduction = INTRODUCTION
    draft.conclusions = CONCLUSIONS
    draft.dissemination_log = dissemination_log(LOG)
    draft.save_revision(user=editor)


def ensure_latvian_page(page, editor):
    """The Latvian translation of the results page, with what the editor wrote in Latvian.

    Made once the English page is published, as the admin's "Translate" would; it is compiled
    from the Latvian pages and reviewed like the English one.
    """
    latvian = Locale.objects.get(language_code="lv")
    page = ResultsPage.objects.get(pk=page.pk)
    translation = page.get_translation_or_none(latvian)
    if translation is not None:
        return translation.specific
    if not page.live or page.get_parent().get_translation_or_none(latvian) is None:
        return None
    translation = page.copy_for_translation(latvian).specific
    translation.title = LATVIAN["title"]
    translation.introduction = LATVIAN["introduction"]
    translation.conclusions = LATVIAN["conclusions"]
    translation.dissemination_log = dissemination_log(LATVIAN["log"])
    translation.save_revision(user=editor)
    return translation


def approve(page, editor):
    """The demo editor approves every task of the review, as they would in the admin."""
    page = ResultsPage.objects.get(pk=page.pk)
    while page.current_workflow_task_state is not None:
        page.current_workflow_task.on_action(page.current_workflow_task_state, editor, "approve")
        page = ResultsPage.objects.get(pk=page.pk)
    if page.has_unpublished_changes:
        page.get_latest_revision().publish(user=editor)


def reset(command):
    # The hub's deletion (demo.home.reset) would take the page along; deleting it first also
    # removes its workflow states and compile status with it.
    for page in ResultsPage.objects.filter(url_path__contains=f"/{PROJECT_SLUG}/"):
        page.delete()
