from django.urls import path

from trends import views

app_name = "trends"
urlpatterns = [
    path("", views.trends_index, name="index"),
    path("import/", views.statistics_import, name="import"),
    path("import/confirm/", views.statistics_import_confirm, name="import-confirm"),
    path("import/problems/<str:token>.csv", views.import_problems, name="import-problems"),
    path("import/<str:layout>-layout.<str:format>", views.import_template, name="template"),
    path("export.<str:format>", views.export, name="export"),
    path("measures/new/", views.measure_form, name="measure-add"),
    path("measures/usual/", views.usual_measures_add, name="usual-measures-add"),
    path("areas/new/", views.area_form, name="area-add"),
    path("areas/<int:pk>/edit/", views.area_form, name="area-edit"),
    path("small-numbers/", views.small_numbers, name="small-numbers"),
    path("<slug:measure>/", views.measure_detail, name="measure"),
    path("<slug:measure>/edit/", views.measure_form, name="measure-edit"),
    path("<slug:measure>/export.<str:format>", views.export, name="measure-export"),
]
