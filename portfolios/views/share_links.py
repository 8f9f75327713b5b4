"""Share links: a participant makes and revokes them (``/my/portfolio/<id>/share/``), and
whoever holds one opens the portfolio with it (``/share/<token>/…``).

What a share link opens is decided by ``portfolios.sharing``.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portfolios import actions, sharing
from portfolios.dates import time_zone_of
from portfolios.forms import ShareLinkForm
from portfolios.models import PortfolioPage
from portfolios.views.own import own_portfolios
from portfolios.views.responses import posted_data, private_response

SHARED_ENTRIES_PER_PAGE = PortfolioPage.entries_per_page


@login_required
def share_links(request, pk):
    portfolio = get_object_or_404(own_portfolios(request.user), pk=pk)
    form = ShareLinkForm(posted_data(request), portfolio=portfolio)
    if form.is_valid():
        try:
            actions.create_share_link(portfolio, request.user, form.cleaned_data["expires_on"])
        except actions.ActionRefused as refusal:
            raise Http404 from refusal
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
    try:
        actions.revoke_share_link(portfolio, link_pk, request.user)
    except actions.ActionRefused as refusal:
        raise Http404 from refusal
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
