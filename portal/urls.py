from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core import admin_privacy, media_views
from portal import accounts
from portal.api import api_router
from portal.sitemaps import TranslatedSitemap
from portal.views import favicon, healthz, robots_txt

MEDIA_PREFIX = settings.MEDIA_URL.lstrip("/")

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("django-admin/", admin.site.urls),
    # Admin screens narrowed to what each user may see, answered ahead of Wagtail's own.
    path("admin/", include(admin_privacy.url_overrides())),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": TranslatedSitemap}}, name="sitemap"),
    # Images in every environment through Django, which asks who may open them (as Wagtail's
    # serve view does for documents); there is no other route to uploaded files.
    path(f"{MEDIA_PREFIX}images/<path:name>", media_views.serve_rendition, name="rendition_file"),
    path(
        f"{MEDIA_PREFIX}original_images/<path:name>",
        media_views.serve_original_image,
        name="original_image_file",
    ),
]

# The site's own account pages, under the names Django's auth views and templates reverse.
account_patterns = [
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("logout/", accounts.LogoutView.as_view(), name="logout"),
    path("password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password_reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

# Everything people read answers in English at / and in Latvian under /lv/ (LocaleMiddleware
# reads the language from the address, so views outside these patterns would always be English).
urlpatterns += i18n_patterns(
    path("accounts/", include(account_patterns)),
    path("", include("portfolios.urls")),
    path("", include("reminders.urls")),
    path("", include("evaluation.urls")),
    path("", include("dissemination.views")),
    path("", include("europass.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
