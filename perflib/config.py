"""Where perflib finds its files and which environment variables change that: one place.

| variable                      | what it sets                                   | default |
|-------------------------------|------------------------------------------------|---------|
| PERFLIB_NOTEBOOK              | the department-year notebook                   | the one installed with perflib |
| PERFLIB_PORTFOLIO_NOTEBOOK    | the portfolio notebook                         | the one installed with perflib |
| PERFLIB_CACHE_DIR             | the cache (page font base, OCR text)           | $XDG_CACHE_HOME/perflib, ~/.cache/perflib |
| PERFLIB_FLAT_INDEX_MAX        | department-years a batch lists in one index; more (in several regions): indexed and compared by region | 200 |

The notebooks are the top-level `notebooks/` folder of the checkout; `perflib/notebooks` links to
it, so they are installed with the package and a plain `pip install .` can render too.
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "present" / "templates"  # nbconvert's template folder ("perflib")
# The pages' one stylesheet, a plain file beside the template (not a link: a checkout without
# symbolic links, Git on Windows by default, would have left a text file naming its target).
PAGE_CSS = TEMPLATES_DIR / "perflib" / "page.css"


def _installed_notebook(name: str) -> Path:
    installed = PACKAGE_DIR / "notebooks"
    if not installed.is_dir() and (PACKAGE_DIR.parent / "notebooks").is_dir():
        # A checkout made without symbolic links (Git on Windows, by default) has a small text
        # file where the link stands: an editable install then uses the checkout's folder.
        installed = PACKAGE_DIR.parent / "notebooks"
    return installed / name


def notebook() -> Path:
    """notebooks/department_year.ipynb, or $PERFLIB_NOTEBOOK."""
    return Path(os.environ.get("PERFLIB_NOTEBOOK") or _installed_notebook("department_year.ipynb"))


def portfolio_notebook() -> Path:
    """notebooks/portfolio.ipynb, or $PERFLIB_PORTFOLIO_NOTEBOOK."""
    return Path(os.environ.get("PERFLIB_PORTFOLIO_NOTEBOOK") or _installed_notebook("portfolio.ipynb"))


def cache_dir() -> Path:
    """$PERFLIB_CACHE_DIR, else $XDG_CACHE_HOME/perflib, else ~/.cache/perflib."""
    if os.environ.get("PERFLIB_CACHE_DIR"):
        return Path(os.environ["PERFLIB_CACHE_DIR"])
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / "perflib"


def flat_index_max() -> int:
    """$PERFLIB_FLAT_INDEX_MAX, else 200: past it, a batch of several regions is read by region."""
    value = os.environ.get("PERFLIB_FLAT_INDEX_MAX", "")
    return int(value) if value.strip().isdigit() else 200
