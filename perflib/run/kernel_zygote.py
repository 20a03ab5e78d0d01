"""A kernel template: imports ipykernel, matplotlib and perflib once, then forks a kernel per request.

Run as `python -m perflib.run.kernel_zygote` by perflib.run.kernels.Zygote. Starting a kernel
from scratch costs ~0.6 s of CPU before the notebook's first cell, plus ~0.4 s for
its imports; a fork of a process that has done the imports and nothing else costs
a few milliseconds, and the child then starts ipykernel exactly as
`python -m ipykernel_launcher -f CONNECTION_FILE` would.

This process never runs notebook code: it imports, draws one throwaway chart
(perflib.present.charts.warm_up) so that matplotlib has loaded the chart font,
as every kernel of perflib's notebook would at its first chart, and builds the
parser's pattern of traditional characters (perflib.understand.hanzi.prepare),
as every kernel would for its first report, and reads and compiles the checks' rules
(perflib.check.rules.prepare), as every kernel would for its report's checks. Every child is a
new kernel with an empty namespace, its own session (setsid, like jupyter_client's
launcher), environment, working directory and random seeds.

Protocol (one JSON object per line): stdin gets {"argv", "cwd", "env", "log"};
stdout answers {"pid"} or {"error"}. EOF on stdin ends the template.
"""
from __future__ import annotations

import gc
import json
import os
import signal
import sys


# What every kernel imports as it starts, after the fork (a forked kernel's sys.modules less the
# template's): its shell's debugger, inspector, completer, history database and default extension,
# and numpy.random, which _child reseeds. ~15 ms of CPU a kernel when each imports them itself.
KERNEL_START_MODULES = ("IPython.core.completerlib", "IPython.core.debugger", "IPython.core.logger",
                        "IPython.core.oinspect", "IPython.extensions.storemagic", "faulthandler", "numpy.random",
                        "runpy", "secrets", "sqlite3", "tornado.platform.asyncio")


def _prepare() -> None:
    # What ipykernel sets before the notebook imports matplotlib; importing it here must see the same.
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    import ipykernel.ipkernel  # noqa: F401
    import ipykernel.kernelapp  # noqa: F401
    import ipykernel.zmqshell  # noqa: F401

    from perflib.run.kernels import WARM_MODULES

    import importlib

    for name in (*WARM_MODULES, *KERNEL_START_MODULES):
        importlib.import_module(name)
    from perflib.check import rules
    from perflib.present.charts import warm_up
    from perflib.understand import hanzi

    warm_up()  # the chart font loaded once here rather than in every kernel
    hanzi.prepare()  # and the traditional-character pattern built once
    rules.prepare()  # and the checks' rules read and compiled once


def _child(req: dict, reply_fd: int) -> None:
    """In the forked child: become a kernel as ipykernel_launcher would, then exit."""
    code = 1
    try:
        os.setsid()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        log = os.open(req["log"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)
        os.dup2(null, reply_fd)  # not closed: the template's file object still holds that number
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(log)
        os.close(null)
        os.chdir(req["cwd"])
        os.environ.clear()
        os.environ.update(req["env"])
        parent = os.getppid()
        os.environ["JPY_PARENT_PID"] = str(parent)
        # The kernel exits when this template does (it does when its renderer goes): ipykernel
        # read JPY_PARENT_PID when the template imported it, so the option must say it again.
        argv = [*req["argv"], f"--IPKernelApp.parent_handle={parent}"]
        sys.path[0] = req["cwd"]  # `python -m` puts the working directory first
        sys.argv = ["ipykernel_launcher", *argv]
        if "numpy" in sys.modules:  # Python reseeds `random` after fork; numpy does not
            sys.modules["numpy"].random.seed()
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance(argv=argv)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        try:
            import atexit

            atexit._run_exitfuncs()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def main() -> None:
    reply_fd = os.dup(1)
    os.dup2(2, 1)  # imports that print must not corrupt the replies
    reply = os.fdopen(reply_fd, "w", buffering=1, encoding="utf-8")
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent, which shuts kernels down
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped automatically
    # No collections while importing (~6 % of the template's start, which every batch worker waits
    # for before its first page): what they would free is a few thousand objects of the imports'
    # own, frozen with the rest below.
    gc.disable()
    _prepare()
    # Every kernel inherits the imports' objects: frozen, the garbage collector of a kernel never
    # walks them (IPython's exit alone runs a full collection: ~0.1 s a kernel), nor copies their pages.
    gc.freeze()
    gc.enable()  # (each kernel collects as usual)
    for line in sys.stdin:
        try:
            req = json.loads(line)
            pid = os.fork()
        except Exception as exc:
            reply.write(json.dumps({"error": f"{type(exc).__name__}: {exc}"}) + "\n")
            continue
        if pid == 0:
            _child(req, reply_fd)
        reply.write(json.dumps({"pid": pid}) + "\n")


if __name__ == "__main__":
    main()
