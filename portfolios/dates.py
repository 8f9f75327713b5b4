"""A portfolio's dates are those of the place where its project happens: a new entry's date, the
practice log's "today" and the day a share link stops working are all counted there."""

from django.utils import timezone


def time_zone_of(portfolio):
    """Where the portfolio's project happens: its dates are that place's dates."""
    project = portfolio.project
    return project.time_zone if project is not None else timezone.get_default_timezone()


def today_for(portfolio):
    return timezone.localdate(timezone=time_zone_of(portfolio))
