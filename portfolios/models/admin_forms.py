"""The admin's forms for portfolio and entry pages (each page model's ``base_form_class``).

They narrow what the editor offers to what belongs to the page: a portfolio's own entries as
evidence, its project's participants, an entry's project objectives, and only files the editing
user may pick.
"""

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from portfolios.dates import today_for


def files_in_body(body):
    """The images and the documents an entry body holds, each as a list."""
    images, documents = [], []
    for block in body or []:
        if block.block_type == "image" and block.value is not None:
            images.append(block.value)
        elif block.block_type == "document" and block.value is not None:
            documents.append(block.value)
    return images, documents


class OwnFilesFormMixin:
    """Refuses files the editing user may not pick, however their ids reached the form.

    The choosers offer a person their own uploads and library material only
    (``core.files.choosable_files``); a request crafted by hand could still name any image
    or document by its id, and once an entry used it, the file would open for its author. Files
    the page already held before this edit stay allowed.
    """

    def unchoosable(self, chosen, already_used):
        from core.files import unchoosable_files

        user = getattr(self, "for_user", None)
        if user is None:
            return []
        return unchoosable_files(chosen, user, {file.pk for file in already_used if file})

    def unchoosable_message(self, files):
        return _("You may only use your own uploads or library files. Not allowed: %(files)s.") % {
            "files": ", ".join(file.title for file in files)
        }


def participant_label(user) -> str:
    """A participant as a coordinator knows them: their name, and their username to tell two
    people of the same name apart."""
    name = user.get_full_name()
    return f"{name} ({user.get_username()})" if name else user.get_username()


class PortfolioPageForm(OwnFilesFormMixin, WagtailAdminPageForm):
    """Evidence offers this portfolio's own entries only, and the photo must be choosable."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.keep_the_participant()
        formset = self.formsets.get("self_assessments")
        if formset is None:
            return
        # The entry pages use this module for their own form: their model is looked up, not
        # imported.
        EntryPage = apps.get_model("portfolios", "EntryPage")
        if self.instance.pk:
            entries = EntryPage.objects.child_of(self.instance).order_by("-date", "-pk")
        else:
            entries = EntryPage.objects.none()
        row_form = formset.form

        class SelfAssessmentForm(row_form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if "evidence" in self.fields:
                    self.fields["evidence"].queryset = entries

        # The formset builds the empty row the page's script copies on demand, from this class;
        # the rows it holds may have been built already.
        formset.form = SelfAssessmentForm
        for form in formset.forms:
            if "evidence" in form.fields:
                form.fields["evidence"].queryset = entries

    def keep_the_participant(self):
        """Only administrators and the project's coordinators give a portfolio to someone, and
        only to one of the project's participants (``ProjectMembership``); the participant whose
        portfolio it is, editors and everyone else see who has it, unchangeable, and never a
        list of accounts. A disabled field ignores whatever is posted for it."""
        from core.models import ProjectMembership
        from core.visibility import Audience

        field = self.fields.get("participant")
        if field is None:
            return
        user = getattr(self, "for_user", None)
        hub = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        current = self.instance.participant_id if self.instance.pk else None
        audience = Audience.of(user)
        if hub is not None and (
            audience.superuser or hub.translation_key in audience.coordinator_of
        ):
            members = ProjectMembership.objects.filter(
                project__translation_key=hub.translation_key,
                role=ProjectMembership.Role.PARTICIPANT,
            ).values("user")
            # The one who has it keeps being a choice, so that the rest of the page can be saved
            # even if they have left the project since.
            field.queryset = field.queryset.filter(
                models.Q(pk__in=members) | models.Q(pk=current)
            ).order_by("first_name", "last_name", "username")
            field.label_from_instance = participant_label
            field.help_text = _(
                "One of the project's participants. People join a project under “Project "
                "members” in the admin menu."
            )
            field.error_messages["invalid_choice"] = _("Choose one of the project's participants.")
            return
        field.disabled = True
        field.queryset = field.queryset.filter(pk=current)
        field.label_from_instance = participant_label
        field.help_text = _(
            "Only an administrator or one of the project's coordinators gives a portfolio to a "
            "participant."
        )
        field.error_messages["required"] = field.help_text

    def clean(self):
        cleaned_data = super().clean()
        photo = cleaned_data.get("photo")
        if photo is not None:
            refused = self.unchoosable(
                [photo], [self.instance.photo] if self.instance.photo_id else []
            )
            if refused:
                self.add_error("photo", self.unchoosable_message(refused))
        return cleaned_data


class EntryPageForm(OwnFilesFormMixin, WagtailAdminPageForm):
    """Offers only the objectives of the hub this entry's portfolio belongs to, and refuses
    files in the body that the author may not pick."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        if "objectives" not in self.fields:
            return
        from home.models import ProjectObjective

        portfolio = parent_page if parent_page is not None else self.instance.get_parent()
        project_id = getattr(getattr(portfolio, "specific", None), "project_id", None)
        self.fields["objectives"].queryset = ProjectObjective.objects.filter(
            page_id=project_id
        ).order_by("number")
        # A new entry is most often about today, where the project happens; without a date it
        # could not even be saved as a draft.
        if (
            not self.instance.pk
            and not self.is_bound
            and "date" in self.fields
            and self.initial.get("date") is None
            and portfolio is not None
        ):
            self.initial["date"] = today_for(portfolio.specific)

    def clean(self):
        from wagtail.blocks import StreamBlockValidationError

        cleaned_data = super().clean()
        if "body" not in cleaned_data:
            return cleaned_data
        held_images, held_documents = files_in_body(
            self.instance.body if self.instance.pk else None
        )
        images, documents = files_in_body(cleaned_data["body"])
        refused = [
            *self.unchoosable(images, held_images),
            *self.unchoosable(documents, held_documents),
        ]
        if refused:
            self.add_error(
                "body",
                StreamBlockValidationError(non_block_errors=[self.unchoosable_message(refused)]),
            )
        return cleaned_data
