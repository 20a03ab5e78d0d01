"""Property tests over generated published-style reports (corpus.py's "real" template) and
non-department documents: every generated figure parses back exactly, or stays null and is listed
as unread — never a different value; every non-department document gets its kind and exit 3."""
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perflib.cli import main
from perflib.model import BLOCK_FIELDS, MONEY_FIELDS, Source
from perflib.read.normalize import normalize
from perflib.understand.parse import parse_text

from corpus import KIND_TEMPLATES, REAL_OPTIONS, expected, make_figures, make_variant, render_text, unread_amounts

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parse(text: str):
    # a web page's lines are its paragraphs (breadcrumb and title stay apart)
    return parse_text(normalize([text], paragraphs=True), Source("gen.txt", "txt", "utf-8", ""))


def assert_never_wrong(rec, want: dict, must_be_unread, text: str):
    unread = {u.amount for u in rec.unread}
    for block in ("overall", "projects", "basic"):
        for f in BLOCK_FIELDS:
            got, exp = getattr(rec.block(block), f), want[block][f]
            if got is None and exp is not None and f in MONEY_FIELDS:
                assert abs(exp) in unread, (block, f, exp, text)  # null, but listed
            elif got is not None:
                assert got == exp, (block, f, got, exp, text)  # never a different value
    for amount in must_be_unread:
        assert amount in unread, (amount, text)
    assert all(u.text in rec.text for u in rec.unread)  # each quoted from the text
    assert not [w for w in rec.warnings if "kept the first" in w], rec.warnings


def check(figures, variant):
    text = render_text(figures, "real", variant)
    rec = parse(text)
    want = expected(figures, "real", variant)
    assert_never_wrong(rec, want, unread_amounts(figures, "real", variant), text)
    assert (rec.department, rec.year, rec.kind) == (want["department"], want["year"], "department"), text
    assert [t.funds for t in rec.tasks] == want["task_funds"], text
    assert (rec.rating, len(rec.problems), len(rec.plans)) == (want["rating"], want["problems"], want["plans"]), text
    return rec, want


@FAST
@given(rng=st.randoms(use_true_random=False))
def test_real_phrasing_parses_back_or_stays_unread(rng):
    check(make_figures(rng), make_variant(rng, "real"))


@pytest.mark.parametrize("name", list(REAL_OPTIONS))
def test_every_real_option(name):
    """Deterministic sweep: each option at least once, and each read back in full (recall)."""
    rng = random.Random(name)
    for value in REAL_OPTIONS[name]:
        figures = make_figures(rng)
        variant = type(make_variant(rng, "real"))(**(make_variant(rng, "real").__dict__ | {name: value}))
        rec, want = check(figures, variant)
        for block in ("overall", "projects", "basic"):
            for f in BLOCK_FIELDS:
                assert getattr(rec.block(block), f) == want[block][f], (name, value, block, f)


@pytest.mark.parametrize("template", list(KIND_TEMPLATES))
@settings(max_examples=40, deadline=None)
@given(rng=st.randoms(use_true_random=False))
def test_non_department_documents_get_their_kind(template, rng):
    text = render_text(make_figures(rng), template, make_variant(rng, template))
    assert parse(text).kind == KIND_TEMPLATES[template], text


@pytest.mark.parametrize("template", list(KIND_TEMPLATES))
def test_non_department_documents_exit_3(template, tmp_path, capsys):
    rng = random.Random(template)
    path = tmp_path / f"{template}.txt"
    path.write_text(render_text(make_figures(rng), template, make_variant(rng, template)), encoding="utf-8")
    assert main(["parse", str(path)]) == 3
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"perflib: {path}: ") and "\n" not in err
