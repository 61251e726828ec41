"""A partnership with its public page on, and something of every kind that may and may
not be published."""

import datetime
from dataclasses import dataclass

import pytest

from tests import factories
from workstreams.models import Action, StatusReview

CONFIRMED = StatusReview.Outcome.CONFIRMED


@dataclass
class Published:
    partnership: object
    reported: Action  # confirmed, its narrative publishable
    unpublishable: Action  # confirmed, its narrative not to be published
    private: Action  # confirmed, but private
    awaiting: Action  # its only update awaits review
    earlier_confirmed: Action  # its latest update awaits review, an earlier one confirmed
    revised: Action  # the chair gave it another status
    parent: Action  # with a public sub-item and a private one
    public_sub_item: Action
    private_sub_item: Action
    in_private_workstream: Action


def reported(
    action,
    author,
    *,
    narrative,
    publishable,
    outcome=CONFIRMED,
    reviewer=None,
    status="on-track",
    percent=40,
    as_at=datetime.date(2018, 10, 1),
    review=None,
):
    update = factories.ProgressUpdateFactory(
        action=action,
        author=author,
        status=status,
        percent_complete=percent,
        narrative=narrative,
        may_be_published=publishable,
        as_at=as_at,
    )
    if outcome:
        factories.StatusReviewFactory(
            update=update, reviewer=reviewer, outcome=outcome, **(review or {})
        )
    return update


@pytest.fixture
def published(personas) -> Published:
    """Workstream B (police) public, with actions of every kind; workstream D private. Every
    member has a name no page would print by chance."""
    for number, person in enumerate([*personas.members, personas.outsider]):
        person.first_name, person.last_name = f"Forename{number}", f"Surname{number}"
        person.save()
    partnership = personas.partnership
    partnership.public_page = True
    partnership.purpose = "To tackle and reduce hate crime together."
    partnership.save()
    lead, chair = personas.police_lead, personas.chair
    b = personas.police_workstream
    b.title = "A review of reporting mechanisms"
    b.save()

    positions = iter(range(1, 10))

    def action(text, **fields):
        return factories.ActionFactory(workstream=b, text=text, position=next(positions), **fields)

    kinds = Published(
        partnership=partnership,
        reported=action("Map how hate crime is reported"),
        unpublishable=action("Survey third-party reporting centres"),
        private=action("Map intelligence sharing", public=False),
        awaiting=action("Review what staff do with reports"),
        earlier_confirmed=action("Make a video about reporting"),
        revised=action("Train call handlers"),
        parent=action("Reach every audience"),
        public_sub_item=None,
        private_sub_item=None,
        in_private_workstream=None,
    )
    kinds.public_sub_item = factories.SubItemFactory(
        parent=kinds.parent, text="Victims", position=1
    )
    kinds.private_sub_item = factories.SubItemFactory(
        parent=kinds.parent, text="Informants", public=False, position=2
    )
    d = personas.council_workstream
    d.public = False
    d.save()
    kinds.in_private_workstream = factories.ActionFactory(workstream=d, text="Covert evidence")

    reported(kinds.reported, lead, narrative="Routes mapped with True Vision.", publishable=True,
             reviewer=chair, percent=60)  # fmt: skip
    reported(kinds.unpublishable, lead, narrative="Officer on leave; centres chased.",
             publishable=False, reviewer=chair, status="at-risk", percent=20)  # fmt: skip
    reported(kinds.private, lead, narrative="Sharing gaps at the force.", publishable=True,
             reviewer=chair, percent=70)  # fmt: skip
    reported(kinds.awaiting, lead, narrative="Not yet seen by the chair.", publishable=True,
             outcome=None, percent=35)  # fmt: skip
    reported(kinds.earlier_confirmed, lead, narrative="Script agreed.", publishable=True,
             reviewer=chair, percent=30, as_at=datetime.date(2018, 9, 1))  # fmt: skip
    reported(kinds.earlier_confirmed, lead, narrative="Filming booked.", publishable=True,
             outcome=StatusReview.Outcome.CHALLENGED, reviewer=chair,
             review={"comment": "When?"}, percent=50)  # fmt: skip
    reported(kinds.revised, lead, narrative="Training planned.", publishable=True,
             outcome=StatusReview.Outcome.REVISED, reviewer=chair, status="on-track",
             review={"status": "at-risk", "comment": "No trainer yet"})  # fmt: skip
    reported(kinds.public_sub_item, lead, narrative="Messages drafted.", publishable=True,
             reviewer=chair, percent=80)  # fmt: skip
    reported(kinds.private_sub_item, lead, narrative="Handler network.", publishable=True,
             reviewer=chair, percent=10)  # fmt: skip
    reported(kinds.in_private_workstream, personas.council_lead, narrative="Covert files.",
             publishable=True, reviewer=chair, percent=90)  # fmt: skip
    for value in vars(kinds).values():
        if isinstance(value, Action):
            value.refresh_from_db()  # to hold its latest update
    return kinds


PRIVATE_WORDS = [
    "Map intelligence sharing",
    "Sharing gaps at the force",
    "Not yet seen by the chair",
    "Filming booked",
    "Officer on leave",
    "Informants",
    "Handler network",
    "Covert evidence",
    "Covert files",
    "When?",
    "No trainer yet",
]


def names_of(personas) -> list[str]:
    """Every member's names and e-mail address (their usernames are words like "chair")."""
    people = [*personas.members, personas.outsider]
    return [
        word for person in people for word in (person.first_name, person.last_name, person.email)
    ]
