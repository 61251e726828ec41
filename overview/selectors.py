"""Reads that combine the apps below: where actions stand for the next meeting, and
the home page's partnerships."""

import datetime

from django.db.models import QuerySet

from meetings.selectors import last_meeting_on
from partners.models import Membership, Partnership
from partners.rules import role_in
from partners.selectors import partnerships_visible_to
from workstreams.models import Action
from workstreams.selectors import reportable_actions


def actions_for_reporting(actions: QuerySet[Action], *, today: datetime.date) -> QuerySet[Action]:
    """The actions that leads report on, annotated with where each stands
    (workstreams.selectors.reportable_actions), "since the last meeting" counting from
    their partnership's latest meeting before today."""
    return reportable_actions(actions, today=today, last_meeting_on=last_meeting_on(today))


def home_partnerships(user) -> list[Partnership]:
    """The user's partnerships with their plans, each marked with the user's role in it."""
    partnerships = list(partnerships_visible_to(user).prefetch_related("action_plans"))
    for partnership in partnerships:
        role = role_in(user, partnership.pk)
        partnership.viewer_role = Membership.Role(role).label if role else None
    return partnerships
