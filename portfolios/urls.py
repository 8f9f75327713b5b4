"""A participant's own pages under /my/ and the pages secret share links open under /share/.

Outside ``i18n_patterns``: these addresses are the same in every language, so a shared link keeps
working whichever language its reader uses.
"""

from django.urls import path

from portfolios import comment_views, download_views, overview_views, views

app_name = "portfolios"

urlpatterns = [
    path("my/portfolio/", views.my_portfolio, name="my_portfolio"),
    path("my/practice/new/", views.log_practice, name="log_practice"),
    path("my/portfolio/<int:pk>/share/", views.share_links, name="share_links"),
    path(
        "my/portfolio/<int:pk>/share/<int:link_pk>/revoke/",
        views.revoke_share_link,
        name="revoke_share_link",
    ),
    path(
        "my/portfolio/<int:pk>/export.zip",
        download_views.portfolio_zip,
        name="portfolio_zip",
    ),
    path(
        "my/portfolio/<int:pk>/summary.pdf",
        download_views.portfolio_summary_pdf,
        name="portfolio_summary_pdf",
    ),
    path(
        "my/entries/<int:entry_pk>/comments/",
        comment_views.add_entry_comment,
        name="add_entry_comment",
    ),
    path(
        "my/projects/<int:project_pk>/overview/",
        overview_views.project_overview_page,
        name="project_overview",
    ),
    path("share/<str:token>/", views.shared_portfolio, name="shared_portfolio"),
    path("share/<str:token>/<int:entry_pk>/", views.shared_entry, name="shared_entry"),
]
