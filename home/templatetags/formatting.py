"""How public pages write money, times and what people typed, the same way on every page.

``money`` writes an amount in euro as the reader's language does ("€8,056", "8 056 €"), from the
number formats of that language (``portal/formats`` over Django's own). ``time_in_zone`` shows a
moment in the project's time zone and says which zone that is, so that a comment and a share
link written at the same minute read the same. ``user_text`` shows text a person typed: escaped,
its web addresses made into links that search engines are told not to trust, its lines kept.
"""

from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import template
from django.utils import timezone
from django.utils.formats import date_format, get_format, get_format_modules
from django.utils.html import Urlizer, format_html, linebreaks
from django.utils.numberformat import format as format_number
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, gettext_lazy

register = template.Library()

DEFAULT_MONEY_FORMAT = "€{amount}"

# Zones a project of ours is likely to be in, named as a reader would say them; any other zone
# is named by its city.
ZONE_NAMES = {
    "UTC": gettext_lazy("UTC"),
    "Europe/Riga": gettext_lazy("Riga time"),
    "Europe/Rome": gettext_lazy("Rome time"),
    "Europe/Vilnius": gettext_lazy("Vilnius time"),
    "Europe/Tallinn": gettext_lazy("Tallinn time"),
    "Europe/Helsinki": gettext_lazy("Helsinki time"),
    "Europe/Warsaw": gettext_lazy("Warsaw time"),
    "Europe/Berlin": gettext_lazy("Berlin time"),
    "Europe/Brussels": gettext_lazy("Brussels time"),
    "Europe/Paris": gettext_lazy("Paris time"),
    "Europe/Madrid": gettext_lazy("Madrid time"),
    "Europe/Lisbon": gettext_lazy("Lisbon time"),
    "Europe/London": gettext_lazy("London time"),
}

# Long addresses are shortened in the link's text (never in the link itself).
URL_TEXT_LIMIT = 60


def locale_format(name, default):
    """A format of the current language that Django's ``get_format`` does not know about,
    looked up in the same modules and the same order (ours first, then Django's)."""
    for module in get_format_modules(get_language()):
        if hasattr(module, name):
            return getattr(module, name)
    return default


@register.filter
def money(amount):
    """``amount`` (in euro) as the reader's language writes money: "€8,056" or "8 056 €".

    Whole amounts show no cents; anything else shows two decimals. Nothing for an empty value.
    """
    if amount is None or amount == "":
        return ""
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        return ""
    if not value.is_finite():
        return ""
    places = 0 if value == value.to_integral_value() else 2
    number = format_number(
        value,
        get_format("DECIMAL_SEPARATOR"),
        decimal_pos=places,
        grouping=get_format("NUMBER_GROUPING"),
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )
    return locale_format("MONEY_FORMAT", DEFAULT_MONEY_FORMAT).format(amount=number)


def as_zone(zone):
    """``zone`` (a ``ZoneInfo``, its name, or nothing) as a ``tzinfo``; the site's by default."""
    if not zone:
        return timezone.get_default_timezone()
    if isinstance(zone, str):
        try:
            return ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            return timezone.get_default_timezone()
    return zone


def zone_name(zone) -> str:
    """What readers call ``zone``: "Riga time", "Rome time", or the zone's city."""
    key = str(getattr(zone, "key", zone))
    if key in ZONE_NAMES:
        return str(ZONE_NAMES[key])
    city = key.rsplit("/", 1)[-1].replace("_", " ")
    return gettext("%(city)s time") % {"city": city}


@register.simple_tag
def time_in_zone(value, zone=None, format="DATETIME_FORMAT"):
    """A ``<time>`` element showing ``value`` in ``zone`` (the project's) and naming the zone:
    "24 October 2010, 14:05 (Riga time)"."""
    if not value:
        return ""
    tz = as_zone(zone)
    local = timezone.localtime(value, tz) if timezone.is_aware(value) else value
    text = gettext("%(time)s (%(zone)s)") % {
        "time": date_format(local, format),
        # Kept on one line: "(Riga" at the end of a line and "time)" on the next reads badly.
        "zone": zone_name(tz).replace(" ", "\u00a0"),
    }
    return format_html('<time datetime="{}">{}</time>', local.isoformat(), text)


class UserTextUrlizer(Urlizer):
    """Links in text people wrote: marked as user-generated and not vouched for, opened without
    handing the new page a way back into ours."""

    url_template = '<a href="{href}" rel="nofollow ugc noopener"{attrs}>{url}</a>'


urlize_user_text = UserTextUrlizer()


@register.filter(is_safe=True)
def user_text(value):
    """Text a person typed, as paragraphs: escaped, line breaks kept, web addresses as links."""
    if value is None:
        return ""
    linked = urlize_user_text(str(value), trim_url_limit=URL_TEXT_LIMIT, autoescape=True)
    return mark_safe(linebreaks(linked, autoescape=False))  # noqa: S308 - urlize escaped it


@register.filter(name="zone_name")
def zone_name_filter(zone):
    """``zone`` as readers name it ("Riga time"), for a page that states its project's zone."""
    return zone_name(as_zone(zone)) if zone else ""
