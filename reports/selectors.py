"""What a committee report says, read from the plan's data and the report's own prose;
and the plan as rows for a spreadsheet."""

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.humanize.templatetags.humanize import apnumber
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.text import capfirst

from hcag.text import in_prose, text_blocks
from meetings.models import Meeting, TermsOfReference
from meetings.selectors import current_chair, current_terms_of_reference
from partners.models import Partnership
from reports.models import CommitteeReport, GeneratedReport, default_implications
from trends.selectors import measure_trends
from trends.selectors.figures import NO_FIGURE
from trends.selectors.measure_page import PREVIOUS, YEAR_BEFORE
from workstreams.labels import letter
from workstreams.models import (
    Action,
    ActionPlan,
    ProgressUpdate,
    StatusReview,
    Workstream,
    review_state,
)
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


@dataclass(frozen=True)
class MeasureStatistics:
    """A measure's latest figures up to a report's date, as everyone sees them: small
    counts, and any that would give one away, hidden (trends.selectors)."""

    name: str
    description: str
    rows: list[tuple[str, str, list[str]]]  # area, period, figures (STATISTICS_FIGURES)
    flags: list[str]  # the emerging-trend flags on those figures, in words
    illustrative: bool


STATISTICS_FIGURES = ["Count", "Change on the period before", "Change on a year before"]


@dataclass
class ReportContent:
    report: CommitteeReport
    partnership_name: str
    sections: list[Section]
    workstreams: list[Workstream]
    contacts: list[list[str]]  # each contact's lines
    implications: list[tuple[str, str]]
    terms: TermsOfReference | None
    as_at: datetime.date  # the day the report's progress stands at (report_as_at)
    statistics: list[MeasureStatistics]
    small_number_threshold: int

    @property
    def plan(self) -> ActionPlan:
        return self.report.plan

    @property
    def status_table_caption(self) -> str:
        return f"Where each workstream stands on {date_format(self.as_at, 'j F Y')}"

    @property
    def statistics_introduction(self) -> str:
        n = self.small_number_threshold
        return (
            "The latest figures for each measure the group monitors, for periods ending by "
            f"{date_format(self.as_at, 'j F Y')}, with any emerging trend flagged. As in every "
            f"export, a count below {n} is shown as “fewer than {n}”, and a count that would "
            "give one away as “withheld”."
        )


def report_as_at(report: CommitteeReport, today: datetime.date) -> datetime.date:
    """The day a report's progress stands at: its committee's date, so that a report
    shows the plan as it stood on the date it bears; for a committee still to come,
    today, since nothing is yet known of the days between."""
    return min(report.committee_date, today)


def leads_in_words(workstream: Workstream) -> str:
    """ "Lead organisation: …" as the report prints it (lead_names)."""
    plural = len(workstream.lead_organisations.all()) > 1
    return f"Lead organisation{'s' if plural else ''}: {lead_names(workstream)}"


def lead_names(workstream: Workstream) -> str:
    """A workstream's leads as the report names them: in the plan's own words where it has
    them, and saying so where they are inferred."""
    leads = workstream.lead_organisations.all()
    names = workstream.leads_as_written or in_prose(leads) or "not yet agreed"
    if workstream.leads_inferred and leads:
        return f"{names} ({Workstream.LEADS_INFERRED})"
    return names


def report_statistics(partnership: Partnership, as_at: datetime.date) -> list[MeasureStatistics]:
    """Each measure's latest figures for periods ending by `as_at`, per area and kind of
    period, with their changes and flags: read from the measure's trend page as a reader
    who does not see small numbers sees it, since a report leaves the service."""
    statistics = []
    for measure in partnership.measures.select_related("partnership").order_by("name"):
        trends = measure_trends(measure, sees_small_numbers=False)
        rows, latest = [], {}
        for section in trends.sections:
            for area in section.areas:
                shown = [row for row in (area.table.rows if area.table else []) if
                         row[0].end <= as_at]  # fmt: skip
                if not shown:
                    continue
                period, figures = shown[-1]
                by_column = dict(zip(area.table.columns, figures, strict=True))
                columns = ["Count", PREVIOUS.get(section.kind), YEAR_BEFORE[section.kind]]
                cells = [by_column[c].text if c in by_column else NO_FIGURE for c in columns]
                rows.append((area.area, str(period), cells))
                latest[(area.area, section.kind)] = period
        flags = [
            _flag_in_words(seen)
            for seen in [*trends.latest_flags, *trends.earlier_flags]
            if any(
                seen.series.startswith(f"{area}, ") and period == seen.period
                for (area, _), period in latest.items()
            )
        ]
        statistics.append(
            MeasureStatistics(measure.name, measure.description, rows, flags, trends.illustrative)
        )
    return statistics


def _flag_in_words(seen) -> str:
    """A flag in the words the trend pages use (trends/partials/flag.html), as plain text."""
    words = " ".join(
        strip_tags(render_to_string("trends/partials/flag.html", {"seen": seen})).split()
    )
    label = seen.tag[1]
    return f"{label}: {words.removeprefix(label).strip()}"


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
    as_at = report_as_at(report, today)
    workstreams = list(plan.workstreams.live().prefetch_related("lead_organisations"))
    attach_workstream_progress(
        workstreams, Action.objects.live().filter(workstream__plan=plan), as_of=as_at
    )
    group = GroupName(partnership)
    sections = []
    for heading, build, shows_plan in [
        ("Purpose of the Report", lambda: _paragraphs(report.purpose), False),
        ("Background", lambda: _background(report, partnership, terms), False),
        ("Aims", lambda: _aims(report, plan, group), False),
        (_plan_heading(report), lambda: _plan_introduction(plan, workstreams), True),
        ("Future meetings", lambda: _future(report, partnership, group), False),
        ("Recommendations", lambda: _paragraphs(report.recommendations), False),
    ]:
        paragraphs = build()
        group.read(paragraphs)
        # A section the data gives nothing to say is left out, not left empty.
        if paragraphs or shows_plan:
            sections.append(Section(heading, paragraphs, shows_plan))
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
        as_at=as_at,
        statistics=report_statistics(partnership, as_at),
        small_number_threshold=partnership.small_number_threshold,
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


class GroupName:
    """How the report's own sentences name the group: by its short name once that has
    been defined, the first time as "the <name> (<short name>)"."""

    def __init__(self, partnership: Partnership):
        self.name, self.short_name = partnership.name, partnership.short_name
        self.defined = False

    def read(self, paragraphs: list[Paragraph]):
        """Note a definition of the short name in the report's paragraphs so far."""
        definition = f"({self.short_name})"
        self.defined = self.defined or any(definition in p.text for p in paragraphs)

    def mention(self) -> str:
        if not self.short_name:
            return "the group"
        if self.defined:
            return f"the {self.short_name}"
        self.defined = True
        return f"the {self.name} ({self.short_name})"


def _background(
    report: CommitteeReport, partnership: Partnership, terms: TermsOfReference | None
) -> list[Paragraph]:
    """The partnership's own account of its purpose (or when it was formed); how often it
    meets and who chairs it (or where the chair comes from, in the report's words); its
    functions. Whatever the data lacks is left out."""
    paragraphs = _paragraphs(partnership.purpose)
    if not paragraphs and partnership.formed_on:
        formed = date_format(partnership.formed_on, "F Y")
        paragraphs.append(Paragraph(f"The {partnership.name} was formed in {formed}."))
    chair = None if report.chaired_from else current_chair(partnership)
    facts = []
    if terms:
        n = terms.meetings_per_year
        facts.append("meets " + MEETING_FREQUENCIES.get(n, f"{apnumber(n)} times a year"))
    if report.chaired_from:
        facts.append(f"is chaired from {report.chaired_from}")
    elif chair:
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


def _aims(report: CommitteeReport, plan: ActionPlan, group: GroupName) -> list[Paragraph]:
    """The priorities the plan serves and the group's objectives, each introduced in the
    report's own words where it has them."""
    paragraphs = []
    priorities = [p.title for p in plan.priorities.live()]
    if priorities:
        introduction = report.priorities_introduction or _priorities_introduction(plan, priorities)
        paragraphs.append(Paragraph(introduction, _lettered(priorities)))
    group.read(paragraphs)
    objectives = [o.title for o in plan.objectives.live()]
    if objectives:
        introduction = report.objectives_introduction or _objectives_introduction(
            objectives, priorities, group
        )
        paragraphs.append(Paragraph(introduction, _lettered(objectives)))
    return paragraphs


def _priorities_introduction(plan: ActionPlan, priorities: list[str]) -> str:
    source = plan.priorities_source or "commissioner's plan"
    if len(priorities) == 1:
        return f"The {source} contains a priority which is relevant to the work of this Group:"
    return (
        f"The {source} contains several priorities which are relevant to the work of this "
        "Group, including:"
    )


def _objectives_introduction(objectives: list[str], priorities: list[str], group) -> str:
    text = f"{capfirst(group.mention())} has {_count(len(objectives), 'objective', 'objectives')}"
    if priorities:
        text += " which supports" if len(objectives) == 1 else " which support"
        text += " these priorities"
    return f"{text}:"


def _plan_heading(report: CommitteeReport) -> str:
    """The plan's title; "New …" in the first report to the plan's committees in the
    year after it was adopted."""
    plan = report.plan
    adopted = plan.adopted_on
    if adopted is None or not adopted <= report.committee_date < _a_year_after(adopted):
        return plan.title
    reported_since = plan.committee_reports.filter(
        committee_date__gte=adopted, committee_date__lt=report.committee_date
    ).exclude(pk=report.pk)
    return plan.title if reported_since.exists() else f"New {plan.title}"


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


def _future(report: CommitteeReport, partnership: Partnership, group: GroupName) -> list[Paragraph]:
    """What the group will do over the next year, and its meetings in the twelve months
    from the committee's date (none arranged, nothing said)."""
    paragraphs = []
    work = _items(report.future_work)
    if work:
        paragraphs.append(
            Paragraph(f"Over the next year, {group.mention()} will:", _lettered(work))
        )
    day = report.committee_date
    upcoming = (
        Meeting.objects.filter(partnership=partnership)
        .on_or_after(day)
        .filter(date__lt=_a_year_after(day))
    )
    dates = in_prose(date_format(meeting.date, "j F Y") for meeting in upcoming)
    if dates:
        paragraphs.append(Paragraph(f"{capfirst(group.mention())} will next meet on {dates}."))
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


def standing_words(action: Action) -> str:
    """An action's progress in words (progress_words), with the status that stands, and,
    for one reported on directly, where that status stands with the chair: "On track, 50%
    complete (as at …), confirmed", "…, challenged", "…, awaiting review", or "Off track,
    … , revised on review (the lead reported on track)"."""
    words = progress_words(action.progress)
    if action.sub_item_list or action.standing_update is None:
        return words
    outcome = _outcome(action)
    if outcome == StatusReview.Outcome.REVISED:
        reported = action.standing_update.get_status_display().lower()
        return f"{words}, revised on review (the lead reported {reported})"
    return f"{words}, {review_state(outcome).lower()}"


REASON_LEAD_INS = {
    StatusReview.Outcome.CHALLENGED: "The challenge",
    StatusReview.Outcome.REVISED: "The reason",
}


def review_reason_words(action: Action) -> str:
    """The chair's or secretariat's reason for challenging or revising the status."""
    review = action.standing_review
    if review and review.outcome in REASON_LEAD_INS and not action.sub_item_list:
        return f"{REASON_LEAD_INS[review.outcome]}: “{review.comment}”"
    return ""


def review_summary(workstream: Workstream) -> str:
    """How the statuses of a workstream's reported actions stand with the chair: "2
    confirmed, 1 challenged, 3 awaiting review"; "Nothing reported" when none is."""
    counted = Counter(
        review_state(_outcome(reported)).lower()
        for reported in _reported_on(workstream)
        if reported.standing_update is not None
    )
    order = [review_state(outcome).lower() for outcome in (*REVIEW_OUTCOMES, None)]
    return ", ".join(f"{counted[state]} {state}" for state in order if counted[state]) or (
        "Nothing reported"
    )


REVIEW_OUTCOMES = [
    StatusReview.Outcome.CONFIRMED,
    StatusReview.Outcome.REVISED,
    StatusReview.Outcome.CHALLENGED,
]


def _outcome(action: Action) -> str | None:
    return action.standing_review.outcome if action.standing_review else None


def _reported_on(workstream: Workstream) -> list[Action]:
    """The actions leads report on directly: sub-items, and actions without any."""
    return [
        reported
        for action in workstream.action_list
        for reported in (action.sub_item_list or [action])
    ]


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
    "Review",
    "Review comment",
    "Confidence",
    "Latest narrative",
    "Update date",
]


def plan_rows(plan: ActionPlan) -> list[list]:
    """One row per action and per sub-item, in the plan's order. An action with sub-items
    shows their rolled-up status and percentage; the rest of its row is its own. A
    sub-item without its own owner or target date has its action's, as everywhere else."""
    workstreams = list(plan.workstreams.live().prefetch_related("lead_organisations"))
    attach_workstream_progress(
        workstreams,
        Action.objects.live().filter(workstream__plan=plan).select_related("parent", "workstream"),
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
    update = action.standing_update if not action.sub_item_list else None
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
        _review_cell(action) if update else "",
        review.comment if update and (review := action.standing_review) else "",
        update.get_confidence_display() if update else "",
        update.narrative if update else "",
        progress.as_at,
    ]


def _review_cell(action: Action) -> str:
    """ "Confirmed", "Challenged", "Awaiting review" or "Revised (the lead reported …)"."""
    outcome = _outcome(action)
    if outcome == StatusReview.Outcome.REVISED:
        return f"Revised (the lead reported {action.standing_update.get_status_display()})"
    return review_state(outcome)


def generated_reports(plan: ActionPlan) -> QuerySet[GeneratedReport]:
    return plan.generated_reports.select_related("generated_by", "committee_report")
