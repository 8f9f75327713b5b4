"""The record's pages for participants and coordinators under /my/, the mentor's page under
/europass/confirm/ and the public verification page under /verify/ (inside ``i18n_patterns``:
/lv/… answers in Latvian)."""

from django.urls import path

from europass import views

app_name = "europass"

urlpatterns = [
    path("my/portfolio/<int:pk>/europass/", views.record_page, name="record"),
    path("my/portfolio/<int:pk>/europass.pdf", views.record_pdf_view, name="record_pdf"),
    path("my/projects/<int:project_pk>/europass/", views.project_records, name="project_records"),
    path("europass/confirm/<str:token>/", views.confirm_page, name="confirm"),
    path("verify/<str:code>/", views.verify_page, name="verify"),
]
