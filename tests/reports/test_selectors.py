"""What a committee report says when the data is sparse, plentiful or unusual."""

import datetime

import pytest

from reports.selectors import progress_words, report_content, standing_words
from tests import factories
from tests.reports.factories import CommitteeReportFactory
from workstreams.labels import letter
from workstreams.rollup import Progress

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2018, 9, 21)


def sections(report):
    """Each section's heading and its paragraphs' words, points included."""
    return {
        section.heading: [
            " ".join([paragraph.text, *(f"{label} {point}" for label, point in paragraph.points)])
            for paragraph in section.paragraphs
        ]
        for section in report_content(report, TODAY).sections
    }


@pytest.mark.parametrize(
    ("progress", "words"),
    [
        (Progress("complete", 100, TODAY), "Complete (as at 21 September 2018)"),
        (Progress("not-started", 0, TODAY), "Not started (as at 21 September 2018)"),
        (Progress("on-track", 50, TODAY), "On track, 50% complete (as at 21 September 2018)"),
        (Progress("at-risk", 0, None), "At risk, 0% complete"),
        (Progress(None, 0, None), "No progress reported yet"),
    ],
)
def test_progress_in_words(progress, words):
    assert progress_words(progress) == words


@pytest.mark.parametrize(
    ("index", "label"),
    [(0, "a"), (25, "z"), (26, "aa"), (27, "ab"), (51, "az"), (52, "ba"), (701, "zz"),
     (702, "aaa")],
)  # fmt: skip
def test_points_beyond_the_twenty_sixth_take_two_letters(index, label):
    assert letter(index) == label


def test_no_two_points_share_a_letter(personas):
    work = [f"Task {n}" for n in range(30)]
    report = CommitteeReportFactory(plan=personas.plan, future_work="\n".join(work))
    future = report_content(report, TODAY).sections[-2]
    labels = [label for label, _ in future.paragraphs[0].points]
    assert len(set(labels)) == 30
    assert labels[24:28] == ["y", "z", "aa", "ab"]


def test_a_sparse_partnership_gets_no_empty_headings_or_half_sentences(personas):
    """No terms of reference, no chair, no purpose, priorities, objectives, work planned or
    meetings: no Future meetings section either."""
    partnership = personas.partnership
    partnership.memberships.filter(role="chair").delete()
    partnership.purpose, partnership.short_name = "", ""
    partnership.save()
    report = CommitteeReportFactory(plan=personas.plan)
    content = sections(report)
    assert list(content) == [
        "Purpose of the Report", "Background", "New Test action plan", "Recommendations",
    ]  # fmt: skip
    assert content["Background"] == [
        "The Test Hate Crime Action Group was formed in November 2013."
    ]
    assert content["New Test action plan"] == [
        "The Test action plan has two workstreams, set out below with each action's progress."
    ]


def test_background_and_aims_in_the_seeds_words(personas):
    partnership = personas.partnership
    factories.TermsOfReferenceFactory(partnership=partnership, meetings_per_year=4)
    partnership.functions = "To hold organisations to account"
    partnership.save()
    personas.plan.priorities_source = "Police, Crime and Victim's Plan"
    personas.plan.save()
    # Labels given, since the factory's sequence wraps from z to a in a long run.
    factories.PriorityFactory(plan=personas.plan, label="a", title="Tackle and Reduce Hate Crime")
    factories.PriorityFactory(plan=personas.plan, label="b", title="Safeguard vulnerable people")
    factories.ObjectiveFactory(plan=personas.plan, label="a", title="Increase reporting")
    content = sections(CommitteeReportFactory(plan=personas.plan))
    assert content["Background"][1:] == [
        f"The group meets every quarter and is chaired by {personas.chair}, Office of the Test "
        "Commissioner. The Group's Terms of Reference are attached at Appendix 2.",
        "In practice the group has one broad function: a To hold organisations to account",
    ]
    assert content["Aims"] == [
        "The Police, Crime and Victim's Plan contains several priorities which are relevant to "
        "the work of this Group, including: a Tackle and Reduce Hate Crime b Safeguard "
        "vulnerable people",
        f"The Test Hate Crime Action Group ({partnership.short_name}) has one objective "
        "which supports these priorities: a Increase reporting",
    ]


def test_meetings_in_the_coming_twelve_months_only(personas):
    partnership = personas.partnership
    for date in [TODAY - datetime.timedelta(days=1), TODAY, datetime.date(2019, 9, 20),
                 datetime.date(2019, 9, 21)]:  # fmt: skip
        factories.MeetingFactory(partnership=partnership, date=date)
    factories.MeetingFactory(
        partnership=partnership, date=datetime.date(2018, 12, 10), status="cancelled"
    )
    content = sections(CommitteeReportFactory(plan=personas.plan))
    short_name = partnership.short_name
    assert content["Future meetings"] == [
        f"The Test Hate Crime Action Group ({short_name}) will next meet on 21 September 2018 "
        "and 20 September 2019."
    ], "the short name is defined where the report first uses it"


def test_the_reports_own_words_for_the_chair_and_the_aims_replace_the_generated_ones(personas):
    partnership = personas.partnership
    factories.TermsOfReferenceFactory(partnership=partnership, meetings_per_year=4)
    factories.PriorityFactory(plan=personas.plan, title="Tackle and Reduce Hate Crime")
    factories.ObjectiveFactory(plan=personas.plan, title="Increase reporting")
    report = CommitteeReportFactory(
        plan=personas.plan,
        chaired_from="the Office of the Commissioner",
        priorities_introduction="Ron's refreshed plan has one priority for us:",
        objectives_introduction=f"This year the group ({partnership.short_name}) agreed one:",
        future_work="Monitor progress",
    )
    content = sections(report)
    assert content["Background"][1] == (
        "The group meets every quarter and is chaired from the Office of the Commissioner. "
        "The Group's Terms of Reference are attached at Appendix 2."
    ), "the chair is not named"
    assert content["Aims"] == [
        "Ron's refreshed plan has one priority for us: a Tackle and Reduce Hate Crime",
        f"This year the group ({partnership.short_name}) agreed one: a Increase reporting",
    ]
    assert content["Future meetings"] == [
        f"Over the next year, the {partnership.short_name} will: a Monitor progress"
    ], "defined in the report's own words, so used as defined"


@pytest.mark.parametrize(
    ("committee_date", "earlier_report", "heading"),
    [
        (datetime.date(2018, 9, 21), None, "New Test action plan"),
        (datetime.date(2019, 9, 9), None, "New Test action plan"),
        (datetime.date(2019, 9, 10), None, "Test action plan"),
        (datetime.date(2018, 12, 14), datetime.date(2018, 9, 21), "Test action plan"),
        (datetime.date(2018, 9, 21), datetime.date(2018, 6, 1), "New Test action plan"),
        (datetime.date(2018, 9, 1), None, "Test action plan"),
    ],
)
def test_a_plan_is_new_in_its_first_report_in_the_year_after_it_was_adopted(
    personas, committee_date, earlier_report, heading
):
    """The demo's plan was adopted on 10 September 2018 (as the factory's is)."""
    if earlier_report:
        CommitteeReportFactory(plan=personas.plan, committee_date=earlier_report)
    report = CommitteeReportFactory(plan=personas.plan, committee_date=committee_date)
    assert heading in sections(report)


def test_progress_stands_as_at_the_committee_date_and_never_after_today(personas):
    action = factories.ActionFactory(workstream=personas.police_workstream, label="i")
    factories.ProgressUpdateFactory(
        action=action, status="on-track", percent_complete=20, narrative="Begun",
        as_at=datetime.date(2018, 9, 1),
    )  # fmt: skip
    factories.ProgressUpdateFactory(
        action=action, status="off-track", percent_complete=30, narrative="Stalled",
        as_at=datetime.date(2018, 10, 1),
    )  # fmt: skip

    def stood(committee_date, today):
        report = CommitteeReportFactory(plan=personas.plan, committee_date=committee_date)
        content = report_content(report, today)
        [stood] = content.workstreams[0].action_list
        return content.as_at, stood.progress.status, stood.standing_update.narrative

    assert stood(TODAY, datetime.date(2026, 1, 1)) == (TODAY, "on-track", "Begun")
    later = datetime.date(2018, 10, 5)
    assert stood(datetime.date(2018, 12, 14), later) == (later, "off-track", "Stalled")


def test_a_review_recorded_after_the_reports_date_is_not_in_it(personas):
    action = factories.ActionFactory(workstream=personas.police_workstream, label="i")
    update = factories.ProgressUpdateFactory(action=action, as_at=datetime.date(2018, 9, 1))
    factories.StatusReviewFactory(update=update, reviewer=personas.chair)  # recorded today

    def words(committee_date):
        report = CommitteeReportFactory(plan=personas.plan, committee_date=committee_date)
        [stood] = report_content(report, datetime.date.today()).workstreams[0].action_list
        return standing_words(stood)

    assert words(TODAY) == "On track, 25% complete (as at 1 September 2018), awaiting review"
    assert words(datetime.date.today()).endswith("), confirmed")
