"""Interval arithmetic on stated figures.

A figure written as 34.86 is only known to lie in [34.855, 34.865]; carrying
that interval through a formula tells whether a gap between two figures is
rounding or a real slip. Formulas are parsed with `ast` and may use only
numbers, names, + - * / and parentheses.
"""
from __future__ import annotations

import ast
from functools import lru_cache
from decimal import Decimal
from typing import Callable, NamedTuple

from ..numbers import half_unit


class Interval(NamedTuple):
    """(A tuple rather than a frozen dataclass: made dozens of times per report, and a tuple is
    made three times faster. Its operators are interval arithmetic, not a tuple's.)"""

    lo: Decimal
    hi: Decimal
    point: Decimal  # the value computed from the figures as written

    @classmethod
    def stated(cls, value: Decimal) -> "Interval":
        h = half_unit(value)
        return _new(cls, (value - h, value + h, value))

    @classmethod
    def exact(cls, value: Decimal) -> "Interval":
        return _new(cls, (value, value, value))

    def __add__(self, o: "Interval") -> "Interval":
        return _new(Interval, (self.lo + o.lo, self.hi + o.hi, self.point + o.point))

    def __sub__(self, o: "Interval") -> "Interval":
        return _new(Interval, (self.lo - o.hi, self.hi - o.lo, self.point - o.point))

    # (the four ends' products or quotients written out: a comprehension is a function call of its own; of
    # intervals of no negative figure, the usual ones, the least and the greatest are known: two of them made)
    def __mul__(self, o: "Interval") -> "Interval":
        if self.lo >= 0 and o.lo >= 0:
            return _new(Interval, (self.lo * o.lo, self.hi * o.hi, self.point * o.point))
        ends = (self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi)
        return _new(Interval, (min(ends), max(ends), self.point * o.point))

    def __truediv__(self, o: "Interval") -> "Interval":
        if o.lo <= 0 <= o.hi:
            raise ZeroDivisionError("divisor interval contains zero")
        if self.lo >= 0 and o.lo > 0:
            return _new(Interval, (self.lo / o.hi, self.hi / o.lo, self.point / o.point))
        ends = (self.lo / o.lo, self.lo / o.hi, self.hi / o.lo, self.hi / o.hi)
        return _new(Interval, (min(ends), max(ends), self.point / o.point))

    def gap_to(self, o: "Interval") -> Decimal:
        """Distance between the two intervals: 0 when they overlap."""
        return max(_ZERO, self.lo - o.hi, o.lo - self.hi)

    def excess_over(self, o: "Interval") -> Decimal:
        """How far this interval lies above `o` (a stated figure that may not exceed a computed one)."""
        return max(_ZERO, self.lo - o.hi)


_ZERO = Decimal(0)
# Made without the NamedTuple's __new__ (a Python function): the fields are given in order, all three.
_new = tuple.__new__

_OPS: dict[type, Callable[[Interval, Interval], Interval]] = {
    ast.Add: Interval.__add__,
    ast.Sub: Interval.__sub__,
    ast.Mult: Interval.__mul__,
    ast.Div: Interval.__truediv__,
}


@lru_cache(maxsize=256)
def _parsed(formula: str) -> ast.Expression:
    """A rule's formula parsed once per process (the rules are few, the reports many)."""
    return ast.parse(formula, mode="eval")


def names_in(formula: str) -> list[str]:
    """Dotted names a formula reads, e.g. ["overall.actual", "overall.completion_rate"]."""
    return list(_names(formula))


@lru_cache(maxsize=256)
def _names(formula: str) -> tuple[str, ...]:
    return tuple(_dotted(n) for n in ast.walk(_parsed(formula)) if isinstance(n, ast.Attribute)
                 and isinstance(n.value, ast.Name))


def prepare(formula: str) -> None:
    """Parse and compile `formula` now rather than at its first evaluation (perflib.check.rules.prepare)."""
    _compiled(formula)
    _names(formula)


def evaluate(formula: str, lookup: Callable[[str], Interval | None]) -> Interval | None:
    """The formula's interval, or None when a figure it needs is not stated."""
    return _compiled(formula)(lookup)


@lru_cache(maxsize=256)
def _compiled(formula: str) -> Callable[[Callable[[str], Interval | None]], Interval | None]:
    """The formula as a function of `lookup`, built once per process from its parse tree
    (constants made Intervals once, names dotted once)."""

    def build(node: ast.AST):
        if isinstance(node, ast.Expression):
            return build(node.body)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            op, left, right = _OPS[type(node.op)], build(node.left), build(node.right)

            def binop(lookup):
                a, b = left(lookup), right(lookup)
                return None if a is None or b is None else op(a, b)
            return binop
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            constant = Interval.exact(Decimal(str(node.value)))
            return lambda lookup: constant
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            name = _dotted(node)
            return lambda lookup: lookup(name)
        raise ValueError(f"unsupported formula element in {formula!r}: {ast.dump(node)}")

    return build(_parsed(formula))


def _dotted(node: ast.Attribute) -> str:
    return f"{node.value.id}.{node.attr}"
