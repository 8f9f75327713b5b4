"""Content-Security-Policy on every response (django-csp): the public site's policy is
``CONTENT_SECURITY_POLICY`` in the settings, the Wagtail admin's ``ADMIN_CONTENT_SECURITY_POLICY``.

The public site runs no inline script and no script from another origin: what people type is
escaped, and the policy makes sure that a slip in escaping still runs nothing. The admin is
Wagtail's own code, some of which still writes inline scripts, so it is allowed those and nothing
from elsewhere. The browser journeys count every violation as a console error.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, giving the admin's addresses the admin's policy."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(ADMIN_PREFIXES)
        ):
            directives = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            parts.config = default_config(directives)
        return parts
