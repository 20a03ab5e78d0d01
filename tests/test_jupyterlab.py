"""JupyterLab starts with the project's notebooks and serves them over its REST API."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from paths import ROOT

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_lab_lists_notebooks(tmp_path):
    port, token = _free_port(), "perflib-test-token"
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "rt"), JUPYTER_CONFIG_DIR=str(tmp_path / "cfg"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={ROOT / 'notebooks'}",
         "--ServerApp.port_retries=0", "--allow-root"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        url = f"http://127.0.0.1:{port}/api/contents/?token={token}"
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as resp:
                    listing = json.load(resp)
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.5)
        names = {item["name"] for item in listing["content"]}
        assert "department_year.ipynb" in names
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=10) as resp:
            assert resp.status == 200
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen) -> None:
    """Stop the Lab server: asked first, killed if a loaded machine keeps it shutting down past 30 s (its exit is not
    what these tests check)."""
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=30)


CELL_ALIGN = """() => [...document.querySelectorAll('.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th')]
    .filter(td => td.innerText.trim())
    .map(td => ({text: td.innerText.trim().slice(0, 16), num: /\\b(num|val)\\b/.test(td.className),
                 align: getComputedStyle(td).textAlign}))"""


@pytest.mark.browser
def test_lab_aligns_text_left_and_numbers_right(tmp_path, browser):
    """The executed notebook opened in Lab (untrusted: Lab drops <style> but keeps style attributes, and
    shows no raw SVG): tables aligned, charts shown."""
    from browser_helpers import screenshot
    from paths import SEED

    # papermill in its own process: this one runs the session's browser (an event loop of its own)
    run = subprocess.run([sys.executable, "-m", "papermill", str(ROOT / "notebooks" / "department_year.ipynb"),
                          str(tmp_path / "seed.ipynb"), "-p", "source", str(SEED), "--cwd", str(ROOT / "notebooks")],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    port, token = _free_port(), "perflib-test-token"
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "rt"), JUPYTER_CONFIG_DIR=str(tmp_path / "cfg"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={tmp_path}", "--ServerApp.port_retries=0",
         "--allow-root"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        deadline = time.time() + 180  # a loaded CI machine starts Lab slowly
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=5).close()
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.5)
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/lab/tree/seed.ipynb?token={token}", timeout=120_000)
        page.wait_for_selector(".jp-RenderedHTMLCommon table.tasks", timeout=120_000)
        cells = page.evaluate(CELL_ALIGN)
        # the charts show although the notebook is not trusted: their <img> twin (Lab drops raw SVG)
        page.wait_for_function("""() => [...document.querySelectorAll('.jp-OutputArea-output img')]
            .filter(i => i.src.startsWith('data:image/svg+xml') && i.complete && i.naturalWidth > 100).length >= 3""",
                               timeout=60_000)
        page.locator(".jp-RenderedHTMLCommon table.figures").scroll_into_view_if_needed()
        screenshot(page, "lab-tables", full_page=False)
    finally:
        context.close()
        _stop(proc)
    text = [c for c in cells if not c["num"]]
    numbers = [c for c in cells if c["num"]]
    assert len(text) > 30 and len(numbers) > 30
    assert [c for c in text if c["align"] != "left"] == []
    assert [c for c in numbers if c["align"] != "right"] == []
    assert any(c["text"] == "整体支出" for c in text) and any(c["text"] == "6,364.24" for c in numbers)
