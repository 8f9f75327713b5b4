"""The public, read-only Wagtail API v2 at /api/v2/: pages only.

The API is read by other sites and cached anywhere, so it answers every request as it would an
anonymous visitor, whoever is logged in: no authentication runs, and the pages the visibility rule
hides from anonymous visitors (``core.visibility.hidden_pages``) are left out of the base queryset.
Listings, details, ``?search=``, ``?type=``, ``child_of`` and the ``parent`` field all start
from that queryset, so none of them can reveal a hidden page.

There is no images or documents endpoint: the files of a private entry are private, and only the
pages that show them may decide who opens them.
"""

from django.contrib.auth.models import AnonymousUser
from rest_framework.permissions import AllowAny
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from core.visibility import hidden_pages
from evaluation.api import ObjectivesField
from home.models import MobilityProjectPage


class PublicPagesAPIViewSet(PagesAPIViewSet):
    authentication_classes = []
    permission_classes = [AllowAny]
    # A hub's objectives carry their evidence and evaluation: worth asking for one hub at a time.
    detail_only_fields = [*PagesAPIViewSet.detail_only_fields, "objectives"]

    @classmethod
    def get_body_fields(cls, model):
        """A hub's fields and its ``objectives``, which the evaluation app serialises (the hub
        itself may not import it)."""
        fields = super().get_body_fields(model)
        if issubclass(model, MobilityProjectPage):
            fields.append(APIField("objectives", serializer=ObjectivesField()))
        return fields

    def get_base_queryset(self):
        return super().get_base_queryset().exclude(hidden_pages(AnonymousUser()))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
