""" "Is this user a coordinator of this project?" has one answer, ``core.visibility``'s
``coordinates_project`` (and ``coordinates_a_project``), used by every permission that asks it;
a deactivated account coordinates nothing, in requests and in background work alike.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from core.visibility import Audience, coordinates_a_project, coordinates_project
from tests.factories import make_project, make_user

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user as a new request would load it, without the audience cached on the object."""
    return type(user).objects.get(pk=user.pk)


def test_a_coordinator_coordinates_their_project_in_every_language_and_no_other():
    coordinator, participant = make_user(), make_user()
    project = make_project(coordinator=coordinator, members=[participant])
    other = make_project(slug="elsewhere")
    assert coordinates_project(coordinator, project)
    assert coordinates_a_project(coordinator)
    assert not coordinates_project(coordinator, other)
    assert not coordinates_project(participant, project)
    assert not coordinates_a_project(participant)
    assert not coordinates_project(AnonymousUser(), project)
    assert not coordinates_project(coordinator, None)


def test_superusers_are_not_coordinators_by_it():
    root = make_user(is_superuser=True)
    assert not coordinates_project(root, make_project())


def test_a_deactivated_coordinator_coordinates_nothing_and_is_nobody_to_the_rule():
    coordinator = make_user()
    project = make_project(coordinator=coordinator)
    coordinator.is_active = False
    coordinator.save()
    coordinator = fresh(coordinator)
    assert not coordinates_project(coordinator, project)
    assert not coordinates_a_project(coordinator)
    assert Audience.of(coordinator).member_of == frozenset()
    assert not Audience.of(coordinator).authenticated
