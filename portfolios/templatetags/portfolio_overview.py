"""Template helpers of the coordinators' project overview (``portfolios.overview``)."""

from django import template
from django.utils.translation import gettext as _

from portfolios.overview import coordinated_projects

register = template.Library()


@register.simple_tag
def practice_time(minutes):
    """``minutes`` of practice as hours and minutes, e.g. "3 h 20 min"."""
    hours, rest = divmod(int(minutes or 0), 60)
    if not hours:
        return _("%(minutes)s min") % {"minutes": rest}
    if not rest:
        return _("%(hours)s h") % {"hours": hours}
    return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": rest}


@register.simple_tag(takes_context=True)
def projects_i_coordinate(context):
    """The projects the reader coordinates, each to be linked to its overview: one query, and
    none for a visitor who is not logged in."""
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return []
    return coordinated_projects(user)
