"""What the API lists, for the person calling it: the pages' own selectors, annotated
with what the API shows, never a second rule of who sees what."""

from dataclasses import dataclass
from datetime import date

from django.db.models import F, QuerySet

from meetings.models import Meeting, MeetingAction
from meetings.selectors import meetings_visible_to
from partners.models import Partnership
from partners.selectors import partnerships_visible_to
from publishing.selectors import public_action, published_items, published_plans
from trends.models import Measure
from trends.selectors import suppression_for
from trends.selectors.series import KIND_ORDER, STRAND_NAMES, STRAND_ORDER, count_rows
from trends.suppression import count_key
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


def api_measures(user) -> QuerySet[Measure]:
    return Measure.objects.filter(partnership__in=partnerships_visible_to(user)).order_by(
        "partnership_id", "name", "pk"
    )


@dataclass(frozen=True)
class CountSeen:
    """A count as a reader sees it: with no value when it is hidden, and why."""

    period: str
    period_kind: str
    period_start: date
    area: str
    strand: str
    value: int | None
    hidden: str
    note: str
    source: str
    illustrative: bool


def api_measure_counts(measure: Measure, user) -> list[CountSeen]:
    """The measure's counts, hidden exactly as on its trend page for this person
    (trends.selectors.suppression_for, by the same trends.see_small_numbers rule)."""
    counts = count_rows(measure.counts, described=True)
    suppression = suppression_for(
        counts,
        measure.partnership.small_number_threshold,
        sees_small_numbers=user.has_perm("trends.see_small_numbers", measure.partnership),
    )
    counts.sort(
        key=lambda c: (
            KIND_ORDER[c.period_kind],
            c.period_start,
            c.area_name,
            STRAND_ORDER.get(c.strand_id, -1),
        )
    )
    return [
        CountSeen(
            period=str(c.period),
            period_kind=c.period_kind,
            period_start=c.period_start,
            area=c.area_name,
            strand=STRAND_NAMES[c.strand_id] if c.strand_id else "",
            value=None if suppression.hides(count_key(c)) else c.value,
            hidden=suppression.label(count_key(c)) or "",
            note=" ".join(note for note in (c.note, suppression.reason(count_key(c))) if note),
            source=c.source,
            illustrative=c.illustrative,
        )
        for c in counts
    ]


@dataclass(frozen=True)
class PublishedAction:
    """A published action or sub-item with its plan and workstream, as the public page
    shows it (its `progress` and `published_narrative` from publishing.selectors)."""

    plan: ActionPlan
    workstream: Workstream
    action: Action


def api_public_actions(partnership: Partnership) -> list[PublishedAction]:
    """What the partnership's public page lists, in plan order: decided by
    publishing.selectors alone, as the page and the open data are."""
    return [
        PublishedAction(plan, workstream, action)
        for plan, workstream, action in published_items(published_plans(partnership))
    ]


def api_public_action(partnership: Partnership, pk: int) -> PublishedAction:
    """A published action or sub-item; 404 for one that is not public."""
    action = public_action(partnership, pk)
    return PublishedAction(action.workstream.plan, action.workstream, action)
