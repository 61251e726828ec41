"""What the API lists, for the person calling it: the pages' own selectors, annotated
with what the API shows, never a second rule of who sees what."""

from django.db.models import F, QuerySet

from meetings.models import Meeting, MeetingAction
from meetings.selectors import meetings_visible_to
from partners.models import Partnership
from partners.selectors import partnerships_visible_to
from workstreams.models import Action, ActionPlan, ProgressUpdate, Workstream
from workstreams.selectors import (
    actions_visible_to,
    latest_review_outcome,
    plans_visible_to,
    standing_status,
    with_progress,
    workstreams_visible_to,
)


def api_partnerships(user) -> QuerySet[Partnership]:
    return partnerships_visible_to(user).order_by("name")


def api_plans(user) -> QuerySet[ActionPlan]:
    return plans_visible_to(user).select_related("partnership").order_by("pk")


def api_workstreams(user) -> QuerySet[Workstream]:
    return (
        workstreams_visible_to(user)
        .select_related("plan")
        .prefetch_related("lead_organisations")
        .order_by("plan_id", "letter", "pk")
    )


def api_actions(user) -> QuerySet[Action]:
    """With its current progress (workstreams.selectors.with_progress), in plan order."""
    return with_progress(
        actions_visible_to(user).select_related(
            "workstream", "parent", "owner_organisation", "owner_person"
        )
    ).in_plan_order()


def api_progress_updates(user) -> QuerySet[ProgressUpdate]:
    """Every update of the actions the person sees, newest first, with the status that
    stands for each and the outcome of its latest review."""
    return (
        ProgressUpdate.objects.filter(action__in=actions_visible_to(user))
        .select_related("action__workstream", "action__parent", "author")
        .annotate(
            standing_status=standing_status("pk", F("status")),
            review_outcome=latest_review_outcome("pk"),
        )
        .order_by("-as_at", "-created_at", "-pk")
    )


def api_meetings(user) -> QuerySet[Meeting]:
    return (
        meetings_visible_to(user)
        .prefetch_related("decisions")
        .order_by("partnership_id", "date", "start_time", "pk")
    )


def api_meeting_actions(user) -> QuerySet[MeetingAction]:
    """The action log of every meeting the person sees."""
    return (
        MeetingAction.objects.filter(meeting__in=meetings_visible_to(user))
        .select_related("meeting", "owner_person", "owner_organisation")
        .order_by("meeting__date", "meeting_id", "pk")
    )
