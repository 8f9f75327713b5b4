"""Partner organisations: the grown ``HostInstitution`` (country as an ISO code, contact person,
type) and each organisation's role in a project (``ProjectPartner``), listed on the hub."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from portfolios.exports import PortfolioImport
from portfolios.models import HostInstitution
from portfolios.models.frameworks import ProjectPartner, country_code
from tests.factories import make_project, make_user

pytestmark = pytest.mark.django_db


def add_partners(hub, *partners):
    """Partners as the admin adds them: in the hub's content, through a published revision."""
    for sort_order, (organisation, role) in enumerate(partners):
        hub.partners.add(
            ProjectPartner(organisation=organisation, role=role, sort_order=sort_order)
        )
    hub.save_revision().publish()
    return hub


@pytest.mark.parametrize(
    ("written", "code"),
    [("IT", "IT"), ("it", "IT"), ("Italy", "IT"), ("Itālija", "IT"), ("Latvija", "LV"), ("", "")],
)
def test_a_country_is_known_by_its_code_or_its_name(written, code):
    assert country_code(written) == code


def test_an_unknown_country_has_no_code():
    assert country_code("Atlantis") == ""


def test_a_country_written_out_is_stored_as_its_code_and_shown_in_the_readers_language():
    school = HostInstitution.objects.create(name="Scuola", city="Florence", country="Italy")
    school.refresh_from_db()
    assert school.country.code == "IT"
    assert HostInstitution.objects.filter(country="IT").count() == 1
    with translation.override("lv"):
        assert str(school.country) == "Itālija"
    with translation.override("en"):
        assert str(school.country) == "Italy"


def test_the_hub_lists_its_partners_with_their_countries_and_roles(client):
    hub = make_project("partnered")
    sending = HostInstitution.objects.create(
        name="Latgale Technical School",
        city="Daugavpils",
        country="LV",
        contact_name="Inta Example",
        contact_email="inta@example.org",
    )
    host = HostInstitution.objects.create(
        name="Istituto Firenze",
        city="Florence",
        country="IT",
        kind=HostInstitution.Kind.COMPANY,
        website="https://example.org/istituto",
    )
    add_partners(hub, (sending, ProjectPartner.Role.SENDING), (host, ProjectPartner.Role.HOST))

    response = client.get(hub.url)

    html = response.content.decode()
    assert response.status_code == 200
    section = html[html.index('id="partners-heading"') :]
    assert section.index("Latgale Technical School") < section.index("Istituto Firenze")
    assert "Daugavpils, " in section and ">Latvia<" in section
    assert "Florence, " in section and ">Italy<" in section
    assert "Sending organisation" in section and "Host organisation" in section
    assert "Company" in section
    assert 'href="https://example.org/istituto"' in section
    # The contact person is for the coordinator's report and the admin, not the public hub.
    assert "inta@example.org" not in html


def test_a_hub_without_partners_has_no_partners_section(client):
    hub = make_project("alone")
    response = client.get(hub.url)
    assert response.status_code == 200
    assert "partners-heading" not in response.content.decode()


def test_partners_survive_the_next_publish_of_the_hub():
    hub = make_project("kept")
    host = HostInstitution.objects.create(name="Istituto", city="Florence", country="IT")
    add_partners(hub, (host, ProjectPartner.Role.HOST))
    hub.refresh_from_db()
    hub.title = "Kept, renamed"
    hub.save_revision().publish()
    assert list(hub.get_partners().values_list("organisation__name", "role")) == [
        ("Istituto", "host")
    ]


def test_an_organisation_in_a_project_cannot_be_deleted_from_under_it():
    from django.db.models import ProtectedError

    hub = make_project("protected")
    host = HostInstitution.objects.create(name="Istituto", city="Florence", country="IT")
    add_partners(hub, (host, ProjectPartner.Role.HOST))
    with pytest.raises(ProtectedError):
        host.delete()


def test_the_hub_editor_offers_partners(client):
    hub = make_project("editable")
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[hub.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="partners-TOTAL_FORMS"' in html
    assert "Partner organisations" in html


def test_the_snippet_form_refuses_an_unknown_country_and_saves_nothing(client):
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    url = reverse("wagtailsnippets_portfolios_hostinstitution:add")
    data = {
        "name": "Nowhere School",
        "city": "Nowhere",
        "country": "XX",
        "kind": "vet_school",
        "website": "",
        "contact_name": "",
        "contact_role": "",
        "contact_email": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert not HostInstitution.objects.filter(name="Nowhere School").exists()

    response = client.post(url, {**data, "country": "EE", "contact_name": "Mari Tamm"})
    assert response.status_code == 302
    saved = HostInstitution.objects.get(name="Nowhere School")
    assert (saved.country.code, saved.contact_name) == ("EE", "Mari Tamm")


def test_an_export_made_before_codes_and_contacts_imports_with_its_country_as_a_code():
    hub = make_project("imported")
    importer = PortfolioImport(b"", hub, make_user())
    old_style = {
        "name": "Istituto Antico",
        "city": "Florence",
        "country": "Italy",
        "kind": "vet_school",
        "website": "",
    }
    host = importer.host_institution(old_style, "the visit")
    host.refresh_from_db()
    assert (host.country.code, host.contact_name) == ("IT", "")


def test_the_founding_projects_partners_in_the_demo(demo, client):
    from home.models import MobilityProjectPage

    hub = MobilityProjectPage.objects.get(slug="latgale-florence-2010", locale__language_code="en")
    partners = list(hub.get_partners())
    roles = {(p.organisation.city, p.organisation.country.code, p.role) for p in partners}
    assert ("Daugavpils", "LV", "sending") in roles
    assert {role for city, code, role in roles if city == "Florence"} >= {"host", "visited"}
    sending = next(p.organisation for p in partners if p.role == "sending")
    assert sending.contact_name == "Inta Laurena"

    html = client.get(hub.url).content.decode()
    assert "Latgales Transporta un sakaru tehniskā skola" in html
    assert ">Italy<" in html

    latvian = hub.get_translation(Locale.objects.get(language_code="lv"))
    with translation.override("lv"):
        html = client.get(latvian.url).content.decode()
    assert ">Itālija<" in html


def test_the_results_compile_names_host_countries_rather_than_their_codes(demo):
    from dissemination.compile.sections import build_sections
    from home.models import MobilityProjectPage

    hub = MobilityProjectPage.objects.get(slug="latgale-florence-2010", locale__language_code="en")
    hosts = build_sections(hub)["glance"]["host_institutions"]
    assert hosts
    assert {host["country"] for host in hosts} == {"Italy"}
