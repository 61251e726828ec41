"""Reading a plan as a committee report writes it: the seed's outline gives the demo plan,
and every line that does not fit is reported by its number, never guessed."""

import pytest

from demo import data
from partners.models import Organisation
from workstreams.outline import (
    ACTION_OUT_OF_ORDER,
    AMBIGUOUS_LABEL,
    BEFORE_ANY_WORKSTREAM,
    FIRST_ACTION_NOT_I,
    NO_LEAD_LINE,
    NOT_IN_OUTLINE,
    SECOND_LEAD_LINE,
    SUB_ITEM_BEFORE_ACTION,
    SUB_ITEM_OUT_OF_ORDER,
    WORKSTREAM_OUT_OF_ORDER,
    LineProblem,
    lead_names,
    leads_as_written,
    match_names,
    normalised,
    parse_outline,
)

# Section 8 of the committee report of 21 September 2018 (the seed), as pasted from it.
SEED_OUTLINE = """\
- A. Develop a multi-agency communications strategy, demonstrating a cross-organisation and cross-sector approach, including a message that there should be zero-tolerance of hate crime. The strategy will:
- i Be developed by an external party, covering:
 - ii Aim at a variety of audiences:
 - a Victims
 - b Offenders
 - c Partner organisations
 - d General public
 - e Young people
 - iii Clarify what is meant by 'hate'
 - iv Feature good news stories
 - v Include a Durham & Darlington brand / logo
 - vi Cover all protected characteristics

Lead organisation: Office of Police, Crime and Victims Commissioner

- B. A review of reporting mechanisms and pathways
- i Identify how hate crime be reported at present – and to who (local and national sources)
 - ii Identify any gaps, and how they might be filled
 - iii Identify what staff do when they receive a report of hate crime
 - iv Share good practice (including via a video) of what to do when hate crime is reported, including to third party reporting centres

Lead organisation: Durham Constabulary

- C. Review how organisations share intelligence
- i Map the sharing of intelligence between organisations
 - ii Identify gaps
 - iii Identify good practice
 - iv Make recommendations

Lead organisation: Durham Constabulary

- D. Review the use of evidence to ensure prosecutions
 - i Map the use of evidence at present
 - ii Consider how it is used at different stages of the victim and perpetrator journeys
 - iii Identify how and when advocacy other victim support services are used
 - iv Consider how these contribute to outcomes and make recommendations

Lead organisations: Crown Prosecution Service and Darlington Borough Council

- E. Map support for victims and identify gaps
 - i ODPCVC to carry out review and report back to JHCAG, with recommendations
"""  # noqa: E501 (the report's lines, as long as it wrote them)


def register() -> list[Organisation]:
    organisations = [*data.MEMBER_ORGANISATIONS, *data.BOARDS, *data.ADVISORY_GROUPS]
    return [Organisation(name=name, short_name=short) for name, short, _ in organisations]


def structure(outline):
    return [
        {
            "letter": w.letter,
            "title": w.title,
            "lead_in": w.lead_in,
            "actions": [
                (a.label, a.text, [(s.label, s.text) for s in a.sub_items]) for a in w.actions
            ],
        }
        for w in outline.workstreams
    ]


def test_the_seed_outline_gives_the_demo_plan_structure_and_words():
    outline = parse_outline(SEED_OUTLINE)
    assert outline.problems == []
    assert structure(outline) == [
        {key: spec[key] for key in ("letter", "title", "lead_in", "actions")}
        for spec in data.WORKSTREAMS
    ]


def test_the_seed_outline_gives_the_demo_plan_leads_once_the_close_name_is_chosen():
    """A's lead line words the commissioner's office differently: the register's name is
    offered, not taken; E names no lead, which is reported for a choice."""
    outline = parse_outline(SEED_OUTLINE)
    organisations = register()
    chosen = {}
    for workstream in outline.workstreams:
        for match in match_names(lead_names(workstream, organisations), organisations):
            if match.found is None:
                assert workstream.letter == "A"
                assert match.close[0].name == data.COMMISSIONER
                chosen[workstream.letter] = [match.close[0]]
            else:
                chosen.setdefault(workstream.letter, []).append(match.found)
    assert outline.lead_problems() == [
        LineProblem(40, "", NO_LEAD_LINE.format(workstream="E")),
    ]
    chosen["E"] = [o for o in organisations if o.name == data.COMMISSIONER]
    leads = {
        w.letter: (
            [o.name for o in chosen[w.letter]],
            leads_as_written(w.leads_as_written, chosen[w.letter]),
        )
        for w in outline.workstreams
    }
    assert leads == {
        spec["letter"]: (spec["leads"], spec.get("leads_as_written", ""))
        for spec in data.WORKSTREAMS
    }


def test_a_registered_name_holding_and_is_not_split():
    outline = parse_outline(
        "A. Map support\ni Review\nLead organisations: Victim Care and Advice Service, "
        "Durham Constabulary and Office of the Durham Police, Crime and Victims' Commissioner"
    )
    assert lead_names(outline.workstreams[0], register()) == [
        "Victim Care and Advice Service",
        "Durham Constabulary",
        "Office of the Durham Police, Crime and Victims' Commissioner",
    ]


def test_names_match_ignoring_case_and_punctuation_and_by_short_name():
    organisations = register()
    found = match_names(["DURHAM constabulary.", "vcas", "Durham Constabullary"], organisations)
    assert [m.found and m.found.name for m in found] == [
        "Durham Constabulary",
        "Victim Care and Advice Service",
        None,
    ]
    assert found[2].close[0].name == "Durham Constabulary"
    assert normalised("Office of Police, Crime & Victims' Commissioner") == (
        "office of police crime victims commissioner"
    )


def test_a_name_like_nothing_registered_is_offered_nothing():
    (match,) = match_names(["Samaritans of Teesside"], register())
    assert (match.found, match.close) == (None, [])


def problems(text):
    return [(p.line, p.message) for p in parse_outline(text).problems]


def test_a_sub_item_before_any_action_is_reported_at_its_line():
    text = "A. Communications\na Victims\ni Be developed\nLead organisation: CPS"
    assert problems(text) == [
        (2, SUB_ITEM_BEFORE_ACTION.format(found="a", workstream="A")),
    ]


def test_a_roman_numeral_out_of_order_is_reported_at_its_line():
    text = "A. Communications\ni One\nii Two\niv Four\nv Five\nLead organisation: CPS"
    assert problems(text) == [
        (4, ACTION_OUT_OF_ORDER.format(found="iv", previous="ii", expected="iii")),
    ]


def test_a_first_action_that_is_not_i_is_reported():
    assert problems("A. Communications\nii Two\nLead organisation: CPS") == [
        (2, FIRST_ACTION_NOT_I.format(found="ii")),
    ]


def test_a_sub_item_out_of_order_is_reported():
    text = "A. Communications\ni One\na First\nc Third\nLead organisation: CPS"
    assert problems(text) == [
        (4, SUB_ITEM_OUT_OF_ORDER.format(found="c", previous="a", expected="b")),
    ]


def test_a_missing_lead_line_is_reported_for_each_workstream_without_one():
    outline = parse_outline("A. One\ni Do\n\nB. Two\ni Do\nLead organisation: CPS\nC. Three")
    assert outline.problems == []
    assert [(p.line, p.message) for p in outline.lead_problems()] == [
        (1, NO_LEAD_LINE.format(workstream="A")),
        (7, NO_LEAD_LINE.format(workstream="C")),
    ]


def test_lines_that_fit_nowhere_are_each_reported():
    text = (
        "New Joint Hate Crime Action Plan\n"
        "A. One\n"
        "i Do this\n"
        "and carry on on the next line\n"
        "Lead organisation: CPS\n"
        "Lead organisation: DBC\n"
        "C. Three\n"
    )
    assert problems(text) == [
        (1, BEFORE_ANY_WORKSTREAM),
        (4, NOT_IN_OUTLINE),
        (6, SECOND_LEAD_LINE.format(workstream="A", first=5)),
        (7, WORKSTREAM_OUT_OF_ORDER.format(found="C", previous="A", expected="B")),
    ]


def test_a_label_that_could_be_an_action_or_a_sub_item_is_not_guessed():
    sub_items = "\n".join(f"{letter} Point" for letter in "abcdefghijklmnopqrstu")
    text = f"A. One\ni Do\nii Do\niii Do\niv Do\n{sub_items}\nv Next\nLead organisation: CPS"
    assert problems(text) == [(27, AMBIGUOUS_LABEL.format(found="v", action="iv"))]
    bracketed = parse_outline(text.replace("v Next", "(v) Next"))
    assert bracketed.problems == []
    assert bracketed.workstreams[0].actions[-1].sub_items[-1].label == "v"


def test_word_style_bullets_and_numbering_punctuation_are_ignored():
    outline = parse_outline("• A) One\n    (i) Do\n    – a. Point\nLead organisation: CPS")
    assert outline.problems == []
    assert structure(outline)[0]["actions"] == [("i", "Do", [("a", "Point")])]


@pytest.mark.parametrize("text", ["", "   \n\n"])
def test_an_empty_text_has_no_workstreams(text):
    assert len(parse_outline(text).problems) == 1
