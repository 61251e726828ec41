from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("plans/<slug:slug>/reports/", views.report_list, name="report-list"),
    path("plans/<slug:slug>/reports/new/", views.report_new, name="report-new"),
    path("plans/<slug:slug>/reports/export/", views.plan_export, name="plan-export"),
    path("committee-reports/<int:pk>/", views.report_edit, name="report-edit"),
    path("committee-reports/<int:pk>/generate/", views.report_generate, name="report-generate"),
    path("generated/<int:pk>/", views.generated_download, name="generated-download"),
]
