from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def page_edit_url(context, page):
    """The admin edit URL of ``page`` if the visitor may edit it, else an empty string.

    Portfolio pages show this instead of Wagtail's userbar: only the participant edits them, and
    the userbar's own permission and workflow lookups cost several queries on every view.
    """
    request = context.get("request")
    # A page read through a share link has no ``page`` in its context: no edit link there.
    if request is None or not request.user.is_authenticated or not hasattr(page, "pk"):
        return ""
    if not page.permissions_for_user(request.user).can_edit():
        return ""
    return reverse("wagtailadmin_pages:edit", args=[page.pk])
