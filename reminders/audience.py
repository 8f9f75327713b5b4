"""Which kinds of reminder can reach a user, and what each kind is, in one line.

Each kind has its recipients chosen in one place: the scheduled ones in ``reminders.rules``
(``RECIPIENTS``), the others where the event happens (``ideas.actions``, the entry comment view,
the results compile), each through ``core.notifications.notify``. The tests here mirror those
choices, so that /my/reminders/ offers a person the kinds that can come to them and no others:
a participant is not asked about the coordinators' digest, nor an editor about practice nudges.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reminders.models import Kind

DESCRIPTIONS = {
    Kind.PRACTICE_NUDGE: _(
        "On each day of your mobility, at the time your coordinator set, if you have not "
        "logged any English practice that day."
    ),
    Kind.PORTFOLIO_UPDATE: _(
        "Once a week, from the start of your mobility until some weeks after it, if you "
        "added nothing to your portfolio that week."
    ),
    Kind.SELF_ASSESSMENT_DUE: _(
        "A few days after your mobility, then weekly, while a competence in your "
        "self-assessment has no “level after” yet."
    ),
    Kind.IDEA_STATUS: _(
        "When an idea you wrote or said you would join moves on, for example to shortlisted "
        "or funded."
    ),
    Kind.IDEA_COMMENT: _("When someone comments on an idea you wrote."),
    Kind.IDEA_SUPPORT: _("When someone says they would join an idea you wrote."),
    Kind.ENTRY_COMMENT: _("When a coordinator of your project comments on one of your entries."),
    Kind.COORDINATOR_DIGEST: _(
        "Once a week for each project you coordinate: new entries and ideas, and who is behind."
    ),
    Kind.RESULTS_REVIEW: _(
        "When a project's results page has been compiled and is waiting for your review."
    ),
    Kind.OBJECTIVES_RATING: _(
        "Once, on the last day of your mobility: rate how far each objective of the project "
        "was achieved."
    ),
}


def keeps_a_portfolio(user) -> bool:
    """Participants: the scheduled portfolio reminders and coordinators' comments go to the
    participant a portfolio belongs to."""
    from portfolios.models import PortfolioPage

    return PortfolioPage.objects.filter(participant=user).exists()


def coordinates_a_project(user) -> bool:
    from core.visibility import coordinates_a_project as coordinates_any

    return coordinates_any(user)


def reviews_results(user) -> bool:
    """The compile asks the groups of the results workflow's approval task (the Editors by
    default) to review, so membership of any such group is what counts."""
    return user.groups.filter(Q(groupapprovaltask__active=True) | Q(name="Editors")).exists()


def may_write_ideas(user) -> bool:
    """Participants and coordinators may add ideas to an idea database; whoever already is an
    idea's owner or co-author hears about it too."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import GroupPagePermission

    from ideas.models import IdeaIndexPage, IdeaPage

    if user.is_superuser:
        return True
    grants = GroupPagePermission.objects.filter(
        group__user=user,
        permission__codename="add_page",
        page__content_type=ContentType.objects.get_for_model(IdeaIndexPage),
    )
    return grants.exists() or IdeaPage.objects.filter(Q(owner=user) | Q(co_authors=user)).exists()


def supports_ideas(user) -> bool:
    return user.idea_supports.exists()


def kinds_for(user) -> list[Kind]:
    """The kinds of reminder that can reach ``user``: first those about their own portfolio,
    then ideas, then what they look after for others."""
    if not (user.is_authenticated and user.is_active):
        return []
    participant = keeps_a_portfolio(user)
    author = may_write_ideas(user)
    reaches = {
        Kind.PRACTICE_NUDGE: participant,
        Kind.PORTFOLIO_UPDATE: participant,
        Kind.SELF_ASSESSMENT_DUE: participant,
        Kind.ENTRY_COMMENT: participant,
        Kind.OBJECTIVES_RATING: participant,
        Kind.IDEA_STATUS: author or supports_ideas(user),
        Kind.IDEA_COMMENT: author,
        Kind.IDEA_SUPPORT: author,
        Kind.COORDINATOR_DIGEST: coordinates_a_project(user),
        Kind.RESULTS_REVIEW: reviews_results(user),
    }
    return [kind for kind in reaches if reaches[kind]]
