"""The coordinator's request to a mentor, and the mentor's confirmation form."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from europass.record import ACTIVITY_KINDS, SKILL_CATEGORIES, language_skill_label, skill_rows
from portfolios.models import HostInstitution

NOTE_LENGTH = 500


class AskMentorForm(forms.Form):
    host_institution = forms.ModelChoiceField(
        label=_("Host organisation"),
        queryset=HostInstitution.objects.order_by("name", "city"),
        required=False,
        help_text=_("Where the mentor works; leave empty if it is not listed."),
    )
    mentor_name = forms.CharField(label=_("Mentor's name"), max_length=200)
    mentor_role = forms.CharField(label=_("Mentor's role"), max_length=200, required=False)
    mentor_email = forms.EmailField(label=_("Mentor's email"))
    language = forms.ChoiceField(
        label=_("Language of the email and the page"), choices=settings.LANGUAGES
    )


class ConfirmationForm(forms.Form):
    """One "confirmed" box and one correction note per activity and per skill of the record as
    the mentor reads it; then their comment, name and role.

    ``seen_hash`` carries the hash of the record shown, so that a confirmation never covers a
    record the mentor did not see.
    """

    seen_hash = forms.CharField(widget=forms.HiddenInput, max_length=64)
    comment = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )
    name = forms.CharField(label=_("Your name"), max_length=200)
    role = forms.CharField(label=_("Your role at the host organisation"), max_length=200)

    def __init__(self, *args, record_data, **kwargs):
        super().__init__(*args, **kwargs)
        self.record_data = record_data
        self.activity_fields = []
        for row in record_data["activities"]:
            self.activity_fields.append(self._add(row, "activity", row["title"]))
        self.skill_fields = []
        for row in skill_rows(record_data):
            self.skill_fields.append(self._add(row, "skill", skill_name(row)))

    def _add(self, row, prefix, label):
        key = f"{prefix}__{row['id']}"
        self.fields[key] = forms.BooleanField(label=label, required=False, initial=True)
        self.fields[f"{key}__note"] = forms.CharField(
            label=_("Correction"), required=False, max_length=NOTE_LENGTH
        )
        return {"row": row, "confirmed": self[key], "note": self[f"{key}__note"]}

    def corrections(self) -> dict:
        def reviewed(prefix, rows):
            return {
                item["row"]["id"]: {
                    "confirmed": bool(self.cleaned_data.get(f"{prefix}__{item['row']['id']}")),
                    "note": self.cleaned_data.get(f"{prefix}__{item['row']['id']}__note", ""),
                }
                for item in rows
            }

        return {
            "activities": reviewed("activity", self.activity_fields),
            "skills": reviewed("skill", self.skill_fields),
        }


def skill_name(row) -> str:
    if row["category"] == "language" and "skill" in row:
        return f"{_('English')}: {language_skill_label(row['skill'])}"
    return row.get("name", "")


def activity_kind_label(kind) -> str:
    return str(ACTIVITY_KINDS.get(kind, kind))


def category_label(category) -> str:
    return str(SKILL_CATEGORIES.get(category, category))
