"""Record ⇄ the contract's JSON object (money rounded to 2 decimals on the way out)."""
from __future__ import annotations

import json
from dataclasses import asdict
from decimal import Decimal

from .model import BLOCK_FIELDS, INDICATOR_FIELDS, MONEY_FIELDS, SCHEMA, Block, Indicator, Record
from .numbers import round_money


def _num(value: Decimal | None, money: bool) -> float | int | None:
    if value is None:
        return None
    if money:
        return float(round_money(value))
    return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)


def block_dict(b: Block) -> dict:
    out = {}
    for f in BLOCK_FIELDS:
        v = getattr(b, f)
        out[f] = v if f == "count" else _num(v, f in MONEY_FIELDS)
    return out


def indicator_dict(ind: Indicator) -> dict:
    """An indicator as the contract writes it (points as stated: 10, 9.5)."""
    return {f: _num(getattr(ind, f), False) if f in ("weight", "score") else getattr(ind, f)
            for f in INDICATOR_FIELDS}


def to_dict(rec: Record) -> dict:
    return {
        "schema": SCHEMA,
        "source": {k: v for k, v in asdict(rec.source).items() if k in ("path", "format", "encoding", "sha256")}
        | {"pages": rec.source.pages, "ocr": list(rec.source.ocr), "section": rec.source.section},
        "department": rec.department,
        "year": rec.year,
        "overall": block_dict(rec.overall),
        "projects": block_dict(rec.projects),
        "basic": block_dict(rec.basic),
        "tasks": [{"no": t.no, "text": t.text, "funds": _num(t.funds, True)} for t in rec.tasks],
        "rating": rec.rating,
        "score": _num(rec.score, False),
        "indicators": [indicator_dict(i) for i in rec.indicators],
        "budget_execution": indicator_dict(rec.budget_execution) if rec.budget_execution else None,
        "problems": rec.problems,
        "plans": rec.plans,
        "evidence": rec.evidence,
        "checks": [
            {"id": c.id, "status": c.status, "stated": _num(c.stated, c.unit == "money"),
             "computed": _num(c.computed, c.unit == "money"), "message": c.message}
            for c in rec.checks
        ],
        "warnings": rec.warnings,
        "kind": rec.kind,
        "unread": [{"text": u.text, "amount": _num(u.amount, True)} for u in rec.unread],
        "corrected": list(rec.corrected),
    }


def to_json(rec: Record) -> str:
    return json.dumps(to_dict(rec), ensure_ascii=False, indent=2)
