"""Traditional characters read as simplified, for matching only: the text itself is always kept as printed.

The catalogue, the units and the genre's words are written in simplified characters; a report printed in
traditional characters (地區生產總值達3.46萬億元) is read through OpenCC's `t2s` conversion (pinned in
pyproject.toml) so its numbers, units and names are found, while every quote and chapter text stays the seed's.
The conversion keeps every character's position (one character for one), so a place found in the converted
text is the same place in the printed one.
"""

from __future__ import annotations

from functools import cache

import opencc


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """The text in simplified characters, of the same length (a phrase conversion that changes the length is
    replaced by the conversion character by character)."""
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    single = [_converter().convert(char) for char in text]
    return "".join(s if len(s) == 1 else c for s, c in zip(single, text, strict=True))
