"""What a count holds (a period that starts where its kind of period starts), and areas
within areas."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from trends.models import NOT_A_PERIOD_START, PART_OF_ANOTHER_PARTNERSHIP, PART_OF_ITSELF
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


def test_an_area_may_be_part_of_another_of_its_partnership():
    force = factories.AreaFactory(name="Force area")
    county = factories.AreaFactory(partnership=force.partnership, part_of=force)
    district = factories.AreaFactory(partnership=force.partnership, part_of=county)
    district.full_clean()


def test_an_area_may_not_be_part_of_another_partnership_s_area():
    area = factories.AreaFactory.build(
        partnership=factories.PartnershipFactory(), part_of=factories.AreaFactory()
    )
    with pytest.raises(ValidationError) as invalid:
        area.full_clean()
    assert invalid.value.message_dict == {"part_of": [PART_OF_ANOTHER_PARTNERSHIP]}


def test_an_area_may_not_be_part_of_itself_even_by_way_of_others():
    force = factories.AreaFactory(name="Force area")
    county = factories.AreaFactory(partnership=force.partnership, part_of=force)
    for larger in (force, county):
        force.part_of = larger
        with pytest.raises(ValidationError) as invalid:
            force.full_clean()
        assert invalid.value.message_dict == {"part_of": [PART_OF_ITSELF]}
