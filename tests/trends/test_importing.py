"""Reading files of counts: both layouts, and every kind of bad row, which rejects the
whole file with nothing written."""

import dataclasses
import datetime
import io
import re
import struct
import time
import zipfile

import pytest
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from tests import factories
from trends.history import audit_changes
from trends.importing import (
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    NEGATIVE,
    NOT_A_NUMBER,
    NOT_WHOLE,
    REPEATED_COLUMN,
    TOO_LARGE_COUNT,
    TOO_LARGE_UNPACKED,
    TOO_MANY_ROWS,
    UNKNOWN_COLUMN,
    UNSAVED_FORMULA,
    ImportRejected,
    Problem,
    Record,
)
from trends.models import MAX_COUNT, Count, StatisticsImport
from trends.periods import MONTH, QUARTER, YEAR, Period
from trends.services import statistics_import, statistics_import_file

from .conftest import LONG_HEADER, WIDE_HEADER, csv_bytes, rezipped, xlsx_bytes

pytestmark = pytest.mark.django_db


def import_file(statistics, name, data, **kwargs):
    return statistics_import_file(
        partnership=statistics.partnership, filename=name, data=data, imported_by=None, **kwargs
    )


def test_a_long_csv_file_is_imported(statistics):
    data = csv_bytes(
        [
            LONG_HEADER,
            ["2019/20", "County Durham", "All strands", "Recorded hate crimes", "723", "DCC", ""],
            ["2019/20 Q1", "county durham", "Race", "recorded hate crimes", "1,204", "", "Revised"],
            ["April 2019", "Darlington", "", "Reported hate incidents", "3", "", ""],
        ]
    )
    batch = import_file(statistics, "counts.csv", data)
    assert (batch.rows, batch.replaced) == (3, 0)
    counts = {
        (c.measure.slug, c.area.name, c.strand_id, c.period_kind, str(c.period_start)):
        (c.value, c.source, c.note)
        for c in Count.objects.select_related("measure", "area")
    }  # fmt: skip
    assert counts == {
        ("recorded-hate-crimes", "County Durham", None, YEAR, "2019-04-01"): (723, "DCC", ""),
        ("recorded-hate-crimes", "County Durham", "race", QUARTER, "2019-04-01"):
            (1204, "", "Revised"),
        ("reported-hate-incidents", "Darlington", None, MONTH, "2019-04-01"): (3, "", ""),
    }  # fmt: skip


def test_a_wide_workbook_is_imported_one_count_per_filled_strand_cell(statistics):
    data = xlsx_bytes(
        [
            WIDE_HEADER,
            ["2019-04", "County Durham", "Recorded hate crimes", 40, 4, 6, 5, None, 55, "Police"],
            ["2019-05", "Darlington", "Recorded hate crimes", 7, None, None, None, None, 8, ""],
        ]
    )
    batch = import_file(statistics, "counts.xlsx", data)
    assert batch.rows == 7
    may = Count.objects.filter(area=statistics.darlington)
    assert sorted((c.strand_id or "all", c.value) for c in may) == [("all", 8), ("race", 7)]
    assert Count.objects.get(area=statistics.durham, strand="sexual-orientation").value == 6
    assert Count.objects.get(area=statistics.durham, strand=None).source == "Police"


def rejection(statistics, rows, name="counts.csv") -> list[Problem]:
    data = xlsx_bytes(rows) if name.endswith(".xlsx") else csv_bytes(rows)
    with pytest.raises(ImportRejected) as rejected:
        import_file(statistics, name, data)
    assert not Count.objects.exists(), "nothing is written"
    assert not StatisticsImport.objects.exists()
    return rejected.value.problems


GOOD = {"Period": "2019-04", "Area": "County Durham", "Strand": "Race",
        "Measure": "Recorded hate crimes", "Count": "12"}  # fmt: skip


def row(**changes) -> list[str]:
    return list((GOOD | changes).values())


@pytest.mark.parametrize(
    ("bad_row", "column", "words"),
    [
        (row(Strand="Hair colour"), "Strand", "“Hair colour” is not a strand"),
        (row(Count="-3"), "Count", NEGATIVE.format(text="-3")),
        (row(Count="2.5"), "Count", NOT_WHOLE.format(text="2.5")),
        (row(Count="lots"), "Count", NOT_A_NUMBER.format(text="lots")),
        (row(Count="Infinity"), "Count", NOT_A_NUMBER.format(text="Infinity")),
        (row(Count="-inf"), "Count", NOT_A_NUMBER.format(text="-inf")),
        (row(Count="NaN"), "Count", NOT_A_NUMBER.format(text="NaN")),
        (row(Count="sNaN"), "Count", NOT_A_NUMBER.format(text="sNaN")),
        (row(Count="3e9"), "Count", TOO_LARGE_COUNT.format(text="3e9", limit=1_000_000)),
        (row(Count="1,000,001"), "Count", "1,000,001 is more than 1,000,000"),
        (row(Count="1e999999999"), "Count", "1e999999999 is more than 1,000,000"),
        (row(Count=""), "Count", "Enter the count"),
        (row(Period="Q1 2019"), "Period", "“Q1 2019” is not a period"),
        (row(Area="Durham City"), "Area", "“Durham City” is not one of the partnership's areas"),
        (row(Measure="Burglaries"), "Measure", "“Burglaries” is not one of the partnership's"),
        (row(Period="April 2019", Area="county durham", Strand="race", Count="13"), "Count",
         "Repeats the count in row 2"),
    ],
)  # fmt: skip
def test_a_bad_row_rejects_the_file_naming_its_row_and_column(statistics, bad_row, column, words):
    problems = rejection(statistics, [LONG_HEADER[:5], row(), bad_row])
    assert len(problems) == 1
    assert (problems[0].row, problems[0].column) == (3, column)
    assert words in problems[0].message


def test_every_bad_row_is_reported_at_once(statistics):
    problems = rejection(
        statistics,
        [
            WIDE_HEADER,
            ["2019-04", "County Durham", "Recorded hate crimes", 40, -1, 6, 5, None, 55, ""],
            ["2019-05", "County Durham", "Recorded hate crimes", 40, 1, 6, 5, None, 55.5, ""],
            ["2019-06", "Nowhere", "Recorded hate crimes", 40, 1, 6, 5, None, 55, ""],
            [
                "2019-07",
                "County Durham",
                "Recorded hate crimes",
                None,
                None,
                None,
                None,
                None,
                None,
                "",
            ],
        ],
        name="counts.xlsx",
    )
    assert [str(p) for p in problems] == [
        "Row 2, Religion or belief: -1 is negative: counts are 0 or more",
        "Row 3, All strands: 55.5 is not a whole number",
        "Row 4, Area: “Nowhere” is not one of the partnership's areas",
        "Row 5, Counts: Enter at least one count",
    ]


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("counts.txt", b"Period,Area", "must be a CSV file"),
        ("counts.csv", "Période".encode("utf-16"), "not UTF-8"),
        ("counts.xlsx", b"PK\x03\x04 not really", "could not be read as a workbook"),
        ("counts.csv", b"Month,Place,Number\n2019-04,Durham,3\n", "The first row must name"),
        ("counts.csv", b"Period,Area,Strand,Measure,Count\n", "no counts"),
    ],
)
def test_a_file_that_is_not_a_table_of_counts_is_refused(statistics, name, data, words):
    with pytest.raises(ImportRejected) as rejected:
        import_file(statistics, name, data)
    assert words in str(rejected.value.problems[0])


def test_reimporting_a_period_replaces_its_counts_and_the_history_shows_it(statistics):
    first = [
        LONG_HEADER[:5],
        ["2019/20 Q1", "County Durham", "All strands", "Recorded hate crimes", "150"],
        ["2019/20 Q1", "County Durham", "Race", "Recorded hate crimes", "100"],
        ["2019/20 Q1", "County Durham", "Disability", "Recorded hate crimes", "20"],
        ["2019/20 Q2", "County Durham", "All strands", "Recorded hate crimes", "160"],
    ]
    import_file(statistics, "first.csv", csv_bytes(first))
    race, disability = Count.objects.get(strand="race"), Count.objects.get(strand="disability")
    revised = [
        LONG_HEADER[:5],
        ["2019/20 Q1", "County Durham", "All strands", "Recorded hate crimes", "152"],
        ["2019/20 Q1", "County Durham", "Race", "Recorded hate crimes", "101"],
    ]
    batch = import_file(statistics, "revised.csv", csv_bytes(revised))
    assert batch.replaced == 3, "the quarter's three counts, including disability's"
    q1 = Count.objects.filter(period_start=datetime.date(2019, 4, 1))
    assert sorted((c.strand_id or "all", c.value) for c in q1) == [("all", 152), ("race", 101)]
    assert Count.objects.get(period_start=datetime.date(2019, 7, 1)).value == 160, "Q2 kept"
    assert Count.objects.get(strand="race").pk == race.pk, "race's count revised in place"
    revision = LogEntry.objects.get_for_object(race).get(action=LogEntry.Action.UPDATE)
    assert revision.changes_dict["value"] == ["100", "101"]
    deletion = LogEntry.objects.get_for_object(disability).get(action=LogEntry.Action.DELETE)
    assert deletion.changes_dict["value"] == ["20", "None"]


def test_illustrative_figures_are_marked(statistics):
    rows = [LONG_HEADER[:5], row()]
    import_file(statistics, "made-up.csv", csv_bytes(rows), illustrative=True)
    assert Count.objects.get().illustrative


def test_the_largest_count_held_is_accepted(statistics):
    import_file(statistics, "counts.csv", csv_bytes([LONG_HEADER[:5], row(Count="1,000,000")]))
    assert Count.objects.get().value == MAX_COUNT


def test_rows_are_numbered_as_the_spreadsheet_shows_them_blank_rows_included(statistics):
    rows = [LONG_HEADER[:5], [], row(), ["", "", "", "", ""], row(Count="x")]
    for name in ("counts.csv", "counts.xlsx"):
        (problem,) = rejection(statistics, rows, name=name)
        assert (problem.row, problem.column) == (5, "Count"), name


def test_a_file_past_the_row_limit_is_refused_unread(statistics):
    rows = [LONG_HEADER[:5], *[row()] * MAX_ROWS, row(Count="not read")]
    assert rejection(statistics, rows) == [TOO_MANY_ROWS]


def test_a_csv_file_the_csv_reader_cannot_read_says_so(statistics):
    data = b"Period,Area,Strand,Measure,Count\n" + b'"' + b"x" * 200_000 + b'"\n'
    with pytest.raises(ImportRejected) as rejected:
        import_file(statistics, "counts.csv", data)
    (message,) = rejected.value.problems
    assert message.startswith("The file could not be read as CSV: field larger than")


def test_a_workbook_claiming_to_be_huge_is_read_as_small_as_it_is(statistics):
    """A 5 KB workbook whose sheet claims 16,384 columns by 20,000 rows once took 42 s
    and 2.6 GB, because every row was padded to the claimed size."""
    data = rezipped(
        xlsx_bytes([LONG_HEADER[:5], row()]),
        lambda name, content: re.sub(
            rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD20000"', content
        ),
    )
    assert len(data) < 10_000
    started = time.monotonic()
    batch = import_file(statistics, "counts.xlsx", data)
    assert batch.rows == 1
    assert time.monotonic() - started < 5


def padded_sheet(name: str, content: bytes) -> bytes:
    """The sheet with more spaces than MAX_UNPACKED_BYTES, which deflate packs small."""
    if name != "xl/worksheets/sheet1.xml":
        return content
    return content.replace(b"</sheetData>", b" " * MAX_UNPACKED_BYTES + b"</sheetData>")


def test_a_workbook_that_unpacks_too_large_is_refused_before_it_is_opened(statistics):
    data = rezipped(xlsx_bytes([LONG_HEADER[:5], row()]), padded_sheet)
    assert len(data) < 200_000, "a deflate bomb"
    with pytest.raises(ImportRejected) as rejected:
        import_file(statistics, "counts.xlsx", data)
    assert rejected.value.problems == [TOO_LARGE_UNPACKED]


def test_a_workbook_that_understates_its_unpacked_size_is_not_unpacked_past_it(statistics):
    """zipfile stops at a member's declared size, so the size check cannot be dodged."""
    data = bytearray(rezipped(xlsx_bytes([LONG_HEADER[:5], row()]), padded_sheet))
    name = b"xl/worksheets/sheet1.xml"
    local = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(name.decode()).header_offset
    central = data.index(name, data.index(b"PK\x01\x02")) - 46
    data[local + 22 : local + 26] = struct.pack("<I", 1000)  # its local header
    data[central + 24 : central + 28] = struct.pack("<I", 1000)  # the central directory
    started = time.monotonic()
    with pytest.raises(ImportRejected) as rejected:
        import_file(statistics, "counts.xlsx", bytes(data))
    assert "could not be read as a workbook" in rejected.value.problems[0]
    assert time.monotonic() - started < 5


WIDE_COLUMNS = (
    "Period, Area, Measure, Race, Religion or belief, Sexual orientation, Disability, "
    "Transgender identity, All strands, Source, Note"
)


def test_an_unknown_column_is_reported_not_ignored(statistics):
    header = [*WIDE_HEADER[:4], "Relgion or belief", *WIDE_HEADER[5:]]
    good = ["2019-04", "County Durham", "Recorded hate crimes", 40, 4, 6, 5, None, 55, "Police"]
    bad = ["2019-05", "Nowhere", "Recorded hate crimes", 40, 4, 6, 5, None, 55, "Police"]
    problems = rejection(statistics, [header, good, bad], name="counts.xlsx")
    assert problems == [
        Problem(
            1,
            "Column E",
            UNKNOWN_COLUMN.format(text="Relgion or belief", layout="wide", columns=WIDE_COLUMNS),
        ),
        Problem(3, "Area", "“Nowhere” is not one of the partnership's areas"),
    ], "the rows are checked too"


def test_the_long_layout_reports_unknown_and_repeated_columns(statistics):
    problems = rejection(statistics, [[*LONG_HEADER[:5], "Sorce", "count"], row()])
    assert [(p.row, p.column) for p in problems] == [(1, "Column F"), (1, "Column G")]
    assert problems[0].message.startswith("“Sorce” is not a column of the long layout")
    assert problems[1].message == REPEATED_COLUMN.format(text="count", first="E")


def test_columns_are_matched_whatever_their_case_and_spacing(statistics):
    header = [" period", "AREA ", "Measure", "religion  OR belief", "All Strands"]
    rows = [header, ["2019-04", "County Durham", "Recorded hate crimes", 4, 55]]
    batch = import_file(statistics, "counts.csv", csv_bytes(rows))
    assert batch.rows == 2
    assert Count.objects.get(strand="religion").value == 4


def test_a_formula_with_no_saved_value_is_reported_not_taken_as_empty(statistics):
    rows = [
        WIDE_HEADER,
        ["2019-04", "County Durham", "Recorded hate crimes", 40, 4, 6, 5, None, "=SUM(D2:H2)", ""],
    ]
    (problem,) = rejection(statistics, rows, name="counts.xlsx")
    assert problem == Problem(2, "All strands", UNSAVED_FORMULA.format(formula="=SUM(D2:H2)"))
    assert str(problem).startswith("Row 2, All strands: Holds a formula (=SUM(D2:H2)) with no")


def test_a_formula_with_a_saved_value_imports_that_value(statistics):
    rows = [
        WIDE_HEADER,
        ["2019-04", "County Durham", "Recorded hate crimes", 40, 4, 6, 5, None, "=SUM(D2:H2)", ""],
    ]
    data = rezipped(
        xlsx_bytes(rows),
        lambda name, content: content.replace(
            b"<f>SUM(D2:H2)</f><v></v>", b"<f>SUM(D2:H2)</f><v>55</v>"
        ),
    )
    import_file(statistics, "counts.xlsx", data)
    assert Count.objects.get(strand=None).value == 55


def test_a_date_cell_in_the_period_column_is_the_month_it_falls_in(statistics):
    rows = [
        LONG_HEADER[:5],
        [datetime.datetime(2019, 4, 1), "County Durham", "Race", "Recorded hate crimes", 12],
        [datetime.date(2019, 5, 17), "County Durham", "Race", "Recorded hate crimes", 14],
    ]
    import_file(statistics, "counts.xlsx", xlsx_bytes(rows))
    assert sorted((c.period_kind, c.period_start, c.value) for c in Count.objects.all()) == [
        (MONTH, datetime.date(2019, 4, 1), 12),
        (MONTH, datetime.date(2019, 5, 1), 14),
    ]


@pytest.mark.parametrize(
    ("period", "value", "field"),
    [
        (Period(datetime.date(2019, 5, 1), QUARTER), 12, "period_start"),
        (Period(datetime.date(2019, 4, 1), QUARTER), 1_000_001, "value"),
    ],
)
def test_the_import_service_validates_each_count_it_writes(statistics, period, value, field):
    record = Record(statistics.crimes.pk, statistics.durham.pk, None, period, value, "", "")
    with pytest.raises(ValidationError) as invalid:
        statistics_import(
            partnership=statistics.partnership, records=[record], filename="x", imported_by=None
        )
    assert field in invalid.value.message_dict
    assert not Count.objects.exists()


def counts_for_two_months(statistics, value: int) -> list[Record]:
    """2,000 counts: a thousand months each of recorded crimes and reported incidents."""
    first = Period(datetime.date(1900, 1, 1), MONTH)
    return [
        Record(measure.pk, statistics.durham.pk, None, first.shifted(n), value, "Police", "")
        for measure in (statistics.crimes, statistics.incidents)
        for n in range(1000)
    ]


def test_an_import_writes_counts_and_their_history_many_to_a_query(
    statistics, django_assert_max_num_queries
):
    """Replacing 2,000 counts took over 8,000 queries, several for each count."""
    records = counts_for_two_months(statistics, 7)
    statistics_import(
        partnership=statistics.partnership, records=records, filename="x", imported_by=None
    )
    # 1 for the counts held, 3 for the measures, areas and strands, 2 for the import and
    # its history entry, and the transaction's savepoint; then in batches (on SQLite,
    # which takes fewest values in a query: of 100 ids, 90 counts or 62 history entries)
    # 20 to delete the counts replaced, 23 to write the new ones, 2 x 33 for history.
    with django_assert_max_num_queries(7 + 20 + 23 + 2 * 33):
        statistics_import(
            partnership=statistics.partnership, records=records, filename="x", imported_by=None
        )
    assert Count.objects.count() == 2000


def test_the_history_keeps_each_count_written_replaced_or_deleted_with_its_values(statistics):
    records = counts_for_two_months(statistics, 7)
    statistics_import(
        partnership=statistics.partnership, records=records, filename="x", imported_by=None
    )
    first = {count.pk: count for count in Count.objects.all()}
    revised = counts_for_two_months(statistics, 9)
    # The first month's all-strands count is replaced by one for race.
    revised[0] = dataclasses.replace(revised[0], strand_code="race")
    statistics_import(
        partnership=statistics.partnership, records=revised, filename="y", imported_by=None
    )
    history = LogEntry.objects.filter(content_type__model="count")
    created = history.filter(action=LogEntry.Action.CREATE, object_id__in=first)
    assert created.count() == 2000
    assert created.get(object_id=min(first)).changes_dict["value"] == ["None", "7"]
    (deleted,) = history.filter(action=LogEntry.Action.DELETE)
    assert (deleted.object_id, deleted.changes_dict["value"]) == (min(first), ["7", "None"])
    assert deleted.object_repr == str(first[min(first)])
    race = Count.objects.get(strand="race")
    race_entry = history.get(action=LogEntry.Action.CREATE, object_id=race.pk)
    assert race_entry.changes_dict["strand"] == ["None", "race"]
    updated = history.filter(action=LogEntry.Action.UPDATE)
    assert updated.count() == 1999
    count = Count.objects.get(pk=max(first))
    entry = updated.get(object_id=count.pk)
    assert entry.changes_dict["value"] == ["7", "9"]
    assert entry.object_repr == str(count)


@pytest.mark.parametrize("strand", [None, "race"])
def test_the_history_written_in_bulk_is_what_auditlog_writes_for_a_save(statistics, strand):
    old = factories.CountFactory(
        measure=statistics.crimes,
        area=statistics.durham,
        strand=factories.strand(strand) if strand else None,
        note="",
        source="Police",
    )
    new = Count.objects.get(pk=old.pk)
    new.value, new.note = 31, "Revised"
    for before, after in [(None, old), (old, None), (old, new)]:
        expected = model_instance_diff(before, after)
        assert audit_changes(before, after) == {name: list(pair) for name, pair in expected.items()}
