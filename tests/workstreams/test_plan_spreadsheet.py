"""Reading a plan from a spreadsheet in the layout of its export: the round trip, every
kind of problem with its row and column, and an existing plan's preview and update."""

import datetime
import io

import pytest
from openpyxl import Workbook

from hcag.spreadsheets import render_csv
from hcag.tables import (
    TOO_LARGE_UNPACKED,
    TOO_MANY_ROWS,
    UNSAVED_FORMULA,
    ImportRejected,
    Problem,
)
from reports.selectors import SPREADSHEET_COLUMNS, plan_rows
from reports.services import render_document
from tests import factories
from workstreams import spreadsheet
from workstreams.importing import plan_create_from_sheet, plan_update_from_sheet
from workstreams.models import Action
from workstreams.spreadsheet import plan_changes, read_plan_sheet

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 3)
READ = 6  # the export's columns an import reads: workstream to target date


def exported(plan, format):
    return render_document(plan=plan, format=format, report=None, today=TODAY)


def as_read(plan):
    return [row[:READ] for row in plan_rows(plan)]


def csv_file(rows, columns=SPREADSHEET_COLUMNS):
    return render_csv(columns, rows)


def problems_of(data, name="plan.csv"):
    with pytest.raises(ImportRejected) as rejected:
        read_plan_sheet(name, data)
    return rejected.value.problems


def test_a_generated_plan_of_200_actions_round_trips(personas):
    plan = factories.ActionPlanFactory(partnership=personas.partnership)
    workstreams = [
        factories.WorkstreamFactory(plan=plan, letter="A", lead_organisations=[personas.police]),
        factories.WorkstreamFactory(
            plan=plan, letter="B", lead_organisations=[personas.council, personas.police]
        ),
    ]
    owners = [personas.council, None, personas.commissioner]
    for number in range(200):
        workstream = workstreams[number % 2]
        action = factories.ActionFactory(
            workstream=workstream,
            label=spreadsheet.roman(number // 2 + 1),
            position=number // 2,
            text=f"Action {number}, with “quotes”, and = sign",
            owner_organisation=owners[number % 3],
            target_date=datetime.date(2027, 1, 1) + datetime.timedelta(days=number),
        )
        if number % 10 == 0:
            factories.SubItemFactory(
                workstream=workstream, parent=action, label="a", text="Sub", target_date=None
            )
    sheet = read_plan_sheet("plan.xlsx", exported(plan, "xlsx"))
    copy = plan_create_from_sheet(
        partnership=plan.partnership, title="Copy", description="", sheet=sheet
    )
    assert as_read(copy) == as_read(plan)
    assert plan_changes(plan, sheet).changes == []


HEADER = SPREADSHEET_COLUMNS
WORKSTREAM_B = "B. Police work"


def rows_of(personas, *extra):
    return [
        [WORKSTREAM_B, "B.i", "Patrol", "Test Constabulary", "", "2027-03-31"],
        *extra,
    ]


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (
            [WORKSTREAM_B, "B.ii", "Two", "Test Constabulary", "Nobody Ltd", ""],
            "Owner",
            "“Nobody Ltd” is not in the organisations register",
        ),
        (
            [WORKSTREAM_B, "B.iv.a", "Orphan", "Test Constabulary", "", ""],
            "Reference",
            "Sub-item B.iv.a is under action B.iv, which is not in the file",
        ),
        (
            [WORKSTREAM_B, "B.i", "Again", "Test Constabulary", "", ""],
            "Reference",
            "B.i is also in row 2: each action and sub-item appears once",
        ),
        (
            [WORKSTREAM_B, "B.ii", "Two", "Test Constabulary", "", "31 Febuary 2027"],
            "Target date",
            "“31 Febuary 2027” is not a date: write it like 2026-03-31 or 31/03/2026",
        ),
        (
            [WORKSTREAM_B, "B.x.y.z", "Two", "Test Constabulary", "", ""],
            "Reference",
            spreadsheet.NOT_A_REFERENCE.format(text="B.x.y.z"),
        ),
        (
            [WORKSTREAM_B, "C.i", "Two", "Test Constabulary", "", ""],
            "Reference",
            "C.i is not in workstream B, which this row names",
        ),
        (
            [WORKSTREAM_B, "B.ii", "Two", "Test Borough Council", "", ""],
            "Lead organisations",
            "Workstream B's leads are “Test Constabulary” in row 2: write them the same way",
        ),
        (
            [WORKSTREAM_B, "B.ii", "", "Test Constabulary", "", ""],
            "Action",
            "Enter the action's text",
        ),
    ],
)
def test_each_kind_of_bad_row_is_a_problem_in_its_row_and_column(personas, row, column, message):
    data = csv_file(rows_of(personas, row))
    assert problems_of(data) == [Problem(3, column, message)]


def test_a_formula_without_a_saved_value_is_a_problem_and_nothing_is_written(personas):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append([WORKSTREAM_B, "B.i", "Patrol", "Test Constabulary", "", ""])
    sheet.append([WORKSTREAM_B, "B.ii", "=CONCAT(A1,B1)", "Test Constabulary", "", ""])
    output = io.BytesIO()
    workbook.save(output)
    before = Action.objects.count()
    problems = problems_of(output.getvalue(), "plan.xlsx")
    assert problems == [Problem(3, "Action", UNSAVED_FORMULA.format(formula="=CONCAT(A1,B1)"))]
    assert Action.objects.count() == before


def test_every_problem_of_a_file_is_reported_at_once(personas):
    data = csv_file(
        [
            [WORKSTREAM_B, "B.i", "Patrol", "Test Constablery", "", ""],
            [WORKSTREAM_B, "B.ii", "Two", "Test Constablery", "", "soon"],
        ]
    )
    problems = problems_of(data)
    assert [(p.row, p.column) for p in problems] == [
        (2, "Lead organisations"),
        (3, "Lead organisations"),
        (3, "Target date"),
    ]
    assert "did you mean “Test Constabulary”?" in problems[0].message


def test_a_column_the_export_does_not_have_is_a_problem_in_the_header(personas):
    data = csv_file([[WORKSTREAM_B, "B.i", "Patrol", "", "", "", "x"]], [*HEADER[:6], "Colour"])
    assert [(p.row, p.column) for p in problems_of(data)] == [(1, "Column G")]


def test_a_file_past_the_row_limit_is_refused(personas, monkeypatch):
    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 2)
    rows = [[WORKSTREAM_B, f"B.{spreadsheet.roman(n)}", "A", "", "", ""] for n in range(1, 4)]
    assert problems_of(csv_file(rows)) == [TOO_MANY_ROWS.format(limit=2)]


def test_a_zip_bomb_is_refused_before_it_is_opened(personas, monkeypatch):
    monkeypatch.setattr("hcag.tables.MAX_UNPACKED_BYTES", 1000)
    plan = personas.plan
    factories.ActionFactory(workstream=personas.police_workstream, label="i", text="x" * 900)
    problems = problems_of(exported(plan, "xlsx"), "plan.xlsx")
    assert problems == [TOO_LARGE_UNPACKED]


def existing_plan(personas):
    workstream = personas.police_workstream
    workstream.title = "Police work"
    workstream.save()
    first = factories.ActionFactory(workstream=workstream, label="i", position=0, text="Patrol")
    factories.SubItemFactory(workstream=workstream, parent=first, label="a", text="Night")
    factories.ActionFactory(workstream=workstream, label="ii", position=1, text="Train")
    factories.ActionFactory(workstream=workstream, label="iii", position=2, text="Report")
    return workstream


def test_importing_into_an_existing_plan_previews_and_applies_what_it_adds_changes_and_retires(
    personas,
):
    workstream = existing_plan(personas)
    data = csv_file(
        [
            [WORKSTREAM_B, "B.i", "Patrol", "Test Constabulary", "", ""],
            [WORKSTREAM_B, "B.i.a", "Night patrols", "Test Constabulary", "", ""],
            [WORKSTREAM_B, "B.i.b", "Day patrols", "Test Constabulary", "", ""],
            [WORKSTREAM_B, "B.iii", "Report", "Test Constabulary", "Test Borough Council", ""],
            [WORKSTREAM_B, "B.iv", "Publish", "Test Constabulary", "", "2027-06-30"],
        ]
    )
    sheet = read_plan_sheet("plan.csv", data)
    changes = plan_changes(personas.plan, sheet)
    assert [c.reference for c in changes.added] == ["B.i.b", "B.iv"]
    assert [c.reference for c in changes.changed] == ["B.i.a", "B.iii"]
    assert [c.reference for c in changes.retired] == ["D", "B.ii"]
    assert Action.objects.filter(workstream=workstream).count() == 4  # nothing saved yet
    plan_update_from_sheet(plan=personas.plan, sheet=sheet)
    live = {
        a.reference: (a.text, a.owner_organisation, a.target_date)
        for a in Action.objects.live().filter(workstream=workstream)
    }
    # Labels follow the plan's order among what is left in it: with D retired, B is A.
    assert live == {
        "A.i": ("Patrol", None, None),
        "A.i.a": ("Night patrols", None, None),
        "A.i.b": ("Day patrols", None, None),
        "A.ii": ("Report", personas.council, None),
        "A.iii": ("Publish", None, datetime.date(2027, 6, 30)),
    }
    assert Action.objects.get(text="Train").retired_on is not None
    personas.council_workstream.refresh_from_db()
    assert personas.council_workstream.retired_on is not None


def test_a_plan_imported_from_its_own_export_has_nothing_to_change(personas):
    existing_plan(personas)
    sheet = read_plan_sheet("plan.csv", exported(personas.plan, "csv"))
    # Workstream D has no actions, so the export cannot hold it: it would be retired.
    assert [(c.kind, c.reference) for c in plan_changes(personas.plan, sheet).changes] == [
        ("retired", "D")
    ]


def test_a_cell_naming_two_unknown_organisations_is_one_problem_naming_both(personas):
    data = csv_file([[WORKSTREAM_B, "B.i", "Patrol", "Acme and Test Constablery", "", ""]])
    (problem,) = problems_of(data)
    assert (problem.row, problem.column) == (2, "Lead organisations")
    assert "“Acme” is not in the organisations register" in problem.message
    assert "“Test Constablery” is not in the organisations register" in problem.message


def test_the_sub_items_of_an_action_with_a_problem_are_not_called_orphans(personas):
    data = csv_file(
        [
            [WORKSTREAM_B, "B.i", "", "Test Constabulary", "", ""],
            [WORKSTREAM_B, "B.i.a", "Night", "Test Constabulary", "", ""],
        ]
    )
    assert problems_of(data) == [Problem(2, "Action", "Enter the action's text")]
