"""What a reminder email says, in which language, and how its reader unsubscribes.

The text comes from the project's own ``ReminderText`` for the kind and the recipient's language
when a coordinator wrote one, else from the templates under ``templates/reminders/email/``
(English source strings, translated through the locale files). A coordinator's text may use
these placeholders, written in braces, e.g. ``Hello {name}``:

- ``{name}``: the recipient's first name (their username if they have none);
- ``{title}``: what the reminder is about: the idea's or the entry's title, or the project's;
- ``{project}``: the project's title;
- ``{link}``: the address where the recipient acts on the reminder;
- ``{actor}``: who caused it (the commenter, the supporter), where someone did;
- ``{status}``: an idea's new status, for status changes.

Placeholders are replaced as plain text, one name at a time: nothing in a coordinator's text is
evaluated, an unknown ``{word}`` stays as written, and the text is never treated as a template.
Emails are plain text, so nothing needs escaping; a subject is kept to one line.

Every email ends with a one-click unsubscribe link and carries ``List-Unsubscribe`` and
``List-Unsubscribe-Post`` headers (RFC 8058); the link holds a signed token of (user, kind), so it
works without logging in and turns off exactly that kind.
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from reminders.models import Kind, ReminderText

UNSUBSCRIBE_SALT = "reminders.unsubscribe"
PLACEHOLDER = re.compile(r"\{(\w+)\}")

# Where the recipient acts on a scheduled reminder, which has no page of its own to point at.
KIND_LINKS = {
    Kind.PRACTICE_NUDGE: "portfolios:log_practice",
    Kind.PORTFOLIO_UPDATE: "portfolios:my_portfolio",
    Kind.SELF_ASSESSMENT_DUE: "portfolios:my_portfolio",
    Kind.OBJECTIVES_RATING: "portfolios:my_portfolio",
}


def unsubscribe_token(user_id: int, kind: str) -> str:
    return signing.dumps([user_id, str(kind)], salt=UNSUBSCRIBE_SALT, compress=False)


# An unsubscribe link works for a year: long enough for anyone to act on an old email, short
# enough that a leaked link does not speak for its owner for ever.
UNSUBSCRIBE_MAX_AGE = datetime.timedelta(days=365)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """The (user id, kind) a token was made for; ``signing.SignatureExpired`` if it is older
    than a year, ``signing.BadSignature`` if it was not ours."""
    value = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not isinstance(value[0], int)
        or value[1] not in Kind.values
    ):
        raise signing.BadSignature("Not an unsubscribe token.")
    return value[0], value[1]


def absolute(url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def unsubscribe_url(user_id: int, kind: str) -> str:
    """In the language active at the call, like every link in the email."""
    return absolute(
        reverse("reminders:unsubscribe", kwargs={"token": unsubscribe_token(user_id, kind)})
    )


def language_for(user, preference=None) -> str:
    """The recipient's chosen email language, else their account's, else the site's."""
    available = {code for code, _name in settings.LANGUAGES}
    chosen = preference.language if preference is not None else ""
    if not chosen:
        # Wagtail's profile, which the sender reads along with the user (select_related).
        try:
            chosen = user.wagtail_userprofile.preferred_language
        except ObjectDoesNotExist:
            chosen = ""
    return chosen if chosen in available else settings.LANGUAGE_CODE


def fill(text: str, values: dict) -> str:
    return PLACEHOLDER.sub(lambda match: str(values.get(match[1], match[0])), text)


def page_about(subject):
    """The page a reminder is about: the idea of a status change, support or comment, the entry
    of a comment, or the subject itself when it is a page."""
    for attribute in ("idea", "entry"):
        page = getattr(subject, attribute, None)
        if page is not None:
            return page
    return subject if hasattr(subject, "get_url") else None


def _page_link(page) -> str:
    url = page.get_url()
    return absolute(url) if url else ""


def values_for(reminder) -> dict:
    """The placeholders' values for one reminder; call inside the recipient's language."""
    user = reminder.recipient
    subject = reminder.subject
    project = reminder.project
    page = page_about(subject) if subject is not None else None
    link = reminder.context.get("link", "")
    if link.startswith("/"):
        link = absolute(link)
    if not link and reminder.kind in KIND_LINKS:
        link = absolute(reverse(KIND_LINKS[reminder.kind]))
    if not link and page is not None:
        link = _page_link(page)
        if reminder.kind == Kind.ENTRY_COMMENT and link:
            link += "#comments"
    if not link and project is not None:
        link = _page_link(project)
    if not link:
        link = absolute("/")
    status = ""
    if reminder.kind == Kind.IDEA_STATUS and hasattr(subject, "get_to_status_display"):
        status = str(subject.get_to_status_display())
    title = getattr(page, "title", "") or getattr(project, "title", "")
    return {
        "name": user.first_name or user.get_username(),
        "title": title,
        "project": getattr(project, "title", ""),
        "link": link,
        "actor": reminder.context.get("actor", ""),
        "status": status,
    }


def rule_texts(reminders) -> dict:
    """Coordinators' own texts for these reminders, keyed (project key, kind, language)."""
    keys = {r.project.translation_key for r in reminders if r.project is not None}
    if not keys:
        return {}
    texts = ReminderText.objects.filter(
        rule__project__translation_key__in=keys,
        rule__kind__in={r.kind for r in reminders},
        rule__enabled=True,
    ).values_list("rule__project__translation_key", "rule__kind", "language", "subject", "body")
    return {(key, kind, lang): (subject, body) for key, kind, lang, subject, body in texts}


def one_line(text: str) -> str:
    return " ".join(text.split())


def render_reminder(reminder, texts: dict, in_digest=False) -> tuple[str, str]:
    """The subject and body of one reminder, in the active language; within a digest, which
    greets its reader once, the default texts leave out their greeting."""
    values = values_for(reminder)
    own = None
    if reminder.project is not None:
        own = texts.get(
            (reminder.project.translation_key, reminder.kind, translation.get_language())
        )
    if own is not None:
        subject, body = fill(own[0], values), fill(own[1], values)
    else:
        context = {
            **values,
            "reminder": reminder,
            "subject": reminder.subject,
            "context": reminder.context,
            "in_digest": in_digest,
        }
        subject = render_to_string(f"reminders/email/{reminder.kind}_subject.txt", context)
        body = render_to_string(f"reminders/email/{reminder.kind}.txt", context)
    return one_line(subject), body.strip()


def _message(user, kinds, subject, body) -> EmailMessage:
    """The email with its unsubscribe footer and headers; one link per kind it carries.

    One click may turn off only one kind, so an email of several kinds (a digest) offers a link
    for each in its footer and names the preferences page in its ``List-Unsubscribe`` header.
    """
    kinds = sorted({str(kind) for kind in kinds})
    preferences = absolute(reverse("reminders:preferences"))
    links = [(Kind(kind).label, unsubscribe_url(user.pk, kind)) for kind in kinds]
    footer = render_to_string(
        "reminders/email/footer.txt",
        {"unsubscribe_links": links, "preferences_url": preferences},
    )
    if len(links) == 1:
        headers = {
            "List-Unsubscribe": f"<{links[0][1]}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    else:
        headers = {"List-Unsubscribe": f"<{preferences}>"}
    return EmailMessage(
        subject=subject,
        body=f"{body}\n\n{footer.strip()}\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers=headers,
    )


def reminder_email(reminder, preference, texts: dict) -> EmailMessage:
    """The email for one reminder, in the recipient's language."""
    with translation.override(language_for(reminder.recipient, preference)):
        subject, body = render_reminder(reminder, texts)
        return _message(reminder.recipient, [reminder.kind], subject, body)


def digest_email(user, reminders, preference, texts: dict) -> EmailMessage:
    """One email bundling a user's due digest reminders, in their language."""
    with translation.override(language_for(user, preference)):
        items = []
        for reminder in reminders:
            subject, body = render_reminder(reminder, texts, in_digest=True)
            items.append({"subject": subject, "body": body})
        subject = one_line(render_to_string("reminders/email/digest_subject.txt", {"user": user}))
        body = render_to_string(
            "reminders/email/digest.txt",
            {"name": user.first_name or user.get_username(), "items": items},
        ).strip()
        return _message(user, [reminder.kind for reminder in reminders], subject, body)
