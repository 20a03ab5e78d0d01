"""perflib.once: a department-year read from two files counts once, the same one everywhere."""
import pandas as pd

from perflib.dataset import Dataset
from perflib.once import counted, counted_mask, keep_counted


def _row(source, dept="甲局", year=2022, actual=1.0, initial=1.0, fails=0, region="甲市 › 乙区", **more):
    return {"report_id": source, "source": source, "department": dept, "year": year, "overall_actual": actual,
            "overall_initial_budget": initial, "checks_fail": fails, "region": region, **more}


def test_the_fuller_file_counts_then_fewer_failed_checks_then_the_path():
    assert counted_mask([_row("b.pdf"), _row("a.html", actual=None)]) == [True, False]  # more core figures
    assert counted_mask([_row("a.pdf", fails=2), _row("b.html", fails=0)]) == [False, True]
    assert counted_mask([_row("b/x.txt"), _row("a/x.pdf")]) == [False, True]


def test_other_department_years_regions_and_rows_without_one_all_count():
    rows = [_row("a"), _row("b", year=2023), _row("c", dept="乙局"), _row("d", dept=None), _row("e", dept=None),
            _row("f", year=None), _row("g", region="甲市 › 丙县")]  # 城关镇 is in many counties
    assert counted_mask(rows) == [True] * 7


def test_one_file_read_as_two_department_years_counts_as_each():
    # a manifest may give one file two years: one report_id, two department-years
    rows = [_row("seed.txt", year=2021), _row("seed.txt", year=2022), _row("a.html", year=2021, actual=None)]
    assert counted_mask(rows) == [True, True, False]


def test_a_frame_and_its_dataset_keep_the_counted_rows():
    reports = pd.DataFrame([_row("a.html", actual=None), _row("b.pdf"), _row("c.pdf", dept="乙局"),
                            _row("b.pdf", year=2023)])
    assert counted(reports).tolist() == [False, True, True, True]
    problems = pd.DataFrame({"report_id": ["a.html", "b.pdf", "c.pdf", "b.pdf"], "department": ["甲局", "甲局", "乙局", "甲局"],
                             "year": [2022, 2022, 2022, 2023], "text": ["x", "y", "z", "w"]})
    failures = pd.DataFrame({"source": ["bad.docx"], "report_id": [None]})
    few = problems[["report_id", "text"]]  # (a frame loaded with a few columns: by report_id alone)
    ds = keep_counted(Dataset(reports, problems.iloc[:0], problems.iloc[:0], problems, failures, few))
    assert ds.reports["source"].tolist() == ["b.pdf", "c.pdf", "b.pdf"] and ds.problems["text"].tolist() == ["y", "z", "w"]
    assert ds.indicators["text"].tolist() == ["y", "z", "w"]
    assert ds.repeats == 1 and len(ds.failures) == 1  # failures are no department-year
    whole = Dataset(reports.iloc[1:], problems, problems, problems, failures)
    assert keep_counted(whole) is whole and whole.repeats == 0
