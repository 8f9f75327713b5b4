"""Demo content of the portfolios app: the founding project's members, competence framework,
host institutions and the four participants' portfolios.

Participants, institutions and entries are fictional, written for the demo around the project's
real objectives and dates (Florence, 24–30 October 2010). The portfolios use every visibility
level, so the demo shows what each kind of visitor sees.
"""

import datetime

from django.contrib.auth import get_user_model
from wagtail.models import Locale

from home.demo import PROJECT_SLUG
from home.models import MobilityProjectPage, ProjectMembership
from home.visibility import Visibility
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


def reset(command):
    # Deleting the hub (home.demo.reset) takes pages and memberships with it; the practice log
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
