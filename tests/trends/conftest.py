import csv
import io
import zipfile

import pytest
from openpyxl import Workbook

from tests import factories
from trends.models import Measure


class Statistics:
    def __init__(self, partnership):
        self.partnership = partnership
        self.crimes = factories.MeasureFactory(partnership=partnership, name="Recorded hate crimes")
        self.incidents = factories.MeasureFactory(
            partnership=partnership,
            name="Reported hate incidents",
            good_direction=Measure.Direction.UP,
        )
        self.durham = factories.AreaFactory(partnership=partnership, name="County Durham")
        self.darlington = factories.AreaFactory(partnership=partnership, name="Darlington")


@pytest.fixture
def statistics(personas) -> Statistics:
    return Statistics(personas.partnership)


def csv_bytes(rows: list[list]) -> bytes:
    output = io.StringIO()
    csv.writer(output).writerows(rows)
    return output.getvalue().encode()


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


LONG_HEADER = ["Period", "Area", "Strand", "Measure", "Count", "Source", "Note"]
WIDE_HEADER = [
    "Period", "Area", "Measure", "Race", "Religion or belief", "Sexual orientation",
    "Disability", "Transgender identity", "All strands", "Source",
]  # fmt: skip


def rezipped(xlsx: bytes, change) -> bytes:
    """The workbook with each member's bytes passed through `change(name, data)`."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            target.writestr(member, change(member.filename, source.read(member.filename)))
    return output.getvalue()
