"""Accounts: a user with the test password, put in groups by name."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from .numbering import next_number

PASSWORD = "pw"


class UserFactory(DjangoModelFactory):
    """``UserFactory(groups=["Participants"])``: the migrations make the groups."""

    username = factory.LazyFunction(lambda: f"user{next_number()}")
    password = PASSWORD

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # ``create_user`` hashes the password and normalises the e-mail, as signing up does.
        return cls._get_manager(model_class).create_user(*args, **kwargs)

    @factory.post_generation
    def groups(user, create, names, **kwargs):
        if create and names:
            user.groups.add(*[Group.objects.get(name=name) for name in names])


def make_user(username=None, **extra):
    if username:
        extra["username"] = username
    return UserFactory(**extra)
