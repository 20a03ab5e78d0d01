"""Reading and writing figures: Decimal-exact money in 万元, percent rates.

A figure keeps the precision the report wrote it with, so the checks know
how much rounding it may hide: "930.80" is good to half a cent (of 万元),
"1.5亿元" only to 500 万元.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# 1,234.56 / 1234.56 / -12 / 1 234.56 is not accepted (space is a separator between figures)
NUMBER = r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+]?\d+(?:\.\d+)?"
# The same with possessive quantifiers, for a number followed by no digit, "," or "." (a unit, a space):
# a digit, comma or point it gave back could be followed by none of those, so the regex engine fails
# at once where the number is followed by something else instead of giving its digits back one by one.
NUMBER_BEFORE_UNIT = r"[-+]?+\d{1,3}+(?:,\d{3})++(?:\.\d++)?+|[-+]?+\d++(?:\.\d++)?+"

_SCALE_TO_WAN = {"元": -4, "千元": -1, "万元": 0, "万": 0, "亿元": 4}  # "864.2万": a table cell's short unit
CENT = Decimal("0.01")


def to_decimal(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the regexes only pass numbers
        raise ValueError(f"not a number: {text!r}") from exc


def money_to_wan(num: str, unit: str) -> Decimal:
    """'63,642,400', '元' → Decimal('6364.2400') 万元, precision kept."""
    return to_decimal(num).scaleb(_SCALE_TO_WAN[unit])


def exponent(value: Decimal) -> int | str:
    """The exponent of the value's last stated digit: -2 for 930.80, 0 for 100 (as_tuple's; it
    builds the digits' tuple, several times slower than asking the usual exponents one by one)."""
    for quantum, e in _QUANTA:
        if value.same_quantum(quantum):
            return e
    return value.as_tuple().exponent


_QUANTA = tuple((Decimal(1).scaleb(e), e) for e in (-2, 0, -1, -4, -3))  # money, points, rates first


def half_unit(value: Decimal) -> Decimal:
    """Half a unit of the last stated digit: what rounding may have hidden."""
    for quantum, half in _QUANTA_HALVES:  # (exponent's usual ones asked here: no call, no lookup)
        if value.same_quantum(quantum):
            return half
    e = exponent(value)
    return _HALVES.get(e) or Decimal(5).scaleb(e - 1)


_HALVES = {e: Decimal(5).scaleb(e - 1) for e in range(-12, 13)}  # 0.005, 0.05 …: made once
_QUANTA_HALVES = tuple((quantum, _HALVES[e]) for quantum, e in _QUANTA)


# (the rounding given by position: Decimal's keyword arguments cost as much as the rounding itself)
def round_money(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


def round_to(value: Decimal, places: int) -> Decimal:
    step = _STEPS.get(places) or Decimal(1).scaleb(-places)
    return value.quantize(step, ROUND_HALF_UP)


_STEPS = {places: Decimal(1).scaleb(-places) for places in range(7)}  # 1, 0.1, 0.01 …: made once
_GROUPED = {places: f",.{places}f" for places in range(7)}  # the format of each number of places: made once


def fmt_wan(value: Decimal | None, places: int = 2) -> str:
    """Chinese report convention: 6,364.24 (万元 is said by the caller)."""
    if value is None:
        return "—"
    if places == 2:  # (nearly every call: the rounding and format written out)
        return format(value.quantize(CENT, ROUND_HALF_UP), ",.2f")
    return format(round_to(value, places), _GROUPED.get(places) or f",.{places}f")


def fmt_pct(value: Decimal | None, places: int | None = None) -> str:
    """Percent as stated (no trailing zeros added), or rounded to `places`."""
    if value is None:
        return "—"
    if places is not None:
        return format(round_to(value, places), _GROUPED.get(places) or f",.{places}f") + "%"
    return f"{value.normalize():f}%" if value == value.to_integral() else f"{value:f}%"


def fmt_value(value, kind: str) -> str:
    """One figure as a table cell shows it; "—" when missing (None or NaN).

    kind: "money" (万元, two decimals, thousands separators), "num" (the same, no unit implied),
    "pct" (percent as stated), "pct2" (percent to two decimals), "int", "year".
    Floats (from a DataFrame) are read through their shortest repr, so 6364.24 stays 6364.24.
    """
    if value is None or (isinstance(value, float) and value != value):
        return "—"
    if kind == "year":
        return str(int(value))
    if kind == "int":
        return f"{int(value):,}"
    d = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    if kind in ("money", "num"):
        return fmt_wan(d)
    return fmt_pct(d, 2 if kind == "pct2" else None)


_CN_VALUE = {c: max(0, i - 1) for i, c in enumerate("零〇一二三四五六七八九")}  # 零 and 〇 0, 一 1 … 九 9


def cn_number(text: str) -> Decimal:
    """A number up to 100 written in Chinese numerals: "八十九" 89, "九十三点五" 93.5, "十五" 15, "五" 5, "一百" 100
    (a score, a count)."""
    whole, _, fraction = text.partition("点")
    if whole == "一百":
        n = 100
    else:
        tens, ten, ones = whole.rpartition("十")
        n = (_CN_VALUE.get(tens, 1) * 10 if ten else 0) + _CN_VALUE.get(ones, 0)
    return Decimal(f"{n}.{''.join(str(_CN_VALUE[c]) for c in fraction)}" if fraction else n)
