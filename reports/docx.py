"""A committee report as a Word document, laid out like the council's own reports:
numbered paragraphs, lettered points, the plan's workstream outline, and two appendices.
Headings use Word's heading styles, so the navigation pane and screen readers find them."""

import io

from django.utils.formats import date_format
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from hcag.text import text_blocks, xml_safe
from reports.selectors import (
    ReportContent,
    lead_names,
    leads_in_words,
    progress_words,
    review_reason_words,
    review_summary,
    standing_words,
)

NUMBER_INDENT = Cm(1)
POINT_INDENT = Cm(2)
# python-docx's template is US Letter and US English; the councils' reports are neither.
A4 = (Mm(210), Mm(297))
MARGIN = Cm(2)
LANGUAGE = "en-GB"


def render_docx(content: ReportContent) -> bytes:
    report = content.report
    document = Document()
    _a4_in_british_english(document)
    document.core_properties.title = xml_safe(report.title)
    document.core_properties.subject = xml_safe(report.committee)
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(12)

    _paragraph(document, report.committee)
    _paragraph(document, date_format(report.committee_date, "j F Y"))
    _heading(document, report.title, level=1)
    if report.report_of:
        organisation = f", {report.report_of_organisation}" if report.report_of_organisation else ""
        _paragraph(document, f"Report of {report.report_of}{organisation}")

    for section in content.sections:
        _heading(document, section.heading, level=2)
        for paragraph in section.paragraphs:
            _numbered(document, paragraph)
        if section.shows_plan:
            _workstreams(document, content)
    if content.contacts:
        _heading(document, "Contacts", level=2)
        for lines in content.contacts:
            _paragraph(document, "\n".join(lines))  # python-docx makes each \n a line break
    _implications(document, content)
    _terms(document, content)

    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _a4_in_british_english(document):
    """A4 with 2 cm margins; British English for the spelling checker and screen readers,
    set as the document's default language."""
    for section in document.sections:
        section.page_width, section.page_height = A4
        for side in ("top", "bottom", "left", "right"):
            setattr(section, f"{side}_margin", MARGIN)
    document.core_properties.language = LANGUAGE
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_defaults.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_defaults.append(language)
    language.set(qn("w:val"), LANGUAGE)
    theme_language = document.settings.element.find(qn("w:themeFontLang"))
    if theme_language is not None:
        theme_language.set(qn("w:val"), LANGUAGE)


def _paragraph(document, text, style=None):
    """Every paragraph's text passes through here (and _heading), so that a character
    Word's XML cannot hold, such as a pasted vertical tab, never fails the document."""
    return document.add_paragraph(xml_safe(text), style=style)


def _heading(document, text, level):
    return document.add_heading(xml_safe(text), level=level)


def _numbered(document, paragraph):
    text = _paragraph(document, f"{paragraph.number}\t{paragraph.text}")
    _hang(text, NUMBER_INDENT)
    for label, point in paragraph.points:
        _hang(_paragraph(document, f"{label}\t{point}"), POINT_INDENT)


def _hang(paragraph, indent):
    """Hang the label in the margin, as numbered paragraphs are set out in reports."""
    paragraph.paragraph_format.left_indent = indent
    paragraph.paragraph_format.first_line_indent = -Cm(1)
    paragraph.paragraph_format.tab_stops.add_tab_stop(indent)


def _workstreams(document, content):
    for workstream in content.workstreams:
        title = f"{workstream.letter}. {workstream.title}"
        _heading(document, f"{title} {workstream.lead_in}".strip(), level=3)
        for action in workstream.action_list:
            _action(document, action, NUMBER_INDENT)
            for sub_item in action.sub_item_list:
                _action(document, sub_item, POINT_INDENT)
        _paragraph(document, leads_in_words(workstream))
        _paragraph(document, f"Workstream progress: {progress_words(workstream.progress)}")
    _status_table(document, content)


def _action(document, action, indent):
    _hang(_paragraph(document, f"{action.label}\t{action.text}"), indent)
    words = f"Progress: {standing_words(action)}."
    update = action.standing_update
    if update and update.narrative and not action.sub_item_list:
        words += f" {update.narrative}"
    if reason := review_reason_words(action):
        words += f" {reason}"
    note = document.add_paragraph()
    note.paragraph_format.left_indent = indent
    note.add_run(xml_safe(words)).italic = True


def _status_table(document, content):
    caption = _paragraph(document, content.status_table_caption, style="Caption")
    caption.paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # The caption again as the table's own title, which screen readers announce, and
    # the header row repeated on each page the table runs onto.
    table_caption = OxmlElement("w:tblCaption")
    table_caption.set(qn("w:val"), xml_safe(content.status_table_caption))
    table._tbl.tblPr.append(table_caption)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, text in zip(
        table.rows[0].cells,
        ["Workstream", "Lead organisations", "Status", "% complete", "Review"],
        strict=True,
    ):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for workstream in content.workstreams:
        progress = workstream.progress
        table_row = table.add_row()
        table_row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row on one page
        row = table_row.cells
        row[0].text = workstream.letter
        row[1].text = xml_safe(lead_names(workstream))
        row[2].text = progress.status_label
        row[3].text = f"{progress.percent}%"
        row[4].text = review_summary(workstream)


def _implications(document, content):
    _heading(document, "Appendix 1: Implications", level=2)
    for heading, text in content.implications:
        _paragraph(document, f"{heading} – {text}")


def _terms(document, content):
    terms = content.terms
    _heading(document, f"Appendix 2: Terms of Reference: {content.partnership_name}", level=2)
    if terms is None:
        _paragraph(document, "The group has no current terms of reference.")
        return
    _prose(document, terms.preamble)
    for clause in terms.clauses.all():
        blocks = text_blocks(clause.body)
        first, *rest = blocks or [("paragraph", [""])]
        lead = first[1][0] if first[0] == "paragraph" else ""
        _hang(_paragraph(document, f"{clause.number}.\t{lead}"), NUMBER_INDENT)
        for kind, lines in rest if first[0] == "paragraph" else blocks:
            _block(document, kind, lines)


def _prose(document, text):
    for kind, lines in text_blocks(text):
        _block(document, kind, lines)


def _block(document, kind, lines):
    if kind == "list":
        for line in lines:
            _paragraph(document, line, style="List Bullet")
    else:
        _paragraph(document, lines[0])
