"""A participant's own pages under /my/ and the pages secret share links open under /share/.

Outside ``i18n_patterns``: these addresses are the same in every language, so a shared link keeps
working whichever language its reader uses.
"""

from django.urls import path

from portfolios.views import comments, downloads, overview, own, share_links

app_name = "portfolios"

urlpatterns = [
    path("my/portfolio/", own.my_portfolio, name="my_portfolio"),
    path("my/practice/new/", own.log_practice, name="log_practice"),
    path("my/portfolio/<int:pk>/share/", share_links.share_links, name="share_links"),
    path(
        "my/portfolio/<int:pk>/share/<int:link_pk>/revoke/",
        share_links.revoke_share_link,
        name="revoke_share_link",
    ),
    path(
        "my/portfolio/<int:pk>/export.zip",
        downloads.portfolio_zip,
        name="portfolio_zip",
    ),
    path(
        "my/portfolio/<int:pk>/summary.pdf",
        downloads.portfolio_summary_pdf,
        name="portfolio_summary_pdf",
    ),
    path(
        "my/entries/<int:entry_pk>/comments/",
        comments.add_entry_comment,
        name="add_entry_comment",
    ),
    path(
        "my/projects/<int:project_pk>/overview/",
        overview.project_overview_page,
        name="project_overview",
    ),
    path("share/<str:token>/", share_links.shared_portfolio, name="shared_portfolio"),
    path("share/<str:token>/<int:entry_pk>/", share_links.shared_entry, name="shared_entry"),
]
