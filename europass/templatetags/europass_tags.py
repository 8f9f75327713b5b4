"""Labels for the codes a Europass Mobility record holds, in the language being shown."""

import datetime

from django import template

from europass.forms import activity_kind_label, category_label, skill_name
from europass.record import language_skill_label

register = template.Library()


@register.filter
def activity_kind(kind):
    return activity_kind_label(kind)


@register.filter
def skill_category(category):
    return category_label(category)


@register.filter
def language_skill(skill):
    return language_skill_label(skill)


@register.filter
def skill_label(row):
    return skill_name(row)


@register.filter
def iso_date(value):
    """A record keeps dates as ISO strings (plain JSON); templates format them as dates."""
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@register.filter
def country_name(value):
    """A country stored as its ISO code, named in the language being shown; anything else (a
    hub's host country is free text) as it is."""
    if isinstance(value, str) and len(value) == 2 and value.isupper():
        try:
            from django_countries import countries
        except ImportError:
            return value
        return countries.name(value) or value
    return value
