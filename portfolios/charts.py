"""Charts of a portfolio, drawn on the server as SVG: no JavaScript, nothing from a CDN.

Each function takes figures already added up (by the database, see ``PortfolioPage``) and
returns a ``Chart``: the picture, and the same figures as table rows, for whoever cannot see the
picture or wants the exact numbers. With nothing to draw a function returns ``None`` and the page
says so in words instead.

Participants type competence names, so every text goes into the markup through ``format_html``,
which escapes it; no string is ever marked safe by hand.

The drawing is 320 units wide, about one unit to a CSS pixel in the column of the narrowest phone
we design for (360 px); it scales with that column (``viewBox`` and ``width="100%"``), so its text
stays readable there without sideways scrolling.
"""

import datetime
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext as _

WIDTH = 320
INK = "#1d2b36"
MUTED = "#5a6b78"
GRID = "#d6dee4"
# Both bar colours keep a contrast of at least 3:1 against white, as WCAG asks of graphics.
BEFORE = "#6f8797"
AFTER = "#0b5e8e"

# Longer competence names are cut in the drawing (SVG text does not wrap); the table keeps them.
LABEL_CHARACTERS = 36
# Practice minutes round up to a multiple of this for the top of the scale.
MINUTES_STEP = 30
# Roughly this many dates along a time axis, however long the range.
DATE_LABELS = 6


@dataclass(frozen=True)
class Chart:
    """A drawing and its figures as a table: ``rows`` line up with ``columns``."""

    svg: SafeString
    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence]
    # What the values mean, for a scale that numbers alone do not explain.
    scale: Sequence[str] = ()


def self_assessment_chart(
    assessments: Iterable[tuple[str, int, int | None, int | None]],
    descriptors: Mapping[int, str],
) -> Chart | None:
    """Levels before and after per competence as two bars, the target as a mark across them.

    ``assessments`` holds (competence, before, after, target), the last two possibly ``None``;
    ``descriptors`` says what each level of the scale means and so also sets its top.
    """
    assessments = list(assessments)
    if not assessments:
        return None
    levels = sorted(descriptors)
    left, right = 8, WIDTH - 16
    legend_height, row_height = 28, 50
    plot_bottom = legend_height + row_height * len(assessments)

    def x(level):
        return left + (right - left) * level / levels[-1]

    parts = [
        _legend_swatch(8, BEFORE, _("Before")),
        _legend_swatch(118, AFTER, _("After")),
        format_html(
            '<line x1="231" y1="6" x2="231" y2="19" stroke="{}" stroke-width="3"/>'
            '<text x="240" y="17">{}</text>',
            INK,
            _("Target"),
        ),
    ]
    parts += [
        format_html(
            '<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="{colour}"/>'
            '<text x="{x}" y="{label}" text-anchor="middle" fill="{muted}">{level}'
            "<title>{descriptor}</title></text>",
            x=_number(x(level)),
            top=legend_height,
            bottom=plot_bottom,
            colour=GRID,
            label=plot_bottom + 16,
            muted=MUTED,
            level=level,
            descriptor=descriptors[level],
        )
        for level in levels
    ]
    sentences = []
    for index, (competence, before, after, target) in enumerate(assessments):
        top = legend_height + row_height * index
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-weight="600">{}<title>{}</title></text>',
                left,
                top + 13,
                Truncator(competence).chars(LABEL_CHARACTERS),
                competence,
            )
        )
        parts.append(
            _level_bar("before", _("Before: %(level)s"), left, top + 19, x(before), BEFORE, before)
        )
        if after is not None:
            parts.append(
                _level_bar("after", _("After: %(level)s"), left, top + 31, x(after), AFTER, after)
            )
        if target is not None:
            parts.append(
                format_html(
                    '<line class="chart__target" data-level="{level}" x1="{x}" y1="{top}" '
                    'x2="{x}" y2="{bottom}" stroke="{colour}" stroke-width="3">'
                    "<title>{label}</title></line>",
                    level=target,
                    x=_number(x(target)),
                    top=top + 16,
                    bottom=top + 43,
                    colour=INK,
                    label=_("Target: %(level)s") % {"level": target},
                )
            )
        sentences.append(_assessment_sentence(competence, before, after, target))

    title = _("Self-assessment before and after the mobility")
    description = " ".join(
        [
            _("Levels from 1 to %(top)s for each competence.") % {"top": levels[-1]},
            *sentences,
        ]
    )
    return Chart(
        svg=_svg(plot_bottom + 24, title, description, parts),
        title=title,
        columns=[_("Competence"), _("Before"), _("After"), _("Target")],
        rows=[
            (competence, before, _or_dash(after), _or_dash(target))
            for competence, before, after, target in assessments
        ],
        scale=[descriptors[level] for level in levels],
    )


def minutes_per_skill_chart(minutes_by_skill: Iterable[tuple[str, int]]) -> Chart | None:
    """Total practice minutes of each skill as horizontal bars, in the order given."""
    minutes_by_skill = list(minutes_by_skill)
    most = max((minutes for _skill, minutes in minutes_by_skill), default=0)
    if not most:
        return None
    left, span, row_height = 8, WIDTH - 80, 36
    parts = []
    for index, (skill, minutes) in enumerate(minutes_by_skill):
        top = row_height * index
        length = span * minutes / most
        parts.append(
            format_html(
                '<text x="{left}" y="{label}">{skill}</text>'
                '<rect class="chart__bar" data-minutes="{minutes}" x="{left}" y="{bar}" '
                'width="{length}" height="12" fill="{colour}"><title>{text}</title></rect>'
                '<text x="{value_x}" y="{value_y}" fill="{muted}">{text}</text>',
                left=left,
                label=top + 13,
                skill=skill,
                minutes=minutes,
                bar=top + 18,
                length=_number(length),
                colour=AFTER,
                value_x=_number(left + length + 6),
                value_y=top + 28,
                muted=MUTED,
                text=_minutes(minutes),
            )
        )
    title = _("English practice by skill")
    description = " ".join(
        [
            _("Minutes of English practice for each skill."),
            *(
                _("%(skill)s: %(minutes)s.") % {"skill": skill, "minutes": _minutes(minutes)}
                for skill, minutes in minutes_by_skill
            ),
        ]
    )
    return Chart(
        svg=_svg(row_height * len(minutes_by_skill) + 4, title, description, parts),
        title=title,
        columns=[_("Skill"), _("Minutes")],
        rows=minutes_by_skill,
    )


def practice_days(
    dates: Iterable[datetime.date], start: datetime.date, end: datetime.date
) -> list[datetime.date]:
    """Every day from ``start`` to ``end``, widened to take in any of ``dates`` outside them.

    Practice before the departure or after the return still counts, so it stays on the chart.
    """
    dates = list(dates)
    first = min([start, *dates])
    last = max([end, *dates])
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def minutes_per_day_chart(
    minutes_by_date: Mapping[datetime.date, int], start: datetime.date, end: datetime.date
) -> Chart | None:
    """Practice minutes on every day of the mobility as columns, days without practice at zero."""
    if not minutes_by_date:
        return None
    days = practice_days(minutes_by_date, start, end)
    axis = _TimeAxis(days, top=12, bottom=160)
    most = max(minutes_by_date.values())
    ceiling = math.ceil(most / MINUTES_STEP) * MINUTES_STEP
    parts = [
        _gridline(axis, axis.bottom - (axis.bottom - axis.top) * value / ceiling, value)
        for value in (0, ceiling // 2, ceiling)
    ]
    for day in days:
        minutes = minutes_by_date.get(day, 0)
        height = (axis.bottom - axis.top) * minutes / ceiling
        parts.append(
            format_html(
                '<rect class="chart__bar" data-date="{date}" data-minutes="{minutes}" x="{x}" '
                'y="{y}" width="{width}" height="{height}" fill="{colour}">'
                "<title>{day}: {text}</title></rect>",
                date=day.isoformat(),
                minutes=minutes,
                x=_number(axis.centre(day) - axis.slot * 0.35),
                y=_number(axis.bottom - height),
                width=_number(axis.slot * 0.7),
                height=_number(height),
                colour=AFTER,
                day=date_format(day),
                text=_minutes(minutes),
            )
        )
    parts.append(axis.labels())
    title = _("English practice per day")
    description = _(
        "Minutes of English practice on each day from %(first)s to %(last)s; "
        "the most on one day was %(most)s."
    ) % {"first": date_format(days[0]), "last": date_format(days[-1]), "most": _minutes(most)}
    return Chart(
        svg=_svg(axis.bottom + 26, title, description, parts),
        title=title,
        columns=[_("Date"), _("Minutes")],
        rows=[(day, minutes_by_date.get(day, 0)) for day in days],
    )


def level_over_time_chart(
    level_by_date: Mapping[datetime.date, str],
    levels: Sequence[str],
    start: datetime.date,
    end: datetime.date,
) -> Chart | None:
    """The self-assessed level on each day it was logged, as steps on the scale ``levels``.

    The time axis is the same as the minutes-per-day chart's, so the two line up on the page.
    """
    if not level_by_date:
        return None
    readings = sorted(level_by_date.items())
    axis = _TimeAxis(practice_days(level_by_date, start, end), top=12, bottom=132)
    step = (axis.bottom - axis.top) / (len(levels) - 1)

    def point(day, level):
        return _number(axis.centre(day)), _number(axis.bottom - step * levels.index(level))

    path = ["M{} {}".format(*point(*readings[0]))]
    path += ["H{} V{}".format(*point(*reading)) for reading in readings[1:]]
    parts = [
        _gridline(axis, axis.bottom - step * index, level) for index, level in enumerate(levels)
    ]
    parts.append(
        format_html(
            '<path d="{}" fill="none" stroke="{}" stroke-width="2.5"/>', " ".join(path), AFTER
        )
    )
    for day, level in readings:
        x, y = point(day, level)
        parts.append(
            format_html(
                '<circle class="chart__point" data-date="{date}" data-level="{level}" cx="{x}" '
                'cy="{y}" r="4.5" fill="{colour}" stroke="#fff" stroke-width="1.5">'
                "<title>{day}: {level}</title></circle>",
                date=day.isoformat(),
                level=level,
                x=x,
                y=y,
                colour=AFTER,
                day=date_format(day),
            )
        )
    parts.append(axis.labels())
    title = _("Self-assessed English level")
    (first_day, first_level), (last_day, last_level) = readings[0], readings[-1]
    if len(readings) == 1:
        description = _("The level logged on %(day)s: %(level)s.") % {
            "day": date_format(first_day),
            "level": first_level,
        }
    else:
        description = _(
            "The highest level logged each day, from %(first_level)s on %(first_day)s "
            "to %(last_level)s on %(last_day)s."
        ) % {
            "first_level": first_level,
            "first_day": date_format(first_day),
            "last_level": last_level,
            "last_day": date_format(last_day),
        }
    return Chart(
        svg=_svg(axis.bottom + 26, title, description, parts),
        title=title,
        columns=[_("Date"), _("Level")],
        rows=readings,
    )


class _TimeAxis:
    """One slot per day across the drawing, with a few dates written under it."""

    left, right = 40, WIDTH - 20

    def __init__(self, days, top, bottom):
        self.days = days
        self.top, self.bottom = top, bottom
        self.slot = (self.right - self.left) / len(days)

    def centre(self, day):
        return self.left + self.slot * ((day - self.days[0]).days + 0.5)

    def labels(self):
        every = math.ceil(len(self.days) / DATE_LABELS)
        return format_html_join(
            "",
            '<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>',
            (
                (_number(self.centre(day)), self.bottom + 16, MUTED, date_format(day, "j M"))
                for day in self.days[::every]
            ),
        )


def _gridline(axis, y, label):
    return format_html(
        '<line x1="{left}" y1="{y}" x2="{right}" y2="{y}" stroke="{colour}"/>'
        '<text x="{text_x}" y="{text_y}" text-anchor="end" fill="{muted}">{label}</text>',
        left=axis.left,
        right=axis.right,
        y=_number(y),
        colour=GRID,
        text_x=axis.left - 6,
        text_y=_number(y + 4),
        muted=MUTED,
        label=label,
    )


def _legend_swatch(x, colour, label):
    return format_html(
        '<rect x="{}" y="8" width="14" height="9" fill="{}"/><text x="{}" y="17">{}</text>',
        x,
        colour,
        x + 19,
        label,
    )


def _level_bar(name, label, left, y, right, colour, level):
    return format_html(
        '<rect class="chart__{name}" data-level="{level}" x="{left}" y="{y}" width="{width}" '
        'height="9" fill="{colour}"><title>{label}</title></rect>',
        name=name,
        level=level,
        left=left,
        y=y,
        width=_number(right - left),
        colour=colour,
        label=label % {"level": level},
    )


def _assessment_sentence(competence, before, after, target):
    values = {"competence": competence, "before": before, "after": after, "target": target}
    if after is None and target is None:
        return _("%(competence)s: %(before)s before.") % values
    if after is None:
        return _("%(competence)s: %(before)s before, target %(target)s.") % values
    if target is None:
        return _("%(competence)s: %(before)s before, %(after)s after.") % values
    return _("%(competence)s: %(before)s before, %(after)s after, target %(target)s.") % values


def _svg(height, title, description, parts):
    return format_html(
        '<svg class="chart__svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'width="100%" role="img" font-size="13" fill="{}"><title>{}</title><desc>{}</desc>'
        "{}</svg>",
        WIDTH,
        _number(height),
        INK,
        title,
        description,
        format_html_join("", "{}", ((part,) for part in parts)),
    )


def _minutes(minutes):
    return _("%(minutes)s min") % {"minutes": minutes}


def _or_dash(value):
    return "–" if value is None else value


def _number(value):
    """A coordinate short enough to keep the markup small, and never in a locale's format."""
    return f"{value:.1f}".removesuffix(".0")
