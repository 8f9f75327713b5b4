"""Front-end views of the portfolios app: a participant's own corner of the site (``/my/…``) and
the pages a secret share link opens (``/share/<token>/…``).

What a participant may manage is decided by ownership (``PortfolioPage.participant``); what a
visitor may see by ``core.visibility``; what a share link opens by ``portfolios.sharing``.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.languages import in_language
from core.visibility import visible_to
from portfolios import sharing
from portfolios.forms import QUICK_MINUTES, PracticeLogForm, ShareLinkForm, time_zone_of
from portfolios.models import EntryPage, PortfolioPage, PracticeLogEntry

LATEST_ENTRIES = 5
LATEST_PRACTICE = 5
SHARED_ENTRIES_PER_PAGE = PortfolioPage.entries_per_page


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
        visible_to(EntryPage.objects.child_of(portfolio), user)
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
        visible_to(PracticeLogEntry.objects.filter(portfolio__participant=user), user)
        .select_related("portfolio__project")
        .order_by("-created_at", "-pk")[:LATEST_PRACTICE]
    )


def posted_data(request):
    # An unbound form on GET, so that a first visit shows no errors.
    return request.POST if request.method == "POST" else None


def private_response(response):
    """Kept out of shared caches: these pages show one person's material or secret links."""
    patch_cache_control(response, private=True, no_store=True)
    return response


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


@login_required
def share_links(request, pk):
    portfolio = get_object_or_404(own_portfolios(request.user), pk=pk)
    form = ShareLinkForm(posted_data(request), portfolio=portfolio)
    if form.is_valid():
        form.save(request.user)
        messages.success(
            request, _("New link created. Copy it and send it to whoever should see your work.")
        )
        return redirect("portfolios:share_links", pk=portfolio.pk)
    links = list(portfolio.share_links.all())
    for link in links:
        link.full_url = request.build_absolute_uri(link.get_absolute_url())
    context = {
        "portfolio": portfolio,
        "form": form,
        "active_links": [link for link in links if link.is_active],
        "past_links": [link for link in links if not link.is_active],
        "time_zone": time_zone_of(portfolio),
    }
    return private_response(render(request, "portfolios/share_links.html", context))


@login_required
@require_POST
def revoke_share_link(request, pk, link_pk):
    portfolio = get_object_or_404(own_portfolios(request.user), pk=pk)
    get_object_or_404(portfolio.share_links, pk=link_pk).revoke()
    messages.success(request, _("Link revoked: it no longer opens your portfolio."))
    return redirect("portfolios:share_links", pk=pk)


def share_link_view(view):
    """Looks the token up and keeps it secret: out of search engines, caches and Referer headers.

    Anything the link does not open (unknown, revoked, expired) is a plain 404, at once.
    """

    @wraps(view)
    def wrapped(request, token, *args, **kwargs):
        portfolio = sharing.portfolio_opened_by(token)
        if portfolio is None:
            raise Http404
        sharing.remember_share_link(request, token)
        response = view(request, portfolio, token, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = "no-referrer"
        return private_response(response)

    return wrapped


@share_link_view
def shared_portfolio(request, portfolio, token):
    entries = Paginator(sharing.shared_entries(portfolio), SHARED_ENTRIES_PER_PAGE)
    context = {
        "portfolio": portfolio,
        "token": token,
        "entries": entries.get_page(request.GET.get("page")),
        "self_assessments": portfolio.self_assessments.select_related("competence"),
        "practice_totals": sharing.shared_practice_totals(portfolio),
    }
    return render(request, "portfolios/shared_portfolio.html", context)


@share_link_view
def shared_entry(request, portfolio, token, entry_pk):
    entry = get_object_or_404(sharing.shared_entries(portfolio), pk=entry_pk).specific
    context = {
        "portfolio": portfolio,
        "token": token,
        "entry": entry,
        "entry_template": entry.get_template(request),
    }
    return render(request, "portfolios/shared_entry.html", context)
