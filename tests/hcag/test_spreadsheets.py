"""Cells a spreadsheet program could run as formulae are written as text."""

import pytest

from hcag.spreadsheets import neutralise
from hcag.text import xml_safe


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"),
        ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"), ("\rReturn", "'\rReturn"),
        ("Ordinary text", "Ordinary text"), (42, 42), (None, None),
    ],
)  # fmt: skip
def test_formulae_are_neutralised(value, expected):
    assert neutralise(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Line\x0bbreak", "Line\nbreak"), ("Page\x0cbreak", "Page\nbreak"),
        ("Bell\x07 and null\x00", "Bell and null"), ("Tab\tCR\rLF\n", "Tab\tCR\rLF\n"),
        ("Not a character\ufffe", "Not a character"), ("Café – “ok”", "Café – “ok”"),
        (42, 42), (None, None),
    ],
)  # fmt: skip
def test_characters_xml_cannot_hold_are_removed_or_become_line_breaks(value, expected):
    assert xml_safe(value) == expected


def test_a_formula_behind_a_control_character_is_still_neutralised():
    assert neutralise(xml_safe("\x01=1+1")) == "'=1+1"
