"""What a committee report says, read from the plan's data and the report's own prose;
and the plan as rows for a spreadsheet."""

import datetime
import re
from dataclasses import dataclass, field

from django.contrib.humanize.templatetags.humanize import apnumber
from django.db.models import QuerySet
from django.utils.formats import date_format

from hcag.text import in_prose, text_blocks
from meetings.models import Meeting, TermsOfReference
from meetings.selectors import current_chair, current_terms_of_reference
from partners.models import Partnership
from reports.models import CommitteeReport, GeneratedReport, default_implications
from workstreams.labels import letter
from workstreams.models import Action, ActionPlan, ProgressUpdate, Workstream
from workstreams.rollup import Progress
from workstreams.selectors import attach_workstream_progress

BLANK_LINE = re.compile(r"\n\s*\n")
Status = ProgressUpdate.Status


@dataclass
class Paragraph:
    """A numbered paragraph of the report, with any lettered points under it."""

    text: str
    points: list[tuple[str, str]] = field(default_factory=list)
    number: int | None = None


@dataclass
class Section:
    """A headed section of numbered paragraphs. The plan's section is followed by the
    workstream outline and the table of where each workstream stands."""

    heading: str
    paragraphs: list[Paragraph]
    shows_plan: bool = False


@dataclass
class ReportContent:
    report: CommitteeReport
    partnership_name: str
    sections: list[Section]
    workstreams: list[Workstream]
    contacts: list[list[str]]  # each contact's lines
    implications: list[tuple[str, str]]
    terms: TermsOfReference | None
    as_at: datetime.date

    @property
    def plan(self) -> ActionPlan:
        return self.report.plan

    @property
    def status_table_caption(self) -> str:
        return f"Where each workstream stands on {date_format(self.as_at, 'j F Y')}"


def default_committee_report(plan: ActionPlan, today: datetime.date) -> CommitteeReport:
    """Settings for a plan's first report, or for a command run before any is saved."""
    name = plan.partnership.name
    return CommitteeReport(
        plan=plan,
        title=f"{name}: update",
        committee="Overview and Scrutiny Committee",
        committee_date=today,
        report_of="",
        purpose=f"To provide members of the committee with an update on the work of the {name}.",
        recommendations=(
            "The committee is recommended to note and comment on the contents of the report."
        ),
        implications=default_implications(),
    )


def latest_committee_report(plan: ActionPlan) -> CommitteeReport | None:
    return plan.committee_reports.order_by("-committee_date", "-pk").first()


def committee_report_start_from_latest(
    *, plan: ActionPlan, today: datetime.date
) -> CommitteeReport:
    """An unsaved new report for the plan, dated today, with the wording of its latest
    report (or the defaults), so that next quarter's starts from last quarter's."""
    latest = latest_committee_report(plan)
    if latest is None:
        return default_committee_report(plan, today)
    latest.pk = None
    latest._state.adding = True
    latest.committee_date = today
    latest.saved_by = None
    return latest


def committee_reports(plan: ActionPlan) -> QuerySet[CommitteeReport]:
    """The plan's saved reports, latest committee first."""
    return plan.committee_reports.select_related("saved_by")


def report_content(report: CommitteeReport, today: datetime.date) -> ReportContent:
    plan = report.plan
    partnership = plan.partnership
    terms = current_terms_of_reference(partnership)
    workstreams = list(plan.workstreams.prefetch_related("lead_organisations"))
    attach_workstream_progress(
        workstreams,
        Action.objects.filter(workstream__plan=plan).select_related("latest_update"),
    )
    sections = [
        Section("Purpose of the Report", _paragraphs(report.purpose)),
        Section("Background", _background(partnership, terms)),
        Section("Aims", _aims(plan)),
        Section(plan.title, _plan_introduction(plan, workstreams), shows_plan=True),
        Section("Future meetings", _future(report, partnership, today)),
        Section("Recommendations", _paragraphs(report.recommendations)),
    ]
    # A section the data gives nothing to say is left out, not left empty.
    sections = [section for section in sections if section.paragraphs or section.shows_plan]
    number = 0
    for section in sections:
        for paragraph in section.paragraphs:
            number += 1
            paragraph.number = number
    return ReportContent(
        report=report,
        partnership_name=partnership.name,
        sections=sections,
        workstreams=workstreams,
        contacts=_contacts(report.contacts),
        implications=report.implication_rows(),
        terms=terms,
        as_at=today,
    )


def _paragraphs(text: str) -> list[Paragraph]:
    """A paragraph per line of prose; lines starting "- " become lettered points of the
    paragraph before them (the service's plain-text convention, hcag.text)."""
    paragraphs: list[Paragraph] = []
    for kind, lines in text_blocks(text):
        if kind == "list" and paragraphs:
            paragraphs[-1].points += _lettered(lines)
        else:
            paragraphs += [Paragraph(line) for line in lines]
    return paragraphs


def _items(text: str) -> list[str]:
    """Each non-empty line of a list written one item per line, without any "- "."""
    return [line for _, lines in text_blocks(text) for line in lines]


def _contacts(text: str) -> list[list[str]]:
    """Each contact's lines; contacts are separated by a blank line."""
    contacts = [_items(contact) for contact in BLANK_LINE.split(text)]
    return [lines for lines in contacts if lines]


def _lettered(items) -> list[tuple[str, str]]:
    return [(letter(index), text) for index, text in enumerate(items)]


def _count(number: int, singular: str, plural: str) -> str:
    return f"{apnumber(number)} {singular if number == 1 else plural}"


# How often a group meets, in the words reports use; otherwise "n times a year".
MEETING_FREQUENCIES = {
    1: "once a year",
    2: "twice a year",
    4: "every quarter",
    6: "every two months",
    12: "every month",
}


def _background(partnership: Partnership, terms: TermsOfReference | None) -> list[Paragraph]:
    """The partnership's own account of its purpose (or when it was formed); how often it
    meets and who chairs it; its functions. Whatever the data lacks is left out."""
    paragraphs = _paragraphs(partnership.purpose)
    if not paragraphs and partnership.formed_on:
        formed = date_format(partnership.formed_on, "F Y")
        paragraphs.append(Paragraph(f"The {partnership.name} was formed in {formed}."))
    chair = current_chair(partnership)
    facts = []
    if terms:
        n = terms.meetings_per_year
        facts.append("meets " + MEETING_FREQUENCIES.get(n, f"{apnumber(n)} times a year"))
    if chair:
        organisation = chair.organisation
        facts.append(f"is chaired by {chair}" + (f", {organisation}" if organisation else ""))
    if facts:
        appendix = " The Group's Terms of Reference are attached at Appendix 2." if terms else ""
        paragraphs.append(Paragraph(f"The group {' and '.join(facts)}.{appendix}"))
    functions = partnership.function_list()
    if functions:
        count = _count(len(functions), "broad function", "broad functions")
        paragraphs.append(Paragraph(f"In practice the group has {count}:", _lettered(functions)))
    return paragraphs


def _aims(plan: ActionPlan) -> list[Paragraph]:
    paragraphs = []
    priorities = [p.title for p in plan.priorities.all()]
    if priorities:
        source = plan.priorities_source or "commissioner's plan"
        contains = (
            "contains a priority which is relevant to the work of this Group:"
            if len(priorities) == 1
            else "contains several priorities which are relevant to the work of this Group, "
            "including:"
        )
        paragraphs.append(Paragraph(f"The {source} {contains}", _lettered(priorities)))
    objectives = [o.title for o in plan.objectives.all()]
    if objectives:
        text = f"The group has {_count(len(objectives), 'objective', 'objectives')}"
        if priorities:
            text += " which supports" if len(objectives) == 1 else " which support"
            text += " these priorities"
        paragraphs.append(Paragraph(f"{text}:", _lettered(objectives)))
    return paragraphs


def _plan_introduction(plan: ActionPlan, workstreams: list[Workstream]) -> list[Paragraph]:
    """The plan's own account of itself, or a sentence saying what follows."""
    paragraphs = _paragraphs(plan.description)
    if not paragraphs:
        count = _count(len(workstreams), "workstream", "workstreams")
        paragraphs.append(
            Paragraph(f"The {plan.title} has {count}, set out below with each action's progress.")
        )
    return paragraphs


def _a_year_after(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _future(
    report: CommitteeReport, partnership: Partnership, today: datetime.date
) -> list[Paragraph]:
    """What the group will do over the next year, and its meetings in the coming twelve
    months."""
    group = f"the {partnership.short_name}" if partnership.short_name else "the group"
    paragraphs = []
    work = _items(report.future_work)
    if work:
        paragraphs.append(Paragraph(f"Over the next year, {group} will:", _lettered(work)))
    upcoming = (
        Meeting.objects.filter(partnership=partnership)
        .on_or_after(today)
        .filter(date__lt=_a_year_after(today))
    )
    dates = in_prose(date_format(meeting.date, "j F Y") for meeting in upcoming)
    if dates:
        paragraphs.append(Paragraph(f"{group[0].upper()}{group[1:]} will next meet on {dates}."))
    else:
        paragraphs.append(
            Paragraph(f"No meeting of {group} is yet arranged in the next twelve months.")
        )
    return paragraphs


def progress_words(progress: Progress) -> str:
    """ "On track, 50% complete (as at …)"; "Complete" and a 0% "Not started" need no
    percentage."""
    if progress.status is None:
        return "No progress reported yet"
    as_at = f" (as at {date_format(progress.as_at, 'j F Y')})" if progress.as_at else ""
    if progress.is_complete or (progress.status == Status.NOT_STARTED and not progress.percent):
        return f"{progress.status_label}{as_at}"
    return f"{progress.status_label}, {progress.percent}% complete{as_at}"


# The plan as rows -------------------------------------------------------------------

SPREADSHEET_COLUMNS = [
    "Workstream",
    "Reference",
    "Action",
    "Lead organisations",
    "Owner",
    "Target date",
    "Status",
    "% complete",
    "Confidence",
    "Latest narrative",
    "Update date",
]


def plan_rows(plan: ActionPlan) -> list[list]:
    """One row per action and per sub-item, in the plan's order. An action with sub-items
    shows their rolled-up status and percentage; the rest of its row is its own. A
    sub-item without its own owner or target date has its action's, as everywhere else."""
    workstreams = list(plan.workstreams.prefetch_related("lead_organisations"))
    attach_workstream_progress(
        workstreams,
        Action.objects.filter(workstream__plan=plan).select_related(
            "latest_update", "parent", "workstream"
        ),
    )
    rows = []
    for workstream in workstreams:
        leads = in_prose(workstream.lead_organisations.all())
        for action in workstream.action_list:
            rows.append(_row(workstream, leads, action))
            for sub_item in action.sub_item_list:
                rows.append(_row(workstream, leads, sub_item, parent=action))
    return rows


def _row(workstream, leads, action, parent=None) -> list:
    update = action.latest_update if not action.sub_item_list else None
    progress = action.progress
    owner = action.owner_organisation or (parent.owner_organisation if parent else None)
    return [
        f"{workstream.letter}. {workstream.title}",
        action.reference,
        action.text,
        leads,
        owner.name if owner else leads,
        action.target_date or (parent.target_date if parent else None),
        progress.status_label,
        progress.percent if progress.status else None,
        update.get_confidence_display() if update else "",
        update.narrative if update else "",
        progress.as_at,
    ]


def generated_reports(plan: ActionPlan) -> QuerySet[GeneratedReport]:
    return plan.generated_reports.select_related("generated_by", "committee_report")
