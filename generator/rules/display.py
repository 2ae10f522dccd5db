"""How a value is shown to a reader: the one formatter that pages, charts, the tracker, diff and data pages use.

A value is shown as the report printed it: the number as typed (YAML keeps `6.0`), its unit, and its
qualifier on the side the report puts it (约3.46万亿元, 5%左右; see `vocabulary`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.rules.numbers import format_value
from generator.rules.vocabulary import printed_after

if TYPE_CHECKING:
    from generator.content.models import Observation


def display_value(value: float | int | None, unit: str | None, qualifier: str | None, text: str | None = None) -> str:
    """`约` + `208` + `亿元`; `3` + `%` + `左右`: a value as the report would print it (`text` when there is none)."""
    if value is None:
        return text or ""
    body = f"{format_value(value)}{unit or ''}"
    if qualifier is None:
        return body
    return f"{body}{qualifier}" if printed_after(qualifier) else f"{qualifier}{body}"


def observation_value(obs: Observation) -> str:
    """An observation's value as printed: number, unit and qualifier, or its qualitative text."""
    return display_value(obs.value, obs.unit, obs.qualifier, obs.text)
