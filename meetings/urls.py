from django.urls import include, path

from meetings.views import briefing, governance, meetings

app_name = "meetings"

# Under /partnerships/<slug>/
partnership_patterns = [
    path("meetings/", meetings.schedule, name="schedule"),
    path("meetings/plan-year/", meetings.schedule_year, name="schedule-year"),
    path("meetings/new/", meetings.meeting_new, name="meeting-new"),
    path("terms/", governance.terms_list, name="terms-list"),
    path("terms/draft/", governance.terms_draft_create, name="terms-draft"),
    path("chair-review/", governance.chair_review, name="chair-review"),
    path("reports/", governance.reports, name="reports"),
    path("reports/new/", governance.report_add, name="report-add"),
    path("project-groups/", governance.project_groups, name="project-groups"),
    path("project-groups/new/", governance.project_group_form, name="project-group-add"),
    path("project-groups/<int:pk>/", governance.project_group_form, name="project-group-edit"),
]

# Under /meetings/<pk>/
meeting_patterns = [
    path("", meetings.meeting_detail, name="meeting-detail"),
    path("edit/", meetings.meeting_edit, name="meeting-edit"),
    path("meeting.ics", meetings.meeting_ics, name="meeting-ics"),
    path("agenda/", meetings.agenda_item_add, name="agenda-item-add"),
    path("attendance/", meetings.attendance, name="attendance"),
    path("decisions/", meetings.decision_add, name="decision-add"),
    path("actions/", meetings.meeting_action_add, name="meeting-action-add"),
    path("publish-papers/", meetings.papers_publish, name="papers-publish"),
    path("minutes/", meetings.minutes, name="minutes"),
    path("minutes/approve/", meetings.minutes_approve, name="minutes-approve"),
    path("briefing/", briefing.briefing, name="briefing"),
    path("briefing.pdf", briefing.briefing_pdf, name="briefing-pdf"),
]

urlpatterns = [
    path("partnerships/<slug:slug>/", include(partnership_patterns)),
    path("meetings/<int:pk>/", include(meeting_patterns)),
    path("agenda-items/<int:pk>/move/", meetings.agenda_item_move, name="agenda-item-move"),
    path("agenda-items/<int:pk>/remove/", meetings.agenda_item_remove, name="agenda-item-remove"),
    path("agenda-items/<int:pk>/papers/", meetings.paper_add, name="paper-add"),
    path("papers/<int:pk>/", meetings.paper_download, name="paper-download"),
    path(
        "meeting-actions/<int:pk>/status/",
        meetings.meeting_action_status,
        name="meeting-action-status",
    ),
    path("reports/<int:pk>/file/", governance.report_download, name="report-download"),
    path("terms/<int:pk>/", governance.terms_detail, name="terms-detail"),
    path("terms/<int:pk>/edit/", governance.terms_edit, name="terms-edit"),
    path("terms/<int:pk>/compare/", governance.terms_compare, name="terms-compare"),
    path("calendar/<uuid:token>.ics", meetings.calendar_feed, name="calendar-feed"),
]
