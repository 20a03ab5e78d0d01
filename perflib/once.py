"""One count per department-year.

Two files may read as the same department-year of one region: a PDF and the web page that printed
it, a corrected re-issue, a copy with other bytes. Both are listed (index, dataset, review sheet),
but a total, a median, a share or a count holds the department-year once: it counts the file that
states the most core figures, then the one with fewer failed checks, then the first by path. The
review sheet names the file counted, so the analyst can keep the other instead (a manifest, or a
correction). The region is part of the department-year: a township's bare name (城关镇) is in many
counties, each its own.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

RULE_ZH = "先取写明核心数字较多的，再取核对不符较少的，再按文件路径先后"  # (the rule, in the review sheet)

# The figures a reader compares across department-years (the more a file states, the fuller the report).
CORE = ("overall_initial_budget", "overall_adjusted_budget", "overall_actual", "overall_completion_rate",
        "projects_actual", "rating", "score")
_USED = (*CORE, "checks_fail", "source", "department", "year", "region")


def _stated(v) -> bool:
    return v is not None and v == v and v != ""  # (NaN != NaN: a frame's missing value)


def rank(row: Mapping) -> tuple:
    """Sort key of a report's row: the one counted comes first."""
    fails = row.get("checks_fail")
    return (-sum(_stated(row.get(c)) for c in CORE), fails if _stated(fails) else 0, str(row.get("source") or ""))


def department_year(row: Mapping) -> tuple | None:
    """What two rows must share to be one department-year; None: a row without department or year."""
    if not _stated(row.get("department")) or not _stated(row.get("year")):
        return None
    region = row.get("region")
    return (region if _stated(region) else "", row["department"], int(row["year"]))


def counted_mask(rows: list[Mapping]) -> list[bool]:
    """Per report row (in order): does it count? One per department-year; every row without one."""
    keys = [department_year(r) for r in rows]
    best: dict[tuple, int] = {}
    for i, (r, key) in enumerate(zip(rows, keys)):
        if key is not None and (key not in best or rank(r) < rank(rows[best[key]])):
            best[key] = i
    chosen = set(best.values())
    return [key is None or i in chosen for i, key in enumerate(keys)]


def counted(reports):
    """A boolean Series over a reports frame: the rows that count (see the module's docstring)."""
    import pandas as pd

    records = reports[[c for c in _USED if c in reports]].to_dict("records")
    return pd.Series(counted_mask(records), index=reports.index, dtype=bool)


def with_counted(reports):
    """The reports frame with its `counted` column as booleans (as `counted` gives it, unless the frame
    has it: a batch's), for the pages that list them all. (An empty column of objects, as a batch with
    no report builds it, would select columns rather than rows.)"""
    if "counted" not in reports:
        return reports.assign(counted=counted(reports))
    return reports if reports["counted"].dtype == bool else reports.assign(counted=reports["counted"].astype(bool))


def keep_counted(ds):
    """The dataset (perflib.dataset.Dataset) with only the rows that count in every frame; `repeats`:
    how many were left out. (A child row belongs to its report by report_id, department and year: a
    manifest may read one file as two department-years, under one report_id.)"""
    keep = with_counted(ds.reports)["counted"]
    if keep.all():
        return ds
    left = ds.reports[~keep]
    dropped = set(zip(left["report_id"], left["department"], left["year"].astype(int)))

    def kept(df):
        if df is None or "report_id" not in df or not len(df):
            return df
        if "department" not in df or "year" not in df:  # (a frame loaded with a few columns only)
            return df[~df["report_id"].isin(set(left["report_id"]) - set(ds.reports.loc[keep, "report_id"]))]
        keys = zip(df["report_id"], df["department"], df["year"])
        return df[[(rid, dept, int(y)) not in dropped if _stated(dept) and _stated(y) else True
                   for rid, dept, y in keys]]

    children = {name: kept(df) for name, df in vars(ds).items() if name not in ("reports", "failures", "repeats")}
    return replace(ds, reports=ds.reports[keep], **children, repeats=int((~keep).sum()))
