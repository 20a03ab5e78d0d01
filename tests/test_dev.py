"""scripts/dev.py, the front door without make: standard library only, the right programs on
each platform, the template and the links a Windows checkout lacks, and the test matrix."""
import ast
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from paths import ROOT

DEV_PY = ROOT / "scripts" / "dev.py"


@pytest.fixture
def dev():
    spec = importlib.util.spec_from_file_location("perflib_dev_script", DEV_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_standard_library_only():
    tree = ast.parse(DEV_PY.read_text(encoding="utf-8"))
    names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 0}
    assert names and names <= sys.stdlib_module_names | {"__future__"}, names - sys.stdlib_module_names


def test_help_runs_on_a_bare_python():
    proc = subprocess.run([sys.executable, "-I", str(DEV_PY), "--help"], capture_output=True, text=True,
                          encoding="utf-8")
    assert proc.returncode == 0
    for command in ("setup", "report", "test", "test-fast", "lab"):
        assert command in proc.stdout


def test_makefile_goes_through_it():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("setup", "report", "test", "test-fast", "lab"):
        assert f"$(DEV) {target}" in makefile


def test_venv_programs_per_platform(dev, monkeypatch):
    assert dev.venv_program("python") == dev.VENV / "bin" / "python"
    monkeypatch.setattr(os, "name", "nt")
    assert dev.venv_program("python") == dev.VENV / "Scripts" / "python.exe"


def test_the_only_link_git_stores_is_the_notebooks_folder():
    """A checkout without symbolic links (Git on Windows) has a small text file for each link.
    perflib finds the notebooks in the checkout itself (perflib.config); any other link, such as a
    file the page template inlines, would leave a page with a path for its style."""
    staged = subprocess.run(["git", "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True, check=True)
    links = [line.split("\t", 1)[1] for line in staged.stdout.splitlines() if line.startswith("120000")]
    assert links == ["perflib/notebooks"]


@pytest.mark.parametrize("links", [True, False])
def test_template_linked_or_copied(dev, tmp_path, monkeypatch, links):
    if not links:  # Windows without the privilege to make links
        def refuse(self, *a, **k):
            raise OSError("A required privilege is not held by the client")
        monkeypatch.setattr(Path, "symlink_to", refuse)
    for _ in range(2):  # again over the first one
        target = dev.install_template(tmp_path)
    assert target == tmp_path / "share" / "jupyter" / "nbconvert" / "templates" / "perflib"
    assert target.is_symlink() is links
    page_css = (ROOT / "perflib" / "present" / "templates" / "perflib" / "page.css").read_text(encoding="utf-8")
    assert (target / "page.css").read_text(encoding="utf-8") == page_css
    assert (target / "index.html.j2").is_file() and (target / "conf.json").is_file()


def test_the_test_matrix(dev, monkeypatch):
    calls = []
    monkeypatch.setattr(dev, "run", lambda cmd, env=None: calls.append((cmd, env)) or 0)
    monkeypatch.delenv("PERFLIB_PORTABLE", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    python = Path("py")
    assert dev.test(python, dev.FAST, []) == 0
    (first, env1), (second, env2) = calls
    assert first == [python, "-m", "pytest", *dev.FAST] and env1 is None
    assert second == [python, "-m", "pytest", *dev.FAST, *dev.PORTABLE_TESTS] and env2["PERFLIB_PORTABLE"] == "1"
    for path in dev.PORTABLE_TESTS:
        assert (ROOT / path).is_file(), path

    calls.clear()
    dev.test(python, [], ["tests/read", "-x"])  # a chosen selection: run as asked, once
    assert calls == [([python, "-m", "pytest", "tests/read", "-x"], None)]
    calls.clear()
    monkeypatch.setattr(sys, "platform", "win32")  # the portable paths are the default there already
    dev.test(python, [], [])
    assert len(calls) == 1


def test_a_failing_first_pass_fails_the_run(dev, monkeypatch):
    codes = iter([1, 0])
    monkeypatch.setattr(dev, "run", lambda cmd, env=None: next(codes))
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("PERFLIB_PORTABLE", raising=False)
    assert dev.test(Path("py"), [], []) == 1


def test_setup_writes_perflibs_bytecode(dev, monkeypatch, tmp_path):
    """An editable install leaves perflib's bytecode to its first import; where
    PYTHONDONTWRITEBYTECODE is set that never comes, and every command compiles perflib again."""
    calls = []
    monkeypatch.setattr(dev, "run", lambda cmd, env=None: calls.append(cmd) or 0)
    monkeypatch.setattr(dev, "venv_program", lambda name: Path(sys.executable))
    monkeypatch.setattr(dev, "install_template", lambda prefix: prefix)
    stamp = tmp_path / "stamp"
    stamp.touch()  # newer than pyproject.toml: nothing to install
    monkeypatch.setattr(dev, "STAMP", stamp)
    dev.setup()
    assert [Path(sys.executable), "-m", "compileall", "-q", ROOT / "perflib"] in calls
