"""The participant's rating of every objective at once, and the coordinator's evaluation of one."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from evaluation.models import EvaluationStatus, ObjectiveEvaluation, ObjectiveRating
from portfolios.forms import ErrorSummaryMixin

COMMENT_MAX_LENGTH = ObjectiveRating._meta.get_field("comment").max_length


class ObjectiveRatingForm(ErrorSummaryMixin, forms.Form):
    """One status and one sentence per objective of the hub, for one participant.

    A participant has one rating per objective number, whichever language they gave it in: a
    rating given on another translation of the hub is shown here and updated, never doubled.
    """

    def __init__(self, data=None, *, hub, participant, objectives):
        super().__init__(data)
        self.hub = hub
        self.participant = participant
        self.objectives = list(objectives)
        self.existing = {
            rating.objective.number: rating
            for rating in ObjectiveRating.objects.filter(
                participant=participant, objective__page__translation_key=hub.translation_key
            ).select_related("objective")
        }
        for objective in self.objectives:
            rating = self.existing.get(objective.number)
            self.fields[self.status_name(objective)] = forms.ChoiceField(
                label=f"{objective.number}. {objective.text}",
                choices=EvaluationStatus.choices,
                widget=forms.RadioSelect,
                initial=rating.status if rating else None,
                error_messages={
                    "required": _("Say how far objective %(number)s was achieved.")
                    % {"number": objective.number},
                    "invalid_choice": _("Choose achieved, partly achieved or not achieved."),
                },
            )
            self.fields[self.comment_name(objective)] = forms.CharField(
                label=_("Why, in one sentence"),
                max_length=COMMENT_MAX_LENGTH,
                initial=rating.comment if rating else "",
                error_messages={
                    "required": _("Add a sentence on objective %(number)s.")
                    % {"number": objective.number},
                },
            )

    @staticmethod
    def status_name(objective):
        return f"objective-{objective.number}-status"

    @staticmethod
    def comment_name(objective):
        return f"objective-{objective.number}-comment"

    def rows(self):
        """(objective, status field, comment field) for the template."""
        return [
            (objective, self[self.status_name(objective)], self[self.comment_name(objective)])
            for objective in self.objectives
        ]

    def clean(self):
        cleaned = super().clean()
        for objective in self.objectives:
            name = self.comment_name(objective)
            if name in cleaned:
                cleaned[name] = " ".join(cleaned[name].split())
        return cleaned

    @transaction.atomic
    def save(self):
        saved = []
        for objective in self.objectives:
            status = self.cleaned_data[self.status_name(objective)]
            comment = self.cleaned_data[self.comment_name(objective)]
            rating = self.existing.get(objective.number)
            if rating is None:
                rating = ObjectiveRating(objective=objective, participant=self.participant)
            rating.status, rating.comment = status, comment
            rating.save()
            saved.append(rating)
        return saved


class ObjectiveEvaluationForm(ErrorSummaryMixin, forms.ModelForm):
    class Meta:
        model = ObjectiveEvaluation
        fields = ["status", "summary"]
        widgets = {
            "status": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 8}),
        }
        labels = {"summary": _("What the project achieved, and how we know")}
        error_messages = {
            "status": {
                "required": _("Say how far the project achieved this objective."),
                "invalid_choice": _("Choose achieved, partly achieved or not achieved."),
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A radio group needs no empty choice: the field is required.
        self.fields["status"].choices = EvaluationStatus.choices
