from django.urls import path

from security import views

app_name = "security"
urlpatterns = [
    path("events/", views.security_events, name="events"),
    path("session/keep/", views.session_keep, name="session-keep"),
]
