"""What a committee report says, read from the plan's data and the report's own prose;
and the plan as rows for a spreadsheet."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.humanize.templatetags.humanize import apnumber
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.text import get_text_list

from hcag.text import text_blocks
from meetings.models import Meeting, TermsOfReference
from meetings.selectors import current_terms_of_reference
from partners.models import Membership, Organisation
from reports.models import CommitteeReport, GeneratedReport, default_implications
from workstreams.models import Action, ActionPlan, Workstream
from workstreams.rollup import Progress
from workstreams.selectors import attach_workstream_progress

LETTERS = "abcdefghijklmnopqrstuvwxyz"


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
    contacts: list[str]
    implications: list[tuple[str, str]]
    terms: TermsOfReference | None
    as_at: datetime.date

    @property
    def plan(self) -> ActionPlan:
        return self.report.plan


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
        Section(plan.title, _plan_introduction(plan, workstreams, today), shows_plan=True),
        Section("Future meetings", _future(report, partnership, today)),
        Section("Recommendations", _paragraphs(report.recommendations)),
    ]
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
        contacts=_items(report.contacts),
        implications=report.implication_rows(),
        terms=terms,
        as_at=today,
    )


def names(organisations: Iterable[Organisation]) -> str:
    """Organisations' full names as prose: "A", "A and B", "A, B and C"."""
    return get_text_list([organisation.name for organisation in organisations], "and")


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


def _lettered(items) -> list[tuple[str, str]]:
    return [(LETTERS[index % 26], text) for index, text in enumerate(items)]


def _background(partnership, terms) -> list[Paragraph]:
    formed = f" in {date_format(partnership.formed_on, 'F Y')}" if partnership.formed_on else ""
    paragraphs = [Paragraph(f"The {partnership.name} was formed{formed}. {partnership.purpose}")]
    chair = (
        Membership.objects.filter(partnership=partnership, role="chair", ended_on__isnull=True)
        .select_related("person__organisation")
        .first()
    )
    meets = f"meets {apnumber(terms.meetings_per_year)} times a year" if terms else "meets"
    chaired = ""
    if chair:
        organisation = chair.person.organisation
        chaired = f" and is chaired by {chair.person}" + (
            f", {organisation}" if organisation else ""
        )
    appendix = " Its terms of reference are attached at Appendix 2." if terms else ""
    paragraphs.append(Paragraph(f"The group {meets}{chaired}.{appendix}"))
    functions = _items(partnership.functions)
    if functions:
        count = apnumber(len(functions))
        paragraphs.append(
            Paragraph(f"In practice the group has {count} broad functions:", _lettered(functions))
        )
    return paragraphs


def _aims(plan: ActionPlan) -> list[Paragraph]:
    paragraphs = []
    priorities = [p.title for p in plan.priorities.all()]
    if priorities:
        source = plan.priorities_source or "commissioner's plan"
        paragraphs.append(
            Paragraph(
                f"The {source} contains priorities relevant to the work of this group:",
                _lettered(priorities),
            )
        )
    objectives = [o.title for o in plan.objectives.all()]
    if objectives:
        paragraphs.append(
            Paragraph(
                f"The group has {apnumber(len(objectives))} objectives which support these "
                "priorities:",
                _lettered(objectives),
            )
        )
    return paragraphs


def _plan_introduction(plan, workstreams, today) -> list[Paragraph]:
    text = f"{plan.description} " if plan.description else ""
    return [
        Paragraph(
            f"{text}The plan has {apnumber(len(workstreams))} workstreams, set out below with "
            f"each action's progress as at {date_format(today, 'j F Y')}."
        )
    ]


def _future(report, partnership, today) -> list[Paragraph]:
    paragraphs = []
    work = _items(report.future_work)
    if work:
        paragraphs.append(Paragraph("Over the next year, the group will:", _lettered(work)))
    upcoming = Meeting.objects.filter(partnership=partnership).on_or_after(today)
    dates = [date_format(m.date, "j F Y") for m in upcoming]
    if dates:
        paragraphs.append(Paragraph("The group's next meetings are on:", _lettered(dates)))
    return paragraphs


def progress_words(progress: Progress) -> str:
    if progress.status is None:
        return "No progress reported yet"
    as_at = f" (as at {date_format(progress.as_at, 'j F Y')})" if progress.as_at else ""
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
        leads = names(workstream.lead_organisations.all())
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
