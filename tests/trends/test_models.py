"""What a count holds: a period that starts where its kind of period starts."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from trends.models import NOT_A_PERIOD_START
from trends.periods import MONTH, QUARTER, YEAR

pytestmark = pytest.mark.django_db


def count_starting(kind, start):
    measure = factories.MeasureFactory()
    area = factories.AreaFactory(partnership=measure.partnership)
    return factories.CountFactory.build(
        measure=measure, area=area, period_kind=kind, period_start=start
    )


@pytest.mark.parametrize(
    ("kind", "start"),
    [
        (MONTH, datetime.date(2019, 5, 1)),
        (QUARTER, datetime.date(2019, 4, 1)),
        (QUARTER, datetime.date(2019, 7, 1)),
        (QUARTER, datetime.date(2019, 10, 1)),
        (QUARTER, datetime.date(2020, 1, 1)),
        (YEAR, datetime.date(2019, 4, 1)),
    ],
)
def test_a_count_may_start_on_the_first_day_of_its_period(kind, start):
    count_starting(kind, start).full_clean()


@pytest.mark.parametrize(
    ("kind", "start"),
    [
        (MONTH, datetime.date(2019, 5, 2)),
        (QUARTER, datetime.date(2019, 5, 1)),
        (QUARTER, datetime.date(2019, 4, 2)),
        (YEAR, datetime.date(2020, 1, 1)),
        (YEAR, datetime.date(2019, 4, 30)),
    ],
)
def test_a_count_may_not_start_anywhere_else(kind, start):
    count = count_starting(kind, start)
    with pytest.raises(ValidationError) as invalid:
        count.full_clean()
    assert invalid.value.message_dict == {"period_start": [NOT_A_PERIOD_START[kind]]}
