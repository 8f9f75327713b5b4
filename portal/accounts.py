"""The site's own account pages: log in, log out, password reset and password change.

Django's views do the work; these subclasses decide where people land (the home page in the
language they were reading) and in which language the password reset email is written (the
recipient's, not the requester's: anyone may ask for a reset of anyone's account).
The templates are ``templates/registration/*``, which take precedence over the Django admin's.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.core.exceptions import ObjectDoesNotExist
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Site


def home_url(request) -> str:
    """The site's home page in the language of this request (its translation, when live)."""
    site = Site.find_for_request(request)
    if site is None:
        return "/"
    return site.root_page.localized.get_url(request) or "/"


def email_language(user, fallback: str) -> str:
    """The language ``user`` reads their email in: the one chosen for reminders, else their
    admin profile's, else ``fallback`` (the language the reset was asked for in)."""
    available = {code for code, _name in settings.LANGUAGES}
    for relation, field in (
        ("reminder_preference", "language"),
        ("wagtail_userprofile", "preferred_language"),
    ):
        try:
            chosen = getattr(getattr(user, relation), field)
        except ObjectDoesNotExist:
            continue
        if chosen in available:
            return chosen
    return fallback if fallback in available else settings.LANGUAGE_CODE


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form, writing each email (text and link) in its recipient's language."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        language = email_language(context["user"], translation.get_language())
        with translation.override(language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class LoginView(auth_views.LoginView):
    def get_default_redirect_url(self):
        # Without a "next" page, home in the language the person logged in with.
        return home_url(self.request)


class LogoutView(auth_views.LogoutView):
    """Logs out on POST and lands on the home page with a message saying so.

    A GET (an old bookmark, a typed address) is answered with a page instead of Django's bare
    405: a button to log out for someone still logged in, "You are logged out" for anyone else.
    """

    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        auth_logout(request)
        messages.success(request, _("You are logged out."))
        return redirect(home_url(request))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["home_url"] = home_url(self.request)
        return context


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    @property
    def extra_email_context(self):
        return {
            "site_name": settings.WAGTAIL_SITE_NAME,
            "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60)),
        }
