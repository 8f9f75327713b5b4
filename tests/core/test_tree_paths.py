"""``core.tree.child_path`` lays bulk-inserted pages out where Wagtail's own ``add_child`` would."""

from types import SimpleNamespace

import pytest
from wagtail.models import Page

from core.tree import child_path


@pytest.mark.django_db
def test_each_child_gets_the_path_add_child_gives_it():
    parent = Page.get_first_root_node().add_child(
        instance=Page(title="Parent of many", slug="parent-of-many")
    )
    for number in range(1, 4):
        child = parent.add_child(instance=Page(title=f"Child {number}", slug=f"child-{number}"))
        assert child.path == child_path(parent, number)


@pytest.mark.parametrize(
    ("position", "step"),
    [
        (1, "0001"),
        (35, "000Z"),
        (36, "0010"),
        (1295, "00ZZ"),
        (1296, "0100"),
        (36**4 - 1, "ZZZZ"),
    ],
)
def test_a_step_is_the_position_in_four_base_36_digits(position, step):
    assert child_path(SimpleNamespace(path="00010002"), position) == "00010002" + step


@pytest.mark.parametrize("position", [0, -1, 36**4])
def test_a_position_outside_the_step_is_refused(position):
    with pytest.raises(ValueError, match="numbered 1 to 1679615"):
        child_path(SimpleNamespace(path="0001"), position)
