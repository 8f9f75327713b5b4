"""Demo content of the evaluation app: the founding project (it ended in 2010) fully evaluated.

Each of the nine objectives is marked with its kind, so that what serves it by nature counts
(Anna's public practice log for English, the project's public ideas for the ideas database, the
visit reports for quality management and the labour market); the seminar notes and visit
reports serve the objectives nothing public served yet; the four participants have rated every
objective; and the coordinator's evaluation of each is written in English and in Latvian. The
ratings and evaluation are fictional, written around the project's real objectives.

This step runs before the results page is compiled, so that the evaluation is on it, and before
the Europass records are confirmed, so that the objectives it adds to entries are in them.
"""

from django.contrib.auth import get_user_model

from demo.home import PROJECT_SLUG
from evaluation.models import EvaluationStatus, ObjectiveEvaluation, ObjectiveRating
from home.models import MobilityProjectPage, ObjectiveKind
from portfolios.models import EntryPage

A, P = EvaluationStatus.ACHIEVED, EvaluationStatus.PARTLY_ACHIEVED

KINDS = {
    1: ObjectiveKind.PROFESSIONAL_COMPETENCES,
    2: ObjectiveKind.LABOUR_MARKET,
    3: ObjectiveKind.QUALITY_MANAGEMENT,
    4: ObjectiveKind.COOPERATION,
    5: ObjectiveKind.INTERCULTURAL,
    6: ObjectiveKind.EUROPEAN_DIMENSION,
    7: ObjectiveKind.PERSONAL_GROWTH,
    8: ObjectiveKind.ENGLISH,
    9: ObjectiveKind.IDEAS_DATABASE,
}

# Number: (status, English summary, Latvian summary).
EVALUATION = {
    1: (
        A,
        "All four participants report new methods for their own teaching and project work; "
        "two project ideas came straight out of the seminars.",
        "Visi četri dalībnieki min jaunas metodes savam darbam mācībās un projektos; divas "
        "projektu idejas radās tieši semināros.",
    ),
    2: (
        P,
        "The visit reports compare requirements for mechanics and electronics technicians; "
        "the comparison for ICT is still to be made.",
        "Vizīšu pārskatos salīdzinātas prasības mehānikas un elektronikas tehniķiem; IKT "
        "salīdzinājums vēl jāveic.",
    ),
    3: (
        A,
        "Three institutions visited and their yearly self-evaluation with employers described "
        "in detail; our school tries it from next year.",
        "Apmeklētas trīs iestādes, sīki aprakstīta to ikgadējā pašnovērtēšana kopā ar darba "
        "devējiem; mūsu skola to izmēģinās no nākamā gada.",
    ),
    4: (
        A,
        "The Florence school agreed to host two of our students next spring and to plan a "
        "joint application.",
        "Florences skola piekrita nākamajā pavasarī uzņemt divus mūsu audzēkņus un plānot "
        "kopīgu pieteikumu.",
    ),
    5: (
        A,
        "Every participant wrote about what surprised them in Italian school life, and the "
        "hosts asked for a return visit to Latgale.",
        "Katrs dalībnieks rakstīja par to, kas viņu pārsteidza Itālijas skolas dzīvē, un "
        "uzņēmēji lūdza atbildes vizīti Latgalē.",
    ),
    6: (
        P,
        "The participants now use European tools (EQF levels, Europass) in their work; sharing "
        "them with colleagues at home has only begun.",
        "Dalībnieki tagad izmanto Eiropas rīkus (EKI līmeņus, Europass) savā darbā; dalīšanās "
        "ar kolēģiem mājās tikai sākusies.",
    ),
    7: (
        A,
        "Seminars and observed lessons are recorded in every portfolio, each with what to "
        "transfer home.",
        "Semināri un hospitētās nodarbības ir aprakstītas katrā portfelī, katrai norādot, ko "
        "pārņemt mājās.",
    ),
    8: (
        A,
        "English was spoken every day; the practice logs show steady practice and the levels "
        "the participants reached.",
        "Angļu valodā runāja katru dienu; prakses žurnāli rāda regulāru praksi un sasniegtos "
        "līmeņus.",
    ),
    9: (
        A,
        "The Ideas database holds the project's proposals for new projects, several supported "
        "by teachers of the region.",
        "Ideju datu bāzē ir projekta priekšlikumi jauniem projektiem, vairākus atbalsta reģiona "
        "skolotāji.",
    ),
}

# Each participant's ratings: objectives partly achieved for them (the rest achieved), and
# the sentence they wrote for every objective.
RATINGS = {
    "participant1": (
        {2},
        "The seminars and my observation notes show it; I already use two of the methods.",
    ),
    "participant2": (
        {2, 6},
        "My visit report and the comparison of automation courses are the evidence.",
    ),
    "participant3": (
        {6},
        "I wrote up the ideas and the quality-management practices we saw, so I can say so.",
    ),
    "participant4": (
        {2, 8},
        "I learnt a lot, though my English and the labour-market comparison need more work.",
    ),
}

# Entries every participant wrote that serve more objectives than they first said, so that
# each objective has public evidence: the seminar built professional competences, and the
# visit was intercultural dialogue and the European dimension at work.
MORE_OBJECTIVES = {
    "seminar-quality-assurance": (1,),
    "institution-visit": (5, 6),
}


def founding_hubs():
    hubs = MobilityProjectPage.objects.filter(slug=PROJECT_SLUG).select_related("locale")
    return {hub.locale.language_code: hub for hub in hubs}


def load(command):
    hubs = founding_hubs()
    if "en" not in hubs:
        return
    for hub in hubs.values():
        mark_kinds(hub)
        serve_more_objectives(hub)
    ensure_ratings(hubs["en"])
    for language, hub in hubs.items():
        ensure_evaluation(hub, language)


def reset(command):
    # Ratings and evaluations go with the objectives when demo.home's reset deletes the hub.
    ObjectiveRating.objects.filter(objective__page__slug=PROJECT_SLUG).delete()
    ObjectiveEvaluation.objects.filter(objective__page__slug=PROJECT_SLUG).delete()


def mark_kinds(hub):
    """The kinds, published in a new revision of the hub, so that the next edit in the admin
    (which starts from the latest revision) keeps them."""
    objectives = list(hub.objectives.all())
    if all(objective.kind == KINDS.get(objective.number) for objective in objectives):
        return
    for objective in objectives:
        objective.kind = KINDS.get(objective.number, ObjectiveKind.GENERAL)
    hub.objectives = objectives
    revision = hub.save_revision(log_action=False)
    if hub.live:
        revision.publish(skip_permission_checks=True, log_action=False)


def serve_more_objectives(hub):
    """Add ``MORE_OBJECTIVES`` to the entries of ``hub``'s portfolios (in its language), each
    through a published revision, as its owner would."""
    objectives = {o.number: o for o in hub.objectives.all()}
    entries = (
        EntryPage.objects.of_project(hub)
        .filter(locale=hub.locale, slug__in=MORE_OBJECTIVES)
        .specific()
    )
    for entry in entries:
        served = {o.number for o in entry.objectives.all()}
        wanted = served | set(MORE_OBJECTIVES[entry.slug])
        if wanted == served:
            continue
        entry.objectives = [objectives[number] for number in sorted(wanted) if number in objectives]
        entry.save_revision(user=entry.owner, log_action=False).publish(
            skip_permission_checks=True, log_action=False
        )


def ensure_ratings(hub):
    User = get_user_model()
    objectives = list(hub.objectives.all())
    for username, (partly, comment) in RATINGS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        for objective in objectives:
            ObjectiveRating.objects.get_or_create(
                objective=objective,
                participant=user,
                defaults={
                    "status": P if objective.number in partly else A,
                    "comment": comment,
                },
            )


def ensure_evaluation(hub, language):
    coordinator = get_user_model().objects.filter(username="coordinator").first()
    for objective in hub.objectives.all():
        if objective.number not in EVALUATION:
            continue
        status, summary_en, summary_lv = EVALUATION[objective.number]
        ObjectiveEvaluation.objects.get_or_create(
            objective=objective,
            defaults={
                "status": status,
                "summary": summary_lv if language == "lv" else summary_en,
                "evaluated_by": coordinator,
            },
        )
