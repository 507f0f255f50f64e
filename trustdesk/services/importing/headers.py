"""Header names every reader gives: non-empty and unique, so a mapping can name each column."""

from __future__ import annotations

from collections.abc import Sequence


def column_letter(index: int) -> str:
    """``A`` for 0, ``Z`` for 25, ``AA`` for 26: how a spreadsheet names a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def unique_headers(names: Sequence[str]) -> list[str]:
    """An empty header is named by its column letter (``C``); a name seen before gets the
    first free ``name (2)``, ``name (3)``: 电话, 电话 (2)."""
    filled = [name or column_letter(i) for i, name in enumerate(names)]
    taken: set[str] = set()
    result: list[str] = []
    for name in filled:
        unique = name
        number = 2
        while unique in taken:
            unique = f"{name} ({number})"
            number += 1
        taken.add(unique)
        result.append(unique)
    return result
