"""The idea editor's own panel: similar ideas under the title (the queries are in
``ideas.similar``, asked through the admin endpoint in ``ideas.admin_views``)."""

from django.urls import reverse
from wagtail.admin.panels import Panel


class SimilarIdeasPanel(Panel):
    """Under the title of an idea being written: the ideas already in the database that look
    like it, fetched while the author types."""

    def __init__(self, title_field="title", **kwargs):
        super().__init__(**kwargs)
        self.title_field = title_field

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "title_field": self.title_field}

    class BoundPanel(Panel.BoundPanel):
        template_name = "ideas/admin/similar_ideas_panel.html"

        class Media:
            js = ["ideas/js/similar-ideas.js"]

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            field = self.panel.title_field
            context.update(
                endpoint=reverse("ideas_admin:similar"),
                exclude=self.instance.pk or "",
                title_input_id=self.form[field].auto_id if field in self.form.fields else "",
            )
            return context
