"""A participant's own corner of the site (``/my/…``): everything they wrote, and the quick
practice log.

What a participant may manage is decided by ownership (``PortfolioPage.participant``); what they
see of it by ``core.visibility``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.languages import in_language
from portfolios.forms import QUICK_MINUTES, PracticeLogForm
from portfolios.models import EntryPage, PortfolioPage, PracticeLogEntry
from portfolios.views.responses import posted_data, private_response

LATEST_ENTRIES = 5
LATEST_PRACTICE = 5


def own_portfolios(user):
    """The portfolios ``user`` keeps as a participant: theirs to fill in and to share, each
    once, in the language being spoken where it has been translated."""
    return (
        in_language(PortfolioPage.objects.filter(participant=user))
        .select_related("project")
        .order_by("-project__start_date", "pk")
    )


def latest_entries(portfolio, user):
    # Drafts too: the owner wants to see what they have just written, published or not.
    return (
        EntryPage.objects.child_of(portfolio)
        .visible_to(user)
        .select_related("content_type")
        .order_by("-date", "-pk")[:LATEST_ENTRIES]
    )


def _names_in(panel):
    """The fields and inline relations a panel of the editor holds, however deep."""
    names = {getattr(panel, "field_name", None), getattr(panel, "relation_name", None)}
    for child in getattr(panel, "children", ()):
        names |= _names_in(child)
    return names - {None}


# Each section of the portfolio editor, known by a field it holds.
PORTFOLIO_SECTIONS = {
    "profile": "role",
    "self_assessment": "self_assessments",
    "sharing": "visibility",
}


def portfolio_section_anchors():
    """The HTML ids Wagtail gives the portfolio editor's sections, by section.

    Wagtail names them after each panel's heading, translated when the editor is first built in
    a process and then kept, so they are read from that same editor rather than worked out.
    """
    handler = PortfolioPage.get_edit_handler()
    anchors = {}
    for tab, tab_id in zip(handler.children, handler.child_identifiers, strict=True):
        for child, child_id in zip(tab.children, tab.child_identifiers, strict=True):
            names = _names_in(child)
            for section, field in PORTFOLIO_SECTIONS.items():
                if field in names and section not in anchors:
                    anchors[section] = f"panel-child-{tab_id}-{child_id}-section"
    return anchors


def portfolio_edit_links(portfolio, anchors):
    """The portfolio's edit view, and each of its sections in it."""
    edit_url = reverse("wagtailadmin_pages:edit", args=[portfolio.pk])
    links = {"edit": edit_url}
    for section in PORTFOLIO_SECTIONS:
        anchor = anchors.get(section)
        links[section] = f"{edit_url}#{anchor}" if anchor else edit_url
    return links


def add_entry_links(portfolio):
    return [
        (
            model._meta.verbose_name,
            reverse(
                "wagtailadmin_pages:add",
                args=[model._meta.app_label, model._meta.model_name, portfolio.pk],
            ),
        )
        for model in PortfolioPage.creatable_subpage_models()
    ]


def latest_practice(user):
    return (
        PracticeLogEntry.objects.filter(portfolio__participant=user)
        .visible_to(user)
        .select_related("portfolio__project")
        .order_by("-created_at", "-pk")[:LATEST_PRACTICE]
    )


@login_required
def my_portfolio(request):
    """Everything a participant wrote, each piece with the way to change it in the admin."""
    portfolios = list(own_portfolios(request.user))
    anchors = portfolio_section_anchors() if portfolios else {}
    items = [
        {
            "page": portfolio,
            "entries": latest_entries(portfolio, request.user),
            "self_assessments": portfolio.self_assessments.select_related("competence"),
            "edit_links": portfolio_edit_links(portfolio, anchors),
            "add_entry_links": add_entry_links(portfolio),
        }
        for portfolio in portfolios
    ]
    return private_response(
        render(
            request,
            "portfolios/my_portfolio.html",
            {"portfolios": items, "practice_log_url": reverse("practice_log:index")},
        )
    )


@login_required
def log_practice(request):
    portfolios = own_portfolios(request.user)
    latest = list(latest_practice(request.user))
    form = PracticeLogForm(
        posted_data(request), portfolios=portfolios, last=latest[0] if latest else None
    )
    if form.is_valid():
        row = form.save()
        messages.success(
            request,
            _("Practice logged: %(minutes)s minutes of %(skill)s on %(date)s.")
            % {
                "minutes": row.minutes,
                "skill": row.get_skill_display().lower(),
                "date": date_format(row.date),
            },
        )
        return redirect("portfolios:log_practice")
    context = {
        "form": form,
        "has_portfolio": bool(portfolios),
        "quick_minutes": QUICK_MINUTES,
        "latest": latest,
    }
    return private_response(render(request, "portfolios/log_practice.html", context))
