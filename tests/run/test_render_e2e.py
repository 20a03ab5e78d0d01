"""End to end: `perflib render` on the seed → one self-contained HTML page, read back."""
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from paths import SEED

pytestmark = pytest.mark.slow


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs, self.charts, self.svg_refs, self.scripts = [], [], [], 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "link", "img", "iframe", "source", "video", "audio"):
            self.refs += [(tag, a.get(k)) for k in ("src", "href") if a.get(k)]
        if tag == "figure" and "pl-chart" in (a.get("class") or ""):
            self.charts.append(a)
        # inside a chart: xlink:href="#…" and url(#…) only, never a file or the network
        self.svg_refs += [v for k, v in attrs if k.endswith("href") and tag in ("use", "pattern")]
        self.svg_refs += re.findall(r"url\(([^)]*)\)", a.get("style") or "") + re.findall(r"url\(([^)]*)\)", a.get("clip-path") or "")
        self.scripts += tag == "script"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    proc = subprocess.run([sys.executable, "-m", "perflib.cli", "render", str(SEED), "-o", str(out)],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    path = proc.stdout.strip().splitlines()[-1]
    return path, open(path, encoding="utf-8").read()


def test_prints_the_html_path_last(rendered, tmp_path):
    path, _ = rendered
    assert path.endswith("2021_广州市荔湾区人民政府花地街道办事处.html")


def test_page_content(rendered):
    _, html = rendered
    assert '<html lang="zh-CN">' in html
    assert re.search(r"<title>广州市荔湾区人民政府花地街道办事处 2021 年度部门整体支出绩效分析</title>", html)
    assert "6,364.24" in html
    assert "差距超出了四舍五入可以解释的范围" in html  # the warn explanation
    assert "0.013 个百分点" in html
    assert "<details>" in html and "报告全文" in html
    assert "存在的问题" in html and "项目落地和建设进度滞后" in html


def test_self_contained(rendered):
    _, html = rendered
    p = _Refs()
    p.feed(html)
    assert len(p.charts) == 3 and all(c.get("aria-label") and c.get("role") == "img" for c in p.charts)
    assert p.svg_refs and all(r.startswith("#") for r in p.svg_refs)
    assert "<img" not in html
    assert not [r for r in p.refs if re.match(r"\s*(https?:)?//", r[1] or "")]
    # the only URL is the charts' SVG namespace: a name, never fetched
    unnamespaced = html.replace(' xmlns="http://www.w3.org/2000/svg"', "")
    assert "http://" not in unnamespaced and "https://" not in unnamespaced
    assert p.scripts == 0
    assert "@font-face" in html and "data:font/woff2;base64," in html
    assert len(html.encode("utf-8")) < 400 * 1024


def test_no_code_or_prompts(rendered):
    _, html = rendered
    assert "analyze(source" not in html and "import " not in html
    assert "In&nbsp;[" not in html and "jp-InputPrompt" not in html


def test_bad_input_exit_codes(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("这是一份会议通知，与预算无关。", encoding="utf-8")
    for path, code in ((tmp_path / "missing.txt", 2), (empty, 2), (other, 3)):
        proc = subprocess.run([sys.executable, "-m", "perflib.cli", "render", str(path), "-o", str(tmp_path / "o")],
                              capture_output=True, text=True, encoding="utf-8")
        assert proc.returncode == code
        assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
        assert str(path) in proc.stderr
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").iterdir())


def test_notebook_outputs_carry_no_warning(tmp_path):
    """Inside the kernel too: no 'Glyph … missing from font' (or any other) warning on stderr."""
    from perflib.run.render import execute

    nb = execute(SEED)
    streams = [o.get("text", "") for c in nb.cells for o in c.get("outputs", [])
               if o.get("output_type") == "stream" and o.get("name") == "stderr"]
    assert not [s for s in streams if "Warning" in s or "missing from" in s], streams
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/svg+xml" in o.get("data", {})]
    assert len(images) == 3 and all(o["metadata"]["image/svg+xml"]["alt"] for o in images)
