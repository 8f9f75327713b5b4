"""The reminder rules coordinators set for their projects, and "Run now"."""

from django import forms
from django.contrib.admin.utils import quote, unquote
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.forms import BaseChildFormSet
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.widgets.button import Button
from wagtail.permissions import policy_registry

from reminders.admin.common import ConfirmationView, InspectsPlainly
from reminders.models import SCHEDULED_KINDS, Kind, ReminderRule
from reminders.permissions import rule_projects

SCHEDULED = frozenset(str(kind) for kind in SCHEDULED_KINDS)


def is_scheduled(rule) -> bool:
    return rule.kind in SCHEDULED


class ReminderTextFormSet(BaseChildFormSet):
    """A rule's texts, at most one per language, said in words a coordinator understands."""

    def get_unique_error_message(self, unique_check):
        return _("Each language can have one text only: remove the second text in that language.")

    def get_form_error(self):
        return _("There is already a text in this language.")


class TextsPanel(InlinePanel):
    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = ReminderTextFormSet
        return options


class ReminderRuleForm(WagtailAdminModelForm):
    """A rule for one of the user's projects, and one rule per project and kind.

    A project's translations share one set of rules, so a second rule of the same kind is refused
    whichever translation of the hub it names.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        project = self.fields["project"]
        # A plain list of the user's projects rather than the page chooser, which browses the
        # whole page tree.
        project.widget = forms.Select()
        choices = rule_projects(self.for_user)
        if self.instance.project_id:
            # A rule made for a translation of the hub keeps its page as a valid choice.
            choices = choices | project.queryset.filter(pk=self.instance.project_id)
        project.queryset = choices
        project.error_messages["invalid_choice"] = _("Choose one of the projects you coordinate.")

    def clean(self):
        cleaned_data = super().clean()
        project, kind = cleaned_data.get("project"), cleaned_data.get("kind")
        if project is not None and kind:
            others = ReminderRule.objects.filter(
                project__translation_key=project.translation_key, kind=kind
            ).exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error(
                    "kind",
                    _(
                        "This project has a rule for “%(kind)s” already: "
                        "edit that rule instead of adding a second one."
                    )
                    % {"kind": Kind(kind).label},
                )
        return cleaned_data


RULE_PANELS = ObjectList(
    [
        MultiFieldPanel(
            [
                FieldPanel("project"),
                FieldPanel(
                    "kind",
                    help_text=_(
                        "The English-practice nudge, the weekly portfolio update, the final "
                        "self-assessment and the coordinator's digest go out on a schedule; "
                        "the other kinds follow from what people do, so only “on” and the "
                        "texts apply to them."
                    ),
                ),
                FieldPanel(
                    "enabled",
                    help_text=_("Untick to stop this reminder for the whole project."),
                ),
            ],
            heading=_("Which reminder"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("send_time"),
                FieldPanel("weekday"),
                FieldPanel("days_after_end"),
                FieldPanel("follow_up_weeks"),
            ],
            heading=_("When"),
            help_text=_(
                "The English-practice nudge goes out daily during the mobility; the portfolio "
                "update weekly, from the start until the follow-up weeks are over; the final "
                "self-assessment the given number of days after the end, then weekly until it "
                "is done; the digest weekly."
            ),
        ),
        TextsPanel(
            "texts",
            heading=_("Texts"),
            label=_("Text"),
            help_text=_(
                "Optional, one per language. Without a text in a language, reminders in that "
                "language use the text that comes with Mobilitas."
            ),
            panels=[FieldPanel("language"), FieldPanel("subject"), FieldPanel("body")],
        ),
    ],
    base_form_class=ReminderRuleForm,
)


def schedule_of(rule) -> str:
    """When a rule's reminders go out, in a few words and the project's time zone."""
    if not is_scheduled(rule):
        return str(_("When it happens"))
    values = {
        "time": formats.time_format(rule.send_time, "H:i"),
        "zone": str(rule.project.time_zone),
        "weekday": ReminderRule.Weekday(rule.weekday).label,
        "days": rule.days_after_end,
        "weeks": rule.follow_up_weeks,
    }
    if rule.kind == Kind.PRACTICE_NUDGE:
        text = _("Daily at %(time)s (%(zone)s) during the mobility")
    elif rule.kind == Kind.PORTFOLIO_UPDATE:
        text = ngettext(
            "Every %(weekday)s at %(time)s (%(zone)s) until %(weeks)d week after the mobility",
            "Every %(weekday)s at %(time)s (%(zone)s) until %(weeks)d weeks after the mobility",
            rule.follow_up_weeks,
        )
    elif rule.kind == Kind.SELF_ASSESSMENT_DUE:
        text = ngettext(
            "%(days)d day after the mobility at %(time)s (%(zone)s), then weekly until done",
            "%(days)d days after the mobility at %(time)s (%(zone)s), then weekly until done",
            rule.days_after_end,
        )
    elif rule.kind == Kind.OBJECTIVES_RATING:
        text = _("On the last day of the mobility at %(time)s (%(zone)s)")
    else:
        text = _("Every %(weekday)s at %(time)s (%(zone)s)")
    return text % values


def text_languages(rule) -> str:
    return ", ".join(sorted(text.language for text in rule.texts.all())) or "—"


class RulesOfUser:
    """Looks rules up only among those of the user's projects."""

    def get_rules(self):
        policy = policy_registry.get_by_type(ReminderRule)
        return policy.instances_user_has_any_permission_for(
            self.request.user, {"change"}
        ).select_related("project")

    def run_now_url(self, rule):
        if is_scheduled(rule):
            return reverse("reminder_rules:run_now", args=(quote(rule.pk),))


class RuleIndexView(RulesOfUser, generic.IndexView):
    def get_base_queryset(self):
        return self.get_rules().prefetch_related("texts")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if url := self.run_now_url(instance):
            buttons.append(Button(_("Run now"), url=url, icon_name="mail", priority=15))
        return buttons


class SavesOrExplains:
    """A save that the database refuses (two people adding the same rule at once, two texts
    swapping languages) becomes a form error, not a server error."""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except IntegrityError:
            form.add_error(
                None,
                _(
                    "This rule could not be saved: the project has a rule of this kind, or this "
                    "rule a text in this language, already. Reload the page and try again."
                ),
            )
            return self.form_invalid(form)


class RuleCreateView(SavesOrExplains, generic.CreateView):
    pass


class OffersRunNow(RulesOfUser):
    """A scheduled rule's edit and inspect views offer "Run now" among the header's buttons."""

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if url := self.run_now_url(self.object):
            buttons.append(Button(_("Run now"), url=url, icon_name="mail", priority=5))
        return buttons


class RuleEditView(SavesOrExplains, OffersRunNow, generic.EditView):
    def get_queryset(self):
        return self.get_rules()


class RuleDeleteView(RulesOfUser, generic.DeleteView):
    def get_queryset(self):
        return self.get_rules()


class RuleInspectView(InspectsPlainly, OffersRunNow, generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(self.get_rules(), pk=unquote(str(self.pk)))

    def get_schedule_display_value(self):
        return schedule_of(self.object)

    def get_texts_display_value(self):
        return text_languages(self.object)

    def get_context_for_field(self, field_name):
        if field_name in ("schedule", "texts"):
            label = _("Schedule") if field_name == "schedule" else _("Texts")
            value = getattr(self, f"get_{field_name}_display_value")()
            return {"label": label, "value": value, "component": None}
        return super().get_context_for_field(field_name)


class RuleHistoryView(RulesOfUser, history.HistoryView):
    def get_base_object_queryset(self):
        return self.get_rules()


class RuleUsageView(RulesOfUser, usage.UsageView):
    def get_base_object_queryset(self):
        return self.get_rules()


class RunNowView(RulesOfUser, ConfirmationView):
    model = ReminderRule
    permission_required = "change"
    template_name = "reminders/admin/confirm_run_now.html"
    page_title = _("Run now")
    index_url_name = "reminder_rules:index"
    index_label = _("Reminder rules")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.rule = get_object_or_404(self.get_rules(), pk=unquote(str(kwargs["pk"])))

    def get_page_subtitle(self):
        return str(self.rule)

    def get(self, request, *args, **kwargs):
        if not is_scheduled(self.rule):
            return self.not_scheduled()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not is_scheduled(self.rule):
            return self.not_scheduled()
        from reminders.admin_tasks import queue_run_now

        # Published once whatever the request wrote has committed; outside a transaction that
        # is at once, and the outcome can be told to the user.
        queued = []
        transaction.on_commit(lambda: queued.append(queue_run_now(self.rule.pk)))
        if queued == [False]:
            messages.error(
                request,
                _(
                    "The task queue does not answer, so “%(rule)s” could not be run now. Try "
                    "again in a few minutes; its own schedule is not affected."
                )
                % {"rule": self.rule},
            )
        else:
            messages.success(
                request,
                _(
                    "“%(rule)s” will run in a moment. Its reminders appear in the outbox as "
                    "they are written and sent."
                )
                % {"rule": self.rule},
                buttons=[messages.button(reverse("reminder_outbox:index"), _("Open the outbox"))],
            )
        return redirect("reminder_rules:index")

    def not_scheduled(self):
        messages.error(
            self.request,
            _("“%(rule)s” follows from what people do; it has no schedule to run now.")
            % {"rule": self.rule},
        )
        return redirect("reminder_rules:index")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            rule=self.rule, schedule=schedule_of(self.rule), enabled=self.rule.enabled, **kwargs
        )
