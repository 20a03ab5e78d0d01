"""papermill finds perflib's engine whichever of the two is imported first, and in whichever thread."""
import subprocess
import sys

FIRST = """
from perflib.run import engine
import papermill.engines
assert papermill.engines.papermill_engines.get_engine(engine.ENGINE_NAME) is engine.WarmKernelEngine
"""

# What a Renderer does: its warm-up thread imports the engine (papermill through it), nbconvert and
# the page font while the caller's thread goes on to papermill.
AT_ONCE = """
import sys, threading
from perflib.run.render import prepare_parent
t = threading.Thread(target=prepare_parent)
t.start()
import papermill
from perflib.run import engine
t.join()
assert papermill.engines.papermill_engines.get_engine(engine.ENGINE_NAME) is engine.WarmKernelEngine
assert "nbconvert" in sys.modules  # the warm-up got past papermill
"""


def _python(code):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_the_engine_imported_before_papermill():
    p = _python(FIRST)
    assert p.returncode == 0, p.stderr[-800:]


def test_the_warm_up_thread_and_the_caller_import_papermill_at_once():
    p = _python(AT_ONCE)
    assert p.returncode == 0, p.stderr[-800:]
