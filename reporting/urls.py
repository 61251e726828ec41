from django.urls import path

from reporting import views

app_name = "reporting"
urlpatterns = [
    path("partnerships/<slug:slug>/reporting/", views.round_page, name="round"),
    path(
        "partnerships/<slug:slug>/reporting/meetings/<int:pk>/",
        views.due_date_move,
        name="due-date-move",
    ),
    path("account/notifications/", views.notification_settings, name="notification-settings"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
