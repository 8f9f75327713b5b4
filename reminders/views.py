"""Reminder preferences (logged in) and one-click unsubscribe (a signed link, no login).

The unsubscribe address is the one in each email's ``List-Unsubscribe`` header, so it takes the
RFC 8058 one-click POST of mail providers as well as a person's click: GET shows a confirmation
with a button, POST turns the kind off. The signed token is what authorises it, which is why the
POST needs no CSRF token and no session. A token that was not signed by us changes nothing.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from reminders.audience import kinds_for
from reminders.emails import read_unsubscribe_token
from reminders.forms import ReminderPreferenceForm
from reminders.models import Delivery, Kind, Reminder, ReminderPreference


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    preference = ReminderPreference.objects.filter(user=request.user).first()
    kinds = kinds_for(request.user)
    if request.method == "POST":
        form = ReminderPreferenceForm(request.POST, preference=preference, kinds=kinds)
        if form.is_valid():
            with transaction.atomic():
                preference = preference or ReminderPreference(user=request.user)
                form.save(preference)
                turned_off = [
                    kind for kind in kinds if preference.delivery_of(kind) == Delivery.OFF
                ]
                cancel_pending(request.user.pk, turned_off)
            messages.success(request, _("Your reminder choices are saved."))
            return redirect("reminders:preferences")
    else:
        form = ReminderPreferenceForm(preference=preference, kinds=kinds)
    response = render(request, "reminders/preferences.html", {"form": form})
    patch_cache_control(response, private=True, no_store=True)
    return response


def cancel_pending(user_id, kinds):
    """Reminders already waiting for kinds the user no longer wants are not sent."""
    Reminder.objects.filter(
        recipient_id=user_id, kind__in=[str(k) for k in kinds], status=Reminder.Status.PENDING
    ).update(status=Reminder.Status.CANCELLED, last_error="Turned off by the recipient.")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    user = None
    try:
        user_id, kind = read_unsubscribe_token(token)
        user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    except signing.SignatureExpired:
        response = render(request, "reminders/unsubscribe_expired.html", status=410)
        patch_cache_control(response, private=True, no_store=True)
        return response
    except signing.BadSignature:
        pass
    if user is None:
        response = render(request, "reminders/unsubscribe_invalid.html", status=404)
        patch_cache_control(response, private=True, no_store=True)
        return response
    done = False
    if request.method == "POST":
        with transaction.atomic():
            preference, _created = ReminderPreference.objects.select_for_update().get_or_create(
                user=user
            )
            preference.delivery = {**preference.delivery, kind: Delivery.OFF}
            preference.save(update_fields=["delivery"])
            cancel_pending(user.pk, [kind])
        done = True
    response = render(
        request,
        "reminders/unsubscribe.html",
        {"kind": Kind(kind).label, "done": done},
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
