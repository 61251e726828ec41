"""A committee report as a Word document, laid out like the council's own reports:
numbered paragraphs, lettered points, the plan's workstream outline, and two appendices.
Headings use Word's heading styles, so the navigation pane and screen readers find them."""

import datetime
import io

from django.utils import timezone
from django.utils.formats import date_format
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from hcag.text import text_blocks, xml_safe
from reports.selectors import (
    STATISTICS_FIGURES,
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
    _properties(document, content)
    _styles_in_the_documents_font(document)
    _page_numbers(document)

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
    _statistics(document, content)

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


def _properties(document, content):
    """Who wrote it and when, as File > Info shows them: the partnership, on the day it was
    generated (python-docx's template says "python-docx", in 2013)."""
    properties = document.core_properties
    author = xml_safe(content.partnership_name)
    now = timezone.now().astimezone(datetime.UTC).replace(tzinfo=None)
    properties.title = xml_safe(content.report.title)
    properties.subject = xml_safe(content.report.committee)
    properties.author = properties.last_modified_by = author
    properties.created = properties.modified = now
    properties.comments = properties.keywords = ""
    properties.revision = 1


def _styles_in_the_documents_font(document):
    """Body and headings in Arial and near-black, instead of the template's theme fonts
    (Calibri) and blue headings."""
    for name, size in STYLE_SIZES.items():
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = size
        style.font.color.rgb = TEXT_COLOUR
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        fonts.set(qn("w:cs"), FONT)


FONT = "Arial"
TEXT_COLOUR = RGBColor(0x0B, 0x0C, 0x0C)
STYLE_SIZES = {
    "Normal": Pt(12),
    "Heading 1": Pt(18),
    "Heading 2": Pt(15),
    "Heading 3": Pt(12),
    "Caption": Pt(11),
}


def _page_numbers(document):
    """ "Page n of N" in the footer, from Word's PAGE and NUMPAGES fields, which Word and
    LibreOffice fill in as they lay the document out."""
    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


def _field(paragraph, instruction):
    for kind, text in [("begin", None), (None, instruction), ("separate", None), (None, "1"),
                       ("end", None)]:  # fmt: skip
        run = paragraph.add_run()
        if kind:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._r.append(mark)
        elif text == instruction:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f" {instruction} "
            run._r.append(code)
        else:
            run.text = text  # shown until the field is updated


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
    rows = [
        [
            f"{workstream.letter}. {workstream.short_title}",
            lead_names(workstream),
            workstream.progress.status_label,
            f"{workstream.progress.percent}%",
            review_summary(workstream),
        ]
        for workstream in content.workstreams
    ]
    _table(document, content.status_table_caption, STATUS_COLUMNS, rows)


# Each column's heading and width: 17 cm in all, the page's width inside its margins.
STATUS_COLUMNS = [
    ("Workstream", Cm(5.5)),
    ("Lead organisations", Cm(4.2)),
    ("Status", Cm(2.3)),
    ("% complete", Cm(1.9)),
    ("Review", Cm(3.1)),
]


def _table(document, caption_text, columns, rows):
    """A captioned table with its columns' widths, a header row repeated on each page it
    runs onto, and no row split across pages."""
    caption = _paragraph(document, caption_text, style="Caption")
    caption.paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # The caption again as the table's own title, which screen readers announce.
    table_caption = OxmlElement("w:tblCaption")
    table_caption.set(qn("w:val"), xml_safe(caption_text))
    table._tbl.tblPr.append(table_caption)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, (heading, _) in zip(table.rows[0].cells, columns, strict=True):
        cell.text = heading
        cell.paragraphs[0].runs[0].bold = True
    for cells in rows:
        table_row = table.add_row()
        table_row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, text in zip(table_row.cells, cells, strict=True):
            cell.text = xml_safe(text)
    for column, (_, width) in zip(table.columns, columns, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width  # Word reads each cell's width, LibreOffice the grid's


def _appendix(document, heading):
    """An appendix's heading, starting a new page."""
    _heading(document, heading, level=2).paragraph_format.page_break_before = True


def _implications(document, content):
    _appendix(document, "Appendix 1: Implications")
    for heading, text in content.implications:
        _paragraph(document, f"{heading} – {text}")


def _terms(document, content):
    terms = content.terms
    _appendix(document, f"Appendix 2: Terms of Reference: {content.partnership_name}")
    if terms is None:
        _paragraph(document, "The group has no current terms of reference.")
        return
    _prose(document, terms.preamble, indent=None)
    for clause in terms.clauses.all():
        blocks = text_blocks(clause.body)
        first, *rest = blocks or [("paragraph", [""])]
        lead = first[1][0] if first[0] == "paragraph" else ""
        _hang(_paragraph(document, f"{clause.number}.\t{lead}"), NUMBER_INDENT)
        # The rest of the clause, its bullets and paragraphs, sits under the clause's text.
        for kind, lines in rest if first[0] == "paragraph" else blocks:
            _block(document, kind, lines, indent=NUMBER_INDENT)


def _prose(document, text, indent):
    for kind, lines in text_blocks(text):
        _block(document, kind, lines, indent)


def _block(document, kind, lines, indent):
    """A paragraph, or a bulleted list, of a text; with `indent`, under a numbered
    paragraph's text, the bullets hanging from it."""
    if kind == "list":
        for line in lines:
            bullet = _paragraph(document, line, style="List Bullet")
            if indent is not None:
                bullet.paragraph_format.left_indent = indent + BULLET_HANG
                bullet.paragraph_format.first_line_indent = -BULLET_HANG
    else:
        paragraph = _paragraph(document, lines[0])
        if indent is not None:
            paragraph.paragraph_format.left_indent = indent


BULLET_HANG = Cm(0.6)


def _statistics(document, content):
    """Appendix 3: each measure's latest figures up to the report's date."""
    _appendix(document, "Appendix 3: Statistics")
    _paragraph(document, content.statistics_introduction)
    if not content.statistics:
        _paragraph(document, "The group has no statistics recorded yet.")
    for measure in content.statistics:
        _heading(document, measure.name, level=3)
        if measure.description:
            _paragraph(document, measure.description)
        if measure.illustrative:
            _paragraph(document, ILLUSTRATIVE_NOTE)
        if not measure.rows:
            day = date_format(content.as_at, "j F Y")
            _paragraph(document, f"No figures for periods ending by {day}.")
            continue
        rows = [[area, period, *figures] for area, period, figures in measure.rows]
        _table(document, f"{measure.name}: the latest figures", STATISTICS_COLUMNS, rows)
        for flag in measure.flags or [NO_FLAGS]:
            _paragraph(document, flag, style="List Bullet")


ILLUSTRATIVE_NOTE = "Some of these figures are illustrative, not real."
NO_FLAGS = "No emerging trend is flagged in these figures."
STATISTICS_COLUMNS = [
    ("Area", Cm(4.2)),
    ("Period", Cm(2.6)),
    *zip(STATISTICS_FIGURES, [Cm(2.6), Cm(3.8), Cm(3.8)], strict=True),
]
