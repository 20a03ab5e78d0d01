"""Stage 8: one report → papermill-executed notebook → one self-contained HTML file.

The slow parts of a render are not the analysis but the machinery around it:
starting a kernel and importing matplotlib/perflib in it (~1 s), importing
papermill/nbconvert (~1.5 s), the exporter's templates, the page font. A
`Renderer` pays for each of these once per process, or ahead of time:

- it keeps one kernel warming (perflib.run.kernels.WarmKernel) while the current
  report is parsed and executed, and gives every report a kernel of its own,
  shut down after that one notebook;
- papermill runs the notebook with perflib.run.engine's engine, which uses that
  kernel instead of starting one;
- the HTML exporter and its compiled templates live as long as the process.

`render_report()` uses one Renderer per process, created on first use and
closed at exit, so a long-lived batch worker gets all of this for free.
"""
from __future__ import annotations

import atexit
import copy
import os
import re
import threading
from concurrent.futures import Future
from functools import lru_cache
from pathlib import Path

from .. import __version__, config
from ..errors import PerflibError
from ..present.html import FONT_SLOT, SORT_SCRIPT, csp
from . import role
from .fast_imports import skip_iri_grammar
from .outfiles import slug, write_atomic
from ..labels import page_title
from ..pipeline import read_record

# Heavy modules (papermill, nbconvert, fontTools) are imported where they are used,
# so that a one-off `perflib render` starts its kernel first and imports while it boots.


skip_iri_grammar()

KERNEL_NAME = "python3"


class NotebookFailed(PerflibError):
    """The notebook raised (or its kernel died): exit 1, naming the failing cell."""

    exit_code = 1


def output_name(department: str | None, year: int | None) -> str:
    return slug(department, year) + ".html"


def _params(source: Path, department: str | None, year: int | None, corrections: list[dict] | None = None) -> dict:
    """The notebook's parameters; `corrections`: the report's hand corrections as plain rows
    (perflib.corrections.Correction.as_dict), applied in the notebook as they were when it was read."""
    params = {"source": str(source.resolve()), "department": department, "year": year}
    if corrections:
        params["corrections"] = list(corrections)
    return params


def execute(source: Path, department: str | None = None, year: int | None = None, notebook: Path | None = None,
            kernel=None, plain: bool = False, corrections: list[dict] | None = None):
    """Run the department-year notebook for one report through papermill; return the executed notebook.

    By default it runs in a fresh kernel of this process's Renderer (started ahead of time, used
    for this notebook only). `kernel=` runs it in that started perflib.run.kernels.WarmKernel.
    `plain=True` is papermill's own path start to finish: it starts and stops a kernel itself.
    """
    notebook = notebook or config.notebook()
    if kernel is None and not plain:
        return shared_renderer(notebook).execute(source, department=department, year=year, corrections=corrections)
    return run_notebook(notebook, _params(Path(source), department, year, corrections), str(source), kernel=kernel)


def run_notebook(notebook: Path, params: dict, label: str, kernel=None):
    """papermill on `notebook` with `params`, in the given warm kernel or (None) a kernel of its own.
    A failing cell or a dead kernel becomes NotebookFailed naming `label` (the report)."""
    skip_iri_grammar()
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    try:
        if kernel is None:
            return pm.execute_notebook(str(notebook), None, parameters=params, kernel_name=KERNEL_NAME,
                                       progress_bar=False, log_output=False, cwd=str(notebook.parent))
        from . import engine

        # The warm kernel already runs in the notebook's folder; papermill's cwd= would chdir this
        # whole (threaded) process. The notebook is read once and copied for each run.
        return pm.execute_notebook(_notebook_node(str(notebook)), None, parameters=params,
                                   kernel_name=KERNEL_NAME, engine_name=engine.ENGINE_NAME, kernel=kernel,
                                   progress_bar=False, log_output=False)
    except PapermillExecutionError as exc:
        raise NotebookFailed(f"{label}: notebook failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}") from None
    except RuntimeError as exc:  # nbclient: "Kernel died before replying …" and the like
        tail = kernel.log_tail() if kernel is not None else ""
        raise NotebookFailed(f"{label}: notebook kernel failed: {exc}" + (f" ({tail})" if tail else "")) from None


@lru_cache(maxsize=4)
def _notebook_node_cached(path: str, mtime_ns: int):
    from papermill.iorw import load_notebook_node

    return load_notebook_node(path)


def _notebook_node(path: str):
    """The notebook as papermill loads it (read and validated once per process), as a fresh copy."""
    return copy.deepcopy(_notebook_node_cached(path, os.stat(path).st_mtime_ns))


_NOTEBOOK_CLASS = re.compile(r'class="(?:[^"]*\s)?jp-Notebook[\s"]')  # JupyterLab's notebook wrapper


@lru_cache(maxsize=1)
def _exporter():
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class PageExporter(HTMLExporter):
        """nbconvert's HTMLExporter without its last pass over the page with BeautifulSoup, which
        gives an alt to every <img> that has none and a tabindex to JupyterLab's cell wrappers.
        perflib's template gives every <img> its alt and has no such wrappers, so that pass only
        parsed and re-wrote the page (a fifth of a batch worker's CPU); a page it would change
        still gets it."""

        def from_notebook_node(self, nb, resources=None, **kw):
            # What HTMLExporter.from_notebook_node does before rendering, as nbconvert 7 does it.
            info = nb.metadata.get("language_info", {})
            lexer = info.get("pygments_lexer", info.get("name"))
            highlight = self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
            resources = self._init_resources(resources)
            self.register_filter("highlight_code", highlight)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            if "<img" in html or _NOTEBOOK_CLASS.search(html):
                return super().from_notebook_node(nb, resources, **kw)
            return html, resources

    # optimistic_validation: the notebook is checked against its schema once, after the preprocessors,
    # rather than after each of them (the same checks; a fifth of the export's time on a page with
    # charts). The page is the same.
    return PageExporter(template_name="perflib", extra_template_basedirs=[str(config.TEMPLATES_DIR)],
                        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                        exclude_markdown=True, optimistic_validation=True)


def export_html(nb, title: str, lead: str = "") -> str:
    """The executed notebook as one HTML page: no code, no prompts, nothing fetched from the network;
    `lead`: HTML the page opens with (a batch's link back to its index), in the page font like the rest.

    The same notebook run gives the same bytes (no timestamps, no random ids)."""
    nb.metadata["title"] = title
    for cell in nb.cells:  # papermill gives the cell it injects a random id; the page shows ids
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"
    # The template inlines the page CSS itself (so `nbconvert --template perflib` by hand works too).
    resources = {"metadata": {"name": title}, "perflib_font_css": FONT_SLOT, "perflib_version": __version__,
                 "perflib_sort_script": SORT_SCRIPT, "perflib_csp": {"sortable": csp(SORT_SCRIPT), "plain": csp()}}
    from ..present.webfont import fill_font_slot

    html, _ = _exporter().from_notebook_node(nb, resources=resources)
    if lead:
        html = html.replace("<main>", f"<main>\n{lead}", 1)
    return fill_font_slot(html, FONT_SLOT)  # (after the lead: the font must hold its characters too)


def prepare_parent() -> None:
    """Import papermill (through perflib's engine) and nbconvert, build the exporter and load the page font:
    what a rendering process needs before its first page (in a thread while its first kernel starts, or in
    the batch before it forks its workers), and sweep the kernel folders a killed renderer left. Never raises:
    a failure here shows again where it is used."""
    try:
        from . import engine  # noqa: F401  (papermill)
        from ..present.webfont import prepare

        _exporter()
        prepare()
    except Exception:  # whatever failed here fails again, with its proper message, where it is used
        pass
    _sweep_once()


@lru_cache(maxsize=1)
def _sweep_once() -> None:
    """The kernel folders a killed renderer left in the temporary directory, removed once per process."""
    from .kernels import sweep_stale_dirs

    try:
        sweep_stale_dirs()
    except Exception:  # tidying up must never stop a render
        pass


class Renderer:
    """Renders reports one after another, each in a fresh kernel that was started ahead of time.

    One per process (kernels are child processes; the sockets belong to this process).
    Use as a context manager, or call close(): it shuts down the kernel kept warming.
    """

    def __init__(self, notebook: Path | None = None, kernel_name: str = KERNEL_NAME, keep_warm: bool = True,
                 fork: bool | None = None, batch: bool = False, spare_at_first: bool | None = None):
        from .kernels import KernelLoop
        from .platform import can_fork

        self.notebook = Path(notebook or config.notebook())
        self.kernel_name = kernel_name
        self.keep_warm = keep_warm
        self.fork = can_fork() if fork is None else fork  # kernels from the zygote: Linux only
        # A batch worker's: many kernels will be wanted, for this notebook and others, so even the
        # first is forked, from the one zygote all of this process's Renderers share (shared_zygote).
        self.batch = batch
        # A batch worker's department-year Renderer starts its next kernel as it takes its first (many
        # reports will come); its portfolio Renderer as a one-off render does, from its second page on:
        # a batch has one portfolio (a province one per region too), and a spare started for a second
        # that never comes held a kernel for the whole batch.
        self.spare_at_first = batch if spare_at_first is None else spare_at_first
        self._loop = KernelLoop()
        self._lock = threading.Lock()
        self._unstopped: set = set()  # WarmKernels started and not yet shut down to the end
        self._zygote = None
        self._started = self._taken = 0
        self._closed = False
        self._next: Future | None = self._start_kernel()  # warms while the caller parses and imports
        # Meanwhile this process imports papermill and nbconvert and loads the page font, which
        # the first report would otherwise wait for one after the other.
        threading.Thread(target=prepare_parent, name="perflib-prepare", daemon=True).start()

    def _start_kernel(self) -> Future:
        """Start a kernel in the background. The first is launched as usual; once a second is
        wanted (so more will be), the zygote starts and later kernels are forked from it. In a
        batch worker every kernel is forked, from the process's shared zygote: a kernel launched
        as usual costs a zygote's imports again."""
        from .kernels import WarmKernel, Zygote

        if self.fork and self._zygote is None and (self.batch or self._started >= 1):
            cwd = str(self.notebook.parent)
            self._zygote = shared_zygote(cwd) if self.batch else Zygote(cwd=cwd)
        kernel = WarmKernel(self.kernel_name, cwd=str(self.notebook.parent), zygote=self._zygote)
        self._started += 1
        # Known before it starts: wherever Ctrl-C lands from here on, close() still stops it.
        self._unstopped.add(kernel)
        fut = self._loop.submit(kernel.start)
        fut.kernel = kernel  # kept for shutdown when the start fails or is never collected
        return fut

    def _take_kernel(self):
        """The warm kernel (waiting for it if need be). From the second report on, the next kernel
        starts warming now, while this one runs: a one-off render starts no spare kernel. A batch
        worker's department-year Renderer starts it from the first report on (more will come), so
        that its second report does not wait for a kernel to start (spare_at_first)."""
        with self._lock:
            if self._closed:
                raise RuntimeError("Renderer is closed")
            fut, self._next = self._next or self._start_kernel(), None
            self._taken += 1
            if self.keep_warm and (self._taken >= 2 or self.spare_at_first):
                self._next = self._start_kernel()
        try:
            return fut.result()
        except Exception as exc:
            self._shutdown(fut.kernel)
            raise NotebookFailed(f"{self.notebook}: {exc}") from None

    def _shutdown(self, kernel) -> Future:
        """Shut a kernel down in the background. The kernel stays among the unstopped until its
        shutdown has run to the end: close() asks again for every one (an interrupt may lose this
        Future), and, asked again, a kernel's shutdown is the same one."""
        fut = self._loop.submit(kernel.shutdown)
        fut.add_done_callback(lambda f: self._shutdown_ended(kernel, f))
        return fut

    def _shutdown_ended(self, kernel, fut: Future) -> None:
        if not fut.cancelled():  # (cancelled, it may never have run: close() asks again)
            with self._lock:
                self._unstopped.discard(kernel)

    def execute(self, source: str | Path, department: str | None = None, year: int | None = None,
                corrections: list[dict] | None = None):
        """Run the notebook for one report in its own fresh kernel; return the executed notebook."""
        return self.run(_params(Path(source), department, year, corrections), str(source))

    def run(self, params: dict, label: str):
        """Run this Renderer's notebook with `params` in its own fresh kernel."""
        kernel = self._take_kernel()
        try:
            return run_notebook(self.notebook, params, label, kernel=kernel)
        finally:
            self._shutdown(kernel)

    def render(self, path: str | Path, outdir: str | Path, department: str | None = None,
               year: int | None = None, corrections=None, say=None) -> Path:
        """Parse (exit 2/3 on bad input), execute the notebook, export, write atomically.

        `corrections` (perflib.corrections.load accepts it): the rows naming this report are applied;
        `say` gets one line for each row that is not applied (stale)."""
        from ..corrections import report_problems

        source = Path(path)
        rec = read_record(source, department=department, year=year, require_figures=True, corrections=corrections)
        for line in report_problems(rec, corrections):
            (say or (lambda _: None))(line)
        rows = [o.correction.as_dict() for o in rec.correction_outcomes]
        nb = self.execute(source, department=department, year=year, corrections=rows)
        html = export_html(nb, page_title(rec.department, rec.year))
        return write_atomic(Path(outdir) / output_name(rec.department, rec.year), html)

    def close(self) -> None:
        """Shut down every kernel not shut down yet (the one kept warming; any an interrupt left
        between its start and its shutdown) and wait for every shutdown to finish."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            nxt, self._next = self._next, None
            unstopped = list(self._unstopped)
        if nxt is not None:
            nxt.cancel()
        for fut in [self._shutdown(kernel) for kernel in unstopped]:
            try:
                fut.result(timeout=30)
            except Exception:  # a kernel that will not stop is the OS's to reap; never fail the caller
                pass
        self._loop.close()
        if self._zygote is not None and not self.batch:  # a shared one is closed with the others
            self._zygote.close()

    def __enter__(self) -> "Renderer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# ---- one Renderer per process ------------------------------------------------------------------

_shared: dict[Path, Renderer] = {}
_shared_lock = threading.Lock()
_zygotes: dict = {}  # folder → perflib.run.kernels.Zygote, shared by a batch worker's Renderers
_zygote_lock = threading.Lock()  # apart: a Renderer asks for the zygote while _shared_lock is held


def shared_renderer(notebook: Path | None = None, spare_at_first: bool | None = None) -> Renderer:
    """This process's Renderer for `notebook`, created on first use (`spare_at_first`: see Renderer)
    and closed when the process exits."""
    key = Path(notebook or config.notebook()).resolve()
    with _shared_lock:
        r = _shared.get(key)
        if r is None:
            if not _shared:
                atexit.register(close_shared_renderers)
            r = _shared[key] = Renderer(key, batch=role.BATCH_WORKER, spare_at_first=spare_at_first)
            try:  # multiprocessing workers leave through os._exit: atexit never runs there
                from multiprocessing.util import Finalize

                Finalize(r, close_shared_renderers, exitpriority=10)
            except ImportError:
                pass
        return r


def shared_zygote(cwd: str):
    """This process's kernel template for notebooks in `cwd`, shared by its batch Renderers (the
    department-year's and the portfolio's); closed after them, by close_shared_renderers."""
    from .kernels import Zygote

    with _zygote_lock:
        z = _zygotes.get(cwd)
        if z is None:
            z = _zygotes[cwd] = Zygote(cwd=cwd)
        return z


def close_shared_renderers() -> None:
    with _shared_lock:
        renderers = list(_shared.values())
        _shared.clear()
    for r in renderers:
        r.close()
    with _zygote_lock:
        zygotes = list(_zygotes.values())
        _zygotes.clear()
    for z in zygotes:  # after the Renderers: their kernels are shut down by then
        z.close()


def _forget_parent_renderers() -> None:
    """A forked child must not touch its parent's kernels: it starts its own when it renders."""
    global _shared, _shared_lock, _zygotes, _zygote_lock
    _shared, _shared_lock = {}, threading.Lock()
    _zygotes, _zygote_lock = {}, threading.Lock()


if hasattr(os, "register_at_fork"):  # no fork on Windows
    os.register_at_fork(after_in_child=_forget_parent_renderers)


def render_report(path: str | Path, outdir: Path, department: str | None = None, year: int | None = None,
                  corrections=None, say=None) -> Path:
    """Parse (exit 2/3 on bad input), execute the notebook, export, write atomically."""
    return shared_renderer().render(path, outdir, department=department, year=year, corrections=corrections, say=say)
