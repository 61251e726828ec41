"""The plain-text conventions of the service's long texts, such as terms of reference."""

BULLET = "- "


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
