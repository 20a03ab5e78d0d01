"""A papermill engine that runs the notebook in a kernel started ahead of time.

papermill still does everything it always does — parameters, metadata, the
cell-by-cell execution through nbclient, errors raised with the failing cell —
only the kernel is handed in (`kernel=WarmKernel`) instead of started on the spot.
Whoever passes the kernel shuts it down afterwards (see perflib.run.render.Renderer).

The engine is registered with papermill when this module is imported, not by an entry point:
papermill loads its entry points as it is imported, so with one, importing this module before
papermill imported it again, half-done ("has no attribute 'WarmKernelEngine'"), and a thread
importing papermill meanwhile could get that half module too.
"""
from __future__ import annotations

from .fast_imports import skip_iri_grammar

skip_iri_grammar()

from jupyter_core.utils import ensure_async, run_sync  # noqa: E402
from nbclient.util import run_hook  # noqa: E402
from papermill.clientwrap import PapermillNotebookClient  # noqa: E402
from papermill.engines import NBClientEngine, papermill_engines  # noqa: E402
from papermill.log import logger  # noqa: E402

from .kernels import until_iopub_flows  # noqa: E402

ENGINE_NAME = "perflib"


class WarmKernelClient(PapermillNotebookClient):
    """papermill's client, connecting to a kernel known to be up without jupyter_client's
    wait_for_ready, whose last step listens for 0.2 s of IOPub silence — a fifth of a report's
    time. Stale IOPub messages are harmless: nbclient keeps only those answering its own requests."""

    async def async_start_new_kernel_client(self):
        self.kc = self.km.client()
        await ensure_async(self.kc.start_channels(hb=False))  # no heartbeat: see WarmKernel._start_once
        try:
            await until_iopub_flows(self.kc, self.startup_timeout)
        except Exception:
            self.kc.stop_channels()
            raise
        self.kc.allow_stdin = False
        await run_hook(self.on_notebook_start, notebook=self.nb)
        return self.kc

    start_new_kernel_client = run_sync(async_start_new_kernel_client)  # what setup_kernel() calls


class WarmKernelEngine(NBClientEngine):
    """nbclient execution against a given, already running kernel (or a fresh one without it)."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None, stderr_file=None,
                                 start_timeout=60, execution_timeout=None, kernel=None, **kwargs):
        if kernel is None:
            return super().execute_managed_notebook(nb_man, kernel_name, log_output=log_output,
                                                    stdout_file=stdout_file, stderr_file=stderr_file,
                                                    start_timeout=start_timeout,
                                                    execution_timeout=execution_timeout, **kwargs)
        if kernel.used:
            raise RuntimeError("a warm kernel runs exactly one notebook")
        kernel.used = True
        client = WarmKernelClient(nb_man, km=kernel.km, kernel_name=kernel_name, log=logger,
                                         log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file,
                                         startup_timeout=start_timeout, timeout=execution_timeout)
        try:
            return client.execute()
        finally:
            if client.kc is not None:  # nbclient leaves a client it did not own a kernel for
                client.kc.stop_channels()
                client.kc = None


papermill_engines.register(ENGINE_NAME, WarmKernelEngine)
