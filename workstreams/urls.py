from django.urls import path

from workstreams import views, views_authoring, views_spreadsheet

app_name = "workstreams"
urlpatterns = [
    path(
        "partnerships/<slug:slug>/plans/import/",
        views.plan_import_outline,
        name="plan-import-outline",
    ),
    path(
        "partnerships/<slug:slug>/plans/import/spreadsheet/",
        views_spreadsheet.plan_import_spreadsheet,
        name="plan-import-spreadsheet",
    ),
    path(
        "partnerships/<slug:slug>/plans/import/problems/<str:token>/",
        views_spreadsheet.plan_import_problems,
        name="plan-import-problems",
    ),
    path(
        "plans/<slug:slug>/import/",
        views_spreadsheet.plan_update_spreadsheet,
        name="plan-update-spreadsheet",
    ),
    path("partnerships/<slug:slug>/plans/new/", views_authoring.plan_create, name="plan-create"),
    path(
        "partnerships/<slug:slug>/plan-authors/",
        views_authoring.plan_authors,
        name="plan-authors",
    ),
    path("plans/<slug:slug>/", views.plan_detail, name="plan-detail"),
    path("plans/<slug:slug>/edit/", views_authoring.plan_edit, name="plan-edit"),
    path("plans/<slug:slug>/history/", views.plan_history, name="plan-history"),
    path("plans/<slug:slug>/write/", views_authoring.plan_author, name="plan-author"),
    path("plans/<slug:slug>/roll-up/", views_authoring.plan_roll_up, name="plan-roll-up"),
    path("plans/<slug:slug>/refresh/", views_authoring.plan_refresh_page, name="plan-refresh"),
    path("plans/<slug:slug>/priorities/add/", views_authoring.priority_add, name="priority-add"),
    path("priorities/<int:pk>/edit/", views_authoring.priority_edit, name="priority-edit"),
    path("plans/<slug:slug>/objectives/add/", views_authoring.objective_add, name="objective-add"),
    path("objectives/<int:pk>/edit/", views_authoring.objective_edit, name="objective-edit"),
    path(
        "plans/<slug:slug>/workstreams/add/",
        views_authoring.workstream_add,
        name="workstream-add",
    ),
    path("workstreams/<int:pk>/edit/", views_authoring.workstream_edit, name="workstream-edit"),
    path("workstreams/<int:pk>/actions/add/", views_authoring.action_add, name="action-add"),
    path("actions/<int:pk>/sub-items/add/", views_authoring.sub_item_add, name="sub-item-add"),
    path("actions/<int:pk>/move/", views_authoring.action_move_to, name="action-move-to"),
    path("plan-parts/<str:kind>/<int:pk>/move/", views_authoring.item_move, name="item-move"),
    path("plan-parts/<str:kind>/<int:pk>/retire/", views_authoring.item_retire, name="item-retire"),
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
