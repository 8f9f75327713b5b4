"""The form a user chooses their reminders with: how each kind reaches them, and the language.

Only the kinds that can reach the user are offered (``reminders.audience``); a choice stored
earlier for any other kind (say, from when they coordinated a project) is kept as it was.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from reminders.audience import DESCRIPTIONS
from reminders.models import Delivery, Kind


def kind_field_name(kind) -> str:
    return f"kind_{kind}"


class ReminderPreferenceForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Email language"),
        choices=[("", _("The language of my account")), *settings.LANGUAGES],
        required=False,
    )

    def __init__(self, *args, preference=None, kinds=tuple(Kind), **kwargs):
        initial = kwargs.setdefault("initial", {})
        if preference is not None:
            initial.setdefault("language", preference.language)
        super().__init__(*args, **kwargs)
        self.kinds = list(kinds)
        for kind in self.kinds:
            name = kind_field_name(kind)
            self.fields[name] = forms.ChoiceField(
                label=kind.label,
                help_text=DESCRIPTIONS.get(kind, ""),
                choices=Delivery.choices,
                widget=forms.RadioSelect,
            )
            self.initial.setdefault(
                name,
                preference.delivery_of(kind) if preference is not None else Delivery.IMMEDIATE,
            )

    def kind_fields(self):
        return [self[kind_field_name(kind)] for kind in self.kinds]

    def save(self, preference):
        preference.language = self.cleaned_data["language"]
        preference.delivery = {
            **(preference.delivery or {}),
            **{str(kind): self.cleaned_data[kind_field_name(kind)] for kind in self.kinds},
        }
        preference.save()
        return preference
