"""A user's reminder preferences under /my/, and the one-click unsubscribe links of emails."""

from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("my/reminders/", views.preferences, name="preferences"),
    path("reminders/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
