"""What the portfolio commands share: finding the people and pages they are given by name."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _


def user_named(username):
    User = get_user_model()
    try:
        return User.objects.get(**{User.USERNAME_FIELD: username})
    except User.DoesNotExist as error:
        raise CommandError(
            _("There is no user “%(username)s”.") % {"username": username}
        ) from error
