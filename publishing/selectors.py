"""What a partnership publishes: the one place that decides what its public page and its
open data show to anyone, signed in or not.

A partnership publishes only once the secretariat turns its public page on. Then:
workstreams and actions the secretariat has not made private (a sub-item only when its
action is public too); of each, only progress the chair (or whoever reviews statuses)
confirmed or revised, as the status that stands; an update's narrative only when its
author ticked "may be published"; the next meeting's date; the decisions of minutes
that have been approved (never attendance); and the statistics, hidden exactly as for a
member (trends.suppression). Organisations are named, never people.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from hcag.audit import log_entries_for
from meetings.models import Clause, Decision, Meeting, TermsOfReference
from meetings.selectors import current_terms_of_reference, meetings_around
from partners.models import Partnership
from trends.models import ALL_STRANDS, Count, Measure
from trends.selectors import MeasureTrends, measure_trends
from trends.selectors.series import KIND_ORDER, STRAND_NAMES, STRAND_ORDER, count_rows
from trends.suppression import count_key, counts_suppressed
from workstreams.models import (
    LATEST_FIRST,
    Action,
    ActionPlan,
    ProgressUpdate,
    StatusReview,
    Workstream,
)
from workstreams.rollup import NO_UPDATE, Progress, roll_up_actions
from workstreams.selectors import (
    attach_progress,
    latest_review_outcome,
    progress_from,
    standing_status,
)

# A reviewer stood behind the status: confirmed the lead's, or gave their own instead.
PUBLISHED_OUTCOMES = [StatusReview.Outcome.CONFIRMED, StatusReview.Outcome.REVISED]


def partnership_is_public(partnership: Partnership) -> bool:
    return partnership.public_page


def public_partnership(slug: str) -> Partnership:
    """The partnership whose public page is on; 404 for any other, as for one that does
    not exist."""
    return get_object_or_404(Partnership.objects.filter(public_page=True), slug=slug)


def public_workstreams(partnership: Partnership) -> QuerySet[Workstream]:
    return Workstream.objects.live().filter(plan__partnership=partnership, public=True)


def public_actions(partnership: Partnership) -> QuerySet[Action]:
    """Public actions of public workstreams, not retired; a sub-item only when its action
    is public."""
    return Action.objects.live().filter(
        Q(parent__isnull=True) | Q(parent__public=True),
        workstream__in=public_workstreams(partnership),
        public=True,
    )


def action_is_public(action: Action) -> bool:
    return (
        partnership_is_public(action.workstream.plan.partnership)
        and action.workstream.public
        and action.public
        and (action.parent is None or action.parent.public)
    )


def published_updates(updates: QuerySet[ProgressUpdate]) -> QuerySet[ProgressUpdate]:
    """Of the updates, those whose latest review confirmed or revised the lead's status,
    each annotated with the status that stands (``published_status``)."""
    return (
        updates.annotate(review_outcome=latest_review_outcome("pk"))
        .filter(review_outcome__in=PUBLISHED_OUTCOMES)
        .annotate(published_status=standing_status("pk", F("status")))
    )


def update_is_published(update: ProgressUpdate) -> bool:
    return published_updates(ProgressUpdate.objects.filter(pk=update.pk)).exists()


def published_narrative(update: ProgressUpdate) -> str:
    """What has happened, when its author agreed it may be public; else nothing."""
    return update.narrative if update.may_be_published else ""


def published_decisions(partnership: Partnership) -> QuerySet[Decision]:
    """Decisions of meetings whose minutes have been approved, latest meeting first."""
    return (
        Decision.objects.filter(
            meeting__partnership=partnership, meeting__minutes_approved_at__isnull=False
        )
        .select_related("meeting")
        .order_by("-meeting__date", "meeting_id", "pk")
    )


def next_meeting(partnership: Partnership, today: datetime.date) -> Meeting | None:
    return meetings_around(partnership, today).next


def published_statistics(partnership: Partnership) -> list[MeasureTrends]:
    """Each measure's trends exactly as a member who does not see small numbers reads
    them: small counts, and counts that would give them away, hidden."""
    measures = Measure.objects.filter(partnership=partnership).select_related("partnership")
    return [measure_trends(measure, sees_small_numbers=False) for measure in measures]


STATISTICS_COLUMNS = [
    "Measure",
    "Period",
    "Area",
    "Strand",
    "Count",
    "Hidden because",
    "Source",
    "Illustrative",
]


def published_count_rows(partnership: Partnership) -> list[list]:
    """Every count for open data, hidden as on the pages (the same suppression), with
    why each hidden one is hidden; free-text notes are left out."""
    counts = count_rows(Count.objects.filter(measure__partnership=partnership), described=True)
    suppression = counts_suppressed(counts, partnership.small_number_threshold)
    counts.sort(
        key=lambda c: (
            c.measure_name,
            KIND_ORDER[c.period_kind],
            c.period_start,
            c.area_name,
            STRAND_ORDER.get(c.strand_id, -1),
        )
    )
    return [
        [
            c.measure_name,
            str(c.period),
            c.area_name,
            STRAND_NAMES[c.strand_id] if c.strand_id else ALL_STRANDS,
            suppression.label(count_key(c)) or c.value,
            suppression.reason(count_key(c)),
            c.source,
            "yes" if c.illustrative else "no",
        ]
        for c in counts
    ]


def _published_progress(action: Action) -> Progress:
    update = action.published_update
    if update is None:
        return NO_UPDATE
    return progress_from(update.published_status, update.percent_complete, update.as_at)


def with_published_progress(actions: list[Action]) -> dict[int, list[Action]]:
    """Give each action the latest update published of it (``published_update``, or None),
    its ``progress`` from that, rolling public sub-items up into their action (the
    roll-up rules of workstreams.rollup), and the update's ``published_narrative``.
    Returns the top-level actions by workstream."""
    ids = [action.published_update_id for action in actions if action.published_update_id]
    updates = published_updates(ProgressUpdate.objects.filter(pk__in=ids)).in_bulk()
    for action in actions:
        action.published_update = updates.get(action.published_update_id)
    top_level = attach_progress(actions, _published_progress)
    for action in actions:
        update = None if action.is_rolled_up else action.published_update
        action.published_narrative = published_narrative(update) if update else ""
    return top_level


def _annotate_published_update(actions: QuerySet[Action]) -> QuerySet[Action]:
    latest = published_updates(ProgressUpdate.objects.filter(action=OuterRef("pk")))
    return actions.with_roll_up_terms().annotate(
        published_update_id=Subquery(latest.order_by(*LATEST_FIRST).values("pk")[:1])
    )


@dataclass(frozen=True)
class PublishedPlan:
    plan: ActionPlan
    workstreams: list[Workstream]


@dataclass(frozen=True)
class PublicPage:
    """Everything a partnership publishes, and when each part last changed."""

    partnership: Partnership
    terms: TermsOfReference | None
    plans: list[PublishedPlan]
    next_meeting: Meeting | None
    decisions: list[Decision]
    statistics: list[MeasureTrends]
    about_updated: datetime.datetime | None
    plan_updated: datetime.datetime | None
    meetings_updated: datetime.datetime | None
    statistics_updated: datetime.datetime | None

    @property
    def updated(self) -> datetime.datetime | None:
        """When anything published last changed: the open data's date."""
        dates = [self.about_updated, self.plan_updated, self.meetings_updated]
        return max((date for date in [*dates, self.statistics_updated] if date), default=None)


def last_changed(*querysets: QuerySet) -> datetime.datetime | None:
    """When any of the records last changed, from the audit log."""
    return log_entries_for(*querysets).values_list("timestamp", flat=True).first()


def published_plans(partnership: Partnership) -> list[PublishedPlan]:
    """The partnership's plans, each with its public workstreams (lead organisations
    prefetched), their public actions and sub-items and the published progress of each
    (with_published_progress), rolled up into the workstream."""
    workstreams = list(public_workstreams(partnership).prefetch_related("lead_organisations"))
    actions = list(
        _annotate_published_update(public_actions(partnership)).select_related(
            "owner_organisation", "workstream", "parent"
        )
    )
    top_level = with_published_progress(actions)
    by_plan: dict[int, list[Workstream]] = {}
    for workstream in workstreams:
        workstream.action_list = top_level.get(workstream.pk, [])
        workstream.progress = roll_up_actions(workstream.action_list)
        by_plan.setdefault(workstream.plan_id, []).append(workstream)
    plans = ActionPlan.objects.filter(pk__in=by_plan).order_by("-adopted_on", "title")
    return [PublishedPlan(plan, by_plan[plan.pk]) for plan in plans]


def published_items(plans: list[PublishedPlan]):
    """(plan, workstream, action) for every published action and sub-item, in plan order."""
    for published in plans:
        for workstream in published.workstreams:
            for action in workstream.action_list:
                for item in [action, *action.sub_item_list]:
                    yield published.plan, workstream, item


def public_page(
    partnership: Partnership, *, today: datetime.date | None = None, tables: bool = True
) -> PublicPage:
    """What the partnership publishes; with `tables` off, without the statistics' tables
    (open data gives the counts themselves: published_count_rows)."""
    today = today or timezone.localdate()
    terms = current_terms_of_reference(partnership)
    plans = published_plans(partnership)
    actions = [
        action
        for published in plans
        for workstream in published.workstreams
        for top in workstream.action_list
        for action in [top, *top.sub_item_list]
    ]
    shown_updates = [action.published_update.pk for action in actions if action.published_update]
    terms_records = TermsOfReference.objects.filter(pk=terms.pk if terms else None)
    return PublicPage(
        partnership=partnership,
        terms=terms,
        plans=plans,
        next_meeting=next_meeting(partnership, today),
        decisions=list(published_decisions(partnership)),
        statistics=published_statistics(partnership) if tables else [],
        about_updated=last_changed(
            Partnership.objects.filter(pk=partnership.pk),
            terms_records,
            Clause.objects.filter(terms__in=terms_records),
        ),
        plan_updated=last_changed(
            public_workstreams(partnership),
            public_actions(partnership),
            ProgressUpdate.objects.filter(pk__in=shown_updates),
            StatusReview.objects.filter(update__in=shown_updates),
        ),
        meetings_updated=last_changed(
            Meeting.objects.filter(partnership=partnership),
            Decision.objects.filter(meeting__partnership=partnership),
        ),
        statistics_updated=last_changed(
            Measure.objects.filter(partnership=partnership),
            Count.objects.filter(measure__partnership=partnership),
        ),
    )


def public_action(partnership: Partnership, pk: int) -> Action:
    """A public action of the partnership with its published progress, its public
    sub-items with theirs (``sub_item_list``), and every published update of it, newest
    first (``published_history``); 404 for an action that is not public."""
    action = get_object_or_404(
        _annotate_published_update(public_actions(partnership)).select_related(
            "workstream__plan", "owner_organisation", "parent"
        ),
        pk=pk,
    )
    sub_items = list(
        _annotate_published_update(public_actions(partnership).filter(parent=action))
        .select_related("owner_organisation")
        .order_by("position", "pk")
    )
    with_published_progress([action, *sub_items])
    action.published_history = list(published_updates(action.updates.all()).order_by(*LATEST_FIRST))
    return action
