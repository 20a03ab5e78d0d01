"""A papermill engine that runs the notebook in a kernel started ahead of time.

papermill still does everything it always does — parameters, metadata, the
cell-by-cell execution through nbclient, errors raised with the failing cell —
only the kernel is handed in (`kernel=WarmKernel`) instead of started on the spot.
Whoever passes the kernel shuts it down afterwards (see perflib.render.Renderer).
"""
from __future__ import annotations

import sys

# jsonschema imports rfc3987_syntax, if installed (jupyterlab brings it), only to
# check the "iri" string format — which no notebook schema uses — and building its
# grammar costs ~0.8 s at every start. Hide it before nbformat pulls jsonschema in.
if "jsonschema" not in sys.modules:
    sys.modules.setdefault("rfc3987_syntax", None)

from papermill.clientwrap import PapermillNotebookClient  # noqa: E402
from papermill.engines import NBClientEngine, papermill_engines  # noqa: E402
from papermill.log import logger  # noqa: E402

ENGINE_NAME = "perflib"


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
        client = PapermillNotebookClient(nb_man, km=kernel.km, kernel_name=kernel_name, log=logger,
                                         log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file,
                                         startup_timeout=start_timeout, timeout=execution_timeout)
        try:
            return client.execute()
        finally:
            if client.kc is not None:  # nbclient leaves a client it did not own a kernel for
                client.kc.stop_channels()
                client.kc = None


papermill_engines.register(ENGINE_NAME, WarmKernelEngine)
