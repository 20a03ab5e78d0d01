"""Charts draw Chinese with real glyphs (pyproject turns 'Glyph … missing' warnings into errors)."""
import warnings

from perflib.present import charts
from perflib.check.metrics import compute
from perflib.model import Record, Source


def test_seed_charts_have_real_glyphs(seed_record):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any missing glyph fails here, not just in pytest's filter
        figs = charts.all_charts(seed_record, compute(seed_record))
        pngs = [charts.png_bytes(f) for f in figs]
    assert len(pngs) == 3
    assert all(p.startswith(b"\x89PNG") and 3_000 < len(p) < 60_000 for p in pngs)
    assert charts.alt_text(figs[0]) == "预算从年初到实际：调整与执行"


def test_font_is_the_bundled_cjk_font():
    name = charts.use_cjk_font()
    assert "CJK" in name
    from matplotlib import font_manager
    path = font_manager.findfont(font_manager.FontProperties(family=name), fallback_to_default=False)
    assert path == charts.cjk_font_path()


def test_charts_of_an_empty_record_do_not_fail():
    r = Record(source=Source("x", "txt", None, ""))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for f in charts.all_charts(r, compute(r)):
            charts.png_bytes(f)
