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

import hashlib
from functools import lru_cache

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


CODE_SUFFIXES = (".py", ".toml", ".j2", ".json", ".css")  # what reading and pages are made of (the notebooks: their own hash)


def code_sha(root: Path | None = None) -> str:
    """perflib's code and data files, hashed: a page or a record made by other code is made again
    on the next batch, even under the same version number (a fix within a release, a checkout)."""
    return _code_sha(root or PACKAGE_DIR)


@lru_cache(maxsize=4)
def _code_sha(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):  # (a few hundred files, ~2 MB: milliseconds, once a process)
        if path.suffix in CODE_SUFFIXES and "__pycache__" not in path.parts and path.is_file():
            h.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


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
