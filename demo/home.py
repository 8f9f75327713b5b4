"""Demo content of the home app: the accounts, the site's pages and the founding project.

The founding project is the Leonardo da Vinci VETPRO visit of four Latgale VET specialists to
Florence, 24–30 October 2010 (see shared/seed/FACTS.md). Names, numbers and dates are the
project's own; the texts are written for this demo. The participants, the editor and the regional
teacher are fictional; Inta Laurena is the project's real contact person.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page, Site

from home.models import (
    HomePage,
    MobilityProjectPage,
    PortalSettings,
    ProjectIndexPage,
    ProjectObjective,
)

DEMO_PASSWORD = "mobilitas-demo"  # noqa: S105 - printed for the demo on purpose
PROJECT_SLUG = "latgale-florence-2010"


@dataclass(frozen=True)
class Account:
    username: str
    first_name: str
    last_name: str
    group: str | None
    role: str
    superuser: bool = False

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def email(self):
        return f"{self.username}@example.org"


ACCOUNTS = [
    Account("admin", "Site", "Administrator", None, "administrator", superuser=True),
    Account("editor", "Daina", "Zariņa", "Editors", "editor (moderator)"),
    Account("coordinator", "Inta", "Laurena", "Coordinators", "coordinator"),
    Account("participant1", "Anna", "Kalniņa", "Participants", "participant"),
    Account("participant2", "Jānis", "Ozols", "Participants", "participant"),
    Account("participant3", "Līga", "Bērziņa", "Participants", "participant"),
    Account("participant4", "Pēteris", "Vītols", "Participants", "participant"),
    Account("teacher", "Marta", "Liepa", "Regional teachers", "regional teacher"),
]

HOME = {
    "en": {
        "title": "Mobilitas",
        "intro": (
            "<p>Mobilitas is where teachers on international mobility projects in vocational "
            "education keep their competence portfolios, collect ideas for new projects and "
            "share what they have learned with colleagues across the region.</p>"
        ),
    },
    "lv": {
        "title": "Mobilitas",
        "intro": (
            "<p>Mobilitas ir vieta, kur profesionālās izglītības pedagogi, kas piedalās "
            "starptautiskos mobilitātes projektos, veido savus kompetenču portfeļus, apkopo "
            "idejas jauniem projektiem un dalās pieredzē ar kolēģiem visā reģionā.</p>"
        ),
    },
}

PROJECT_INDEX = {
    "en": {"title": "Projects", "slug": "projects", "intro": ""},
    "lv": {"title": "Projekti", "slug": "projekti", "intro": ""},
}

PROJECT_FACTS = {
    "agreement_number": "2010-1-LV1-LEO03-00754",
    "sending_institution_phone": "654 36893",
    "sending_institution_email": "lts@ltsts.lv",
    "host_city": "Florence",
    "start_date": datetime.date(2010, 10, 24),
    "end_date": datetime.date(2010, 10, 30),
    "budget_eur": Decimal("8056"),
    "contact_name": "Inta Laurena",
    "time_zone": "Europe/Riga",
}

PROJECT = {
    "en": {
        "title": (
            "Developing the capacity of human resources involved in vocational education in "
            "the Latgale region"
        ),
        "slug": PROJECT_SLUG,
        "programme": "Leonardo da Vinci",
        "action": "Mobility — VETPRO (people in the labour market)",
        "sending_institution_name": "Latgale Transport and Communications Technical School",
        "sending_institution_address": "Strādnieku iela 16\nDaugavpils, LV-5417\nLatvia",
        "host_country": "Italy",
        "host_description": "Several institutions connected with vocational education",
        "target_group": "Four specialists involved in initial vocational education",
        "contact_role": "Project manager",
        "summary": (
            "<p>The 2008 economic and financial crisis slowed Latvia's progress towards its "
            "national development goals, and it hit Latgale, already one of the less developed "
            "regions of the European Union, especially hard.</p>"
            "<p>Daugavpils' strategy for vocational education for 2010–2015 builds a regional "
            "VET competence centre on this school, merged with Daugavpils vocational secondary "
            "school No. 1, for mechanical engineering and metalworking, mechanics, energy, "
            "electronics and automation, and ICT. Projects funded by the ERDF (buildings, "
            "energy efficiency, equipment) and the ESF (teaching methods) are on their way, yet "
            "only two methodologists write and run projects at the school today.</p>"
            "<p>This one-week study visit to Florence helps four of our specialists build the "
            "experience the school's growing project team needs.</p>"
        ),
        "expected_results": (
            "<ul>"
            "<li>Participants improve their professional competences and knowledge and gain "
            "innovative experience of project work.</li>"
            "<li>They learn about and compare the labour-market requirements and the quality "
            "management of vocational education institutions in Italy.</li>"
            "<li>An Ideas database of proposals for new projects is built.</li>"
            "<li>Cooperation between institutions is strengthened, intercultural dialogue and "
            "the European dimension are promoted.</li>"
            "<li>At the end, what was achieved is evaluated and the results are "
            "disseminated.</li>"
            "</ul>"
        ),
        "objectives": [
            "Improve professional competences and knowledge, and gain innovative experience "
            "in project work.",
            "Learn about and compare the requirements of the labour market in Italy.",
            "Get to know the quality management of Italian VET institutions in a comparative "
            "perspective by visiting several institutions connected with vocational education "
            "in Florence.",
            "Strengthen bilateral cooperation between institutions.",
            "Promote intercultural dialogue between Italy and Latvia.",
            "Promote the European dimension.",
            "Strengthen the participants' personal growth by attending seminars and observing "
            "lessons.",
            "Create conditions for the participants to improve their English language skills.",
            "Prepare proposals for new projects in an Ideas database.",
        ],
    },
    "lv": {
        "title": "Latgales reģiona profesionālā izglītībā iesaistīto cilvēkresursu kapacitātes "
        "attīstība",
        "slug": PROJECT_SLUG,
        "programme": "Leonardo da Vinci",
        "action": "Mobilitāte — VETPRO (darba tirgū esošas personas)",
        "sending_institution_name": "Latgales Transporta un sakaru tehniskā skola",
        "sending_institution_address": "Strādnieku iela 16\nDaugavpils, LV-5417\nLatvija",
        "host_country": "Itālija",
        "host_description": "Vairākas ar profesionālo izglītību saistītas iestādes",
        "target_group": "Četri sākotnējā profesionālajā izglītībā iesaistīti speciālisti",
        "contact_role": "Projekta vadītāja",
        "summary": (
            "<p>2008. gada ekonomiskā un finanšu krīze palēnināja Latvijas virzību uz "
            "nacionālajiem attīstības mērķiem, un īpaši smagi tā skāra Latgali, kas jau "
            "iepriekš bija viens no mazāk attīstītajiem Eiropas Savienības reģioniem.</p>"
            "<p>Daugavpils profesionālās izglītības stratēģija 2010.–2015. gadam paredz uz "
            "mūsu skolas bāzes, apvienojoties ar Daugavpils 1. arodvidusskolu, izveidot "
            "reģionālu profesionālās izglītības kompetences centru mašīnbūvē un metālapstrādē, "
            "mašīnzinībās, enerģētikā, elektronikā un automātikā, kā arī informācijas un "
            "komunikāciju tehnoloģijās. Priekšā ir ERAF (ēkas, energoefektivitāte, iekārtas) "
            "un ESF (mācību metodes) projekti, bet projektus skolā šobrīd izstrādā un vada "
            "tikai divi metodiķi.</p>"
            "<p>Šī nedēļu ilgā pieredzes apmaiņa Florencē palīdz četriem mūsu speciālistiem "
            "iegūt pieredzi, kas vajadzīga skolas augošajai projektu komandai.</p>"
        ),
        "expected_results": (
            "<ul>"
            "<li>Dalībnieki pilnveido profesionālās kompetences un zināšanas un iegūst "
            "inovatīvu pieredzi darbā ar projektiem.</li>"
            "<li>Viņi iepazīst un salīdzina Itālijas darba tirgus prasības un profesionālās "
            "izglītības iestāžu kvalitātes vadību.</li>"
            "<li>Tiek izveidota projektu priekšlikumu Ideju datu bāze.</li>"
            "<li>Tiek stiprināta iestāžu sadarbība, veicināts starpkultūru dialogs un Eiropas "
            "dimensija.</li>"
            "<li>Projekta noslēgumā sasniegtais tiek izvērtēts un rezultāti izplatīti.</li>"
            "</ul>"
        ),
        "objectives": [
            "Pilnveidot profesionālās kompetences un zināšanas un iegūt inovatīvu pieredzi "
            "darbā ar projektiem.",
            "Iepazīt un salīdzināt darba tirgus prasības Itālijā.",
            "Salīdzinošā skatījumā iepazīt Itālijas profesionālās izglītības iestāžu kvalitātes "
            "vadību, apmeklējot vairākas ar profesionālo izglītību saistītas iestādes Florencē.",
            "Stiprināt divpusējo sadarbību starp iestādēm.",
            "Veicināt starpkultūru dialogu starp Itāliju un Latviju.",
            "Veicināt Eiropas dimensijas attīstību.",
            "Stiprināt dalībnieku personīgo izaugsmi, apmeklējot seminārus un hospitējot "
            "nodarbības.",
            "Radīt apstākļus dalībnieku angļu valodas prasmju pilnveidei.",
            "Sagatavot priekšlikumus jauniem projektiem Ideju datu bāzē.",
        ],
    },
}

SITE_SETTINGS = {
    "institution_name": "Latgales Transporta un sakaru tehniskā skola",
    "contact_email": "lts@ltsts.lv",
    "contact_phone": "654 36893",
    "footer_text": "Strādnieku iela 16, Daugavpils, LV-5417, Latvia",
}


def load(command):
    admin = ensure_accounts()
    home = ensure_home(admin)
    index = ensure_project_index(home, admin)
    ensure_project(index, admin)
    ensure_site_settings(home)
    ensure_site_address()


def reset(command):
    MobilityProjectPage.objects.filter(slug=PROJECT_SLUG).delete()
    get_user_model().objects.filter(username__in=[a.username for a in ACCOUNTS]).delete()


def ensure_accounts():
    User = get_user_model()
    users = {}
    for account in ACCOUNTS:
        user, _created = User.objects.get_or_create(
            username=account.username,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "email": account.email,
                "is_superuser": account.superuser,
                "is_staff": account.superuser,
            },
        )
        # The printed password must work even if someone changed it in an earlier run.
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        if account.group:
            user.groups.add(Group.objects.get(name=account.group))
        users[account.username] = user
    return users["admin"]


def _locale(code):
    return Locale.objects.get(language_code=code)


def _publish(page, user):
    page.save_revision(user=user, log_action=True).publish(user=user)


def _translation(page, code, user, fields):
    """The page's translation into ``code``, created from a copy the first time."""
    existing = page.get_translation_or_none(_locale(code))
    if existing is not None:
        return existing.specific
    translated = page.copy_for_translation(_locale(code)).specific
    for name, value in fields.items():
        setattr(translated, name, value)
    _publish(translated, user)
    return translated


def ensure_home(admin):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        raise RuntimeError("The default site's root page is not a HomePage; run migrate first.")
    if not home.intro:
        home.title = HOME["en"]["title"]
        home.intro = HOME["en"]["intro"]
        _publish(home, admin)
    _translation(home, "lv", admin, HOME["lv"])
    return home


def ensure_project_index(home, admin):
    index = ProjectIndexPage.objects.child_of(home).first()
    if index is None:
        index = ProjectIndexPage(**PROJECT_INDEX["en"])
        home.add_child(instance=index)
        _publish(index, admin)
    _translation(index, "lv", admin, PROJECT_INDEX["lv"])
    return index


def _project_fields(code):
    content = dict(PROJECT[code])
    objectives = content.pop("objectives")
    content["objectives"] = [
        ProjectObjective(number=number, text=text, sort_order=number - 1)
        for number, text in enumerate(objectives, start=1)
    ]
    return {**PROJECT_FACTS, **content}


def ensure_project(index, admin):
    project = MobilityProjectPage.objects.child_of(index).filter(slug=PROJECT_SLUG).first()
    if project is None:
        project = MobilityProjectPage(**_project_fields("en"))
        index.add_child(instance=project)
        _publish(project, admin)
    _translation(project, "lv", admin, _project_fields("lv"))
    return project


def ensure_site_address():
    """The default Site names the address the demo is served from (``WAGTAILADMIN_BASE_URL``,
    which ``MOBILITAS_PORT`` sets in the dev settings), so the sitemap, feeds, API and emails
    link to it rather than to the ``http://localhost/`` the first migration wrote."""
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if not address.hostname:
        return
    port = address.port or (443 if address.scheme == "https" else 80)
    site = Site.objects.get(is_default_site=True)
    if (site.hostname, site.port) != (address.hostname, port):
        site.hostname, site.port = address.hostname, port
        site.save()  # save(), not update(): Wagtail clears its cache of site addresses on save


def ensure_site_settings(home):
    site = Site.objects.get(root_page=Page.objects.get(pk=home.pk))
    site_settings = PortalSettings.for_site(site)
    if not site_settings.institution_name:
        for name, value in SITE_SETTINGS.items():
            setattr(site_settings, name, value)
        site_settings.save()
