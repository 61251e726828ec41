import pytest
from django.db.models import F

from hcag.pagination import page_of
from tests import factories
from workstreams.models import Action

pytestmark = pytest.mark.django_db


@pytest.fixture
def actions():
    workstream = factories.WorkstreamFactory()
    for position in range(1, 8):
        factories.ActionFactory(workstream=workstream, position=position, text=f"Action {position}")
    return Action.objects.annotate(doubled=F("position") * 2).order_by("-position")


def test_a_page_keeps_the_querysets_order_and_annotations(actions):
    page = page_of(actions, 2, 3)
    assert [action.text for action in page] == ["Action 4", "Action 3", "Action 2"]
    assert [action.doubled for action in page] == [8, 6, 4]
    assert page.paginator.count == 7
    assert page.has_next()
    assert page.has_previous()


@pytest.mark.parametrize(("number", "expected"), [(None, 1), ("two", 1), (99, 3)])
def test_a_number_that_is_no_page_gives_the_first_or_the_last(actions, number, expected):
    assert page_of(actions, number, 3).number == expected


def test_the_page_is_read_in_three_queries_whatever_its_length(actions, django_assert_num_queries):
    # 1 count, 1 the page's ids, 1 their rows
    with django_assert_num_queries(3):
        list(page_of(actions, 1, 5))
