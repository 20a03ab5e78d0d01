"""README screenshots: the top of a rendered report (and of the index, when there is one), and
the top of the scanned sample's page with its OCR notice (docs/scanned.png).

    .venv/bin/python docs/screenshots.py [OUTDIR]

OUTDIR defaults to a fresh `perflib render` of the seed report in a temp folder;
pass the folder of a `perflib batch` run to also get docs/index.png.
Headless Debian Chromium (/usr/bin/chromium), network blocked, 1000 px wide,
the top 1600 px, quantized to a small PNG.
"""
from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
SEED = ROOT / "seeds" / "000_8fb6ef2090065a78.txt"
SCANNED = ROOT / "data" / "samples" / "2022_minzheng_scan.pdf"
WIDTH, HEIGHT, COLOURS, LIMIT = 1000, 1600, 64, 300 * 1024


def render(source: Path, outdir: Path) -> Path:
    proc = subprocess.run([sys.executable, "-m", "perflib.cli", "render", str(source), "-o", str(outdir)],
                          capture_output=True, text=True, encoding="utf-8", check=True)
    return Path(proc.stdout.strip().splitlines()[-1])


def small_png(png: bytes, out: Path) -> int:
    """Quantize to a small palette: the page is flat colour and text, so it stays crisp."""
    img = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT,
                                                               dither=Image.Dither.NONE)
    img.save(out, optimize=True)
    size = out.stat().st_size
    if size > LIMIT:
        raise SystemExit(f"{out}: {size // 1024} KB, over {LIMIT // 1024} KB")
    return size


def shoot(browser, html: Path, out: Path) -> None:
    page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1)
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
    page.goto(html.as_uri(), wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    png = page.screenshot(clip={"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT})
    page.close()
    print(f"{out.relative_to(ROOT)}: {small_png(png, out) // 1024} KB")


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        outdir = Path(argv[0]) if argv else Path(tmp)
        reports = sorted(p for p in outdir.glob("*.html") if p.name not in ("index.html", "portfolio.html"))
        report = reports[0] if reports else render(SEED, outdir)
        scanned = render(SCANNED, Path(tmp) / "scanned")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                         args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            shoot(browser, report, DOCS / "report.png")
            shoot(browser, scanned, DOCS / "scanned.png")
            if (outdir / "index.html").exists():
                shoot(browser, outdir / "index.html", DOCS / "index.png")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
