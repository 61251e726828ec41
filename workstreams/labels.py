"""The labels a plan gives its actions: roman numerals, and letters for sub-items."""

LETTERS = "abcdefghijklmnopqrstuvwxyz"

NUMERALS = [
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
]  # fmt: skip


def roman(number: int) -> str:
    """The lower-case roman numeral of a number from 1 to 3999: 4 is "iv"."""
    result = ""
    for value, numeral in NUMERALS:
        while number >= value:
            result += numeral
            number -= value
    return result


def letter(index: int) -> str:
    """The letter label at a 0-based index: a to z, then aa, ab, … as spreadsheets name
    their columns, so that no two points of a list share a label."""
    label = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, len(LETTERS))
        label = LETTERS[remainder] + label
    return label
