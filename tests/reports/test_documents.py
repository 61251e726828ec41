"""The committee report and plan exports reproduce the seed, in its order, with progress."""

import csv
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django.utils.formats import date_format
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor
from docx.text.paragraph import Paragraph
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.models import GeneratedReport
from reports.selectors import SPREADSHEET_COLUMNS, latest_committee_report, report_content
from tests.demo.seed import (
    SEED_ACTION_TEXTS,
    SEED_COVER,
    SEED_LEAD_LINES,
    SEED_SECTIONS,
    SEED_WORKSTREAMS,
)
from tests.reports.documents import assert_in_order, document, document_dated_today, pdf_text
from workstreams.models import ActionPlan

pytestmark = pytest.mark.django_db


COMMISSIONER = "Office of the Durham Police, Crime and Victims' Commissioner"


# In the seed's order: each workstream's title, then its actions and sub-items, then its
# lead organisations (E's inferred, and saying so).
SEED_ORDER = [
    SEED_WORKSTREAMS["A"], *SEED_ACTION_TEXTS[:11], SEED_LEAD_LINES["A"],
    SEED_WORKSTREAMS["B"], *SEED_ACTION_TEXTS[11:15], SEED_LEAD_LINES["B"],
    SEED_WORKSTREAMS["C"], *SEED_ACTION_TEXTS[15:19], SEED_LEAD_LINES["C"],
    SEED_WORKSTREAMS["D"], *SEED_ACTION_TEXTS[19:23], SEED_LEAD_LINES["D"],
    SEED_WORKSTREAMS["E"], SEED_ACTION_TEXTS[23],
    f"Lead organisation: {COMMISSIONER} (inferred: the plan names no lead)",
]  # fmt: skip


def seed_body():
    """The seed's cover, headings, numbered paragraphs and points, as the DOCX writes
    them (a tab after each label)."""
    lines = list(SEED_COVER)
    for heading, paragraphs in SEED_SECTIONS:
        lines.append(heading)
        for number, text, points in paragraphs:
            lines.append(f"{number}\t{text}")
            lines += [f"{label}\t{point}" for label, point in points]
    return lines


def docx_body(docx):
    """The document's cover, then each section's heading, numbered paragraphs and points
    up to the contacts, without the workstream outline and its table."""
    lines, in_outline = [], False
    for paragraph in docx.paragraphs:
        style, text = paragraph.style.name, paragraph.text
        if style == "Heading 2":
            if text == "Contacts":
                break
            lines.append(text)
            in_outline = False
        elif style == "Heading 3":
            in_outline = True
        elif not in_outline and style != "Caption":
            lines.append(text)
    return lines


SEED_CLAUSES = [
    "Monitor trends in statistics related to hate crime, and incidents",
    "Victim Care and Advice Service (VCAS)",
    "The Group will review and decide who its chair should be once a year, during the Spring.",
    "The Group will be supported by the Strategic Demand and Reduction Command within Durham "
    "Constabulary.",
    "The Group will meet four times a year, with communication taking place by e-mail between "
    "meetings.",
    "The Group will also set up Project Groups as necessary.",
    "It will also receive reports from the three Independent Advisory Groups, covering: LGBTQ+, "
    "BME and Disability",
]


@pytest.fixture
def demo_plan(demo):
    return ActionPlan.objects.get()


def test_the_docx_reproduces_the_seeds_paragraphs_1_to_10_word_for_word(demo_plan):
    """The cover, headings, paragraphs 1 to 10 and their points are the seed's own: the
    chair "from the Office", "Ron Hogg's recently refreshed" plan, JHCAG defined in
    paragraph 6, the "New" plan, and Recommendations at 10."""
    docx = Document(io.BytesIO(document(demo_plan, "docx")))
    assert docx_body(docx) == seed_body()


def test_the_docx_outline_is_the_seeds_with_progress_and_the_inferred_lead_marked(demo_plan):
    docx = Document(io.BytesIO(document(demo_plan, "docx")))
    text = "\n".join(paragraph.text for paragraph in docx.paragraphs)
    after = ["Appendix 1: Implications", "Crime and Disorder – A key focus", "Appendix 2"]
    assert_in_order(text, [*SEED_ORDER, *after, *SEED_CLAUSES])
    lead_lines = [p.text for p in docx.paragraphs if p.text.startswith("Lead organisation")]
    assert lead_lines == [*SEED_LEAD_LINES.values(), SEED_ORDER[-1]]
    headings = [p.text for p in docx.paragraphs if p.style.name.startswith("Heading")]
    assert any(h.startswith("D. Review the use of evidence") for h in headings)
    table = docx.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == [
        "Workstream", "Lead organisations", "Status", "% complete", "Review",
    ]  # fmt: skip
    assert [row.cells[0].text[:2] for row in table.rows[1:]] == ["A.", "B.", "C.", "D.", "E."]


def test_the_report_shows_progress_as_at_its_committee_date(demo_plan):
    """The seed's report is dated 21 September 2018, before any update the demo holds: its
    status stands as at that day, as its cover says. A report dated today shows today's."""
    docx = Document(io.BytesIO(document(demo_plan, "docx")))
    texts = [paragraph.text for paragraph in docx.paragraphs]
    assert texts[1] == "21 September 2018"
    assert "Where each workstream stands on 21 September 2018" in texts
    assert "Progress: On track" not in "\n".join(texts)
    assert "Routes checked with the victim care service" not in "\n".join(texts)

    today = document_dated_today(demo_plan, "docx")
    texts = [paragraph.text for paragraph in Document(io.BytesIO(today)).paragraphs]
    text = "\n".join(texts)
    assert f"Where each workstream stands on {date_format(timezone.localdate(), 'j F Y')}" in texts
    assert "Progress: On track, 75% complete" in text, "B.i's latest update"
    assert "Routes checked with the victim care service; write-up under way." in text
    assert "Progress: Complete (as at" in text, 'not "Complete, 100% complete"'
    assert "The plan has" not in text, "the plan's own words introduce it"
    assert "9\tOver the next year, the JHCAG will:" in texts
    assert "10\tThe JHCAG will next meet on " in text, "the meetings after its date"


def test_the_docx_is_a4_in_british_english_with_a_captioned_table(demo_plan):
    docx = Document(io.BytesIO(document(demo_plan, "docx")))
    for section in docx.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        margins = [section.top_margin, section.bottom_margin, section.left_margin,
                   section.right_margin]  # fmt: skip
        assert {round(margin.cm, 1) for margin in margins} == {2.0}
    language = docx.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert language.get(qn("w:val")) == "en-GB"
    assert 'w:val="en-US"' not in docx.styles.element.xml
    assert docx.core_properties.language == "en-GB"
    table = docx.tables[0]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None, "a repeating header row"
    for row in table.rows[1:]:
        assert row._tr.trPr.find(qn("w:tblHeader")) is None
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None, "no row split across pages"
    caption = Paragraph(table._tbl.getprevious(), docx._body)
    assert caption.style.name == "Caption"
    assert caption.text.startswith("Where each workstream stands on ")


def test_each_contact_is_a_paragraph_keeping_its_line_breaks(demo_plan):
    seed_contacts = [
        "Jon Carling, Head of Policy and Communications,\n"
        "Office of the Durham Police and Crime Commissioner\n"
        "jon.carling@durham.pcc.pnn.gov.uk",
        "Dave Dove, Cohesion Unit Supervisor –\n"
        "Hate Crime Lead / Equality & Diversity, Durham Constabulary\n"
        "david.dove@durham.pnn.police.uk",
    ]
    texts = [p.text for p in Document(io.BytesIO(document(demo_plan, "docx"))).paragraphs]
    contacts = texts.index("Contacts")
    assert texts[contacts + 1 : contacts + 3] == seed_contacts
    lines = [
        line.strip()
        for page in PdfReader(io.BytesIO(document(demo_plan, "pdf"))).pages
        for line in page.extract_text().splitlines()
    ]
    contacts = lines.index("Contacts")
    assert lines[contacts + 1 : contacts + 7] == "\n".join(seed_contacts).splitlines()


def test_the_pdf_reproduces_the_seed_on_a4(demo_plan):
    data = document(demo_plan, "pdf")
    body = [line.replace("\t", " ") for line in seed_body()]
    plan_heading = body.index("New Joint Hate Crime Action Plan")
    in_order = [*body[: plan_heading + 3], *SEED_ORDER, *body[plan_heading + 3 :]]
    assert_in_order(pdf_text(data), [*in_order, *SEED_CLAUSES])
    page = PdfReader(io.BytesIO(data)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    assert "Page 1 of" in page.extract_text()


def labelled_items(content):
    """(label, text) of every numbered paragraph, lettered point, action, sub-item and
    terms-of-reference clause of a report."""
    for section in content.sections:
        for paragraph in section.paragraphs:
            yield str(paragraph.number), paragraph.text
            yield from paragraph.points
    for workstream in content.workstreams:
        for action in workstream.action_list:
            yield action.label, action.text
            yield from ((sub_item.label, sub_item.text) for sub_item in action.sub_item_list)
    for clause in content.terms.clauses.all():
        yield f"{clause.number}.", clause.body


def structure_types(element):
    """The structure types (/H1, /P, …) in a tagged PDF's structure tree, depth first."""
    element = element.get_object()
    if isinstance(element, list):
        for child in element:
            yield from structure_types(child)
    elif hasattr(element, "get"):
        if "/S" in element:
            yield element["/S"]
        if "/K" in element:
            yield from structure_types(element["/K"])


def test_the_pdf_is_tagged_so_screen_readers_find_its_headings(demo_plan):
    reader = PdfReader(io.BytesIO(document(demo_plan, "pdf")))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    types = list(structure_types(root["/StructTreeRoot"]))
    assert types.count("/H1") == 1, "the report's title"
    assert types.count("/H2") >= 8, "a heading per section and appendix"
    assert "/H3" in types, "a heading per workstream"
    assert "/Table" in types


def test_each_pdf_label_shares_a_line_with_the_start_of_its_text(demo_plan):
    """Not "v Include" on one line and "a Durham & Darlington brand / logo" on the next,
    where the "a" reads like a lettered point."""
    lines = [
        " ".join(line.split())
        for page in PdfReader(io.BytesIO(document(demo_plan, "pdf"))).pages
        for line in page.extract_text().splitlines()
    ]
    content = report_content(latest_committee_report(demo_plan), timezone.localdate())
    items = list(labelled_items(content))
    assert len(items) > 50
    for label, text in items:
        start = f"{label} {' '.join(text.split()[:3])}"
        assert any(line.startswith(start) for line in lines), f"no line starts {start!r}"


@pytest.mark.skipif(
    not shutil.which("libreoffice") and not os.environ.get("CI"),
    reason="LibreOffice is not installed here; CI installs it.",
)
def test_libreoffice_opens_the_docx(demo_plan, tmp_path):
    source = tmp_path / "report.docx"
    source.write_bytes(document(demo_plan, "docx"))
    subprocess.run(  # noqa: S603 - a fixed command on our own file
        ["libreoffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",  # noqa: S607
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    assert_in_order(pdf_text((tmp_path / "report.pdf").read_bytes()), SEED_ORDER[:5])


def test_the_xlsx_has_a_row_per_action_and_sub_item(demo_plan):
    workbook = load_workbook(io.BytesIO(document(demo_plan, "xlsx")))
    rows = list(workbook["Actions"].iter_rows(values_only=True))
    assert list(rows[0]) == SPREADSHEET_COLUMNS
    assert len(rows) == 1 + 24
    by_reference = {row[1]: row for row in rows[1:]}
    b_i = by_reference["B.i"]
    assert (b_i[6], b_i[7], b_i[8], b_i[10]) == ("On track", 75, "Confirmed", "High")
    assert not b_i[9], "no comment on a confirmed status"
    assert b_i[3] == "Durham Constabulary"
    assert (
        by_reference["A.ii.e"][11] == "No youth organisation has yet agreed to test the messages."
    )
    assert by_reference["A.ii.e"][8] == "Awaiting review"
    assert by_reference["C.ii"][8:10] == (
        "Challenged", "Two partners missed the deadline: please give a recovery date.",
    )  # fmt: skip
    assert by_reference["A.ii"][6] == "At risk", "an action with sub-items rolls them up"
    assert not by_reference["A.ii"][8], "its sub-items are reviewed, not it"
    assert [row[1] for row in rows[1:4]] == ["A.i", "A.ii", "A.ii.a"]


def test_the_csv_is_utf8_with_a_byte_order_mark(demo_plan):
    data = document(demo_plan, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == SPREADSHEET_COLUMNS
    assert len(rows) == 25
    assert any("– and to who" in row[2] for row in rows), "the en dash survives"


def test_the_command_writes_the_report(demo_plan, tmp_path):
    output = tmp_path / "report.docx"
    out = io.StringIO()
    call_command(
        "export_committee_report", plan=demo_plan.slug, format="docx", output=str(output),
        stdout=out,
    )  # fmt: skip
    text = "\n".join(p.text for p in Document(output).paragraphs)
    assert_in_order(text, SEED_ORDER)
    assert "Wrote" in out.getvalue()
    by_id = tmp_path / "plan.csv"
    call_command("export_committee_report", plan=str(demo_plan.pk), format="csv",
                 output=str(by_id), stdout=io.StringIO())  # fmt: skip
    assert by_id.read_bytes().startswith(b"\xef\xbb\xbf")


def export(**options):
    call_command("export_committee_report", stdout=io.StringIO(), **options)


def test_the_command_reports_a_missing_plan_and_an_unwritable_path(demo_plan, tmp_path):
    """A CommandError ends the command from a shell with its return code, 1."""
    with pytest.raises(CommandError, match="No plan has the id or slug 'no-such-plan'") as error:
        export(plan="no-such-plan", format="docx", output=str(tmp_path / "x"))
    assert error.value.returncode == 1
    unwritable = str(tmp_path / "no" / "such" / "folder.xlsx")
    with pytest.raises(CommandError, match=r"Cannot write to .*: No such file or directory"):
        export(plan=demo_plan.slug, format="xlsx", output=unwritable)
    assert not GeneratedReport.objects.exists(), "nothing is kept that was not written"
    with pytest.raises(CommandError, match="invalid choice: 'odt'"):
        call_command("export_committee_report", "--plan", demo_plan.slug, "--format", "odt",
                     "--output", "x", stdout=io.StringIO())  # fmt: skip
    export(plan=demo_plan.slug, format="xlsx", output=str(tmp_path / "fine.xlsx"))
    assert (tmp_path / "fine.xlsx").stat().st_size > 0


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="No /dev/full here.")
def test_the_command_reports_a_full_disk_and_keeps_nothing(demo_plan):
    with pytest.raises(CommandError, match="Cannot write to /dev/full: No space left") as error:
        export(plan=demo_plan.slug, format="csv", output="/dev/full")
    assert error.value.returncode == 1
    assert not GeneratedReport.objects.exists()


def test_a_failed_render_leaves_the_earlier_file_as_it_was(demo_plan, tmp_path, monkeypatch):
    def fail(content):
        raise RuntimeError("rendering failed")

    monkeypatch.setattr("reports.services.render_docx", fail)
    folder = tmp_path / "out"
    folder.mkdir()
    earlier = folder / "report.docx"
    earlier.write_bytes(b"last quarter's report")
    with pytest.raises(RuntimeError):
        export(plan=demo_plan.slug, format="docx", output=str(earlier))
    with pytest.raises(RuntimeError):
        export(plan=demo_plan.slug, format="docx", output=str(folder / "new.docx"))
    assert earlier.read_bytes() == b"last quarter's report"
    assert [path.name for path in folder.iterdir()] == ["report.docx"], "no empty new.docx"
    assert not GeneratedReport.objects.exists()


def test_the_command_replaces_an_earlier_file_whole(demo_plan, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    output = folder / "plan.csv"
    output.write_bytes(b"x" * 100_000)
    export(plan=demo_plan.slug, format="csv", output=str(output))
    assert output.read_bytes() == GeneratedReport.objects.get().document.read()
    assert [path.name for path in folder.iterdir()] == ["plan.csv"], "no partial file left"


def test_each_status_says_whether_it_is_confirmed_challenged_or_awaiting_review(demo_plan):
    """C.ii's status was challenged: it is no longer reported as if it were confirmed."""
    docx = Document(io.BytesIO(document_dated_today(demo_plan, "docx")))
    texts = [paragraph.text for paragraph in docx.paragraphs]
    progress = [text for text in texts if text.startswith("Progress: ")]
    assert any(
        re.fullmatch(r"Progress: On track, 75% complete \(as at .*\), confirmed\. Routes .*", t)
        for t in progress
    ), "B.i"
    assert any(
        re.fullmatch(
            r"Progress: Off track, 10% complete \(as at .*\), challenged\. Two partners have not "
            r"yet shared their agreements\. The challenge: “Two partners missed the deadline: "
            r"please give a recovery date\.”",
            t,
        )
        for t in progress
    ), "C.ii"
    assert any(re.match(r"Progress: At risk, 10% complete \(.*\), awaiting review\.", t)
               for t in progress), "A.ii.e"  # fmt: skip
    assert "Progress: At risk, 8% complete" in "\n".join(progress), "A.ii rolls up, unreviewed"
    reviews = [row.cells[4].text for row in docx.tables[0].rows[1:]]
    assert reviews == [
        "4 awaiting review", "1 confirmed, 2 awaiting review", "1 challenged, 1 awaiting review",
        "1 awaiting review", "1 awaiting review",
    ]  # fmt: skip
    pdf = " ".join(pdf_text(document_dated_today(demo_plan, "pdf")).split())
    assert "10% complete (as at" in pdf
    assert "), challenged. Two partners have not yet shared their agreements. The challenge:" in pdf
    assert "1 challenged, 1 awaiting review" in pdf


def test_the_docx_numbers_its_pages_in_a_footer_with_words_fields(demo_plan):
    footer = Document(io.BytesIO(document(demo_plan, "docx"))).sections[0].footer
    [paragraph] = footer.paragraphs
    fields = [code.text.strip() for code in paragraph._p.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert paragraph.text == "Page 1 of 1", "the fields' text until Word updates them"


def test_each_appendix_of_the_docx_starts_a_new_page(demo_plan):
    docx = Document(io.BytesIO(document(demo_plan, "docx")))
    appendices = [p for p in docx.paragraphs if p.text.startswith("Appendix ")]
    assert [p.text.split(":")[0] for p in appendices] == ["Appendix 1", "Appendix 2", "Appendix 3"]
    assert all(p.paragraph_format.page_break_before for p in appendices)


def test_the_terms_bullets_and_paragraphs_sit_under_their_clauses(demo_plan):
    paragraphs = Document(io.BytesIO(document(demo_plan, "docx"))).paragraphs
    texts = [p.text for p in paragraphs]
    clause_2 = texts.index("2.\tMembership of the Group will include representatives from:")
    clause_text_starts = paragraphs[clause_2].paragraph_format.left_indent
    bullets = paragraphs[clause_2 + 1 : clause_2 + 8]
    assert [p.style.name for p in bullets] == ["List Bullet"] * 7
    for bullet in bullets:
        form = bullet.paragraph_format
        assert form.left_indent > clause_text_starts, "indented under the clause"
        assert form.left_indent + form.first_line_indent == clause_text_starts, "bullet aligned"
    community = paragraphs[clause_2 + 8]
    assert community.text.startswith("The group will also include a diverse range")
    assert community.paragraph_format.left_indent == clause_text_starts, "inside clause 2"


def test_the_status_table_has_widths_that_fit_the_page(demo_plan):
    table = Document(io.BytesIO(document(demo_plan, "docx"))).tables[0]
    widths = [column.width for column in table.columns]
    assert sum(widths) <= Cm(17), "within the margins of A4"
    assert widths[0] == max(widths), "the workstream's title is the widest"
    assert widths[2] >= Cm(2.2), "room for “Off track” on one line"
    assert all(cell.width == widths[i] for row in table.rows for i, cell in enumerate(row.cells))
    assert table.rows[1].cells[0].text.startswith("A. Develop a multi-agency communications")


def test_the_docx_headings_are_in_its_own_font_not_words_blue_calibri(demo_plan):
    docx = Document(io.BytesIO(document(demo_plan, "docx")))
    for name in ["Normal", "Heading 1", "Heading 2", "Heading 3", "Caption"]:
        style = docx.styles[name]
        assert style.font.name == "Arial", name
        assert style.font.color.rgb == RGBColor(0x0B, 0x0C, 0x0C), name
        fonts = style.element.rPr.rFonts
        assert fonts.get(qn("w:asciiTheme")) is None, f"{name} would take the theme's font"


def test_the_docx_names_the_partnership_as_its_author_with_the_day_it_was_made(demo_plan):
    properties = Document(io.BytesIO(document(demo_plan, "docx"))).core_properties
    name = "County Durham and Darlington Joint Hate Crime Action Group"
    assert (properties.author, properties.last_modified_by) == (name, name)
    assert properties.created.date() == properties.modified.date() == timezone.now().date()
    assert "python-docx" not in (properties.comments or "")
    assert properties.title == "County Durham and Darlington Hate Crime Action Group: update"


def pdf_pages(data):
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_the_pdfs_status_column_keeps_off_track_whole(demo_plan):
    pages = pdf_pages(document_dated_today(demo_plan, "pdf"))
    [table] = [text for text in pages if "Where each workstream stands on" in text]
    assert "Off track 12%" in table, "C's status on one line, beside its percentage"
    assert "C. Review how" in table, "the workstream is named, not only lettered"


def test_the_report_gives_the_statistics_up_to_its_date_as_everyone_sees_them(demo_plan):
    """The demo's report is dated 21 September 2018: its figures are the published years
    to 2015/16, the force's 2017/18 and the illustrative months to August 2018."""
    docx = Document(io.BytesIO(document(demo_plan, "docx")))
    texts = [p.text for p in docx.paragraphs]
    statistics = texts[texts.index("Appendix 3: Statistics") :]
    assert statistics[1].startswith("The latest figures for each measure the group monitors, "
                                    "for periods ending by 21 September 2018")  # fmt: skip
    assert "Recorded hate crimes" in statistics
    assert "Some of these figures are illustrative, not real." in statistics
    crimes = [[cell.text for cell in row.cells] for row in docx.tables[1].rows]
    assert crimes == [
        ["Area", "Period", "Count", "Change on the period before", "Change on a year before"],
        ["County Durham", "2015/16", "202", "–", "+34 (+20.2%)"],
        ["Durham police force area", "2017/18", "517", "–", "–"],
        ["County Durham", "August 2018", "44", "-6 (-12.0%)", "–"],
    ]
    pdf = " ".join(pdf_text(document(demo_plan, "pdf")).split())
    assert "Appendix 3: Statistics" in pdf
    assert "County Durham August 2018 44 -6 (-12.0%)" in pdf


def test_a_report_dated_now_flags_the_latest_figures(demo_plan):
    """March 2020's spike in recorded hate crimes is flagged, in the trend pages' words."""
    docx = Document(io.BytesIO(document_dated_today(demo_plan, "docx")))
    flags = [p.text for p in docx.paragraphs if p.text.startswith(("Concern:", "Welcome:",
                                                                     "Worth a look:"))]  # fmt: skip
    assert any("County Durham, all strands, March 2020: 96, higher than" in f for f in flags)
