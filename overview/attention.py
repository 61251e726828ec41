"""“Needs your attention” on the home page: what a person has to do before the next
meetings, across all their partnerships, each line linking to where it is done. A fixed
number of queries whatever the number of partnerships, actions and meetings."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.text import Truncator

from meetings.models import Meeting, MeetingAction
from meetings.selectors import chair_reviews_due, reports_awaiting_follow_up
from partners.models import Membership, Partnership
from partners.rules import CHAIR_ROLES, LEAD_ROLES, current_memberships
from reporting.selectors import open_rounds, round_actions, round_standing
from workstreams.models import Action, StatusReview
from workstreams.selectors import actions_led_by

PAPERS_NOTICE = datetime.timedelta(days=7)
MINUTED = [Meeting.Kind.QUARTERLY, Meeting.Kind.EXTRAORDINARY]
SHORT_TEXT_WORDS = 12


@dataclass(frozen=True)
class AttentionLine:
    text: str
    url: str
    # When it is due, or how it stands, said after the link.
    hint: str = ""
    is_overdue: bool = False


@dataclass
class Attention:
    """A person's lines, by the part they play: as a lead, as chair or vice-chair, and as
    the secretariat."""

    lead: list[AttentionLine] = field(default_factory=list)
    chair: list[AttentionLine] = field(default_factory=list)
    secretariat: list[AttentionLine] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.lead or self.chair or self.secretariat)


def _meeting_words(meeting: Meeting) -> str:
    return f"the {meeting.display_title.lower()} on {date_format(meeting.date, 'j F Y')}"


def _short(text: str) -> str:
    return Truncator(text).words(SHORT_TEXT_WORDS, truncate="…")


def needs_attention(user, *, today: datetime.date) -> Attention:
    memberships = current_memberships(user)
    partnership_ids = list(memberships)
    chaired = [pk for pk, seat in memberships.items() if seat.role in CHAIR_ROLES]
    staffed = [pk for pk, seat in memberships.items() if seat.role == Membership.Role.SECRETARIAT]
    attention = Attention()
    if not partnership_ids:
        return attention
    rounds = open_rounds(partnership_ids, today=today)
    attention.lead = _lead_lines(user, rounds, partnership_ids, today)
    running = {pk: rounds[pk] for pk in {*chaired, *staffed} if pk in rounds}
    standings = {}
    if running:
        items = round_actions(
            Action.objects.filter(workstream__plan__partnership_id__in=list(running)), running
        )
        for pk, meeting_round in running.items():
            own = [item for item in items if item.action.partnership_id == pk]
            standings[pk] = round_standing(own, meeting_round, [], today=today)
    attention.chair = _chair_lines(user, chaired, standings, today)
    attention.secretariat = _secretariat_lines(staffed, standings, today)
    return attention


def _lead_lines(user, rounds, partnership_ids, today) -> list[AttentionLine]:
    led = actions_led_by(user)
    lines = [
        AttentionLine(
            text=f"Update {item.action.reference}: {_short(item.action.text)}",
            url=f"{item.action.get_absolute_url()}#add-update-heading",
            hint=f"{item.meeting_round.round.when_due(today)}, for "
            f"{_meeting_words(item.meeting_round.meeting)}",
            is_overdue=item.meeting_round.round.is_overdue(today),
        )
        for item in round_actions(led, rounds)
        if not item.is_reported
    ]
    challenged = (
        led.reportable()
        .filter(review_outcome=StatusReview.Outcome.CHALLENGED)
        .select_related("workstream", "parent")
        .in_plan_order()
    )
    lines += [
        AttentionLine(
            text=f"Answer the challenge to the status of {action.reference}",
            url=action.get_absolute_url(),
            hint="the chair or secretariat asked you to look at it again",
        )
        for action in challenged
    ]
    owned = Q(owner_person=user)
    if user.organisation_id is not None:
        # An organisation's entries are for those who report for it (LEAD_ROLES).
        owned |= Q(
            owner_person__isnull=True,
            owner_organisation=user.organisation_id,
            meeting__partnership_id__in=[
                pk for pk, seat in current_memberships(user).items() if seat.role in LEAD_ROLES
            ],
        )
    logged = (
        MeetingAction.objects.filter(owned, meeting__partnership_id__in=partnership_ids)
        .filter(status=MeetingAction.Status.OPEN)
        .select_related("meeting")
        .order_by("due_on", "pk")
    )
    for entry in logged:
        overdue = entry.due_on is not None and entry.due_on < today
        if entry.due_on is None:
            hint = "open, with no due date"
        else:
            hint = f"{'overdue: was due' if overdue else 'due'} {date_format(entry.due_on)}"
        lines.append(
            AttentionLine(
                text=f"Meeting action: {_short(entry.description)}",
                url=entry.meeting.get_absolute_url(),
                hint=f"{hint}, from {_meeting_words(entry.meeting)}",
                is_overdue=overdue,
            )
        )
    return lines


def _chair_lines(user, chaired, standings, today) -> list[AttentionLine]:
    if not chaired:
        return []
    reviews = StatusReview.objects.filter(update=OuterRef("latest_update_id"))
    waiting = (
        Action.objects.filter(workstream__plan__partnership_id__in=chaired)
        .filter(latest_update__isnull=False)
        .exclude(latest_author=user)
        .exclude(Exists(reviews))
        .values("workstream__plan__slug", "workstream__plan__title")
        .annotate(count=Count("pk"))
        .order_by("workstream__plan__title")
    )
    lines = [
        AttentionLine(
            text=f"{plan['count']} update{'s' if plan['count'] != 1 else ''} waiting for "
            f"confirmation: {plan['workstream__plan__title']}",
            url=reverse("overview:plan-actions", args=[plan["workstream__plan__slug"]])
            + "?"
            + urlencode({"is_awaiting_review": "on"}),
        )
        for plan in waiting
    ]
    for pk in chaired:
        standing = standings.get(pk)
        if standing is None:
            continue
        meeting = standing.meeting_round.meeting
        papers = "papers published" if meeting.papers_published_at else "papers not published yet"
        lines.append(
            AttentionLine(
                text=f"Next meeting: {meeting.partnership.short_name or meeting.partnership.name}, "
                f"{date_format(meeting.date, 'j F Y')}",
                url=meeting.get_absolute_url(),
                hint=f"{standing.total.reported} of {standing.total.due} actions reported so far; "
                f"{papers}",
            )
        )
    return lines + _chair_review_lines(chaired, today)


def _chair_review_lines(chaired, today) -> list[AttentionLine]:
    due = chair_reviews_due(chaired, today)
    partnerships = Partnership.objects.in_bulk(
        [pk for pk, review in due.items() if review.state != "done"]
    )
    lines = []
    for pk, partnership in partnerships.items():
        review = due[pk]
        last_day = date_format(review.window[1], "j F Y")
        lines.append(
            AttentionLine(
                text=f"The yearly chair review: {partnership.short_name or partnership.name}",
                url=reverse("meetings:chair-review", args=[partnership.slug]),
                hint=f"overdue: was due by {last_day}"
                if review.state == "overdue"
                else f"due by {last_day}",
                is_overdue=review.state == "overdue",
            )
        )
    return lines


def _secretariat_lines(staffed, standings, today) -> list[AttentionLine]:
    if not staffed:
        return []
    lines = []
    for pk in staffed:
        standing = standings.get(pk)
        if standing is None:
            continue
        meeting_round = standing.meeting_round
        url = reverse("reporting:round", args=[meeting_round.meeting.partnership.slug])
        for organisation, counts in standing.by_organisation:
            if counts.not_reported:
                lines.append(
                    AttentionLine(
                        text=f"{organisation.display_name}: {counts.not_reported} of "
                        f"{counts.due} actions not reported yet",
                        url=url,
                        hint=f"{meeting_round.round.when_due(today)}, for "
                        f"{_meeting_words(meeting_round.meeting)}",
                        is_overdue=meeting_round.round.is_overdue(today),
                    )
                )
    meetings = (
        Meeting.objects.filter(partnership_id__in=staffed)
        .held_or_scheduled()
        .filter(
            Q(date__gte=today, date__lte=today + PAPERS_NOTICE, papers_published_at__isnull=True)
            # The group's own meetings, whose minutes a later meeting approves.
            | Q(date__lt=today, minutes_approved_at__isnull=True, kind__in=MINUTED)
        )
        .order_by("date", "start_time", "pk")
    )
    lines += [
        AttentionLine(
            text=f"Log what follows from “{_short(report.title)}”, "
            f"from {report.organisation.display_name}",
            url=report.meeting.get_absolute_url()
            if report.meeting
            else reverse("meetings:reports", args=[report.partnership.slug]),
            hint=f"received {date_format(report.date, 'j F Y')}; no meeting action logged from it",
        )
        for report in reports_awaiting_follow_up(staffed, today)
    ]
    for meeting in meetings:
        if meeting.date >= today:
            lines.append(
                AttentionLine(
                    text=f"Publish the papers for {_meeting_words(meeting)}",
                    url=meeting.get_absolute_url(),
                    hint="papers not yet published",
                )
            )
        else:
            lines.append(
                AttentionLine(
                    text=f"Minutes of {_meeting_words(meeting)}",
                    url=reverse("meetings:minutes", args=[meeting.pk]),
                    hint="waiting for approval",
                )
            )
    return lines
