"""Downloads of a whole portfolio: the ZIP export and the printable PDF summary.

A download carries the portfolio away from the site, so it is offered more narrowly than the
portfolio is shown: to its participant and to the coordinators of its project (and superusers),
whatever the portfolio's visibility. Anyone else gets a 404, as for a page they may not see, so
that guessing numbers does not reveal which portfolios exist. What the file then holds is what
``core.visibility`` lets the downloader see.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header

from core.visibility import owns_or_coordinates
from portfolios.exports import export_portfolio
from portfolios.models import PortfolioPage
from portfolios.pdf import portfolio_pdf
from portfolios.views.responses import private_response


def portfolio_download(view):
    """Finds the portfolio, lets only those who may download it through, and keeps it private."""

    @login_required
    @wraps(view)
    def wrapped(request, pk):
        portfolio = get_object_or_404(PortfolioPage.objects.select_related("project"), pk=pk)
        if not owns_or_coordinates(request.user, portfolio):
            raise Http404
        content_type, extension, content = view(request, portfolio)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"{portfolio.slug}-portfolio.{extension}"
        )
        return private_response(response)

    return wrapped


@portfolio_download
def portfolio_zip(request, portfolio):
    return "application/zip", "zip", export_portfolio(portfolio, request.user)


@portfolio_download
def portfolio_summary_pdf(request, portfolio):
    return "application/pdf", "pdf", portfolio_pdf(portfolio, request.user)
