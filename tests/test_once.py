"""perflib.once: a department-year read from two files counts once, the same one everywhere."""
import pandas as pd

from perflib.dataset import Dataset
from perflib.once import counted, counted_ids, keep_counted


def _row(source, dept="甲局", year=2022, actual=1.0, initial=1.0, fails=0, **more):
    return {"report_id": source, "source": source, "department": dept, "year": year, "overall_actual": actual,
            "overall_initial_budget": initial, "checks_fail": fails, **more}


def test_the_fuller_file_counts_then_fewer_failed_checks_then_the_path():
    fuller = [_row("b.pdf"), _row("a.html", actual=None)]
    assert counted_ids(fuller) == {"b.pdf"}  # states more of the core figures
    checked = [_row("a.pdf", fails=2), _row("b.html", fails=0)]
    assert counted_ids(checked) == {"b.html"}
    same = [_row("b/x.txt"), _row("a/x.pdf")]
    assert counted_ids(same) == {"a/x.pdf"}


def test_other_department_years_and_rows_without_one_all_count():
    rows = [_row("a"), _row("b", year=2023), _row("c", dept="乙局"), _row("d", dept=None), _row("e", dept=None),
            _row("f", year=None)]
    assert counted_ids(rows) == {"a", "b", "c", "d", "e", "f"}


def test_a_frame_and_its_dataset_keep_the_counted_rows():
    reports = pd.DataFrame([_row("a.html", actual=None), _row("b.pdf"), _row("c.pdf", dept="乙局")])
    assert counted(reports).tolist() == [False, True, True]
    problems = pd.DataFrame({"report_id": ["a.html", "b.pdf", "c.pdf"], "text": ["x", "y", "z"]})
    failures = pd.DataFrame({"source": ["bad.docx"], "report_id": [None]})
    ds = keep_counted(Dataset(reports, problems.iloc[:0], problems.iloc[:0], problems, failures))
    assert ds.reports["source"].tolist() == ["b.pdf", "c.pdf"] and ds.problems["text"].tolist() == ["y", "z"]
    assert ds.repeats == 1 and len(ds.failures) == 1  # failures are no department-year
    whole = Dataset(reports.iloc[1:], problems, problems, problems, failures)
    assert keep_counted(whole) is whole and whole.repeats == 0
