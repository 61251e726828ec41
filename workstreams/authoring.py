"""Writes that author a plan: its priorities, objectives, workstreams, actions and
sub-items, added, edited, moved and retired.

Labels follow the plan's order among the items still in it (A, B, … for workstreams;
i, ii, … for actions; a, b, … for sub-items, priorities and objectives) and are given
again whenever an item is added, moved or retired. A retired item keeps its label, its
updates and its history, and leaves every list and roll-up (the models' ``live()``).
"""

import datetime
import string
from collections.abc import Sequence

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from hcag.editing import version_claim
from partners.models import Organisation, Partnership, Person
from workstreams.labels import letter, roman
from workstreams.models import MAX_WEIGHT, Action, ActionPlan, Objective, Priority, Workstream

TOO_MANY_WORKSTREAMS = "A plan has at most 26 workstreams, A to Z: retire one first"
ALREADY_RETIRED = "This has been retired already"
SUB_ITEMS_STAY = "Only an action moves to another workstream; its sub-items go with it"
SAME_WORKSTREAM = "Choose a workstream other than the one it is in"
WEIGHT_OUT_OF_RANGE = f"Each weight must be a whole number from 1 to {MAX_WEIGHT}"
UP, DOWN = -1, 1
# The day an item is marked retired for the moment while labels are handed round (see
# _relabel): no day the service records.
PARKED_ON = datetime.date(1, 1, 1)


def unique_plan_slug(title: str) -> str:
    base = slugify(title)[:70] or "plan"
    slug, number = base, 1
    while ActionPlan.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def plan_create(
    *,
    partnership: Partnership,
    title: str,
    description: str = "",
    adopted_on: datetime.date | None = None,
    adopted_at: str = "",
) -> ActionPlan:
    plan = ActionPlan(
        partnership=partnership,
        title=title,
        slug=unique_plan_slug(title),
        description=description,
        adopted_on=adopted_on,
        adopted_at=adopted_at,
    )
    plan.full_clean()
    plan.save()
    return plan


def _save_edit(record: models.Model, expected_version: int, values: dict, relations=None):
    """Save an edit only if the record is still at the version the editor started from
    (hcag.editing.version_claim); `relations` sets many-to-many fields, logged too."""
    version_claim(record, expected_version)
    for name, value in values.items():
        setattr(record, name, value)
    record.full_clean()
    record.save(update_fields=[*values, "version"])
    for name, value in (relations or {}).items():
        getattr(record, name).set(value)
    return record


@transaction.atomic
def plan_update(
    *,
    plan: ActionPlan,
    expected_version: int,
    title: str,
    description: str,
    adopted_on: datetime.date | None,
    adopted_at: str,
) -> ActionPlan:
    values = {
        "title": title,
        "description": description,
        "adopted_on": adopted_on,
        "adopted_at": adopted_at,
    }
    return _save_edit(plan, expected_version, values)


@transaction.atomic
def plan_roll_up_update(
    *,
    plan: ActionPlan,
    expected_version: int,
    sub_items_roll_up: bool,
    weighs_actions: bool,
    weights: dict[int, int],
) -> int:
    """Save how the plan's progress rolls up (workstreams.rollup) and the weights of its
    actions and sub-items still in it, by id, only if the plan is still at the version
    the editor started from. Returns how many weights changed; each change is logged."""
    if any(not 1 <= weight <= MAX_WEIGHT for weight in weights.values()):
        raise ValidationError(WEIGHT_OUT_OF_RANGE)
    _save_edit(
        plan,
        expected_version,
        {"sub_items_roll_up": sub_items_roll_up, "weighs_actions": weighs_actions},
    )
    actions = Action.objects.live().filter(workstream__plan=plan, pk__in=list(weights))
    changed = [action for action in actions if action.weight != weights[action.pk]]
    for action in changed:
        action.weight = weights[action.pk]
        action.save(update_fields=["weight"])
    return len(changed)


@transaction.atomic
def priority_add(*, plan: ActionPlan, title: str) -> Priority:
    priority = Priority(plan=plan, title=title, label=letter(_renumbered(Priority(plan=plan))))
    priority.full_clean()
    priority.save()
    return priority


@transaction.atomic
def priority_update(*, priority: Priority, expected_version: int, title: str) -> Priority:
    return _save_edit(priority, expected_version, {"title": title})


@transaction.atomic
def objective_add(*, plan: ActionPlan, title: str, priorities: list[Priority]) -> Objective:
    objective = Objective(plan=plan, title=title, label=letter(_renumbered(Objective(plan=plan))))
    objective.full_clean()
    objective.save()
    objective.priorities.set(priorities)
    return objective


@transaction.atomic
def objective_update(
    *, objective: Objective, expected_version: int, title: str, priorities: list[Priority]
) -> Objective:
    return _save_edit(objective, expected_version, {"title": title}, {"priorities": priorities})


@transaction.atomic
def workstream_add(
    *,
    plan: ActionPlan,
    title: str,
    lead_in: str = "",
    lead_organisations: list[Organisation],
    objectives: Sequence[Objective] = (),
    leads_as_written: str = "",
    leads_inferred: bool = False,
) -> Workstream:
    count = _renumbered(Workstream(plan=plan))
    if count >= len(string.ascii_uppercase):
        raise ValidationError(TOO_MANY_WORKSTREAMS)
    workstream = Workstream(
        plan=plan,
        letter=string.ascii_uppercase[count],
        title=title,
        lead_in=lead_in,
        leads_as_written=leads_as_written,
        leads_inferred=leads_inferred,
    )
    workstream.full_clean()
    workstream.save()
    workstream.lead_organisations.set(lead_organisations)
    workstream.objectives.set(objectives)
    return workstream


@transaction.atomic
def workstream_update(
    *,
    workstream: Workstream,
    expected_version: int,
    title: str,
    lead_in: str,
    lead_organisations: list[Organisation],
    objectives: list[Objective],
) -> Workstream:
    return _save_edit(
        workstream,
        expected_version,
        {"title": title, "lead_in": lead_in},
        {"lead_organisations": lead_organisations, "objectives": objectives},
    )


@transaction.atomic
def action_add(
    *,
    workstream: Workstream,
    parent: Action | None = None,
    text: str,
    owner_organisation: Organisation | None = None,
    owner_person: Person | None = None,
    start_date: datetime.date | None = None,
    target_date: datetime.date | None = None,
) -> Action:
    """A new action at the end of its workstream, or with `parent`, a new sub-item at the
    end of that action."""
    action = Action(workstream=workstream, parent=parent)
    index = _renumbered(action)
    action.label = letter(index) if parent else roman(index + 1)
    action.position = index
    action.text = text
    action.owner_organisation = owner_organisation
    action.owner_person = owner_person
    action.start_date = start_date
    action.target_date = target_date
    action.full_clean()
    action.save()
    return action


def siblings_of(item) -> list:
    """The items, not retired, in the list `item` belongs to (itself included, if it is
    saved and not retired), in the plan's order."""
    model = type(item)
    if isinstance(item, Action):
        if item.parent_id:
            queryset = Action.objects.filter(parent=item.parent_id)
        else:
            queryset = Action.objects.filter(workstream=item.workstream_id, parent=None)
        return list(queryset.live().order_by("position", "pk"))
    listed = model.objects.live().filter(plan=item.plan_id)
    if isinstance(item, Workstream):
        return list(listed.order_by("letter"))
    return sorted(listed, key=lambda each: (len(each.label), each.label))  # a … z, aa …


def _labels_for(items: list) -> list[tuple[models.Model, dict]]:
    """Each item with the label (and position) its place in the list gives it."""
    labelled = []
    for index, item in enumerate(items):
        if isinstance(item, Workstream):
            labelled.append((item, {"letter": string.ascii_uppercase[index]}))
        elif isinstance(item, Action):
            label = letter(index) if item.parent_id else roman(index + 1)
            labelled.append((item, {"label": label, "position": index}))
        else:
            labelled.append((item, {"label": letter(index)}))
    return labelled


# The changes a renumbering writes to the audit log: positions say nothing a label does not.
LOGGED = {"label", "letter", "workstream"}


def _relabel(assignments: list[tuple[models.Model, dict]]) -> None:
    """Give items new labels (and positions, or a workstream) together, each change in
    the audit log as a save would put it. A label is unique among items not retired and
    databases check that row by row, so the items changing are first marked retired for
    the moment (PARKED_ON): no two ever hold one label at once, whatever the order."""
    changing = [
        (item, values)
        for item, values in assignments
        if any(getattr(item, name) != value for name, value in values.items())
    ]
    if not changing:
        return
    model = type(changing[0][0])
    model.objects.filter(pk__in=[item.pk for item, _ in changing]).update(retired_on=PARKED_ON)
    for item, values in changing:
        logged = {
            name: [_as_logged(getattr(item, name)), _as_logged(value)]
            for name, value in values.items()
            if name in LOGGED and getattr(item, name) != value
        }
        model.objects.filter(pk=item.pk).update(retired_on=None, **values)
        for name, value in values.items():
            setattr(item, name, value)
        if logged:
            LogEntry.objects.log_create(item, action=LogEntry.Action.UPDATE, changes=logged)


def _as_logged(value) -> str:
    return str(value.pk) if isinstance(value, models.Model) else str(value)


def renumber(items: list) -> None:
    _relabel(_labels_for(items))


def _renumbered(new_item) -> int:
    """Label the list a new item joins in order (a plan entered elsewhere may have gaps,
    such as workstreams B and D alone); how many it holds, so the new item goes last."""
    items = siblings_of(new_item)
    renumber(items)
    return len(items)


@transaction.atomic
def item_move(*, item, step: int) -> bool:
    """Move a priority, objective, workstream, action or sub-item one place up (UP) or
    down (DOWN) among those still in the plan; False when it is at that end already."""
    items = siblings_of(item)
    index = next(i for i, each in enumerate(items) if each.pk == item.pk)
    other = index + step
    if not 0 <= other < len(items):
        return False
    items[index], items[other] = items[other], items[index]
    renumber(items)
    return True


@transaction.atomic
def action_move_to(*, action: Action, workstream: Workstream) -> Action:
    """Move an action, with its sub-items, to the end of another workstream of the plan."""
    if action.parent_id:
        raise ValidationError(SUB_ITEMS_STAY)
    if workstream.pk == action.workstream_id:
        raise ValidationError(SAME_WORKSTREAM)
    left = [each for each in siblings_of(action) if each.pk != action.pk]
    arriving = siblings_of(Action(workstream=workstream))
    assignments = _labels_for([*arriving, action])
    assignments[-1][1]["workstream"] = workstream
    _relabel(assignments)
    for sub_item in Action.objects.filter(parent=action).exclude(workstream=workstream):
        old = sub_item.workstream_id
        Action.objects.filter(pk=sub_item.pk).update(workstream=workstream)
        sub_item.workstream = workstream
        LogEntry.objects.log_create(
            sub_item,
            action=LogEntry.Action.UPDATE,
            changes={"workstream": [str(old), str(workstream.pk)]},
        )
    renumber(left)
    return action


@transaction.atomic
def item_retire(*, item) -> None:
    """Retire an item, and whatever hangs from it (a workstream's actions, an action's
    sub-items); those left in its list are labelled again."""
    if item.retired_on is not None:
        raise ValidationError(ALREADY_RETIRED)
    left = [each for each in siblings_of(item) if each.pk != item.pk]
    today = timezone.localdate()
    _retire(item, today)
    if isinstance(item, Workstream):
        for action in (
            Action.objects.live().filter(workstream=item).select_related("workstream", "parent")
        ):
            _retire(action, today)
    elif isinstance(item, Action):
        for sub_item in item.sub_items.live():
            _retire(sub_item, today)
    renumber(left)


def _retire(item, day: datetime.date) -> None:
    version_claim(item, None, retired_on__isnull=True)
    item.retired_on = day
    item.save(update_fields=["retired_on", "version"])
