"""Stage 8: one report → papermill-executed notebook → one self-contained HTML file."""
from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

from . import __version__
from .errors import PerflibError
from .outfiles import slug, write_atomic
from .pipeline import read_record
from .webfont import font_face_css

PACKAGE_DIR = Path(__file__).resolve().parent
NOTEBOOK = Path(os.environ.get("PERFLIB_NOTEBOOK", PACKAGE_DIR.parent / "notebooks" / "department_year.ipynb"))
TEMPLATES = PACKAGE_DIR / "templates"
FONT_SLOT = "/* perflib-font */"


class NotebookFailed(PerflibError):
    """The notebook raised: exit 1, naming the failing cell."""

    exit_code = 1


def page_title(department: str | None, year: int | None) -> str:
    y = f"{year} 年度" if year else ""
    return f"{department or '未署名部门'} {y}部门整体支出绩效分析"


def output_name(department: str | None, year: int | None) -> str:
    return slug(department, year) + ".html"


def execute(source: Path, department: str | None = None, year: int | None = None, notebook: Path = NOTEBOOK):
    """Run the department-year notebook for one report through papermill; return the executed notebook."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    params = {"source": str(source.resolve()), "department": department, "year": year}
    try:
        return pm.execute_notebook(str(notebook), None, parameters=params, kernel_name="python3",
                                   progress_bar=False, log_output=False, cwd=str(notebook.parent))
    except PapermillExecutionError as exc:
        raise NotebookFailed(f"{source}: notebook failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}") from None


@lru_cache(maxsize=1)
def _exporter():
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="perflib", extra_template_basedirs=[str(TEMPLATES)],
                        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                        exclude_markdown=True)


@lru_cache(maxsize=1)
def page_css() -> str:
    return resources.files("perflib").joinpath("assets", "page.css").read_text(encoding="utf-8")


def export_html(nb, title: str) -> str:
    """The executed notebook as one HTML page: no code, no prompts, nothing fetched from the network.

    The same notebook run gives the same bytes (no timestamps, no random ids)."""
    nb.metadata["title"] = title
    for cell in nb.cells:  # papermill gives the cell it injects a random id; the page shows ids
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"
    resources = {"metadata": {"name": title}, "perflib_css": page_css(), "perflib_font_css": FONT_SLOT,
                 "perflib_version": __version__}
    html, _ = _exporter().from_notebook_node(nb, resources=resources)
    # The font is cut to the characters of the finished page, so it goes in last.
    return html.replace(FONT_SLOT, font_face_css(html), 1)


def render_report(path: str | Path, outdir: Path, department: str | None = None, year: int | None = None) -> Path:
    """Parse (exit 2/3 on bad input), execute the notebook, export, write atomically."""
    source = Path(path)
    rec = read_record(source, department=department, year=year, require_figures=True)
    nb = execute(source, department=department, year=year)
    html = export_html(nb, page_title(rec.department, rec.year))
    return write_atomic(Path(outdir) / output_name(rec.department, rec.year), html)
