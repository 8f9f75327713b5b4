"""A confirmed record in the shape of a W3C Verifiable Credential (Data Model 2.0), unsigned.

Nothing here signs or issues anything: this is the document an issuer would seal. Issuing it as
a European Digital Credential means mapping ``credentialSubject`` onto the European Learning
Model (ELM) and sealing the result with the sending organisation's qualified electronic seal,
through the EDC issuing service or any EBSI-conformant wallet issuer; the snapshot stays the
subject's content as the mentor confirmed it, its hash the proof that nothing was changed since.
"""

from __future__ import annotations

from europass.actions import verification_url


def as_verifiable_credential(record, confirmation) -> dict:
    """The unsigned credential for ``confirmation`` (a confirmed ``ConfirmationRequest``)."""
    snapshot = confirmation.snapshot
    sending = snapshot.get("sending_organisation") or {}
    url = verification_url(record)
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "EuropassMobility"],
        "issuer": {"type": "Organization", "name": sending.get("name", "")},
        "validFrom": confirmation.confirmed_at.isoformat(),
        "name": "Europass Mobility",
        "credentialSubject": {"type": "EuropassMobilityRecord", **snapshot},
        "evidence": [
            {
                "type": ["Evidence", "HostMentorConfirmation"],
                "name": confirmation.confirmed_by_name,
                "role": confirmation.confirmed_by_role,
                "confirmedAt": confirmation.confirmed_at.isoformat(),
                "comment": confirmation.comment,
                "corrections": confirmation.corrections,
                "recordHash": {"algorithm": "sha-256", "value": confirmation.snapshot_hash},
            }
        ],
    }
