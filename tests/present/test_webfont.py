"""The page font: covers every visible character, same glyphs whichever font it is cut from,
same bytes every time, base font cached once, size budget kept."""
import io

import pytest
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont

from perflib.present import webfont

PAGE = "<p>广州市荔湾区花地街道办事处 2021 年度预算完成率 99.62%，调整增支 1,381.85 万元。✓</p>"
RARE = "䶮"  # in Noto Sans CJK SC, not in GB2312: outside the base font


@pytest.fixture
def small_base(tmp_path, monkeypatch):
    """A base font cut to a few characters (the real one takes ~10 s to build), in a fresh cache."""
    monkeypatch.setenv("PERFLIB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(webfont, "base_unicodes", lambda: {ord(c) for c in webfont.visible_chars(PAGE)})
    for f in (webfont.base_font, webfont._base_cmap):
        f.cache_clear()
    yield tmp_path / "cache"
    for f in (webfont.base_font, webfont._base_cmap):
        f.cache_clear()


def _font(woff2: bytes) -> TTFont:
    return TTFont(io.BytesIO(woff2))


def _outline(font: TTFont, char: str):
    name = font.getBestCmap()[ord(char)]
    pen = RecordingPen()
    font.getGlyphSet()[name].draw(pen)
    return font["hmtx"][name][0], pen.value


def test_font_file_is_the_one_charts_draw_with():
    from perflib.present.charts import cjk_font_path

    assert webfont.cjk_font_path() == cjk_font_path()


def test_covers_every_visible_character_even_outside_the_base(small_base):
    html = PAGE + f"<p>{RARE}</p>"
    font = _font(webfont.subset_woff2(webfont.visible_chars(html)))
    cmap = font.getBestCmap()
    full = webfont._full_cmap()
    missing = [c for c in webfont.visible_chars(html) if ord(c) in full and ord(c) not in cmap]
    assert missing == []
    assert ord(RARE) in cmap and ord(RARE) not in webfont._base_cmap()


def test_base_and_full_font_give_the_same_glyphs(small_base):
    chars = webfont.visible_chars(PAGE)
    from_base = _font(webfont.subset_woff2(chars))
    from_full = _font(webfont.subset_woff2(chars + RARE))  # the rare character forces the full font
    for c in "广州荔湾预算完成率万元2%，✓":
        assert _outline(from_base, c) == _outline(from_full, c), c


def test_same_bytes_every_time_and_base_built_once(small_base):
    first = webfont.font_face_css(PAGE)
    [base] = small_base.glob("base-*.otf")
    stamp = base.stat().st_mtime_ns
    webfont.base_font.cache_clear()  # a new process: reads the cache instead of building
    assert webfont.font_face_css(PAGE) == first
    assert base.stat().st_mtime_ns == stamp


def test_damaged_cache_is_rebuilt(small_base):
    webfont.font_face_css(PAGE)
    [base] = small_base.glob("base-*.otf")
    base.write_bytes(b"not a font")
    webfont.base_font.cache_clear()
    webfont._base_cmap.cache_clear()
    assert "data:font/woff2;base64," in webfont.font_face_css(PAGE)
    TTFont(str(base))["cmap"]  # a font again


def test_long_page_gets_the_smaller_encoding(small_base, monkeypatch):
    sfnt = webfont.subset_sfnt(webfont.visible_chars(PAGE))
    fast, small = webfont.to_woff2(sfnt, webfont.FAST_QUALITY), webfont.to_woff2(sfnt, webfont.SMALL_QUALITY)
    assert len(small) < len(fast)
    assert _font(fast).getBestCmap() == _font(small).getBestCmap()
    assert webfont.font_face_css(PAGE) == webfont._rule(fast)
    monkeypatch.setattr(webfont, "PAGE_BUDGET", len(PAGE.encode()) + len(webfont._rule(fast)) - 1)
    assert webfont.font_face_css(PAGE) == webfont._rule(small)
