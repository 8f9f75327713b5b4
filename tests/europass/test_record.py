"""The Europass Mobility record: drawn from the portfolio, confirmed by the host mentor through a
signed link without an account, printed as PDF in English and Latvian, and checked by anyone on
the public verification page, which shows nothing the participant did not share."""

import datetime
import re
import shutil
import subprocess

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from europass import links
from europass.actions import Refused, ask_mentor, current_data, record_for
from europass.models import ConfirmationRequest
from europass.pdf import record_html, record_pdf
from europass.record import build_record, changes_since, record_hash
from portfolios.models import HostInstitution, PortfolioPage, SeminarNotePage
from tests.factories import far_project

PRIVATE_CANARY = "CANARY-europass-private-seminar"
NOTE_CANARY = "CANARY-europass-private-note"


def user(username):
    return get_user_model().objects.get(username=username)


def portfolio_of(username):
    return PortfolioPage.objects.select_related("project", "participant").get(
        participant__username=username, locale__language_code="en"
    )


def add_seminar(portfolio, title, visibility, slug=None):
    return portfolio.add_child(
        instance=SeminarNotePage(
            title=title,
            slug=slug or re.sub(r"[^a-z0-9]+", "-", title.lower()),
            date=datetime.date(2010, 10, 29),
            seminar_title=f"{title} (seminar)",
            visibility=visibility,
            live=True,
        )
    )


def host():
    return HostInstitution.objects.get(name="Istituto Tecnico per la Meccanica (demo)")


def ask(record, sender="coordinator", email="mentor@example.org", language="en"):
    return ask_mentor(
        record,
        user(sender),
        host_institution=host(),
        mentor_name="Maria Verdi",
        mentor_role="Head of workshops",
        mentor_email=email,
        language=language,
    )


def link_in(message) -> str:
    return re.search(r"http://testserver(\S*/europass/confirm/\S+/)", message.body)[1]


def mentor_post_data(client, url, **overrides):
    """What the mentor's form posts when every box stays ticked, read from the page itself."""
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    data = {"seen_hash": form.initial["seen_hash"], "name": "Maria Verdi", "role": "Tutor"}
    for item in [*form.activity_fields, *form.skill_fields]:
        data[item["confirmed"].html_name] = "on"
    data.update(overrides)
    return data


def pdf_text(pdf: bytes) -> str:
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed to read the PDF"
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode()


# --- The record ---------------------------------------------------------------------------------


def test_the_record_holds_the_europass_mobility_sections_from_the_portfolio(demo):
    anna = portfolio_of("participant1")
    data = build_record(anna, record_for(anna))
    assert data["holder"]["name"] == "Anna Kalniņa"
    assert data["holder"]["role"] == "Teacher of mechanics"
    assert data["project"]["programme"]
    # The organisations are the project's partners in those roles.
    assert data["sending_organisation"]["name"] == "Latgales Transporta un sakaru tehniskā skola"
    assert data["sending_organisation"]["email"] == anna.project.sending_institution_email
    assert data["host_organisation"]["name"] == "Istituto Tecnico per la Meccanica (demo)"
    assert data["host_organisation"]["country"] == "IT"
    assert data["period"] == {"start": "2010-10-24", "end": "2010-10-30", "duration_days": 7}
    assert [o["number"] for o in data["objectives"]] == list(range(1, 10))
    assert all(o["kind"] for o in data["objectives"])
    kinds = {row["kind"] for row in data["activities"]}
    assert kinds == {"seminar", "lesson_observation", "institution_visit"}
    titles = [row["title"] for row in data["activities"]]
    assert "Seminar: quality assurance in Italian VET" in titles
    # A reflection is the participant's diary, not an activity.
    assert "Thoughts after the first day" not in titles
    # Skills by Europass category, from the self-assessment.
    by_category = data["skills"]["by_category"]
    assert [row["name"] for row in by_category["organisational"]] == [
        "Project design and management",
        "Quality management in VET",
    ]
    assert [row["name"] for row in by_category["job_related"]] == ["Labour-market analysis"]
    growth = data["skills"]["competence_growth"]
    assert growth["assessed"] == 3 and growth["assessed_after"] == 3
    # English: the highest CEFR level the practice log records in each skill, with the hours.
    language = {row["skill"]: row for row in data["skills"]["language"]}
    assert set(language) == {
        "listening",
        "reading",
        "spoken_interaction",
        "spoken_production",
        "writing",
    }
    assert {skill: row["level"] for skill, row in language.items()} == {
        "listening": "B1",
        "reading": "B1",
        "spoken_interaction": "A2",
        "spoken_production": "A2",
        "writing": "B1",
    }
    assert all(row["hours"] > 0 for row in language.values())

    # Pēteris rated himself on the other half of the framework, and not yet after the mobility.
    peteris = build_record(portfolio_of("participant4"))
    by_category = peteris["skills"]["by_category"]
    assert [row["name"] for row in by_category["language"]] == ["English communication at work"]
    assert [row["name"] for row in by_category["communication"]] == ["Intercultural competence"]
    assert [row["name"] for row in by_category["job_related"]] == ["Active teaching methods"]
    assert peteris["skills"]["competence_growth"]["assessed_after"] == 0
    assert peteris["mentor"] is None


def test_the_record_is_plain_json_and_its_hash_ignores_key_order(demo):
    import json

    data = current_data(record_for(portfolio_of("participant2")))
    assert json.loads(json.dumps(data)) == data
    shuffled = json.loads(json.dumps(data, sort_keys=True))
    reordered = dict(reversed(list(shuffled.items())))
    assert record_hash(reordered) == record_hash(data)


def test_the_demo_has_a_record_per_participant_two_confirmed_by_the_florence_mentor(demo):
    records = [record_for(portfolio_of(f"participant{n}")) for n in range(1, 5)]
    confirmed = [record for record in records if record.latest_confirmation()]
    assert [r.portfolio.slug for r in confirmed] == ["anna-kalnina", "janis-ozols"]
    for record in confirmed:
        confirmation = record.latest_confirmation()
        assert confirmation.confirmed_by_name == "Giulia Bianchi"
        assert record.host_institution.city == "Florence"
        assert not changes_since(confirmation.snapshot, current_data(record))


def test_a_change_by_the_participant_shows_as_made_after_the_confirmation(demo, client):
    anna = portfolio_of("participant1")
    record = record_for(anna)
    confirmation = record.latest_confirmation()
    seminar = SeminarNotePage.objects.child_of(anna).get(
        title="Seminar: quality assurance in Italian VET"
    )
    seminar.title = "Seminar: quality assurance, renamed"
    seminar.save_revision().publish()
    add_seminar(anna, "A seminar added later", "public")

    changes = changes_since(confirmation.snapshot, current_data(record))
    assert {"section": "activities", "change": "changed", "label": seminar.title} in changes
    assert {"section": "activities", "change": "added", "label": "A seminar added later"} in changes

    client.force_login(user("participant1"))
    page = client.get(reverse("europass:record", args=[anna.pk])).content.decode()
    assert "Confirmed by Giulia Bianchi" in page
    assert "Changed after the confirmation" in page
    assert "A seminar added later" in page
    verify = client.get(reverse("europass:verify", args=[record.verification_code]))
    assert "has changed the record since it was confirmed" in verify.content.decode()


# --- Asking the mentor: who may -----------------------------------------------------------------


@pytest.mark.parametrize("username", ["participant1", "participant2", "editor", "teacher"])
def test_only_the_projects_coordinators_may_ask_a_mentor(demo, username):
    record = record_for(portfolio_of("participant3"))
    with pytest.raises(Refused):
        ask(record, sender=username)
    assert not record.confirmation_requests.exists()
    assert mail.outbox == []


def test_a_coordinator_of_another_project_may_not_ask_nor_open_the_screen(demo, client):
    far_project()
    record = record_for(portfolio_of("participant3"))
    with pytest.raises(Refused):
        ask(record, sender="far_coordinator")
    client.force_login(user("far_coordinator"))
    url = reverse("europass_records:ask_mentor", args=[record.pk])
    assert client.get(url).status_code in (302, 403, 404)
    response = client.post(url, {"mentor_name": "X", "mentor_email": "x@example.org"})
    assert response.status_code in (302, 403, 404)
    assert not record.confirmation_requests.exists()
    assert (
        client.get(
            reverse("europass:project_records", args=[record.portfolio.project_id])
        ).status_code
        == 404
    )


def test_the_coordinator_asks_from_the_admin_and_the_mentor_gets_the_link(
    demo, client, django_capture_on_commit_callbacks
):
    record = record_for(portfolio_of("participant3"))
    client.force_login(user("coordinator"))
    url = reverse("europass_records:ask_mentor", args=[record.pk])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"mentor_name": "Maria", "mentor_email": "not an address"})
    assert bad.status_code == 200 and not record.confirmation_requests.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "host_institution": host().pk,
                "mentor_name": "Maria Verdi",
                "mentor_role": "Head of workshops",
                "mentor_email": "maria@example.org",
                "language": "lv",
            },
        )
    assert response.status_code == 302
    request = record.confirmation_requests.get()
    assert request.sent_at is not None and request.sent_by == user("coordinator")
    (message,) = mail.outbox
    assert message.to == ["maria@example.org"]
    assert "/lv/europass/confirm/" in message.body
    assert "Līga Bērziņa" in message.subject
    record.refresh_from_db()
    assert record.mentor_name == "Maria Verdi" and record.host_institution == host()
    # The mentor's page speaks the language chosen for them.
    mentor_page = Client().get(link_in(message))
    assert mentor_page.status_code == 200
    assert '<html lang="lv">' in mentor_page.content.decode()


def test_the_coordinator_sees_every_record_of_the_project(demo, client):
    client.force_login(user("coordinator"))
    hub = portfolio_of("participant1").project
    page = client.get(reverse("europass:project_records", args=[hub.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    for name in ("Anna Kalniņa", "Jānis Ozols", "Līga Bērziņa", "Pēteris Vītols"):
        assert name in text
    assert text.count("Confirmed by Giulia Bianchi") == 2
    client.force_login(user("participant1"))
    assert client.get(reverse("europass:project_records", args=[hub.pk])).status_code == 404


def test_a_participant_sees_their_own_record_only(demo, client):
    client.force_login(user("participant1"))
    own = portfolio_of("participant1")
    assert client.get(reverse("europass:record", args=[own.pk])).status_code == 200
    other = portfolio_of("participant2")
    assert client.get(reverse("europass:record", args=[other.pk])).status_code == 404
    assert client.get(reverse("europass:record_pdf", args=[other.pk])).status_code == 404
    my_page = client.get(reverse("portfolios:my_portfolio")).content.decode()
    assert reverse("europass:record", args=[own.pk]) in my_page


# --- The mentor's link --------------------------------------------------------------------------


def test_the_mentor_confirms_through_the_link_once(demo, django_capture_on_commit_callbacks):
    record = record_for(portfolio_of("participant3"))
    with django_capture_on_commit_callbacks(execute=True):
        ask(record)
    url = link_in(mail.outbox[0])
    mentor = Client(enforce_csrf_checks=False)
    data = mentor_post_data(mentor, url, comment="A keen observer.")
    first_activity = next(key for key in data if key.startswith("activity__"))
    del data[first_activity]
    data[f"{first_activity}__note"] = "Only the morning session."
    response = mentor.post(url, data)
    assert response.status_code == 200
    assert "the record is confirmed" in response.content.decode()
    record.refresh_from_db()
    confirmation = record.latest_confirmation()
    assert confirmation.confirmed_by_name == "Maria Verdi"
    assert confirmation.comment == "A keen observer."
    assert confirmation.snapshot_hash == record_hash(current_data(record))
    activity_id = first_activity.removeprefix("activity__")
    assert confirmation.corrections["activities"][activity_id] == {
        "confirmed": False,
        "note": "Only the morning session.",
    }

    # The same link again: a clear page, and a second post changes nothing.
    again = mentor.get(url)
    assert again.status_code == 200
    assert "Already confirmed" in again.content.decode()
    mentor.post(url, {**data, "name": "Someone Else"})
    confirmation.refresh_from_db()
    assert confirmation.confirmed_by_name == "Maria Verdi"


def test_a_tampered_link_opens_nothing(demo, django_capture_on_commit_callbacks):
    record = record_for(portfolio_of("participant3"))
    with django_capture_on_commit_callbacks(execute=True):
        request = ask(record)
    url = link_in(mail.outbox[0])
    token = url.rstrip("/").rsplit("/", 1)[1]
    mentor = Client()
    forged = signing.dumps({"r": request.pk, "k": "guessed"}, salt="another salt")
    other_key = signing.dumps({"r": request.pk, "k": "guessed"}, salt=links.SALT)
    for bad in (token[:-2] + "xx", forged, other_key, "nonsense"):
        response = mentor.get(reverse("europass:confirm", args=[bad]))
        assert response.status_code == 404
        assert "Link not recognised" in response.content.decode()
        response = mentor.post(reverse("europass:confirm", args=[bad]), {"name": "X", "role": "Y"})
        assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == ConfirmationRequest.Status.PENDING


def test_an_expired_link_answers_410_and_confirms_nothing(demo, django_capture_on_commit_callbacks):
    record = record_for(portfolio_of("participant3"))
    with django_capture_on_commit_callbacks(execute=True):
        request = ask(record)
    url = link_in(mail.outbox[0])
    mentor = Client()
    data = mentor_post_data(mentor, url)
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=31)):
        assert mentor.get(url).status_code == 410
        response = mentor.post(url, data)
        assert response.status_code == 410
        assert "has expired" in response.content.decode()
    request.refresh_from_db()
    assert request.status == ConfirmationRequest.Status.PENDING


def test_a_newer_link_replaces_the_older_one(demo, django_capture_on_commit_callbacks):
    record = record_for(portfolio_of("participant3"))
    with django_capture_on_commit_callbacks(execute=True):
        ask(record)
        ask(record, email="other@example.org")
    old, new = link_in(mail.outbox[0]), link_in(mail.outbox[1])
    mentor = Client()
    response = mentor.get(old)
    assert response.status_code == 410
    assert "A newer link was sent" in response.content.decode()
    assert mentor.get(new).status_code == 200


def test_the_mentors_form_needs_the_csrf_token_and_a_name(demo, django_capture_on_commit_callbacks):
    record = record_for(portfolio_of("participant3"))
    with django_capture_on_commit_callbacks(execute=True):
        request = ask(record)
    url = link_in(mail.outbox[0])
    strict = Client(enforce_csrf_checks=True)
    data = mentor_post_data(strict, url)
    assert strict.post(url, data).status_code == 403
    lenient = Client()
    response = lenient.post(url, {**data, "name": ""})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    response = lenient.post(url, {**data, "seen_hash": "0" * 64})
    assert response.status_code == 409
    assert "changed while you were reading it" in response.content.decode()
    request.refresh_from_db()
    assert request.status == ConfirmationRequest.Status.PENDING


# --- The verification page and the PDF ----------------------------------------------------------


def test_the_verification_page_shows_only_what_the_participant_shared(
    demo, client, django_capture_on_commit_callbacks
):
    # Pēteris keeps his portfolio private; Anna's is public with one private seminar.
    for username in ("participant4", "participant1"):
        portfolio = portfolio_of(username)
        add_seminar(portfolio, PRIVATE_CANARY, "private", slug=f"canary-{username}")
        record = record_for(portfolio)
        with django_capture_on_commit_callbacks(execute=True):
            ask(record)
        url = link_in(mail.outbox[-1])
        mentor = Client()
        data = mentor_post_data(mentor, url, comment="Seen and confirmed.")
        canary_key = next(
            key
            for key in data
            if key.startswith("activity__")
            and f"entry-{SeminarNotePage.objects.get(slug=f'canary-{username}').pk}" in key
        )
        data[f"{canary_key}__note"] = NOTE_CANARY
        assert mentor.post(url, data).status_code == 200

    anonymous = Client()
    peteris = anonymous.get(
        reverse(
            "europass:verify", args=[record_for(portfolio_of("participant4")).verification_code]
        )
    )
    text = peteris.content.decode()
    assert peteris.status_code == 200
    assert "Pēteris Vītols" in text and "Confirmed by Maria Verdi" in text
    assert PRIVATE_CANARY not in text and NOTE_CANARY not in text
    # His entries, skills and English levels are not public.
    assert "Observed lesson" not in text
    assert "Project design and management" not in text
    assert "further activities are part of the record but not public" in text

    anna_record = record_for(portfolio_of("participant1"))
    anna = anonymous.get(reverse("europass:verify", args=[anna_record.verification_code]))
    text = anna.content.decode()
    assert "Seminar: quality assurance in Italian VET" in text
    assert "Project design and management" in text
    assert PRIVATE_CANARY not in text and NOTE_CANARY not in text
    # The private seminar, and her lesson observation, shared with the project only.
    assert "2 further activities are part of the record but not public" in text
    assert "Observed lesson" not in text

    assert anonymous.get(reverse("europass:verify", args=["no-such-code"])).status_code == 404


def test_the_pdf_carries_the_verification_url_and_speaks_both_languages(demo, client):
    record = record_for(portfolio_of("participant1"))
    verify = f"http://testserver/verify/{record.verification_code}/"
    english = pdf_text(record_pdf(record, "en"))
    assert verify in english.replace("\n", "")
    assert "Confirmed by Giulia Bianchi" in english
    assert "October 2010" in english
    latvian = pdf_text(record_pdf(record, "lv"))
    assert verify in latvian.replace("\n", "")
    assert "oktobr" in latvian
    assert "Anna Kalniņa" in latvian
    assert "<svg" in record_html(record, "en")

    client.force_login(user("participant1"))
    response = client.get(reverse("europass:record_pdf", args=[record.portfolio.pk]) + "?lang=lv")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "europass-mobility-lv.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


def test_a_confirmed_record_takes_the_shape_of_a_verifiable_credential(demo):
    import json

    from europass.credential import as_verifiable_credential

    record = record_for(portfolio_of("participant2"))
    confirmation = record.latest_confirmation()
    credential = as_verifiable_credential(record, confirmation)
    assert credential["@context"] == ["https://www.w3.org/ns/credentials/v2"]
    assert "VerifiableCredential" in credential["type"]
    assert credential["id"].endswith(f"/verify/{record.verification_code}/")
    assert credential["credentialSubject"]["holder"]["name"] == "Jānis Ozols"
    assert credential["evidence"][0]["name"] == "Giulia Bianchi"
    assert credential["evidence"][0]["recordHash"]["value"] == record_hash(confirmation.snapshot)
    assert json.loads(json.dumps(credential)) == credential


def test_the_admin_lists_records_and_requests_to_the_projects_coordinators_only(demo, client):
    client.force_login(user("coordinator"))
    records = client.get(reverse("europass_records:index"))
    assert records.status_code == 200
    assert "Anna Kalniņa" in records.content.decode()
    assert "Confirmed by Giulia Bianchi" in records.content.decode()
    assert (
        reverse("europass_records:ask_mentor", args=[record_for(portfolio_of("participant1")).pk])
        in records.content.decode()
    )
    requests = client.get(reverse("europass_requests:index"))
    assert requests.status_code == 200
    confirmation = record_for(portfolio_of("participant1")).latest_confirmation()
    inspect = client.get(reverse("europass_requests:inspect", args=[confirmation.pk]))
    assert inspect.status_code == 200
    assert "Giulia Bianchi" in inspect.content.decode()

    far_project()
    client.force_login(user("far_coordinator"))
    assert "Anna Kalniņa" not in client.get(reverse("europass_records:index")).content.decode()
    assert (
        client.get(reverse("europass_requests:inspect", args=[confirmation.pk])).status_code == 404
    )
    client.force_login(user("participant1"))
    assert client.get(reverse("europass_records:index")).status_code in (302, 403)


def test_the_projects_list_costs_the_same_queries_however_many_participants_wait(demo, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_user

    client.force_login(user("coordinator"))
    hub = portfolio_of("participant1").project
    url = reverse("europass:project_records", args=[hub.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as four:
        assert client.get(url).status_code == 200
    for n in range(3):
        hub.add_child(
            instance=PortfolioPage(
                title=f"Newcomer {n}", slug=f"newcomer-{n}", participant=make_user()
            )
        )
    client.get(url)
    with CaptureQueriesContext(connection) as seven:
        page = client.get(url)
    assert "Newcomer 2" in page.content.decode()
    assert len(seven) == len(four)


def test_an_activity_made_private_after_the_confirmation_leaves_the_verification_page(demo):
    anna = portfolio_of("participant1")
    record = record_for(anna)
    url = reverse("europass:verify", args=[record.verification_code])
    title = "Seminar: quality assurance in Italian VET"
    assert title in Client().get(url).content.decode()
    seminar = SeminarNotePage.objects.child_of(anna).get(title=title)
    seminar.visibility = "private"
    seminar.save_revision().publish()
    text = Client().get(url).content.decode()
    assert title not in text
    assert "Confirmed by Giulia Bianchi" in text
