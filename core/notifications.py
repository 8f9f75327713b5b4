"""The hook every "someone should hear about this" goes through.

An action that should tell a user something (a coordinator commented on their entry, say) calls
``notify``; who hears about it and how is up to the receivers of ``notification_requested``. The
reminders issue connects the transactional outbox here, so a feature that notifies today needs
no change when e-mails start going out.

``notify`` sends the signal at once, inside the caller's transaction, so that a receiver writing
an outbox row writes it in the same transaction as the cause (DESIGN.md: "the reminder row is
written in the same transaction as what caused it"): both are stored, or, if the action is rolled
back, neither is. Receivers must therefore only write to the database; sending happens later,
from the outbox.
"""

import threading
from contextlib import contextmanager

from django.dispatch import Signal

notification_requested = Signal()
"""Sent with these keyword arguments:

- ``kind``: what happened, as a short string (e.g. ``"entry_comment"``);
- ``recipient``: the user to tell;
- ``subject``: the model instance it is about (e.g. the comment);
- ``actor``: the user who caused it, or None;
- ``context``: a dict of further details (e.g. ``{"entry_id": 42}``).
"""


_state = threading.local()


@contextmanager
def muted():
    """Nobody is told of what happens inside: for loading history (the demo), not news."""
    previous = getattr(_state, "muted", False)
    _state.muted = True
    try:
        yield
    finally:
        _state.muted = previous


def notify(kind, recipient, subject, actor=None, **context):
    """Ask for ``recipient`` to be told about ``subject``, within the current transaction."""
    if getattr(_state, "muted", False):
        return
    notification_requested.send(
        sender=type(subject),
        kind=kind,
        recipient=recipient,
        subject=subject,
        actor=actor,
        context=context,
    )
