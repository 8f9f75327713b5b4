"""Demo content of the europass app: a Europass Mobility record for each demo participant, two of
them confirmed by the demo mentor at a Florence host school at the end of the mobility.

The mentor is fictional, as are the participants. The confirmations are made through the same
action a mentor's link calls (``europass.actions.confirm``), from each record as it is when this
step runs; this step runs last, so that nothing the demo loads afterwards changes the records.
"""

import datetime

from demo.home import PROJECT_SLUG
from europass.actions import confirm, current_data, record_for
from europass.models import ConfirmationRequest, MobilityRecord
from europass.record import record_hash, skill_rows
from home.models import MobilityProjectPage
from portfolios.models import HostInstitution, PortfolioPage

HOST = "Istituto Tecnico per la Meccanica (demo)"
MENTOR = {
    "mentor_name": "Giulia Bianchi",
    "mentor_role": "Tutor for international mobility",
    "mentor_email": "giulia.bianchi@example.org",
}
CONFIRMED = ["anna-kalnina", "janis-ozols"]
CONFIRMED_AT = datetime.datetime(2010, 10, 30, 15, 0, tzinfo=datetime.UTC)
COMMENTS = {
    "anna-kalnina": (
        "Anna observed our mechanics workshops with great attention and discussed every method "
        "with our teachers. A pleasure to host."
    ),
    "janis-ozols": (
        "Jānis took an active part in the seminars and visits and compared our automation "
        "curriculum with his own in detail."
    ),
}


def hub():
    return MobilityProjectPage.objects.filter(slug=PROJECT_SLUG, locale__language_code="en").first()


def load(command):
    project = hub()
    if project is None:
        return
    host = HostInstitution.objects.filter(name=HOST, city="Florence").first()
    portfolios = PortfolioPage.objects.filter(project=project).select_related("participant")
    for portfolio in portfolios:
        record = record_for(portfolio)
        if portfolio.slug not in CONFIRMED or record.latest_confirmation() is not None:
            continue
        record.host_institution = host
        for field, value in MENTOR.items():
            setattr(record, field, value)
        record.save()
        request = ConfirmationRequest.objects.create(
            record=record, mentor_email=MENTOR["mentor_email"], language="en"
        )
        data = current_data(record)
        confirm(
            request,
            name=MENTOR["mentor_name"],
            role=MENTOR["mentor_role"],
            comment=COMMENTS[portfolio.slug],
            corrections={
                "activities": {
                    row["id"]: {"confirmed": True, "note": ""} for row in data["activities"]
                },
                "skills": {row["id"]: {"confirmed": True, "note": ""} for row in skill_rows(data)},
            },
            seen_hash=record_hash(data),
        )
        # The demo's history: the mentor confirmed on the last day of the visit.
        ConfirmationRequest.objects.filter(pk=request.pk).update(
            created_at=CONFIRMED_AT - datetime.timedelta(days=1),
            sent_at=CONFIRMED_AT - datetime.timedelta(days=1),
            confirmed_at=CONFIRMED_AT,
        )


def reset(command):
    # Records go with their portfolios (home's reset deletes the hub); these are removed first so
    # that a reset of this step alone leaves no confirmation behind.
    project = hub()
    if project is not None:
        MobilityRecord.objects.filter(portfolio__project=project).delete()
