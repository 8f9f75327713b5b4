"""Portfolio charts: each value lands where it should, every day of the mobility is on the day
chart, typed text is escaped, no data gives words instead of a chart; and on the page, practice
figures reach exactly those who may see the practice log."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string

from core.visibility import Visibility
from portfolios.charts import (
    WIDTH,
    level_over_time_chart,
    minutes_per_day_chart,
    minutes_per_skill_chart,
    practice_days,
    self_assessment_chart,
)
from portfolios.models import PortfolioPage, PracticeLogEntry
from portfolios.models.portfolio import LEVEL_DESCRIPTORS
from tests.factories import PracticeLogEntryFactory

SVG = "{http://www.w3.org/2000/svg}"
HUB = "/projects/latgale-florence-2010/"
START = datetime.date(2010, 10, 24)
END = datetime.date(2010, 10, 30)
LEVELS = PracticeLogEntry.Level.values
SCRIPT = "<script>alert('x')</script>"


def day(n):
    return START + datetime.timedelta(days=n)


def drawing(chart):
    """The chart's SVG parsed as XML, which also proves the markup well formed."""
    return ET.fromstring(str(chart.svg))  # noqa: S314 - markup this test has just made


def marks(chart, tag, data):
    """The chart's ``tag`` elements that carry ``data-<data>``, by that attribute's value."""
    return {
        element.get(f"data-{data}"): element
        for element in drawing(chart).iter(SVG + tag)
        if element.get(f"data-{data}") is not None
    }


def number(element, attribute):
    return float(element.get(attribute))


def test_every_chart_is_a_described_image_that_scales_to_its_column():
    charts = [
        self_assessment_chart([("Quality management", 2, 4, 5)], LEVEL_DESCRIPTORS),
        minutes_per_skill_chart([("Listening", 30)]),
        minutes_per_day_chart({day(1): 30}, START, END),
        level_over_time_chart({day(1): "B1"}, LEVELS, START, END),
    ]
    for chart in charts:
        svg = drawing(chart)
        assert svg.get("role") == "img"
        assert svg.get("width") == "100%"
        assert svg.get("viewBox").startswith(f"0 0 {WIDTH} ")
        assert svg.find(SVG + "title").text == chart.title
        assert svg.find(SVG + "desc").text


def test_the_longest_skill_bar_fills_the_width_and_the_others_are_in_proportion():
    chart = minutes_per_skill_chart([("Listening", 120), ("Reading", 30), ("Writing", 0)])
    bars = marks(chart, "rect", "minutes")
    assert set(bars) == {"120", "30", "0"}
    longest = number(bars["120"], "width")
    # The longest bar takes most of the width, leaving room for its figure after it.
    assert WIDTH * 0.6 < longest < WIDTH - 60
    assert number(bars["30"], "width") == longest / 4
    assert number(bars["0"], "width") == 0
    assert chart.rows == [("Listening", 120), ("Reading", 30), ("Writing", 0)]
    assert "120 min" in chart.svg


def test_the_day_chart_has_every_day_of_the_mobility_and_widens_for_practice_outside_it():
    after_return = END + datetime.timedelta(days=3)
    chart = minutes_per_day_chart({day(1): 30, day(2): 60, after_return: 45}, START, END)

    days = [START + datetime.timedelta(days=n) for n in range(10)]
    assert [row[0] for row in chart.rows] == days
    bars = marks(chart, "rect", "date")
    assert list(bars) == [d.isoformat() for d in days]
    assert bars[START.isoformat()].get("data-minutes") == "0"
    assert number(bars[START.isoformat()], "height") == 0
    assert dict(chart.rows)[END] == 0
    # 60 minutes reach the top of the scale; 30 reach half as high, from the same baseline.
    full, half = bars[day(2).isoformat()], bars[day(1).isoformat()]
    assert number(half, "height") == number(full, "height") / 2
    baseline = number(full, "y") + number(full, "height")
    assert number(half, "y") + number(half, "height") == baseline
    # Days run left to right, one slot each.
    xs = [number(bars[d.isoformat()], "x") for d in days]
    assert xs == sorted(xs)


def test_practice_days_reach_back_before_the_departure_too():
    early = START - datetime.timedelta(days=2)
    assert practice_days([early, day(1)], START, END)[0] == early
    assert practice_days([day(1)], START, END) == [day(n) for n in range(7)]


def test_higher_levels_are_drawn_higher_and_the_points_follow_the_dates():
    chart = level_over_time_chart({day(0): "A2", day(3): "B2", day(5): "B1"}, LEVELS, START, END)
    points = marks(chart, "circle", "date")
    assert [(d, p.get("data-level")) for d, p in points.items()] == [
        (day(0).isoformat(), "A2"),
        (day(3).isoformat(), "B2"),
        (day(5).isoformat(), "B1"),
    ]
    heights = {p.get("data-level"): number(p, "cy") for p in points.values()}
    assert heights["B2"] < heights["B1"] < heights["A2"]  # SVG's y grows downwards
    xs = [number(p, "cx") for p in points.values()]
    assert xs == sorted(xs)
    assert drawing(chart).find(SVG + "path") is not None
    assert chart.rows == [(day(0), "A2"), (day(3), "B2"), (day(5), "B1")]


def test_self_assessment_bars_end_at_their_levels_and_the_target_is_marked():
    chart = self_assessment_chart(
        [("Quality management", 2, 4, 5), ("Labour-market analysis", 3, None, None)],
        LEVEL_DESCRIPTORS,
    )
    svg = drawing(chart)
    before = [bar for bar in svg.iter(SVG + "rect") if bar.get("class") == "chart__before"]
    after = [bar for bar in svg.iter(SVG + "rect") if bar.get("class") == "chart__after"]
    targets = [line for line in svg.iter(SVG + "line") if line.get("class") == "chart__target"]
    assert [bar.get("data-level") for bar in before] == ["2", "3"]
    assert [bar.get("data-level") for bar in after] == ["4"]  # no "after" yet, no bar
    assert [line.get("data-level") for line in targets] == ["5"]
    # Level 4 is twice as far along the scale as level 2, and the target sits at level 5.
    unit = number(before[0], "width") / 2  # coordinates are rounded to a tenth
    assert number(after[0], "width") == pytest.approx(4 * unit, abs=0.1)
    assert number(targets[0], "x1") == pytest.approx(number(before[0], "x") + 5 * unit, abs=0.1)
    assert chart.rows == [("Quality management", 2, 4, 5), ("Labour-market analysis", 3, "–", "–")]


def test_the_level_descriptors_explain_the_self_assessment_scale():
    chart = self_assessment_chart([("Quality management", 2, 4, 5)], LEVEL_DESCRIPTORS)
    assert list(chart.scale) == [LEVEL_DESCRIPTORS[level] for level in range(1, 6)]
    html = render_to_string("portfolios/includes/chart.html", {"chart": chart})
    for descriptor in LEVEL_DESCRIPTORS.values():
        assert str(descriptor) in html
    # Each number on the axis names its descriptor too, for a pointer hovering over it.
    assert "5 – expert: I can teach it to colleagues" in str(chart.svg)


def test_text_typed_by_participants_is_escaped_in_the_drawing_and_the_table():
    charts = [
        self_assessment_chart([(SCRIPT, 2, 3, 4)], LEVEL_DESCRIPTORS),
        minutes_per_skill_chart([(SCRIPT, 30)]),
    ]
    for chart in charts:
        html = render_to_string("portfolios/includes/chart.html", {"chart": chart})
        assert "<script>" not in html
        assert "&lt;script&gt;" in html
        drawing(chart)  # still well-formed XML


def test_no_data_gives_no_chart():
    assert self_assessment_chart([], LEVEL_DESCRIPTORS) is None
    assert minutes_per_skill_chart([]) is None
    assert minutes_per_skill_chart([("Listening", 0), ("Reading", 0)]) is None
    assert minutes_per_day_chart({}, START, END) is None
    assert level_over_time_chart({}, LEVELS, START, END) is None


def test_the_table_under_a_chart_holds_its_figures():
    chart = minutes_per_day_chart({day(1): 30}, START, END)
    html = render_to_string("portfolios/includes/chart.html", {"chart": chart})
    assert "<details" in html and "<table>" in html
    assert '<th scope="row">24 October 2010</th><td>0</td>' in html
    assert '<th scope="row">25 October 2010</th><td>30</td>' in html


@pytest.mark.django_db
def test_the_public_practice_log_is_charted_for_an_anonymous_visitor(client, demo):
    portfolio = PortfolioPage.objects.get(slug="anna-kalnina", locale__language_code="en")
    rows = list(portfolio.practice_log.all())
    html = client.get(HUB + "anna-kalnina/").content.decode()

    assert 'id="practice-heading"' in html
    total = sum(row.minutes for row in rows)
    assert f"Total practice time: {round(total / 60, 1):g} h" in html
    for skill in PracticeLogEntry.Skill:
        minutes = sum(row.minutes for row in rows if row.skill == skill)
        assert f'data-minutes="{minutes}"' in html, skill
    for row in rows:  # one row a day in the demo
        assert f'data-date="{row.date.isoformat()}" data-minutes="{row.minutes}"' in html
        assert f'data-date="{row.date.isoformat()}" data-level="{row.level}"' in html
    assert html.count('role="img"') == 4  # self-assessment and three practice charts


@pytest.mark.django_db
def test_the_highest_level_of_a_day_is_the_one_charted(client, demo):
    portfolio = PortfolioPage.objects.get(slug="anna-kalnina", locale__language_code="en")
    PracticeLogEntryFactory(
        portfolio=portfolio, date=START, minutes=10, skill="reading", activity="reading", level="C1"
    )
    html = client.get(HUB + "anna-kalnina/").content.decode()
    assert f'data-date="{START.isoformat()}" data-level="C1"' in html


@pytest.mark.django_db
def test_a_private_practice_log_shows_no_figures_to_a_stranger(client, demo):
    # Peteris keeps portfolio and log private: strangers do not even learn the page exists.
    teacher = get_user_model().objects.get(username="teacher")
    client.force_login(teacher)
    response = client.get(HUB + "peteris-vitols/")
    assert response.status_code == 404
    assert "chart__bar" not in response.content.decode()

    # A public portfolio whose log is private: the profile shows, the practice does not.
    PortfolioPage.objects.filter(slug="anna-kalnina").update(
        practice_log_visibility=Visibility.PRIVATE
    )
    client.logout()
    html = client.get(HUB + "anna-kalnina/").content.decode()
    assert "Project design and management" in html
    assert 'id="practice-heading"' not in html
    assert "data-minutes" not in html
    assert "Total practice time" not in html


@pytest.mark.django_db
def test_the_owner_and_the_coordinator_see_a_private_log(client, demo):
    for username in ("participant4", "coordinator"):
        client.force_login(get_user_model().objects.get(username=username))
        html = client.get(HUB + "peteris-vitols/").content.decode()
        assert "Total practice time" in html, username
        assert "chart__bar" in html, username


@pytest.mark.django_db
def test_an_empty_practice_log_is_said_in_words(client, demo):
    PracticeLogEntry.objects.filter(portfolio__slug="anna-kalnina").delete()
    html = client.get(HUB + "anna-kalnina/").content.decode()
    assert 'id="practice-heading"' in html
    assert "No English practice logged yet." in html
    assert "chart__bar" not in html
