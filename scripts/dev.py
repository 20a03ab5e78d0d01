"""perflib's front door on any platform: what `make setup | report | test | test-fast | lab` do,
with nothing but Python (standard library only; `make` calls this file too).

    python3 scripts/dev.py setup            .venv/ with perflib installed (editable) and the test tools
    python3 scripts/dev.py report [-j N]    render every report in data/ into outputs/
    python3 scripts/dev.py test [ARGS]      the whole test suite (ARGS: passed to pytest)
    python3 scripts/dev.py test-fast [ARGS] without the slow end-to-end and browser tests
    python3 scripts/dev.py lab              JupyterLab on notebooks/

On Windows: `py scripts\\dev.py report`. `report`, `test`, `test-fast` and `lab` run `setup` first;
it re-installs only when pyproject.toml changed.
"""
from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
STAMP = VENV / ".installed-stamp"
TEMPLATE = ROOT / "perflib" / "present" / "templates" / "perflib"
# nbconvert's named template "perflib" (`jupyter nbconvert --to html --template perflib out.ipynb`)
TEMPLATE_INSTALLED = Path("share", "jupyter", "nbconvert", "templates", "perflib")
# Run a second time with the portable paths forced (PERFLIB_PORTABLE=1: spawn pools, kernels
# started as papermill does, TCP sockets), where the default paths are not already those (Linux):
# the tests that start worker pools, kernels or locks. (tests/run/test_batch.py replaces the
# renderer and runs in one process: the same either way.)
PORTABLE_TESTS = ["tests/run/test_budget.py", "tests/run/test_lock.py", "tests/run/test_platform.py",
                  "tests/run/test_batch_e2e.py", "tests/run/test_batch_limits.py",
                  "tests/run/test_render_fast.py", "tests/run/test_render_e2e.py"]
FAST = ["-m", "not slow and not browser"]


def venv_program(name: str) -> Path:
    """A program of .venv: .venv/bin/NAME, or .venv\\Scripts\\NAME.exe on Windows."""
    if os.name == "nt":
        return VENV / "Scripts" / f"{name}.exe"
    return VENV / "bin" / name


def run(cmd: list, env: dict | None = None) -> int:
    """Run a command (an argument list, never a shell string) in the checkout; its exit code."""
    print("+", shlex.join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], cwd=ROOT, env=env).returncode


def check(cmd: list) -> None:
    code = run(cmd)
    if code:
        sys.exit(code)


# ---- setup ----------------------------------------------------------------------------------------
def setup() -> Path:
    """.venv with perflib (editable) and its test tools; returns its Python."""
    if sys.version_info < (3, 11):
        sys.exit(f"perflib needs Python 3.11 or newer; this is {sys.version.split()[0]} ({sys.executable})")
    python = venv_program("python")
    pyproject = ROOT / "pyproject.toml"
    if not python.is_file() or not STAMP.is_file() or STAMP.stat().st_mtime < pyproject.stat().st_mtime:
        if not python.is_file():
            check([sys.executable, "-m", "venv", VENV])
        check([python, "-m", "pip", "install", "-q", "--upgrade", "pip"])
        check([python, "-m", "pip", "install", "-q", "-e", ".[test]"])
        # The page font's base subset, once (~10 s), so the first render does not wait for it.
        check([python, "-c", "from perflib.present.webfont import prepare; prepare()"])
        STAMP.touch()
    install_template(VENV)
    # perflib's bytecode, written now: an editable install leaves it to the first import, and where
    # PYTHONDONTWRITEBYTECODE is set (many container images) every perflib command and every
    # kernel would compile perflib again (~0.2 CPU-s). Up-to-date files are skipped.
    check([python, "-m", "compileall", "-q", ROOT / "perflib"])
    if not shutil.which("soffice"):
        print("note: LibreOffice is not installed: legacy .doc reports are read by perflib's own reader "
              "(text, paragraphs, tables); LibreOffice, when installed, is used first "
              "(Debian: apt-get install libreoffice-writer-nogui; macOS, Windows: libreoffice.org)")
    return python


def install_template(prefix: Path) -> Path:
    """nbconvert's named template "perflib" in PREFIX's Jupyter data path: setuptools leaves data
    files out of an editable install. A link to the checkout's template folder where the system
    allows one, else (Windows without the privilege) a copy, made again at every setup."""
    target = prefix / TEMPLATE_INSTALLED
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_symlink() or target.is_file():
        target.unlink()
    elif target.is_dir():
        shutil.rmtree(target)
    try:
        target.symlink_to(TEMPLATE, target_is_directory=True)
    except OSError:
        shutil.copytree(TEMPLATE, target)
    return target


# ---- the commands -------------------------------------------------------------------------------
def default_portable() -> bool:
    """Are perflib's default paths already the portable ones here (everywhere but Linux)?"""
    forced = os.environ.get("PERFLIB_PORTABLE", "").strip() not in ("", "0")
    return forced or not sys.platform.startswith("linux")


def test(python: Path, marker: list[str], args: list[str]) -> int:
    """pytest; with no ARGS on Linux, then the batch/budget/lock/render tests again, portable."""
    code = run([python, "-m", "pytest", *marker, *args])
    if args or default_portable():
        return code
    print("# again with the portable paths forced (PERFLIB_PORTABLE=1)", flush=True)
    portable = run([python, "-m", "pytest", *marker, *PORTABLE_TESTS], env={**os.environ, "PERFLIB_PORTABLE": "1"})
    return code or portable


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="dev.py", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    sub.add_parser("setup", help="create .venv/ and install perflib (editable) with its test tools")
    rep = sub.add_parser("report", help="render every report in data/ into outputs/")
    rep.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (default: every core)")
    for name in ("test", "test-fast"):
        t = sub.add_parser(name, help="run the tests" + (" (not the slow and browser ones)" if name != "test" else ""))
        t.add_argument("pytest_args", nargs=argparse.REMAINDER, help="passed to pytest")
    sub.add_parser("lab", help="JupyterLab on notebooks/")
    args = ap.parse_args(argv)

    python = setup()
    if args.command == "report":
        jobs = ["-j", str(args.jobs)] if args.jobs else []
        return run([python, "-m", "perflib.cli", "batch", "data", "-o", "outputs", *jobs])
    if args.command in ("test", "test-fast"):
        return test(python, FAST if args.command == "test-fast" else [], args.pytest_args)
    if args.command == "lab":
        as_root = hasattr(os, "geteuid") and os.geteuid() == 0
        return run([python, "-m", "jupyter", "lab", "--notebook-dir=notebooks", *(["--allow-root"] if as_root else [])])
    return 0


if __name__ == "__main__":
    sys.exit(main())
