from wagtail import hooks

from portal.lockouts import lockout_viewset


@hooks.register("register_admin_viewset")
def register_lockouts():
    return lockout_viewset
