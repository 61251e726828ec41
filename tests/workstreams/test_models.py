import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests import factories
from workstreams.labels import roman
from workstreams.models import Action, ProgressUpdate, Workstream, action_urls

pytestmark = pytest.mark.django_db


def test_one_letter_per_workstream_in_a_plan():
    workstream = factories.WorkstreamFactory(letter="A")
    factories.WorkstreamFactory(letter="A")  # another plan may use it
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.WorkstreamFactory(plan=workstream.plan, letter="A")


def test_a_workstream_letter_is_one_capital():
    workstream = factories.WorkstreamFactory.build(plan=factories.ActionPlanFactory(), letter="a")
    with pytest.raises(ValidationError, match="one capital letter"):
        workstream.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        workstream.save()


def test_workstreams_are_ordered_by_letter():
    plan = factories.ActionPlanFactory()
    for letter in "CAEBD":
        factories.WorkstreamFactory(plan=plan, letter=letter)
    assert [w.letter for w in Workstream.objects.filter(plan=plan)] == list("ABCDE")


def test_one_label_per_action_under_its_parent():
    action = factories.ActionFactory(label="ii")
    factories.SubItemFactory(parent=action, label="a")
    factories.SubItemFactory(
        parent=factories.ActionFactory(workstream=action.workstream), label="a"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ActionFactory(workstream=action.workstream, label="ii")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.SubItemFactory(parent=action, label="a")


@pytest.mark.parametrize(
    ("label", "is_sub_item", "message"),
    [
        ("a", False, "roman numeral"),
        ("IV", False, "roman numeral"),
        ("", False, "roman numeral"),
        ("ii", True, "one lower-case letter"),
        ("B", True, "one lower-case letter"),
    ],
)
def test_labels_are_roman_numerals_for_actions_and_letters_for_sub_items(
    label, is_sub_item, message
):
    workstream = factories.WorkstreamFactory()
    parent = factories.ActionFactory(workstream=workstream, label="i") if is_sub_item else None
    action = Action(workstream=workstream, parent=parent, label=label, text="Do it")
    with pytest.raises(ValidationError, match=message):
        action.full_clean()


def test_valid_labels_pass():
    workstream = factories.WorkstreamFactory()
    parent = Action(workstream=workstream, label="xiv", text="Do it")
    parent.full_clean()
    parent.save()
    Action(workstream=workstream, parent=parent, label="e", text="Part of it").full_clean()


def test_a_sub_item_has_no_sub_items_and_stays_in_its_workstream():
    sub_item = factories.SubItemFactory()
    nested = Action(workstream=sub_item.workstream, parent=sub_item, label="a", text="Deeper")
    with pytest.raises(ValidationError, match="cannot have sub-items"):
        nested.full_clean()
    elsewhere = Action(
        workstream=factories.WorkstreamFactory(), parent=sub_item.parent, label="z", text="Stray"
    )
    with pytest.raises(ValidationError, match="same workstream"):
        elsewhere.full_clean()


def test_actions_keep_their_order_and_report_their_place_in_the_plan():
    workstream = factories.WorkstreamFactory(letter="A")
    later = factories.ActionFactory(workstream=workstream, label="iii", position=3)
    first = factories.ActionFactory(workstream=workstream, label="i", position=1)
    second = factories.ActionFactory(workstream=workstream, label="ii", position=2)
    sub_item = factories.SubItemFactory(parent=second, label="b", position=2, text="Offenders")
    top_level = Action.objects.filter(workstream=workstream, parent=None)
    assert list(top_level) == [first, second, later]
    assert sub_item.reference == "A.ii.b"
    assert str(sub_item) == "A.ii.b Offenders"


def test_percent_complete_is_between_0_and_100():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ProgressUpdateFactory(percent_complete=101)
    update = factories.ProgressUpdateFactory.build(
        action=factories.ActionFactory(), author=factories.PersonFactory(), percent_complete=101
    )
    with pytest.raises(ValidationError, match="100"):
        update.full_clean()


def test_a_complete_action_is_100_percent_complete():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ProgressUpdateFactory(status=ProgressUpdate.Status.COMPLETE, percent_complete=90)
    done = factories.ProgressUpdateFactory(
        status=ProgressUpdate.Status.COMPLETE, percent_complete=100
    )
    assert done.pk


def test_progress_updates_are_never_changed_or_deleted():
    update = factories.ProgressUpdateFactory(narrative="First account")
    update.narrative = "Rewritten"
    with pytest.raises(ValueError, match="never changed"):
        update.save()
    with pytest.raises(ValueError, match="never deleted"):
        update.delete()
    assert ProgressUpdate.objects.get(pk=update.pk).narrative == "First account"


def test_latest_update_is_the_latest_as_at_date_then_the_latest_written():
    action = factories.ActionFactory()
    factories.ProgressUpdateFactory(
        action=action, as_at=datetime.date(2018, 10, 1), narrative="October"
    )
    factories.ProgressUpdateFactory(
        action=action, as_at=datetime.date(2018, 11, 1), narrative="November"
    )
    factories.ProgressUpdateFactory(
        action=action, as_at=datetime.date(2018, 10, 15), narrative="Late entry"
    )
    assert action.updates.latest().narrative == "November"
    assert [u.narrative for u in action.updates.all()] == ["November", "Late entry", "October"]


def test_evidence_links_are_listed_one_per_line():
    update = factories.ProgressUpdateFactory(
        evidence_links="https://example.org/a\n\n https://example.org/b "
    )
    assert update.evidence_link_list() == ["https://example.org/a", "https://example.org/b"]


def test_every_roman_numeral_label_fits():
    action = factories.ActionFactory(label=roman(3888), position=3888)
    assert Action.objects.get(pk=action.pk).label == "mmmdccclxxxviii"


def test_action_urls_gives_each_actions_own_address():
    actions = [factories.ActionFactory(), factories.SubItemFactory()]
    url_of = action_urls()
    assert [url_of(action.pk) for action in actions] == [
        action.get_absolute_url() for action in actions
    ]


def _standing(action) -> tuple:
    kept = Action.objects.values_list(
        "latest_status", "latest_reported_status", "latest_percent", "latest_as_at",
        "latest_author", "review_outcome",
    )  # fmt: skip
    return kept.get(pk=action.pk)


def test_an_action_keeps_where_its_latest_update_and_review_put_it():
    action = factories.ActionFactory()
    assert _standing(action) == (None, None, None, None, None, None)
    update = factories.ProgressUpdateFactory(
        action=action, status="on_track", percent_complete=40, as_at=datetime.date(2018, 11, 1)
    )
    factories.ProgressUpdateFactory(action=action, as_at=datetime.date(2018, 10, 1))
    november = ("on_track", "on_track", 40, datetime.date(2018, 11, 1), update.author_id)
    assert _standing(action) == (*november, None), "an older update changes nothing"
    factories.StatusReviewFactory(update=update, outcome="revised", status="at_risk")
    assert _standing(action) == ("at_risk", *november[1:], "revised")
    factories.StatusReviewFactory(update=update, outcome="confirmed")
    assert _standing(action) == (*november, "confirmed"), "the latest review stands"


def test_an_edit_saved_from_before_an_update_keeps_the_update():
    action = factories.ActionFactory()
    read_before = Action.objects.get(pk=action.pk)
    update = factories.ProgressUpdateFactory(action=action, status="at_risk", percent_complete=5)
    read_before.text = "Reworded"
    read_before.save()
    saved = Action.objects.get(pk=action.pk)
    assert (saved.text, saved.latest_update_id, saved.latest_status) == (
        "Reworded",
        update.pk,
        "at_risk",
    )
