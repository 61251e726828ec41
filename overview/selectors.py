"""Reads that combine the apps below: where actions stand for the next meeting, and
the home page's partnerships."""

import datetime

from django.db.models import QuerySet

from meetings.selectors import last_meeting_on
from partners.models import Membership, Partnership
from partners.rules import CHAIR_ROLES, LEAD_ROLES, current_memberships, may_lead, role_in
from partners.selectors import partnerships_visible_to
from workstreams.models import Action
from workstreams.selectors import actions_led_by, reportable_actions


def actions_for_reporting(
    actions: QuerySet[Action],
    *,
    today: datetime.date,
    partnership: Partnership | int | None = None,
) -> QuerySet[Action]:
    """The actions that leads report on, annotated with where each stands
    (workstreams.selectors.reportable_actions), "since the last meeting" counting from
    their partnership's latest meeting before today. Give the `partnership` when they
    are all one partnership's, as a plan's are (or its id): its last meeting is then
    looked up once."""
    since = last_meeting_on(today, **({"partnership": partnership} if partnership else {}))
    return reportable_actions(actions, today=today, last_meeting_on=since)


def actions_to_report_on(user, *, today: datetime.date) -> QuerySet[Action]:
    """The actions a person reports on (workstreams.selectors.actions_led_by), annotated
    for reporting (actions_for_reporting). When they report in one partnership only, as
    most do, its last meeting is looked up once, not once an action."""
    reporting_in = [pk for pk in current_memberships(user) if may_lead(user, pk)]
    return actions_for_reporting(
        actions_led_by(user),
        today=today,
        partnership=reporting_in[0] if len(reporting_in) == 1 else None,
    )


def home_partnerships(user) -> list[Partnership]:
    """The user's partnerships with their plans, each marked with the user's role in it."""
    partnerships = list(partnerships_visible_to(user).prefetch_related("action_plans"))
    for partnership in partnerships:
        role = role_in(user, partnership.pk)
        partnership.viewer_role = Membership.Role(role).label if role else None
    return partnerships


NO_ORGANISATION, REVIEWS, READS, LEADS_NOTHING = (
    "no-organisation",
    "reviews",
    "reads",
    "leads-nothing",
)


def why_no_actions(user) -> tuple[str, str | None]:
    """Why a person has no actions of their own to report on, as (reason, the role that
    explains it): no organisation recorded; a role that reviews (chair, vice-chair) or
    reads (adviser, observer) rather than reports (partners.rules.LEAD_ROLES); or an
    organisation that leads and owns nothing."""
    if user.organisation_id is None:
        return NO_ORGANISATION, None
    roles = {membership.role for membership in current_memberships(user).values()}
    if roles and not roles & LEAD_ROLES:
        role = sorted(roles)[0]
        label = Membership.Role(role).label.lower()
        return (REVIEWS if role in CHAIR_ROLES else READS), label
    return LEADS_NOTHING, None
