"""One count per department-year.

Two files may read as the same department-year: a PDF and the web page that printed it, a corrected
re-issue, a copy with other bytes. Both are listed (index, dataset, review sheet), but a total, a
median, a share or a count holds the department-year once: it counts the file that states the most
core figures, then the one with fewer failed checks, then the first by path. The review sheet names
the file counted, so the analyst can keep the other instead (a manifest, or a correction).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

RULE_ZH = "先取写明核心数字较多的，再取核对不符较少的，再按文件路径先后"  # (the rule, in the review sheet)

# The figures a reader compares across department-years (the more a file states, the fuller the report).
CORE = ("overall_initial_budget", "overall_adjusted_budget", "overall_actual", "overall_completion_rate",
        "projects_actual", "rating", "score")


def _stated(v) -> bool:
    return v is not None and v == v and v != ""  # (NaN != NaN: a frame's missing value)


def rank(row: Mapping) -> tuple:
    """Sort key of a report's row: the one counted comes first."""
    fails = row.get("checks_fail")
    return (-sum(_stated(row.get(c)) for c in CORE), fails if _stated(fails) else 0, str(row.get("source") or ""))


def counted_ids(rows: list[Mapping]) -> set[str]:
    """The report_ids counted among report rows (dicts): one per department-year; every row without one."""
    best: dict[tuple, Mapping] = {}
    out = set()
    for r in rows:
        if not _stated(r.get("department")) or not _stated(r.get("year")):
            out.add(r["report_id"])
            continue
        key = (r["department"], int(r["year"]))
        if key not in best or rank(r) < rank(best[key]):
            best[key] = r
    return out | {r["report_id"] for r in best.values()}


def counted(reports):
    """A boolean Series over a reports frame: the rows that count (see the module's docstring)."""
    import pandas as pd

    if reports.empty:
        return pd.Series(True, index=reports.index, dtype=bool)
    cols = [c for c in (*CORE, "checks_fail", "source", "department", "year", "report_id") if c in reports]
    return reports["report_id"].isin(counted_ids(reports[cols].to_dict("records")))


def keep_counted(ds):
    """The dataset (perflib.dataset.Dataset) with only the rows that count in every frame; `repeats`:
    how many were left out."""
    keep = counted(ds.reports)
    if keep.all():
        return ds
    ids = set(ds.reports.loc[keep, "report_id"])
    frames = {name: (df if df is None or name == "failures" or "report_id" not in df else df[df["report_id"].isin(ids)])
              for name, df in vars(ds).items() if name != "repeats"}
    return replace(ds, **frames, repeats=int((~keep).sum()))


def with_counted(reports):
    """The reports frame with its `counted` column (as `counted` gives it), for the pages that list them all."""
    return reports if "counted" in reports else reports.assign(counted=counted(reports))
