"""Demo content: the founding project's partner organisations and their roles in it.

The sending school in Daugavpils (the project's own, with Inta Laurena as its contact), the two
Florence schools that hosted the participants, a company they visited and a mobility agency that
arranged the week. The Florence organisations are fictional, as their "(demo)" says; the first
two are the host institutions participants choose in their visit reports (``demo.portfolios``).

Partners are part of the hub's content, so they are added through a published revision of each
translation of the hub: a later publish of the hub keeps them. Loading leaves a hub that has
partners as it is; resetting removes the founding project's partners and the organisations no
entry or other project uses.
"""

from contextlib import suppress

from django.contrib.auth import get_user_model
from django.db.models import ProtectedError

from demo.home import PROJECT_SLUG
from demo.portfolios import HOSTS
from home.models import MobilityProjectPage
from portfolios.models import HostInstitution
from portfolios.models.frameworks import ProjectPartner

Role = ProjectPartner.Role
Kind = HostInstitution.Kind

SENDING_SCHOOL = {
    "name": "Latgales Transporta un sakaru tehniskā skola",
    "city": "Daugavpils",
    "country": "LV",
    "kind": Kind.VET_SCHOOL,
    "website": "https://www.ltsts.lv/",
    "contact_name": "Inta Laurena",
    "contact_role": "Project manager",
    "contact_email": "lts@ltsts.lv",
}
AGENCY = {
    "name": "Agenzia Mobilità Toscana (demo)",
    "city": "Florence",
    "country": "IT",
    "kind": Kind.ASSOCIATION,
    "contact_name": "Giulia Bianchi",
    "contact_role": "Mobility officer",
}

# (organisation name, role, note in English, note in Latvian)
PARTNERS = [
    (
        SENDING_SCHOOL["name"],
        Role.SENDING,
        "Sends the four specialists and coordinates the project.",
        "Nosūta četrus speciālistus un koordinē projektu.",
    ),
    (
        AGENCY["name"],
        Role.INTERMEDIARY,
        "Arranged the programme of visits and seminars in Florence.",
        "Sagatavoja vizīšu un semināru programmu Florencē.",
    ),
    (
        HOSTS[0][0],
        Role.HOST,
        "Hosted lesson observations in mechanics and metalworking.",
        "Uzņēma stundu vērošanā mehānikā un metālapstrādē.",
    ),
    (
        HOSTS[1][0],
        Role.HOST,
        "Hosted the seminars on quality management in VET.",
        "Uzņēma seminārus par kvalitātes vadību profesionālajā izglītībā.",
    ),
    (
        HOSTS[2][0],
        Role.VISITED,
        "Showed the labour-market needs of a Florentine employer.",
        "Iepazīstināja ar Florences darba devēja vajadzībām darba tirgū.",
    ),
]


def founding_hubs():
    return MobilityProjectPage.objects.filter(slug=PROJECT_SLUG).select_related("locale")


def ensure_organisations():
    organisations = {}
    for values in (SENDING_SCHOOL, AGENCY):
        fields = dict(values)
        organisation, _created = HostInstitution.objects.get_or_create(
            name=fields.pop("name"), city=fields.pop("city"), defaults=fields
        )
        organisations[organisation.name] = organisation
    for name, kind in HOSTS:
        organisation, _created = HostInstitution.objects.get_or_create(
            name=name, city="Florence", defaults={"country": "IT", "kind": kind}
        )
        organisations[name] = organisation
    return organisations


def load(command):
    organisations = ensure_organisations()
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    for hub in founding_hubs():
        if hub.partners.exists():
            continue
        latvian = hub.locale.language_code == "lv"
        for sort_order, (name, role, note_en, note_lv) in enumerate(PARTNERS):
            hub.partners.add(
                ProjectPartner(
                    organisation=organisations[name],
                    role=role,
                    note=note_lv if latvian else note_en,
                    sort_order=sort_order,
                )
            )
        hub.save_revision(user=admin, log_action=True).publish(user=admin)


def reset(command):
    ProjectPartner.objects.filter(page__slug=PROJECT_SLUG).delete()
    for values in (SENDING_SCHOOL, AGENCY):
        # Another project or an entry that still names it keeps it.
        with suppress(ProtectedError):
            HostInstitution.objects.filter(name=values["name"], city=values["city"]).delete()
