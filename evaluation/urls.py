"""The participant's rating page, under /my/ like the rest of a participant's own pages."""

from django.urls import path

from evaluation import views

app_name = "evaluation"

urlpatterns = [
    path(
        "my/projects/<int:project_pk>/objectives/",
        views.rate_objectives,
        name="rate_objectives",
    ),
]
