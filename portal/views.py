from django.conf import settings
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_safe


@never_cache
@require_GET
def healthz(request):
    """Tell a load balancer or compose health check whether this process can reach its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


# Paths no search engine should crawl: the admin, people's own pages, sign-in, secret share
# links and unsubscribe links (each a private token), and the permission-checked downloads.
PRIVATE_PATHS = ["/admin/", "/django-admin/"]
PRIVATE_TRANSLATED_PATHS = ["/my/", "/accounts/", "/share/", "/reminders/", "/results/"]


@require_safe
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    """Tell crawlers to read the public pages, keep out of private ones, and use the sitemap.

    The private pages answer in every language, under ``/lv/`` too, so each is listed once per
    language prefix.
    """
    prefixes = [""] + [
        f"/{code}" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
    ]
    disallowed = PRIVATE_PATHS + [
        prefix + path for prefix in prefixes for path in PRIVATE_TRANSLATED_PATHS
    ]
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in disallowed),
        "Allow: /",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever a page links to: send them the
    site's icon."""
    return HttpResponseRedirect(static("img/favicon.svg"))
