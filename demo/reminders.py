"""Demo content of the reminders app: the founding project's reminder rules.

The project (in Riga time) gets a rule for each scheduled kind: the English-practice nudge every
evening of the mobility at 20:00, the portfolio update on Fridays at 18:00 for eight weeks after
it, the final self-assessment a week after the end, the coordinator's digest on Mondays at
09:00, and the call to rate the objectives at 17:00 on the last day. The nudge has its own text
in English and Latvian, so the demo shows a coordinator's wording; the other kinds use the texts
that come with the app.

Loading leaves a rule or text that exists already as it is, so a coordinator's changes survive a
second ``make demo``; resetting removes the rules of those kinds from the founding project.
"""

import datetime

from demo.home import PROJECT_SLUG
from home.models import MobilityProjectPage
from reminders.models import Kind, ReminderRule, ReminderText

Weekday = ReminderRule.Weekday

RULES = {
    Kind.PRACTICE_NUDGE: {"send_time": datetime.time(20, 0)},
    Kind.PORTFOLIO_UPDATE: {
        "send_time": datetime.time(18, 0),
        "weekday": Weekday.FRIDAY,
        "follow_up_weeks": 8,
    },
    Kind.SELF_ASSESSMENT_DUE: {
        "send_time": datetime.time(10, 0),
        "weekday": Weekday.MONDAY,
        "days_after_end": 7,
    },
    Kind.COORDINATOR_DIGEST: {"send_time": datetime.time(9, 0), "weekday": Weekday.MONDAY},
    Kind.OBJECTIVES_RATING: {"send_time": datetime.time(17, 0), "follow_up_weeks": 2},
}

TEXTS = {
    Kind.PRACTICE_NUDGE: {
        "en": (
            "Have you practised your English today?",
            "Good evening,\n\n"
            "A few minutes of English count too: a conversation at the host school, a menu read "
            "in English, a seminar followed without an interpreter. Log today's practice in your "
            "portfolio; it takes less than a minute.\n\n"
            "The Latgale–Florence project team",
        ),
        "lv": (
            "Vai šodien jau praktizējāt angļu valodu?",
            "Labvakar!\n\n"
            "Arī dažas minūtes angļu valodā ir vērtīgas: saruna uzņemošajā skolā, ēdienkarte "
            "angliski, seminārs bez tulka. Ierakstiet šodienas angļu valodas praksi savā "
            "portfelī – tas aizņem mazāk par minūti.\n\n"
            "Projekta „Latgale–Florence” komanda",
        ),
    },
}


def founding_project():
    return MobilityProjectPage.objects.filter(slug=PROJECT_SLUG, locale__language_code="en").first()


def load(command):
    hub = founding_project()
    if hub is None:
        return
    for kind, settings in RULES.items():
        rule, _created = ReminderRule.objects.get_or_create(
            project=hub, kind=kind, defaults={"enabled": True, **settings}
        )
        for language, (subject, body) in TEXTS.get(kind, {}).items():
            ReminderText.objects.get_or_create(
                rule=rule, language=language, defaults={"subject": subject, "body": body}
            )


def reset(command):
    # The texts go with their rule.
    ReminderRule.objects.filter(project__slug=PROJECT_SLUG, kind__in=list(RULES)).delete()
