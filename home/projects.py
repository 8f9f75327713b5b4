"""The project hubs a person takes part in, as the pages that show them need them."""

from core.visibility import Audience
from home.models import MobilityProjectPage


def coordinated_projects(user):
    """The project hubs ``user`` coordinates, in every language they are translated into."""
    keys = Audience.of(user).coordinator_of
    if not keys:
        return MobilityProjectPage.objects.none()
    return MobilityProjectPage.objects.filter(translation_key__in=keys)
