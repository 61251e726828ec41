from django.urls import path

from workstreams import views

app_name = "workstreams"
urlpatterns = [
    path(
        "partnerships/<slug:slug>/plans/import/",
        views.plan_import_outline,
        name="plan-import-outline",
    ),
    path("plans/<slug:slug>/", views.plan_detail, name="plan-detail"),
    path("workstreams/<int:pk>/", views.workstream_detail, name="workstream-detail"),
    path("workstreams/<int:pk>/history/", views.workstream_history, name="workstream-history"),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
    path("actions/<int:pk>/updates/", views.progress_update_add, name="progress-update-add"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action-edit"),
    path("actions/<int:pk>/history/", views.action_history, name="action-history"),
    path("actions/<int:pk>/review/", views.status_review, name="status-review"),
    path(
        "plans/<slug:slug>/reviews/confirm/",
        views.status_reviews_confirm,
        name="status-reviews-confirm",
    ),
]
