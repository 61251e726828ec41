"""Text as the service writes it: the plain-text conventions of its long texts (such as
terms of reference), names in prose, and text made safe for the documents it exports."""

import re
from collections.abc import Iterable

from django.utils.text import get_text_list

BULLET = "- "
# XML 1.0 allows no control character but tab, line feed and carriage return, and no
# surrogate or U+FFFE/U+FFFF. Text pasted from Word can hold them: Shift+Enter is a
# vertical tab, a page break a form feed. Those two become line breaks; the rest go.
LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value):
    """Text that python-docx, openpyxl and WeasyPrint accept; anything else unchanged."""
    if isinstance(value, str):
        return XML_ILLEGAL.sub("", value.translate(LINE_BREAKS))
    return value


def tidy_text(text: str) -> str:
    """Long text as it is stored and compared: line feeds only (a browser sends a text
    box's line breaks as CR LF), no spaces at the ends of lines, and no blank lines or
    spaces before the first line or after the last."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def text_blocks(text: str) -> list[tuple[str, list[str]]]:
    """Split text into ("paragraph", [line]) and ("list", [items]) blocks.

    Each non-empty line is a paragraph, except that consecutive lines starting
    with “- ” form one bulleted list.
    """
    blocks: list[tuple[str, list[str]]] = []
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line:
            continue
        if line.startswith(BULLET):
            if not blocks or blocks[-1][0] != "list":
                blocks.append(("list", []))
            blocks[-1][1].append(line.removeprefix(BULLET).strip())
        else:
            blocks.append(("paragraph", [line]))
    return blocks


def in_prose(names: Iterable) -> str:
    """Names as a sentence lists them: "A", "A and B", "A, B and C"."""
    return get_text_list([str(name) for name in names], "and")
