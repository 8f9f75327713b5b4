"""Front-end forms of the portfolios app: the phone-sized practice log, share links and
coordinators' comments on entries."""

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from portfolios.dates import today_for
from portfolios.models import EntryComment, PracticeLogEntry
from portfolios.models.practice import EARLIEST_PRACTICE_DATE

QUICK_MINUTES = (15, 30, 45, 60)


class NativeDateInput(forms.DateInput):
    """The browser's own date picker, which needs ISO dates whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class PortfolioChoiceField(forms.ModelChoiceField):
    # Every portfolio of a participant carries their name; the project tells them apart.
    def label_from_instance(self, obj):
        return obj.project.title if obj.project is not None else obj.title


class ErrorSummaryMixin:
    """What a form's error summary lists: each message with the input it is about.

    The GOV.UK pattern: after a failed save, the summary at the top of the form names every
    problem and links to the input to put it right: the first radio button of a group, nothing
    for a hidden field.
    """

    def error_summary(self):
        items = [(str(error), "") for error in self.non_field_errors()]
        for field in self:
            items.extend((str(error), self.error_anchor(field)) for error in field.errors)
        return items

    @staticmethod
    def error_anchor(field):
        widget = field.field.widget
        if widget.is_hidden:
            return ""
        if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            return f"{field.auto_id}_0"
        return field.auto_id


# What the next row most likely shares with the last one: the log remembers these.
REMEMBERED_CHOICES = ("skill", "activity", "level")


class PracticeLogForm(ErrorSummaryMixin, forms.ModelForm):
    """One English-practice row, chosen in a few taps; only the user's own portfolios accepted.

    The choices of the user's last row (portfolio, skill, activity, level) are offered again,
    on any device: most days' practice is like the day before's. The minutes and the date are
    asked afresh, as they are what changes.
    """

    portfolio = PortfolioChoiceField(
        label=_("Project"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of your own portfolios.")},
    )
    # The same limits as the model's validators and database constraint, said in one message.
    minutes = forms.IntegerField(
        label=_("Minutes"),
        min_value=1,
        max_value=600,
        error_messages=dict.fromkeys(
            ["required", "invalid", "min_value", "max_value"],
            _("Enter the minutes as a whole number from 1 to 600."),
        ),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "list": "quick-minutes"}),
    )

    class Meta:
        model = PracticeLogEntry
        fields = ["portfolio", "date", "minutes", "skill", "activity", "level", "note"]
        widgets = {
            "date": NativeDateInput(),
            "skill": forms.RadioSelect,
            "activity": forms.RadioSelect,
            "level": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, portfolios, last=None, **kwargs):
        super().__init__(*args, **kwargs)
        portfolio_field = self.fields["portfolio"]
        portfolio_field.queryset = portfolios
        # One portfolio needs no question; it still travels with the form, so it is validated.
        self.single_portfolio = len(portfolios) == 1
        if self.single_portfolio:
            portfolio_field.widget = forms.HiddenInput()
        # Radio buttons need no blank option: a choice is required anyway, and a missing one is
        # named in the words of the question.
        for name, choices, missing in [
            ("skill", PracticeLogEntry.Skill.choices, _("Choose the skill you practised.")),
            ("activity", PracticeLogEntry.Activity.choices, _("Choose what you did.")),
            ("level", PracticeLogEntry.Level.choices, _("Choose your level.")),
        ]:
            self.fields[name].choices = choices
            self.fields[name].error_messages["required"] = missing
        self.fields["date"].error_messages["required"] = _("Enter the day you practised.")

        self.fields["date"].widget.attrs["min"] = EARLIEST_PRACTICE_DATE.isoformat()
        if portfolios:
            default = portfolios[0]
            # The same portfolio in another language is the same portfolio.
            remembered = [
                p
                for p in portfolios
                if last is not None
                and (
                    p.pk == last.portfolio_id or p.translation_key == last.portfolio.translation_key
                )
            ]
            if remembered:
                default = remembered[0]
                for name in REMEMBERED_CHOICES:
                    self.fields[name].initial = getattr(last, name)
            today = today_for(default)
            portfolio_field.initial = default.pk
            self.fields["date"].initial = today
            self.fields["date"].widget.attrs["max"] = today.isoformat()


class ShareLinkForm(forms.Form):
    """When a new share link stops working; ``portfolios.actions.create_share_link`` makes it."""

    expires_on = forms.DateField(
        label=_("Link works until"),
        required=False,
        widget=NativeDateInput(),
        help_text=_("Leave empty for a link that works until you revoke it."),
    )

    def __init__(self, *args, portfolio, **kwargs):
        super().__init__(*args, **kwargs)
        today = today_for(portfolio)
        field = self.fields["expires_on"]
        field.validators.append(
            MinValueValidator(today, message=_("Choose today or a later date."))
        )
        field.widget.attrs["min"] = today.isoformat()


class EntryCommentForm(forms.ModelForm):
    class Meta:
        model = EntryComment
        fields = ["body"]
        labels = {"body": _("Your comment")}
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "body": {
                "required": _("Write something before sending the comment."),
                "max_length": _(
                    "A comment can be at most %(limit_value)d characters long "
                    "(this one has %(show_value)d)."
                ),
            }
        }
