from django.urls import path

from publishing import views

app_name = "publishing"
urlpatterns = [
    path("p/<slug:slug>/", views.public_page, name="public-page"),
    path("p/<slug:slug>/actions/<int:pk>/", views.public_action, name="public-action"),
    path("p/<slug:slug>/open-data.json", views.open_data_json, name="open-data-json"),
    path("p/<slug:slug>/open-data/<slug:table>.csv", views.open_data_csv, name="open-data-csv"),
    path("partnerships/<slug:slug>/publishing/", views.publishing_settings, name="settings"),
    path(
        "partnerships/<slug:slug>/publishing/workstreams/<int:pk>/",
        views.workstream_publishing,
        name="workstream",
    ),
]
