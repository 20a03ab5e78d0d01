"""perflib imports and runs where Linux-only pieces are missing (macOS, Windows); files are opened
with explicit encodings and commands given as argument lists, never shell strings."""
import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from paths import ROOT

PACKAGE = ROOT / "perflib"
SOURCES = sorted(PACKAGE.rglob("*.py"))

# In a fresh interpreter: fcntl cannot be imported at all (Windows has none), and after the
# third-party libraries perflib uses are loaded (they are cross-platform on their own account),
# what the os and signal modules lack on Windows is taken away; then every perflib module is imported.
WINDOWS_LIKE = r"""
import importlib, json, os, pkgutil, signal, sys, warnings

warnings.simplefilter("ignore")
sys.modules["fcntl"] = None  # `import fcntl` raises ImportError
for name in json.loads(sys.argv[1]):
    try:
        importlib.import_module(name)
    except ImportError:
        pass
for name in ("fork", "forkpty", "register_at_fork", "sched_getaffinity", "sched_setaffinity", "sysconf",
             "uname", "pread", "pwrite", "setsid", "killpg", "getpgid", "O_CLOEXEC", "getuid", "geteuid"):
    if hasattr(os, name):
        delattr(os, name)
for name in ("SIGKILL", "SIGCHLD", "SIGHUP", "SIGQUIT"):
    if hasattr(signal, name):
        delattr(signal, name)
import perflib

failed = {}
for mod in pkgutil.walk_packages(perflib.__path__, "perflib."):
    try:
        importlib.import_module(mod.name)
    except BaseException as exc:
        failed[mod.name] = f"{type(exc).__name__}: {exc}"
print(json.dumps({"failed": failed, "fcntl": sys.modules.get("fcntl") is not None,
                  "modules": [m.name for m in pkgutil.walk_packages(perflib.__path__, "perflib.")]}))
"""


def _module_level(body):
    """Statements run when a module is imported (into if/try blocks, not into functions)."""
    for node in body:
        yield node
        for block in ("body", "orelse", "finalbody", "handlers"):
            if isinstance(node, (ast.If, ast.Try, ast.ExceptHandler)) and hasattr(node, block):
                yield from _module_level(getattr(node, block))


def _third_party_imports() -> list[str]:
    """Top-level names of the non-standard-library modules perflib's modules import when imported."""
    names = set()
    for path in SOURCES:
        for node in _module_level(ast.parse(path.read_text(encoding="utf-8")).body):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return sorted(n for n in names if n not in sys.stdlib_module_names and n != "perflib")


def test_every_module_imports_without_fcntl_and_posix_only_os_functions():
    proc = subprocess.run([sys.executable, "-c", WINDOWS_LIKE, json.dumps(_third_party_imports())],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got["failed"] == {}
    assert not got["fcntl"]
    assert len(got["modules"]) >= 40 and "perflib.run.lock" in got["modules"]


def _calls(name_pattern: str):
    """(file, line, source) of every call whose callee matches the pattern."""
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call) and re.fullmatch(name_pattern, ast.unparse(node.func)):
                yield path.relative_to(ROOT), node.lineno, node


BINARY_BY_NATURE = ("os.open", "Image.open", "zf.open")  # descriptors, images, zip members: bytes


def _mode(call: ast.Call) -> str:
    """The mode string of an open()/Path.open()/os.fdopen() call ("r" when not given)."""
    func = ast.unparse(call.func)
    pos = 0 if func.endswith(".open") and func != "os.fdopen" else 1  # Path.open(mode) vs open(path, mode)
    node = call.args[pos] if len(call.args) > pos else next((k.value for k in call.keywords if k.arg == "mode"), None)
    if node is None:
        return "r"
    return node.value if isinstance(node, ast.Constant) else "?"  # a variable: its options must say


def test_text_files_are_opened_with_an_explicit_encoding():
    loose = []
    for path, line, call in _calls(r"(.*\.)?(open|read_text|write_text|fdopen)"):
        func = ast.unparse(call.func)
        keywords = {k.arg for k in call.keywords}
        if func.startswith(BINARY_BY_NATURE) or "encoding" in keywords or None in keywords:  # None: **options
            continue
        if func.endswith(("read_text", "write_text")) or "b" not in _mode(call):
            loose.append(f"{path}:{line}: {ast.unparse(call)[:80]}")
    assert loose == []


def test_no_shell_strings():
    shells = [f"{p}:{n}" for p, n, call in _calls(r".*") if any(k.arg == "shell" for k in call.keywords)
              or ast.unparse(call.func) in ("os.system", "os.popen", "subprocess.getoutput", "subprocess.getstatusoutput")]
    assert shells == []


def test_linux_only_calls_stand_behind_a_platform_check():
    """fcntl, /proc and fork contexts only in perflib.run.platform, which decides (or not at all)."""
    found = []
    for path in SOURCES:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r'fcntl|/proc\b|get_context\("fork"\)|sched_getaffinity|os\.fork\(', line):
                found.append(f"{path.relative_to(ROOT)}:{n}")
    allowed = {"perflib/run/platform.py", "perflib/run/kernel_zygote.py"}  # the zygote runs only where can_fork()
    assert [f for f in found if f.split(":")[0] not in allowed] == []


def test_notebooks_found_in_a_checkout_made_without_links(tmp_path, monkeypatch):
    """Git on Windows writes perflib/notebooks (a link to ../notebooks) as a small text file by default."""
    from perflib import config

    package = tmp_path / "perflib"
    package.mkdir()
    (package / "notebooks").write_text("../notebooks", encoding="utf-8")
    (tmp_path / "notebooks").mkdir()
    monkeypatch.setattr(config, "PACKAGE_DIR", package)
    monkeypatch.delenv("PERFLIB_NOTEBOOK", raising=False)
    monkeypatch.delenv("PERFLIB_PORTFOLIO_NOTEBOOK", raising=False)
    assert config.notebook() == tmp_path / "notebooks" / "department_year.ipynb"
    assert config.portfolio_notebook() == tmp_path / "notebooks" / "portfolio.ipynb"
    (package / "notebooks").unlink()
    (package / "notebooks").mkdir()  # an installed package: its own copy
    assert config.notebook() == package / "notebooks" / "department_year.ipynb"


def test_checked_out_byte_for_byte():
    """Git must not turn LF into CRLF on Windows: the template, style and notebooks make the pages."""
    attributes = (ROOT / ".gitattributes").read_text(encoding="utf-8").split("\n")
    assert "* -text" in attributes
