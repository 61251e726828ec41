"""Saving a plan read from its text (workstreams.outline) or from a spreadsheet in the
layout of its export (workstreams.spreadsheet), in one transaction, through the
authoring services."""

import datetime

from django.db import transaction

from partners.models import Organisation, Partnership
from partners.services import organisation_add
from workstreams.authoring import (
    action_add,
    item_retire,
    plan_create,
    workstream_add,
    workstream_update,
)
from workstreams.forms import CHOOSE_LEAD, CHOOSE_MISSING_LEAD, NEW_ORGANISATION
from workstreams.models import Action, ActionPlan, Workstream
from workstreams.outline import (
    Outline,
    lead_names,
    leads_as_written,
    match_names,
    parse_outline,
)
from workstreams.services import action_update
from workstreams.spreadsheet import ADDED, CHANGED, PlanChanges, PlanSheet, plan_changes


@transaction.atomic
def plan_create_from_outline(
    *,
    partnership: Partnership,
    title: str,
    description: str,
    adopted_on: datetime.date | None,
    outline: Outline,
    leads: dict[str, list[Organisation | str]],
) -> ActionPlan:
    """A new plan with the outline's workstreams, actions and sub-items. `leads` gives each
    workstream's lead organisations by letter; a name (a str) is added to the register
    as a new organisation. A workstream whose text named no lead is marked so."""
    plan = plan_create(
        partnership=partnership, title=title, description=description, adopted_on=adopted_on
    )
    added: dict[str, Organisation] = {}
    for parsed in outline.workstreams:
        organisations = [_organisation(lead, added) for lead in leads.get(parsed.letter, [])]
        workstream = workstream_add(
            plan=plan,
            title=parsed.title,
            lead_in=parsed.lead_in,
            lead_organisations=organisations,
            leads_as_written=leads_as_written(parsed.leads_as_written, organisations),
            leads_inferred=parsed.leads_line is None and bool(organisations),
        )
        for item in parsed.actions:
            action = action_add(workstream=workstream, text=item.text)
            for sub_item in item.sub_items:
                action_add(workstream=workstream, parent=action, text=sub_item.text)
    return plan


def _organisation(lead: Organisation | str, added: dict[str, Organisation]) -> Organisation:
    if isinstance(lead, Organisation):
        return lead
    if lead not in added:
        added[lead] = organisation_add(
            name=lead, short_name="", kind=Organisation.Kind.OTHER, website=""
        )
    return added[lead]


class OutlineReading:
    """The text read, each workstream's leads matched to the register, and the form given
    a choice for every lead it could not match (and each workstream that names none)."""

    def __init__(self, form):
        self.outline = parse_outline(form.cleaned_data["text"])
        self.organisations = list(Organisation.objects.offered().order_by("name"))
        self.matches = {}
        questions = []
        for workstream in self.outline.workstreams:
            names = lead_names(workstream, self.organisations)
            self.matches[workstream.letter] = match_names(names, self.organisations)
            for index, match in enumerate(self.matches[workstream.letter]):
                if match.found is None:
                    label = CHOOSE_LEAD.format(name=match.written)
                    questions.append(
                        (f"lead-{workstream.letter}-{index}", label, match.close, match.written)
                    )
            if workstream.leads_line is None:
                label = CHOOSE_MISSING_LEAD.format(letter=workstream.letter)
                questions.append((f"lead-{workstream.letter}-missing", label, [], None))
        form.add_lead_choices(questions, self.organisations)
        self.blocking = self.outline.problems  # lines to correct before it can be saved
        self.problems = [*self.blocking, *self.outline.lead_problems()]

    def chosen_leads(self, cleaned) -> dict[str, list]:
        by_pk = {str(o.pk): o for o in self.organisations}
        leads = {}
        for workstream in self.outline.workstreams:
            chosen = []
            for index, match in enumerate(self.matches[workstream.letter]):
                answer = cleaned.get(f"lead-{workstream.letter}-{index}")
                chosen.append(
                    match.found or (match.written if answer == NEW_ORGANISATION else by_pk[answer])
                )
            if workstream.leads_line is None:
                chosen.append(by_pk[cleaned[f"lead-{workstream.letter}-missing"]])
            leads[workstream.letter] = chosen
        return leads


def read_outline(form) -> OutlineReading:
    return OutlineReading(form)


@transaction.atomic
def plan_create_from_sheet(
    *, partnership: Partnership, title: str, description: str, sheet: PlanSheet
) -> ActionPlan:
    """A new plan with the file's workstreams, actions and sub-items."""
    plan = plan_create(partnership=partnership, title=title, description=description)
    plan_update_from_sheet(plan=plan, sheet=sheet)
    return plan


@transaction.atomic
def plan_update_from_sheet(*, plan: ActionPlan, sheet: PlanSheet) -> PlanChanges:
    """Add, change and retire what the file does (spreadsheet.plan_changes); the changes
    made."""
    changes = plan_changes(plan, sheet)
    added: dict[int, Workstream | Action] = {}  # by the id of the file's item
    for change in changes.changes:
        read, item = change.read, change.item
        if change.kind == ADDED and change.parent is None:
            added[id(read)] = workstream_add(
                plan=plan, title=read.title, lead_organisations=read.leads
            )
        elif change.kind == ADDED:
            under = added.get(id(change.parent), change.parent)
            workstream, parent = (
                (under, None) if isinstance(under, Workstream) else (under.workstream, under)
            )
            added[id(read)] = action_add(
                workstream=workstream,
                parent=parent,
                text=read.text,
                owner_organisation=read.owner,
                target_date=read.target_date,
            )
        elif change.kind == CHANGED and isinstance(item, Workstream):
            workstream_update(
                workstream=item,
                expected_version=item.version,
                title=read.title,
                lead_in=item.lead_in,
                lead_organisations=read.leads,
                objectives=list(item.objectives.all()),
            )
        elif change.kind == CHANGED:
            action_update(
                action=item,
                expected_version=item.version,
                text=read.text,
                owner_person=item.owner_person,
                start_date=item.start_date,
                **change.values,
            )
        else:
            item_retire(item=item)
    return changes
