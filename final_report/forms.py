"""The budget's actuals table, as the coordinator fills it in the admin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from final_report.models import BudgetLine


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["category", "planned_eur", "actual_eur", "note"]
        widgets = {
            "planned_eur": forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
            "actual_eur": forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
        }


class BaseBudgetFormSet(forms.BaseModelFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            category = form.cleaned_data.get("category")
            note = form.cleaned_data.get("note", "")
            if (category, note) in seen:
                form.add_error(
                    "category",
                    _("This category is in the table twice; tell the lines apart by a note."),
                )
            seen.add((category, note))


BudgetFormSet = forms.modelformset_factory(
    BudgetLine,
    form=BudgetLineForm,
    formset=BaseBudgetFormSet,
    extra=1,
    can_delete=True,
)


def save_budget(formset, hub):
    """Save the table's lines to ``hub`` in the order shown; deleted lines go."""
    formset.save(commit=False)
    for line in formset.deleted_objects:
        line.delete()
    order = 0
    for form in formset.forms:
        if form in formset.deleted_forms or (not form.instance.pk and not form.has_changed()):
            continue
        form.instance.hub = hub
        form.instance.sort_order = order
        form.instance.save()
        order += 1
