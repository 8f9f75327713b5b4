"""The signed, expiring link a host mentor confirms a record through, without an account.

The link carries a confirmation request's id and its random ``link_key``, signed with the site's
secret under this module's salt and stamped with the time it was made (``django.core.signing``).
Reading it back tells four cases apart, each with its own page: a link whose signature does not
hold (mistyped or tampered with: 404), one older than ``max_age`` (410), one whose request was
replaced by a newer link (410), and one already used to confirm (the confirmation is shown).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

from europass.models import ConfirmationRequest

SALT = "mobilitas.europass.confirmation"


def max_age() -> datetime.timedelta:
    return datetime.timedelta(days=getattr(settings, "EUROPASS_CONFIRMATION_DAYS", 30))


def make_token(request: ConfirmationRequest) -> str:
    return signing.dumps({"r": request.pk, "k": request.link_key}, salt=SALT, compress=False)


@dataclass
class Opened:
    """What a link opens: ``state`` is "open", "invalid", "expired", "replaced" or "confirmed";
    ``request`` is the confirmation request for all but "invalid"."""

    state: str
    request: ConfirmationRequest | None = None


def open_token(token: str) -> Opened:
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.SignatureExpired:
        return Opened("expired")
    except signing.BadSignature:
        return Opened("invalid")
    if not isinstance(payload, dict):
        return Opened("invalid")
    pk, key = payload.get("r"), payload.get("k")
    if not isinstance(pk, int) or not isinstance(key, str):
        return Opened("invalid")
    request = (
        ConfirmationRequest.objects.select_related(
            "record__portfolio__project", "record__portfolio__participant"
        )
        .filter(pk=pk, link_key=key)
        .first()
    )
    if request is None:
        return Opened("invalid")
    if request.status == ConfirmationRequest.Status.CONFIRMED:
        return Opened("confirmed", request)
    if request.status == ConfirmationRequest.Status.REPLACED:
        return Opened("replaced", request)
    return Opened("open", request)


def expires_at(request: ConfirmationRequest) -> datetime.datetime:
    return request.created_at + max_age()
