"""A plain (not editable) `pip install .` renders: the notebooks and the page template travel with
the package, and nbconvert's named template "perflib" is installed as data files."""
import os
import shutil
import subprocess
import sys

import pytest

from paths import ROOT, SEED

pytestmark = pytest.mark.slow

TEMPLATE_FILES = ("conf.json", "index.html.j2", "page.css")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """perflib installed from a copy of the checkout (pip builds in the source folder) into a
    folder of its own; the test environment supplies the dependencies."""
    tmp = tmp_path_factory.mktemp("install")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    for name in ("perflib", "notebooks"):  # perflib/notebooks is a link
        shutil.copytree(ROOT / name, src / name, symlinks=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    target = tmp / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                    "--no-index", "--target", str(target), str(src)], check=True, capture_output=True)
    return target


def _env(site):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PERFLIB_", "PYTHON"))}
    return env | {"PYTHONPATH": str(site)}


def test_installed_package_is_imported_from_the_install_not_the_checkout(installed, tmp_path):
    probe = "import perflib, perflib.config as c; print(perflib.__file__); print(c.notebook())"
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=_env(installed),
                         capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == str(installed / "perflib" / "__init__.py")
    assert out[1] == str(installed / "perflib" / "notebooks" / "department_year.ipynb")
    for name in ("department_year.ipynb", "portfolio.ipynb"):
        notebook = installed / "perflib" / "notebooks" / name
        assert not notebook.is_symlink() and notebook.read_bytes() == (ROOT / "notebooks" / name).read_bytes()


def test_installed_package_renders_the_seed_from_another_folder(installed, tmp_path):
    out = tmp_path / "pages"
    proc = subprocess.run([sys.executable, "-m", "perflib.cli", "render", str(SEED), "-o", str(out)],
                          cwd=tmp_path, env=_env(installed), capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    page = out / proc.stdout.strip().splitlines()[-1].rsplit("/", 1)[-1]
    html = page.read_text(encoding="utf-8")
    assert page.parent == out and 'class="pl-chart' in html and "<svg" in html and "@font-face" in html
    assert "广州市荔湾区人民政府花地街道办事处" in html


def test_nbconvert_template_is_installed_as_data_files(installed):
    folder = installed / "share" / "jupyter" / "nbconvert" / "templates" / "perflib"
    packaged = ROOT / "perflib" / "present" / "templates" / "perflib"
    for name in TEMPLATE_FILES:
        assert (folder / name).read_bytes() == (packaged / name).read_bytes(), name


EXPORT_BY_NAME = """
import sys, nbformat
from nbconvert import HTMLExporter
nb = nbformat.v4.new_notebook()
cell = nbformat.v4.new_code_cell("display(chart)")
cell.outputs = [nbformat.v4.new_output("display_data", {"text/html": "<p>图表</p>"}),
                nbformat.v4.new_output("display_data", {"image/png": "iVBORw0KGgo="})]
nb.cells = [cell]
exporter = HTMLExporter(template_name="perflib")   # what `jupyter nbconvert --template perflib` makes
html, _ = exporter.from_notebook_node(nb)
print(exporter.template.filename)
sys.stdout.write(html)
"""


def test_nbconvert_finds_the_installed_template_by_name(installed, tmp_path):
    """With the install's data folder on the Jupyter path, "perflib" is the installed copy, and it
    needs nothing else from perflib: the page is inlined, input-free, offline."""
    env = _env(installed) | {"JUPYTER_PATH": str(installed / "share" / "jupyter")}
    proc = subprocess.run([sys.executable, "-c", EXPORT_BY_NAME], cwd=tmp_path, env=env,
                          capture_output=True, text=True, encoding="utf-8", check=True)
    template, html = proc.stdout.split("\n", 1)
    assert template == str(installed / "share/jupyter/nbconvert/templates/perflib/index.html.j2")
    css = (installed / "share/jupyter/nbconvert/templates/perflib/page.css").read_text(encoding="utf-8")
    assert css in html and "<p>图表</p>" in html and 'data:image/png;base64,iVBORw0KGgo=' in html
    assert "display(chart)" not in html and "<script" not in html and "http" not in html.lower()
