from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project itself, last in INSTALLED_APPS so that its ``ready`` runs after every app's.

    Wagtail's images and documents apps register their stock permission policies in their own
    ``ready``; ours must be registered after them to be the ones the admin looks up.
    """

    name = "portal"
    verbose_name = "Mobilitas"

    def ready(self):
        from core.permissions import register_policies
        from portal.navigation import connect_signals

        register_policies()
        connect_signals()
