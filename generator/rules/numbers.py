"""Numbers as printed in Chinese reports: parsing, matching and display."""

from __future__ import annotations

import re
from fractions import Fraction

WHITESPACE = re.compile(r"\s+")
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
NUMBER_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:/[0-9]+)?")
_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMERAL = re.compile(r"^[零一二两三四五六七八九十百千]+")


def strip_ws(text: str) -> str:
    """Text with every whitespace character removed: how quotes are compared with seeds."""
    return WHITESPACE.sub("", text)


def parse_token(token: str) -> float:
    """`3.46` → 3.46, `1/3` → 0.333…, full-width digits accepted."""
    token = token.translate(FULLWIDTH_DIGITS)
    if "/" in token:
        top, bottom = token.split("/", 1)
        return float(Fraction(int(float(top)), int(bottom))) if int(bottom) else float("nan")
    return float(token)


def parse_chinese(text: str) -> float | None:
    """Leading Chinese numeral of `text` (两成 → 2, 二十 → 20); a bare 万/亿 counts as 1."""
    match = _CN_NUMERAL.match(text)
    if not match:
        return 1.0 if text[:1] in ("万", "亿") else None
    total, digit = 0, 0
    for char in match.group():
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        else:
            total += (digit or 1) * _CN_UNITS[char]
            digit = 0
    return float(total + digit)


def parse_printed(printed: str) -> float | None:
    """The value a printed number means: Arabic (`3.46`, `1/3`) or Chinese (`两成`)."""
    exact = printed_value(printed)
    return None if exact is None else float(exact)


def printed_value(printed: str) -> Fraction | None:
    """The exact value of a printed form, without its unit: `3.456`, `1/3`, `两成` (2), `万亿` (1), `百万` (100)."""
    compact = strip_ws(printed).translate(FULLWIDTH_DIGITS)
    match = NUMBER_TOKEN.search(compact)
    if match:
        token = match.group()
        if "/" in token:
            top, bottom = token.split("/", 1)
            return Fraction(Fraction(top), int(bottom)) if int(bottom) else None
        return Fraction(token)
    chinese = parse_chinese(compact)
    return None if chinese is None else Fraction(int(chinese))


def exact(value: float | int) -> Fraction:
    """A YAML number as the decimal it was written as (`3.46` is 346/100, not the nearest binary float)."""
    return Fraction(repr(float(value))) if isinstance(value, float) else Fraction(value)


def matches_printed(printed: str, value: float | int) -> bool:
    """`value` is exactly the number printed (`3.46` ≠ `3.456`, `12.35` ≠ `12.345`, `6.0` = 6).

    A fraction is matched by its decimal when it has one (`1/8` = 0.125) and otherwise by its rounding
    to three or more decimals (`1/3` = 0.333): the only case where the printed number has no exact
    decimal, so the value must say how it was rounded.
    """
    meant = printed_value(printed)
    if meant is None:
        return False
    written = exact(value)
    if meant == written:
        return True
    if not _terminates(meant) and decimals(value) >= 3:
        scale = 10 ** decimals(value)
        return round(meant * scale) == written * scale
    return False


def _terminates(fraction: Fraction) -> bool:
    """The fraction has a finite decimal expansion (its denominator has no prime factor but 2 and 5)."""
    bottom = fraction.denominator
    for prime in (2, 5):
        while bottom % prime == 0:
            bottom //= prime
    return bottom == 1


def same_number(a: float | int, b: float | int) -> bool:
    """Equal as written numbers (`6.0` = 6); symmetric, never rounding (3.46 ≠ 3.456)."""
    return exact(a) == exact(b)


def decimals(value: float | int) -> int:
    """Digits after the point as printed (YAML keeps `6.0` as 6.0: one digit): the precision of a value."""
    text = str(value)
    return len(text.split(".")[1]) if "." in text and "e" not in text else 0


def half_unit(value: float | int) -> float:
    """Half a unit of the last printed digit: the rounding a printed number may hide."""
    return 0.5 * 10 ** -decimals(value)


def numbers_in(text: str) -> list[float]:
    """Every Arabic number token in `text`, as values."""
    compact = strip_ws(text).translate(FULLWIDTH_DIGITS)
    return [parse_token(m.group()) for m in NUMBER_TOKEN.finditer(compact)]


def format_value(value: float | int) -> str:
    """A value shown exactly as printed: YAML keeps `6.0` a float, so `str` gives `6.0` back."""
    return str(value)
