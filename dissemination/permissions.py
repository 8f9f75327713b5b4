"""Who may compile a results page and take its outputs.

Editors (whoever may publish the results page), the coordinators of its project and superusers
may compile it and build its public outputs; participants and everybody else may not, whatever
address they try. The final-report pack holds the project's private material, so only the
project's coordinators and superusers may have it.
"""

from core.visibility import coordinates_project


def may_compile(user, page) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or page.permissions_for_user(user).can_publish():
        return True
    return coordinates_project(user, page.project)


def may_download_pack(user, page) -> bool:
    """The project's coordinators and superusers: the pack is their report."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return coordinates_project(user, page.project)
