"""Saving committee reports and generating documents from them."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string

from hcag.editing import version_claim
from hcag.pdf import html_to_pdf
from hcag.spreadsheets import render_csv, render_xlsx
from hcag.text import xml_safe
from partners.models import Person
from reports.docx import render_docx
from reports.models import CommitteeReport, GeneratedReport
from reports.selectors import (
    SPREADSHEET_COLUMNS,
    STATISTICS_FIGURES,
    default_committee_report,
    plan_rows,
    report_content,
)
from workstreams.models import ActionPlan

Format = GeneratedReport.Format
WIDE_COLUMNS = {1: 40, 3: 40, 10: 40, 12: 40}  # workstream, action, review comment, narrative


@transaction.atomic
def committee_report_save(
    *,
    report: CommitteeReport,
    saved_by: Person,
    expected_version: int | None = None,
    title: str,
    committee: str,
    committee_date: datetime.date,
    report_of: str,
    report_of_organisation: str,
    purpose: str,
    future_work: str,
    recommendations: str,
    contacts: str,
    implications: dict[str, str],
    chaired_from: str = "",
    priorities_introduction: str = "",
    objectives_introduction: str = "",
) -> CommitteeReport:
    """Save a new report, or an edited one only if it is still at the version its editor
    started from (`expected_version`; hcag.editing.version_claim)."""
    if report.pk is not None:
        version_claim(report, expected_version)
    report.title = title
    report.committee = committee
    report.committee_date = committee_date
    report.report_of = report_of
    report.report_of_organisation = report_of_organisation
    report.purpose = purpose
    report.chaired_from = chaired_from
    report.priorities_introduction = priorities_introduction
    report.objectives_introduction = objectives_introduction
    report.future_work = future_work
    report.recommendations = recommendations
    report.contacts = contacts
    report.implications = implications
    report.saved_by = saved_by
    report.full_clean()
    report.save()
    return report


def render_document(
    *, plan: ActionPlan, format: str, report: CommitteeReport | None, today: datetime.date
) -> bytes:
    """The document's bytes. A DOCX or PDF report uses `report`'s settings, or defaults."""
    if format == Format.XLSX:
        return render_xlsx(
            SPREADSHEET_COLUMNS,
            plan_rows(plan),
            title=plan.title,
            sheet_title="Actions",
            widths=WIDE_COLUMNS,
        )
    if format == Format.CSV:
        return render_csv(SPREADSHEET_COLUMNS, plan_rows(plan))
    content = report_content(report or default_committee_report(plan, today), today)
    if format == Format.DOCX:
        return render_docx(content)
    html = render_to_string(
        "reports/committee_report.html",
        {"content": content, "statistics_figures": STATISTICS_FIGURES},
    )
    return html_to_pdf(xml_safe(html))


def document_generate(
    *,
    plan: ActionPlan,
    format: str,
    report: CommitteeReport | None = None,
    generated_by: Person | None = None,
    today: datetime.date,
) -> GeneratedReport:
    """Generate a document and keep it, so that it can be downloaded again as it was."""
    data = render_document(plan=plan, format=format, report=report, today=today)
    return generated_report_create(
        plan=plan, format=format, data=data, report=report, generated_by=generated_by, today=today
    )


@transaction.atomic
def generated_report_create(
    *,
    plan: ActionPlan,
    format: str,
    data: bytes,
    report: CommitteeReport | None,
    generated_by: Person | None,
    today: datetime.date,
) -> GeneratedReport:
    """Keep a document already rendered by render_document()."""
    generated = GeneratedReport(
        plan=plan, committee_report=report, format=format, generated_by=generated_by
    )
    name = f"{plan.slug}-{'report' if format in (Format.DOCX, Format.PDF) else 'plan'}"
    generated.document.save(f"{name}-{today.isoformat()}.{format}", ContentFile(data), save=False)
    try:
        generated.full_clean()
        generated.save()
    except Exception:
        generated.document.delete(save=False)  # no file without its record
        raise
    return generated
