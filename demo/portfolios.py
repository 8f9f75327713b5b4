"""Demo content of the portfolios app: the founding project's members, competence framework,
host institutions and the four participants' portfolios.

Participants, institutions and entries are fictional, written for the demo around the project's
real objectives and dates (Florence, 24–30 October 2010). The portfolios use every visibility
level, so the demo shows what each kind of visitor sees.
"""

import datetime

from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page

from core.models import ProjectMembership
from core.visibility import Visibility
from demo.home import PROJECT_SLUG
from home.models import MobilityProjectPage
from portfolios.models import (
    Competence,
    HostInstitution,
    InstitutionVisitPage,
    LabourMarketComparison,
    LessonObservationPage,
    PortfolioPage,
    PracticeLogEntry,
    ReflectionPage,
    SelfAssessment,
    SeminarNotePage,
)

START = datetime.date(2010, 10, 24)

COMPETENCES = [
    # (category, English name, Latvian name, EQF level)
    ("Projects", "Project design and management", "Projektu izstrāde un vadība", 6),
    ("Quality", "Quality management in VET", "Kvalitātes vadība profesionālajā izglītībā", 6),
    ("Labour market", "Labour-market analysis", "Darba tirgus analīze", 5),
    ("Languages", "English communication at work", "Saziņa angļu valodā darbā", 5),
    ("Cooperation", "Intercultural competence", "Starpkultūru kompetence", 5),
    ("Teaching", "Active teaching methods", "Aktīvās mācību metodes", 6),
]

HOSTS = [
    ("Istituto Tecnico per la Meccanica (demo)", "vet_school"),
    ("Centro di Formazione Professionale Toscana (demo)", "training_centre"),
    ("Officine Meccaniche Fiorentine (demo)", "company"),
]

PORTFOLIOS = [
    # username, slug, role, subject, portfolio visibility, log visibility
    (
        "participant1",
        "anna-kalnina",
        "Teacher of mechanics",
        "Mechanical engineering",
        Visibility.PUBLIC,
        Visibility.PUBLIC,
    ),
    (
        "participant2",
        "janis-ozols",
        "Teacher of electronics",
        "Electronics and automation",
        Visibility.PROJECT,
        Visibility.PROJECT,
    ),
    (
        "participant3",
        "liga-berzina",
        "Methodologist",
        "Project writing",
        Visibility.REGISTERED,
        Visibility.REGISTERED,
    ),
    (
        "participant4",
        "peteris-vitols",
        "Teacher of ICT",
        "Information technology",
        Visibility.PRIVATE,
        Visibility.PRIVATE,
    ),
]

SKILLS = list(PracticeLogEntry.Skill)
ACTIVITIES = [
    PracticeLogEntry.Activity.CONVERSATION,
    PracticeLogEntry.Activity.SEMINAR,
    PracticeLogEntry.Activity.READING,
    PracticeLogEntry.Activity.CONVERSATION,
    PracticeLogEntry.Activity.WRITING,
    PracticeLogEntry.Activity.SEMINAR,
    PracticeLogEntry.Activity.OTHER,
]


def load(command):
    hub = MobilityProjectPage.objects.filter(slug=PROJECT_SLUG, locale__language_code="en").first()
    if hub is None:
        return
    ensure_memberships(hub)
    competences = ensure_competences()
    hosts = ensure_hosts()
    for index, spec in enumerate(PORTFOLIOS):
        ensure_portfolio(hub, index, spec, competences, hosts)
    ensure_latvian_portfolios(hub)


def reset(command):
    # Deleting the hub (demo.home.reset) takes pages and memberships with it; the practice log
    # goes with its portfolio. The reference lists stay: other projects may use them.
    PracticeLogEntry.objects.filter(portfolio__slug__in=[p[1] for p in PORTFOLIOS]).delete()


def ensure_memberships(hub):
    User = get_user_model()
    roles = {"coordinator": ProjectMembership.Role.COORDINATOR}
    roles.update({spec[0]: ProjectMembership.Role.PARTICIPANT for spec in PORTFOLIOS})
    for username, role in roles.items():
        ProjectMembership.objects.get_or_create(
            project=hub, user=User.objects.get(username=username), defaults={"role": role}
        )


def ensure_competences():
    english = Locale.objects.get(language_code="en")
    latvian = Locale.objects.get(language_code="lv")
    competences = []
    for category, name_en, name_lv, eqf in COMPETENCES:
        competence, created = Competence.objects.get_or_create(
            locale=english, name=name_en, defaults={"category": category, "eqf_level": eqf}
        )
        if created or not competence.has_translation(latvian):
            translation = competence.copy_for_translation(latvian)
            translation.name = name_lv
            translation.save()
        competences.append(competence)
    return competences


def ensure_hosts():
    return [
        HostInstitution.objects.get_or_create(
            name=name, city="Florence", defaults={"country": "Italy", "kind": kind}
        )[0]
        for name, kind in HOSTS
    ]


def ensure_portfolio(hub, index, spec, competences, hosts):
    username, slug, role, subject, visibility, log_visibility = spec
    if PortfolioPage.objects.child_of(hub).filter(slug=slug).exists():
        return
    user = get_user_model().objects.get(username=username)
    portfolio = PortfolioPage(
        title=user.get_full_name(),
        slug=slug,
        participant=user,
        owner=user,
        role=role,
        institution="Latgale Transport and Communications Technical School",
        subject_area=subject,
        languages="Latvian, Russian, English",
        bio=f"{role} at the Daugavpils technical school, on the Florence study visit in 2010.",
        visibility=visibility,
        practice_log_visibility=log_visibility,
    )
    portfolio.self_assessments = [
        SelfAssessment(
            competence=competence,
            level_before=2 + (index + n) % 2,
            level_after=3 + (index + n) % 3 if index < 3 else None,
            target_level=4,
            sort_order=n,
        )
        for n, competence in enumerate(competences[index : index + 3] or competences[:3])
    ]
    hub.add_child(instance=portfolio)
    portfolio.save_revision(user=user).publish(user=user, skip_permission_checks=True)

    objectives = {o.number: o for o in hub.objectives.all()}
    host = hosts[index % len(hosts)]
    entries = [
        SeminarNotePage(
            title="Seminar: quality assurance in Italian VET",
            slug="seminar-quality-assurance",
            date=START + datetime.timedelta(days=1),
            seminar_title="Quality assurance in Italian vocational education",
            organiser="Regional VET office (demo)",
            key_points=(
                "<ul><li>Self-evaluation every year</li><li>Employers on school boards</li></ul>"
            ),
            transfer="Try a yearly self-evaluation with employers in our own school.",
            visibility=Visibility.PUBLIC,
            objectives=[objectives[3], objectives[7]],
        ),
        LessonObservationPage(
            title=f"Observed lesson: {subject.lower()}",
            slug="observed-lesson",
            date=START + datetime.timedelta(days=2),
            host_institution=host,
            subject=subject,
            learner_level="Second-year students, EQF 4",
            methods_observed="Project work in small groups with a real customer brief.",
            what_worked="Students explained their work to the customer in the last ten minutes.",
            transfer="Invite local companies to give briefs for practical projects.",
            visibility=Visibility.PROJECT,
            objectives=[objectives[7]],
        ),
        InstitutionVisitPage(
            title=f"Visit: {host.name}",
            slug="institution-visit",
            date=START + datetime.timedelta(days=3),
            host_institution=host,
            quality_practices="<p>Quality goals are set with the regional employers' council.</p>",
            visibility=Visibility.PUBLIC,
            objectives=[objectives[2], objectives[3], objectives[4]],
            labour_market_rows=[
                LabourMarketComparison(
                    occupation="CNC machine operator",
                    host_requirement="Certified CAD/CAM skills and two languages",
                    home_requirement="Basic CNC programming",
                    implication="Add a CAD/CAM module to the metalworking programme",
                    sort_order=0,
                ),
                LabourMarketComparison(
                    occupation="Maintenance technician",
                    host_requirement="Electronics and automation together",
                    home_requirement="Separate qualifications",
                    implication="Plan a combined mechatronics pathway",
                    sort_order=1,
                ),
            ],
        ),
        ReflectionPage(
            title="Thoughts after the first day",
            slug="thoughts-after-day-one",
            date=START,
            visibility=Visibility.PRIVATE,
            body=[("text", "<p>Speaking English all day was tiring but it got easier.</p>")],
            objectives=[objectives[8]],
        ),
    ]
    # Tags cannot be given to a page's constructor; they go on once the entry exists.
    tags = [["quality", "seminar"], ["teaching methods"], ["labour market", "quality"], []]
    for entry, entry_tags in zip(entries, tags, strict=True):
        entry.owner = user
        portfolio.add_child(instance=entry)
        entry.tags.add(*entry_tags)
        entry.save_revision(user=user).publish(user=user, skip_permission_checks=True)

    PracticeLogEntry.objects.bulk_create(
        PracticeLogEntry(
            portfolio=portfolio,
            date=START + datetime.timedelta(days=day),
            minutes=30 + 15 * ((day + index) % 4),
            skill=SKILLS[(day + index) % len(SKILLS)],
            activity=ACTIVITIES[day],
            level=["A2", "B1", "B1", "B2"][index] if day < 4 else ["B1", "B1", "B2", "B2"][index],
            note="",
        )
        for day in range(7)
    )


# The Latvian translation of each portfolio and entry: the same facts, in Latvian.
LATVIAN_PROFILES = {
    # slug: (role, subject area, short bio)
    "anna-kalnina": (
        "Mehānikas skolotāja",
        "Mašīnbūve",
        "Mehānikas skolotāja Daugavpils tehniskajā skolā; 2010. gadā piedalījās pieredzes "
        "apmaiņas vizītē Florencē.",
    ),
    "janis-ozols": (
        "Elektronikas skolotājs",
        "Elektronika un automātika",
        "Elektronikas skolotājs Daugavpils tehniskajā skolā; 2010. gadā piedalījās pieredzes "
        "apmaiņas vizītē Florencē.",
    ),
    "liga-berzina": (
        "Metodiķe",
        "Projektu rakstīšana",
        "Metodiķe Daugavpils tehniskajā skolā; 2010. gadā piedalījās pieredzes apmaiņas vizītē "
        "Florencē.",
    ),
    "peteris-vitols": (
        "IKT skolotājs",
        "Informācijas tehnoloģijas",
        "IKT skolotājs Daugavpils tehniskajā skolā; 2010. gadā piedalījās pieredzes apmaiņas "
        "vizītē Florencē.",
    ),
}
LATVIAN_PORTFOLIO = {
    "institution": "Latgales Transporta un sakaru tehniskā skola",
    "languages": "latviešu, krievu, angļu",
}
LATVIAN_TAGS = {
    "quality": "kvalitāte",
    "seminar": "seminārs",
    "teaching methods": "mācību metodes",
    "labour market": "darba tirgus",
}


def latvian_entry_fields(entry, subject_lv):
    """The Latvian texts of one demo entry, by its slug (every portfolio has the same four)."""
    if entry.slug == "seminar-quality-assurance":
        return {
            "title": "Seminārs: kvalitātes nodrošināšana Itālijas profesionālajā izglītībā",
            "seminar_title": "Kvalitātes nodrošināšana Itālijas profesionālajā izglītībā",
            "organiser": "Reģionālais profesionālās izglītības birojs (demo)",
            "key_points": (
                "<ul><li>Pašnovērtējums katru gadu</li><li>Darba devēji skolu padomēs</li></ul>"
            ),
            "transfer": "Izmēģināt mūsu skolā ikgadēju pašnovērtējumu kopā ar darba devējiem.",
        }
    if entry.slug == "observed-lesson":
        return {
            "title": f"Hospitētā nodarbība: {subject_lv.lower()}",
            "subject": subject_lv,
            "learner_level": "Otrā kursa audzēkņi, EKI 4. līmenis",
            "methods_observed": "Projektu darbs nelielās grupās pēc reāla klienta pasūtījuma.",
            "what_worked": "Pēdējās desmit minūtēs audzēkņi paši izskaidroja savu darbu klientam.",
            "transfer": "Aicināt vietējos uzņēmumus dot pasūtījumus praktiskajiem projektiem.",
        }
    if entry.slug == "institution-visit":
        return {
            "title": f"Apmeklējums: {entry.host_institution.name}",
            "quality_practices": (
                "<p>Kvalitātes mērķus nosaka kopā ar reģionālo darba devēju padomi.</p>"
            ),
        }
    if entry.slug == "thoughts-after-day-one":
        return {
            "title": "Pārdomas pēc pirmās dienas",
            "body": [
                ("text", "<p>Visu dienu runāt angliski bija nogurdinoši, bet kļuva vieglāk.</p>")
            ],
        }
    return {}


LATVIAN_LABOUR_MARKET = {
    "CNC machine operator": (
        "CNC darbgaldu operators",
        "Sertificētas CAD/CAM prasmes un divas valodas",
        "CNC programmēšanas pamati",
        "Papildināt metālapstrādes programmu ar CAD/CAM moduli",
    ),
    "Maintenance technician": (
        "Apkopes tehniķis",
        "Elektronika un automātika kopā",
        "Atsevišķas kvalifikācijas",
        "Plānot apvienotu mehatronikas izglītības programmu",
    ),
}


def ensure_latvian_portfolios(hub):
    """Translate each demo portfolio and its entries into Latvian, once.

    Wagtail's own copy for translation (as the admin's "Translate" does) keeps the translation
    key, the visibility and the owner; the Latvian copy then gets the Latvian texts, the Latvian
    hub's objectives and the Latvian names of the competences, and is published.
    """
    latvian = Locale.objects.get(language_code="lv")
    hub_lv = hub.get_translation_or_none(latvian)
    if hub_lv is None:
        return
    portfolios = PortfolioPage.objects.child_of(hub).filter(slug__in=LATVIAN_PROFILES)
    translated = set(
        Page.objects.filter(
            locale=latvian, translation_key__in=portfolios.values("translation_key")
        ).values_list("translation_key", flat=True)
    )
    missing = [p for p in portfolios if p.translation_key not in translated]
    if not missing:
        return
    objectives_lv = {o.number: o for o in hub_lv.specific.objectives.all()}
    competences_lv = {c.translation_key: c for c in Competence.objects.filter(locale=latvian)}
    for portfolio in missing:
        translate_portfolio(portfolio, latvian, objectives_lv, competences_lv)


def _publish_as_owner(page, user):
    page.save_revision(user=user).publish(user=user, skip_permission_checks=True)


def translate_portfolio(portfolio, latvian, objectives_lv, competences_lv):
    user = portfolio.participant
    role, subject, bio = LATVIAN_PROFILES[portfolio.slug]
    copy = portfolio.copy_for_translation(latvian).specific
    copy.role = role
    copy.subject_area = subject
    copy.bio = bio
    copy.institution = LATVIAN_PORTFOLIO["institution"]
    copy.languages = LATVIAN_PORTFOLIO["languages"]
    copy.self_assessments = [
        SelfAssessment(
            competence=competences_lv.get(row.competence.translation_key, row.competence),
            level_before=row.level_before,
            level_after=row.level_after,
            target_level=row.target_level,
            reflection=row.reflection,
            sort_order=row.sort_order,
        )
        for row in portfolio.self_assessments.select_related("competence")
    ]
    _publish_as_owner(copy, user)

    for entry in portfolio.get_children().specific().order_by("path"):
        entry_copy = entry.copy_for_translation(latvian).specific
        for name, value in latvian_entry_fields(entry, subject).items():
            setattr(entry_copy, name, value)
        entry_copy.objectives = [
            objectives_lv[o.number] for o in entry.objectives.all() if o.number in objectives_lv
        ]
        if isinstance(entry_copy, InstitutionVisitPage):
            entry_copy.labour_market_rows = [
                LabourMarketComparison(
                    occupation=texts[0],
                    host_requirement=texts[1],
                    home_requirement=texts[2],
                    implication=texts[3],
                    sort_order=row.sort_order,
                )
                for row in entry.labour_market_rows.all()
                for texts in [LATVIAN_LABOUR_MARKET.get(row.occupation)]
                if texts
            ]
        entry_copy.tags.set(
            [LATVIAN_TAGS.get(tag.name, tag.name) for tag in entry.tags.all()], clear=True
        )
        _publish_as_owner(entry_copy, user)
