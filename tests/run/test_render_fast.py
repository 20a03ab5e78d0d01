"""The fast render path: same HTML as plain papermill + nbconvert, a fresh kernel per report,
nothing left behind, nothing on the user's terminal."""
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import psutil
import pytest

from paths import SEED
from perflib.run import render
from perflib.run.platform import can_fork

pytestmark = pytest.mark.slow


def _plain_html(source):
    return render.export_html(render.execute(Path(source), plain=True), "t")


def test_fast_path_html_equals_plain_papermill_nbconvert():
    plain = _plain_html(SEED)
    assert plain == _plain_html(SEED)  # deterministic: no timestamps, no random ids
    with render.Renderer() as r:
        # the first kernel is launched as usual, the later ones forked from the zygote (Linux; with
        # PERFLIB_PORTABLE=1 and elsewhere, each launched as usual)
        pages = [render.export_html(r.execute(SEED), "t") for _ in range(3)]
        assert (r._zygote is not None) == can_fork()
    for page in pages:
        assert page == plain


def _probe_notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('source = ""\ndepartment = None\nyear = None')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        params,
        nbformat.v4.new_code_cell(
            "import os\n"
            "assert 'leak' not in globals(), 'state from an earlier report'\n"
            "leak = 1\n"
            "if source.endswith('boom'):\n"
            "    raise ValueError('boom')\n"
            "print(os.getpid(), os.getcwd(), sorted(k for k in globals() if not k.startswith('_')))"),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "probe.ipynb"
    nbformat.write(nb, path)
    return path


def _stdout(nb) -> str:
    return "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.output_type == "stream")


def test_every_report_gets_a_fresh_kernel_in_the_notebook_folder(tmp_path):
    notebook = _probe_notebook(tmp_path)
    with render.Renderer(notebook) as r:
        runs = [r.execute(SEED) for _ in range(4)]
    pids = set()
    for nb in runs:
        pid, cwd, names = _stdout(nb).split(" ", 2)
        pids.add(pid)
        assert cwd == str(tmp_path)
        # the warm-up imported modules but bound no names the notebook can see
        assert names.strip() == "['In', 'Out', 'department', 'exit', 'get_ipython', 'leak', 'open', 'os', " \
                                "'quit', 'source', 'year']"
        assert [c.execution_count for c in nb.cells if c.cell_type == "code"][0] == 1
    assert len(pids) == 4


def test_kernel_clients_start_no_heartbeat_thread(tmp_path, monkeypatch):
    """Neither the warm-up's client nor the notebook's pings the kernel: its manager says whether
    it lives. (A heartbeat thread starting as Ctrl-C stopped a job printed a traceback.)"""
    from jupyter_client.channels import HBChannel

    started = []
    monkeypatch.setattr(HBChannel, "start", lambda self: started.append(self))
    with render.Renderer(_probe_notebook(tmp_path)) as r:
        nbs = [r.execute(SEED) for _ in range(2)]
    assert all(_stdout(nb) for nb in nbs)  # the notebooks ran and printed
    assert started == []


def _parent_probe(folder: Path, name: str) -> Path:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('source = ""\ndepartment = None\nyear = None')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell("import os\nprint(os.getppid())")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / name
    nbformat.write(nb, path)
    return path


def test_a_batch_workers_renderers_fork_every_kernel_from_one_zygote(tmp_path):
    """A batch worker's Renderers (the department-year's and the portfolio's) fork every kernel, the
    first too, from one shared zygote: a kernel launched as usual imports everything again. The
    zygote ends with them. With PERFLIB_PORTABLE=1 (and elsewhere) every kernel is launched as usual."""
    me = os.getpid()
    a = render.Renderer(_parent_probe(tmp_path, "a.ipynb"), batch=True)
    b = render.Renderer(_parent_probe(tmp_path, "b.ipynb"), batch=True)
    try:
        parents = [int(_stdout(r.execute(SEED))) for r in (a, b, a)]
        if can_fork():
            zygote = a._zygote
            assert zygote is not None and b._zygote is zygote
            assert parents == [zygote.proc.pid] * 3  # the first kernel of each too
        else:
            assert a._zygote is None and b._zygote is None and parents == [me] * 3
    finally:
        render._shared.update({Path("a"): a, Path("b"): b})  # as shared_renderer keeps them
        render.close_shared_renderers()
    if can_fork():
        assert zygote.proc.poll() is not None


def test_a_forked_kernel_starts_with_the_parsers_pattern_built(tmp_path):
    """The kernel template built the traditional-character pattern (~15 ms) once, for all its
    kernels; a kernel launched as usual (PERFLIB_PORTABLE=1, Windows) builds it at its first report."""
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('source = ""\ndepartment = None\nyear = None')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(
        "from perflib.understand import hanzi\nprint(hanzi._convertible.cache_info().currsize)")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "pattern.ipynb")
    with render.Renderer(tmp_path / "pattern.ipynb") as r:
        built = [_stdout(r.execute(SEED)).strip() for _ in range(2)]  # the first kernel is launched as usual
    assert built == (["0", "1"] if can_fork() else ["0", "0"])


def test_a_batch_workers_shared_renderers_are_batch_renderers(tmp_path, monkeypatch):
    """worker_init marks the process a batch worker (run/role.py); the Renderers it then shares are
    batch Renderers (every kernel forked from one template), and a plain process's are not."""
    from perflib.run import role

    for flag in (False, True):
        monkeypatch.setattr(role, "BATCH_WORKER", flag)
        r = render.shared_renderer(_probe_notebook(tmp_path))
        try:
            assert r.batch is flag
        finally:
            render.close_shared_renderers()


def test_a_failing_notebook_names_its_cell_and_the_next_report_still_renders(tmp_path):
    notebook = _probe_notebook(tmp_path)
    boom = tmp_path / "boom"
    boom.write_text("x", encoding="utf-8")
    with render.Renderer(notebook) as r:
        r.execute(SEED)
        with pytest.raises(render.NotebookFailed, match=r"boom: notebook failed in cell \d+: ValueError: boom"):
            r.execute(boom)
        assert _stdout(r.execute(SEED))


def test_close_leaves_no_kernel_process_or_socket_folder(tmp_path):
    notebook = _probe_notebook(tmp_path)
    me = psutil.Process()
    before = {p.pid for p in me.children(recursive=True)}
    r = render.Renderer(notebook)
    kernels = []
    for _ in range(3):
        kernel = r._take_kernel()
        kernels.append(kernel)
        render.execute(SEED, notebook=notebook, kernel=kernel)
        r._shutdown(kernel)
    r.close()
    left = [p for p in me.children(recursive=True) if p.pid not in before and p.status() != psutil.STATUS_ZOMBIE]
    assert left == []
    assert not any(Path(k._dir).exists() for k in kernels)
    for k in kernels:
        assert not psutil.pid_exists(k.km.provisioner.pid or -1) if k.km.provisioner else True


def test_close_stops_a_kernel_an_interrupt_left_between_its_start_and_its_shutdown(tmp_path):
    """Ctrl-C may land after a kernel is handed out and before run() is there to shut it down:
    close() still stops it (and the spare one warming)."""
    notebook = _probe_notebook(tmp_path)
    me = psutil.Process()
    before = {p.pid for p in me.children(recursive=True)}
    r = render.Renderer(notebook)
    handed_out = r._take_kernel()  # and then nothing: the interrupted job never ran it
    r.close()
    left = [p for p in me.children(recursive=True) if p.pid not in before and p.status() != psutil.STATUS_ZOMBIE]
    assert left == []
    assert not Path(handed_out._dir).exists()


def test_cli_render_keeps_kernel_noise_off_the_terminal(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "perflib.cli", "render", str(SEED), "-o", str(tmp_path)],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0
    assert proc.stderr == ""
    assert proc.stdout.strip().endswith(".html")


KILLED_RENDERER = """
import os, sys, time
from perflib.run.render import Renderer
r = Renderer()
for _ in range(2):
    r.execute(sys.argv[1])   # the second report forks its kernel from the zygote and warms a spare
time.sleep(1)
print(os.getpid(), flush=True)
time.sleep(60)
"""


@pytest.mark.skipif(os.name == "nt", reason="POSIX: SIGKILL, process groups, links")
@pytest.mark.slow
def test_kernels_die_with_a_killed_renderer(tmp_path, monkeypatch):
    """A renderer killed outright (no close()) leaves no kernel or zygote behind, and the folders
    of its kernels go at the next renderer's sweep."""
    import signal
    import tempfile
    import time

    from perflib.run.kernels import KERNEL_DIR_PREFIX, sweep_stale_dirs

    script = tmp_path / "killed.py"
    script.write_text(KILLED_RENDERER, encoding="utf-8")
    temp = tmp_path / "temp"
    temp.mkdir()
    proc = subprocess.Popen([sys.executable, str(script), str(SEED)], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "TMPDIR": str(temp), "TEMP": str(temp), "TMP": str(temp)})
    pid = int(proc.stdout.readline())
    family = psutil.Process(pid).children(recursive=True)
    commands = [" ".join(p.cmdline()) for p in family]
    # the spare kernel, warming: forked from the template (it keeps the template's command line),
    # or with PERFLIB_PORTABLE=1 and elsewhere, launched by itself and no template at all
    assert any("kernel_zygote" in c for c in commands) == can_fork()
    assert can_fork() or any("ipykernel_launcher" in c for c in commands)
    os.kill(pid, signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 20
    alive = [p for p in family if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    while alive and time.time() < deadline:
        time.sleep(0.5)
        alive = [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert not alive, [" ".join(p.cmdline())[:80] for p in alive]
    left = [p for p in temp.iterdir() if p.name.startswith(KERNEL_DIR_PREFIX)]
    assert left  # the spare kernel's, at least: no one closed it
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    assert sweep_stale_dirs(min_age=0) == len(left)
    assert not any(p.name.startswith(KERNEL_DIR_PREFIX) for p in temp.iterdir())
