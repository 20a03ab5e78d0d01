"""perflib.run.state: the batch's state as a journal, one line per page, replayed on reading."""
import json

from perflib.run import state


def test_journal_appends_a_line_per_page_and_replays(tmp_path):
    j = state.Journal(tmp_path, state.empty())
    size = (tmp_path / state.STATE_FILE).stat().st_size
    for n in range(3):
        j.page(f"k{n}", {"source": f"s{n}.txt", "output": f"p{n}.html", "department": None, "year": 2021})
        grown = (tmp_path / state.STATE_FILE).stat().st_size
        assert grown > size  # appended, not rewritten
        size = grown
    j.portfolio("portfolio.html", "pk")
    j.tables("tk")
    back = state.load(tmp_path)  # what a batch killed now would find
    assert sorted(back["pages"]) == ["k0", "k1", "k2"] and back["pages"]["k1"]["output"] == "p1.html"
    assert back["portfolios"] == {"portfolio.html": "pk"} and back["tables"] == "tk"
    j.close()
    lines = (tmp_path / state.STATE_FILE).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + 3 + 1 + 1  # compact: header, pages, portfolio, tables
    assert state.load(tmp_path) == back


def test_a_torn_last_line_or_garbage_costs_only_that_page(tmp_path):
    j = state.Journal(tmp_path, state.empty())
    j.page("a", {"source": "a.txt", "output": "a.html", "department": None, "year": None})
    with open(tmp_path / state.STATE_FILE, "a", encoding="utf-8") as fh:
        fh.write('{"page": "b", "source": "b.t')  # killed mid-line
    assert list(state.load(tmp_path)["pages"]) == ["a"]
    (tmp_path / state.STATE_FILE).write_text("{not json", encoding="utf-8")
    assert state.load(tmp_path) == state.empty()
    (tmp_path / state.STATE_FILE).write_text(json.dumps({"schema": 1, "pages": {"a": {}}}), encoding="utf-8")
    assert state.load(tmp_path)["pages"] == {}  # another schema: start afresh
