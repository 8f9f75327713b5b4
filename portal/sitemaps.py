"""The sitemap of every language: Wagtail's lists the site's root page tree only, and each
translation of the home page (``/lv/``) is a tree of its own beside it."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class TranslatedSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        roots = [root, *root.get_translations()]
        under_a_root = Q()
        for page in roots:
            under_a_root |= Q(path__startswith=page.path)
        return (
            Page.objects.filter(under_a_root)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
