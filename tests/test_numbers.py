"""Unit and property tests of generator/rules/numbers.py: a value is grounded only by the very number printed."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from generator.rules.numbers import exact, matches_printed, parse_chinese, printed_value, same_number


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("3.456", 3.46),  # the issue: rounding made these pass
        ("12.345", 12.35),
        ("12.345", 12.34),
        ("3.46", 3.456),
        ("6.05", 6.0),
        ("1/3", 0.33),  # a non-terminating fraction needs three decimals or more
        ("1/3", 0.334),
        ("1/8", 0.13),  # 1/8 has an exact decimal: only 0.125 is it
        ("两成", 3),
        ("首", 1),  # not a numeral at all
        ("万亿", 10000),
    ],
)
def test_a_different_number_does_not_match(printed, value):
    assert not matches_printed(printed, value)


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("3.46", 3.46),
        ("6.0", 6.0),
        ("6.0", 6),
        ("３．４６", 3.46),  # full-width digits
        ("1/3", 0.333),
        ("1/3", 0.3333),
        ("1/8", 0.125),
        ("1/5", 0.2),
        ("两成", 2),
        ("二十", 20),
        ("百万", 100),  # 百万人 with unit 万人
        ("万亿", 1),  # 万亿元 with unit 万亿元
        ("一", 1),
        ("4112.8", 4112.8),
    ],
)
def test_the_printed_number_matches(printed, value):
    assert matches_printed(printed, value)


def test_printed_values_are_exact():
    assert printed_value("3.456") == Fraction(3456, 1000)
    assert printed_value("1/3") == Fraction(1, 3)
    assert printed_value("两成") == 2
    assert printed_value("1/0") is None
    assert printed_value("首") is None
    assert parse_chinese("二十三") == 23


def test_same_number_is_exact_and_symmetric():
    assert same_number(6.0, 6) and same_number(6, 6.0)
    assert not same_number(3.46, 3.456) and not same_number(3.456, 3.46)
    assert not same_number(12.35, 12.345) and not same_number(12.345, 12.35)


decimals = st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=3, allow_nan=False)


@given(decimals)
def test_every_written_decimal_matches_its_own_digits(number: Decimal):
    value = float(number)
    assert matches_printed(repr(abs(value)), abs(value))
    assert exact(value) == Fraction(repr(value))


@given(decimals, decimals)
def test_same_number_is_symmetric(a: Decimal, b: Decimal):
    x, y = float(a), float(b)
    assert same_number(x, y) == same_number(y, x)
    assert same_number(x, y) == (Fraction(repr(x)) == Fraction(repr(y)))


@given(st.integers(1, 10**6), st.integers(1, 9), st.integers(1, 4))
def test_a_number_with_one_more_digit_never_matches_the_shorter_one(whole: int, digit: int, places: int):
    shorter = f"{whole}.{'5' * places}"
    longer = shorter + str(digit)
    assert not matches_printed(longer, float(shorter))
    assert not matches_printed(shorter, float(longer))


@given(st.integers(1, 50), st.integers(2, 50))
def test_a_fraction_matches_its_rounding_to_three_decimals_or_its_exact_decimal(top: int, bottom: int):
    meant = Fraction(top, bottom)
    rounded = round(float(meant), 3)
    assume(len(repr(rounded).split(".")[1]) == 3)  # 1/33 → 0.030 is written 0.03 in YAML: two decimals
    terminates = all(p in (2, 5) for p in _factors(bottom // math.gcd(top, bottom)))
    if terminates and meant != Fraction(repr(rounded)):
        assert not matches_printed(f"{top}/{bottom}", rounded)
    else:
        assert matches_printed(f"{top}/{bottom}", rounded)


def _factors(n: int) -> list[int]:
    out, p = [], 2
    while n > 1:
        while n % p == 0:
            out.append(p)
            n //= p
        p += 1
    return out
