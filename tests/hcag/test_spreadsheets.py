"""Cells a spreadsheet program could run as formulae are written as text."""

import pytest

from hcag.spreadsheets import neutralise


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
