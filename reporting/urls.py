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
]
