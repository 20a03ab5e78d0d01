"""A batch's dataset on disk, `OUTDIR/.perflib-dataset/`: Parquet tables, written as reports are
read and read back column by column.

    reports.parquet      one row per department-year (the dataset's columns, `output`, `entry_key`,
                         and `batch_rows`: the review's rows of the report, as JSON)
    tasks.parquet  checks.parquet  problems.parquet  indicators.parquet   their rows, with `entry_key`
    failures.parquet     reports that could not be read, and files that are not department reports
                         (exit 3 ones with `entry_key` too: a file that is no report is not read again)

Why: a province is ten thousand reports and a few hundred thousand check and indicator rows.  The
batch hands each report's rows to a `Spool` the moment it is read (buffered a few thousand rows at
a time), so it never holds them all; the portfolio notebook loads only the columns and the region
it shows (`load_dataset`); and the next run reuses them: a report whose key (its bytes, the notebook,
perflib, a manifest's overrides) is unchanged is not parsed again, its rows are copied over from the
previous tables as Arrow data.  The folder is replaced whole when a batch ends (a killed batch
leaves the previous one, or none): it is a cache and a hand-over, safe to delete.

pyarrow writes and reads the tables: the Parquet library pandas itself uses.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .dataset import (CHECK_COLUMNS, FAILURE_COLUMNS, FLOAT_COLUMNS, INDICATOR_COLUMNS, INT_COLUMNS,
                      PROBLEM_COLUMNS, REPORT_COLUMNS, TASK_COLUMNS, Dataset, by_dept, typed_frame)
from .errors import UnreadableInput

STORE_DIR = ".perflib-dataset"
KEY = "entry_key"  # the batch's key of the report a row belongs to (perflib.run.batch.job_key)
BATCH_ROWS = "batch_rows"  # what a batch keeps of a report beside the frames (the review sheet's rows)
SCHEMA_VERSION = "2"
CHILDREN = {"tasks": TASK_COLUMNS, "checks": CHECK_COLUMNS, "problems": PROBLEM_COLUMNS,
            "indicators": INDICATOR_COLUMNS}
SORT = {"reports": by_dept, "tasks": by_dept + ["no"], "checks": by_dept, "problems": by_dept + ["no"],
        "indicators": by_dept + ["no"], "failures": ["source"]}
BOOL_COLUMNS = {"fictional", "met", "full_score", "counted"}
FLUSH_ROWS = 4000  # rows buffered per table before they go to disk


def arrow_type(column: str) -> pa.DataType:
    if column in INT_COLUMNS:
        return pa.int64()
    if column in FLOAT_COLUMNS:
        return pa.float64()
    if column in BOOL_COLUMNS:
        return pa.bool_()
    return pa.string()  # text, and any column this module does not know (JSON for a list or a dict)


def schema(columns: list[str]) -> pa.Schema:
    return pa.schema([(c, arrow_type(c)) for c in columns], metadata={"perflib-store": SCHEMA_VERSION})


def report_columns() -> list[str]:
    return [*REPORT_COLUMNS, "output", KEY, BATCH_ROWS]


def batch_rows(rows: dict) -> str:
    """A report's rows beside the frames (the review sheet's items, its corrections), as JSON."""
    return json.dumps({k: v for k, v in rows.items() if k not in ("report", *CHILDREN)},
                      ensure_ascii=False, default=str)


def cached_rows(row: dict, path: str) -> dict:
    """A report's rows as a batch holds them, from the store's report row, for its file as it is
    now (a file moved keeps its rows: the paths in them follow it)."""
    extra = json.loads(row.get(BATCH_ROWS) or "{}")
    old = row.get("source")
    for item in extra.get("review", ()) if old != path else ():  # the review sheet names the file
        if item.get("file") == old:
            item["file"] = path
    return {"report": {c: row.get(c) for c in REPORT_COLUMNS} | {"source": path}, **extra}


def _to_arrow(rows: list[dict], columns: list[str]) -> pa.Table:
    sch = schema(columns)
    data = {}
    for field in sch:
        values = [r.get(field.name) for r in rows]
        if field.type == pa.string():
            values = [v if v is None or isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in values]
        data[field.name] = pa.array(values, type=field.type)
    return pa.table(data, schema=sch)


class Spool:
    """The tables of one batch being written (`DIR.new`), and the previous batch's (`DIR`) to reuse."""

    def __init__(self, outdir: Path):
        self.folder = Path(outdir) / STORE_DIR
        self.new = self.folder.with_name(STORE_DIR + ".new")
        shutil.rmtree(self.new, ignore_errors=True)  # a killed batch's half-written tables
        self.new.mkdir(parents=True)
        self.previous = _usable(self.folder) or _usable(self.folder.with_name(STORE_DIR + ".old"))
        self._writers = {name: pq.ParquetWriter(self.new / f"{name}.parquet", schema([*cols, KEY]))
                         for name, cols in CHILDREN.items()}
        self._buffers: dict[str, list[dict]] = {name: [] for name in CHILDREN}
        self._reuse: set[str] = set()

    # --- the previous batch --------------------------------------------------------------
    def cached_reports(self) -> dict[str, dict]:
        """The previous batch's report rows by key (the report row only: a summary per report)."""
        if self.previous is None:
            return {}
        table = pq.read_table(self.previous / "reports.parquet", columns=[c for c in report_columns() if c != "output"])
        return {row[KEY]: row for row in table.to_pylist()}

    def cached_others(self) -> dict[str, dict]:
        """The previous batch's files that are not department reports or hold no budget figure
        (exit 3), by key: what a file says does not change while its bytes and perflib do not."""
        if self.previous is None:
            return {}
        table = pq.read_table(self.previous / "failures.parquet")
        return {row[KEY]: row for row in table.to_pylist() if row.get(KEY) and row.get("exit_code") == 3}

    def reuse(self, key: str) -> None:
        """This report's task, check, problem and indicator rows come from the previous tables."""
        self._reuse.add(key)

    # --- this batch ----------------------------------------------------------------------
    def add(self, key: str, rows: dict) -> None:
        """A freshly read report's rows (perflib.dataset.record_rows); the report row is kept by the caller."""
        for name in CHILDREN:
            buf = self._buffers[name]
            buf.extend(r | {KEY: key} for r in rows.get(name, ()))
            if len(buf) >= FLUSH_ROWS:
                self._flush(name)

    def _flush(self, name: str) -> None:
        if self._buffers[name]:
            self._writers[name].write_table(_to_arrow(self._buffers[name], [*CHILDREN[name], KEY]))
            self._buffers[name] = []

    def commit(self, reports: list[dict], failures: list[dict]) -> Path:
        """Write the report and failure tables, copy the reused rows, and put the new tables in place."""
        for name in CHILDREN:
            self._flush(name)
            if self._reuse and self.previous is not None:
                old = pq.read_table(self.previous / f"{name}.parquet")
                keep = old.filter(pc.is_in(old[KEY], value_set=pa.array(sorted(self._reuse), pa.string())))
                if keep.num_rows:
                    self._writers[name].write_table(keep.replace_schema_metadata(
                        self._writers[name].schema.metadata))
            self._writers[name].close()
        pq.write_table(_to_arrow(reports, report_columns()), self.new / "reports.parquet")
        pq.write_table(_to_arrow(failures, [*FAILURE_COLUMNS, KEY]), self.new / "failures.parquet")
        old = self.folder.with_name(STORE_DIR + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.folder.exists():
            self.folder.rename(old)
        self.new.rename(self.folder)
        shutil.rmtree(old, ignore_errors=True)
        return self.folder

    def abandon(self) -> None:
        for w in self._writers.values():
            w.close()
        shutil.rmtree(self.new, ignore_errors=True)


def _usable(folder: Path) -> Path | None:
    """A previous store whose tables this perflib wrote with today's columns (else: parse again)."""
    try:
        tables = [("reports", report_columns()), ("failures", [*FAILURE_COLUMNS, KEY]),
                  *((n, [*c, KEY]) for n, c in CHILDREN.items())]
        for name, cols in tables:
            if pq.read_schema(folder / f"{name}.parquet").remove_metadata() != schema(cols).remove_metadata():
                return None
        return folder
    except (OSError, pa.ArrowException):
        return None


# --- reading -------------------------------------------------------------------------------
def _pandas(table: pa.Table):
    import pandas as pd

    return table.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)


def read_table(folder: Path, name: str, columns: list[str] | None = None, keys=None) -> pa.Table:
    """One table, only `columns` (None: all) and only the rows of the reports `keys` (None: all)."""
    path = Path(folder) / f"{name}.parquet"
    filters = [(KEY, "in", list(keys))] if keys is not None and name != "failures" else None
    if keys is not None and not len(keys):
        empty = pq.read_schema(path).empty_table()
        return empty.select(columns) if columns else empty
    return pq.read_table(path, columns=columns, filters=filters)


def load_dataset(folder: str | Path, region: str | None = None, tables=None, columns=None) -> Dataset:
    """The dataset a batch keeps (OUTDIR/.perflib-dataset): the frames perflib.dataset.load_folder
    gives (with the batch's `output` page names), without parsing a report; only `region`'s reports
    when given; only the frames named in `tables` (the others empty); of a frame named in `columns`
    ({frame: [column, …]}), only those columns."""
    folder = Path(folder)
    if _usable(folder) is None:
        raise UnreadableInput(f"{folder}: not a perflib dataset folder (written by perflib batch)")
    wanted = set(tables or ("reports", *CHILDREN, "failures"))
    reports = pq.read_table(folder / "reports.parquet")
    if region is not None:
        reports = reports.filter(pc.equal(reports["region"], region))
    keys = reports[KEY].to_pylist() if region is not None else None
    frames = {"reports": reports}
    for name in CHILDREN:
        cols = (columns or {}).get(name)
        table = read_table(folder, name, columns=[*cols, KEY] if cols else None, keys=keys if name in wanted else [])
        frames[name] = table.drop_columns([KEY])
    failures = pq.read_table(folder / "failures.parquet")
    if region is not None:
        failures = failures.filter(pc.equal(failures["region"], region))
    frames["failures"] = failures
    out = {}
    for name, table in frames.items():
        table = table.drop_columns([c for c in (KEY, BATCH_ROWS) if c in table.column_names])
        out[name] = typed_frame(_pandas(table), [c for c in SORT[name] if c in table.column_names])
    return Dataset(**out)


# --- the dataset files a batch writes ----------------------------------------------------------
CHUNK_ROWS = 20_000  # rows per piece when a table streams into its CSV or sheet
DATASET_FILES = ("reports.csv", "reports.xlsx", "reports.parquet", "checks.csv", "indicators.csv")


def sorted_chunks(folder: Path, name: str, keys: set[str]):
    """A child table's rows of the reports `keys`, in the dataset's order, as frames of CHUNK_ROWS."""
    table = read_table(folder, name, keys=sorted(keys)).drop_columns([KEY])
    table = table.sort_by([(c, "ascending") for c in SORT[name]])  # nulls last, as pandas sorts them
    if not table.num_rows:
        yield typed_frame(_pandas(table), SORT[name])
    for start in range(0, table.num_rows, CHUNK_ROWS):
        yield typed_frame(_pandas(table.slice(start, CHUNK_ROWS)), [])


def write_dataset_files(outdir: Path, reports, keys: set[str]) -> None:
    """reports.csv, reports.xlsx, reports.parquet, checks.csv, indicators.csv: `reports` (a frame of
    the reports shown, with `output`) and, from the store, the rows of the reports `keys`."""
    from .dataset import csv_text, reports_xlsx_bytes, write_csv
    from .run.outfiles import atomic_file, write_atomic

    outdir, folder = Path(outdir), Path(outdir) / STORE_DIR
    write_csv(outdir / "reports.csv", reports)
    sink = pa.BufferOutputStream()
    pq.write_table(pa.Table.from_pandas(reports, schema=schema(list(reports.columns)), preserve_index=False), sink)
    write_atomic(outdir / "reports.parquet", sink.getvalue().to_pybytes())
    write_atomic(outdir / "reports.xlsx", reports_xlsx_bytes(reports, sorted_chunks(folder, "indicators", keys)))
    for name in ("checks", "indicators"):
        with atomic_file(outdir / f"{name}.csv") as fh:
            for n, chunk in enumerate(sorted_chunks(folder, name, keys)):
                fh.write(csv_text(chunk, header=n == 0))
