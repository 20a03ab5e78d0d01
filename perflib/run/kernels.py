"""Kernels started ahead of time, each used for exactly one notebook.

Starting a Python kernel and importing matplotlib and perflib in it costs about
a second of CPU, more than the analysis itself. Two things take that away:

- a WarmKernel is started before its notebook is ready to run — in the
  background, while the previous notebook runs or while the parent process is
  still parsing and importing papermill — and its imports are done then;
- from the second kernel on, a Renderer forks kernels from a *zygote*
  (perflib.run.kernel_zygote): a process that has imported ipykernel, matplotlib
  and perflib and nothing else, so a new kernel costs a fork and ipykernel's own
  start-up instead of a Python start and every import.

What neither does is share state between reports: the zygote never runs
notebook code (it imports, and loads the chart font by drawing a throwaway
chart), and the warm-up only imports modules the notebook imports anyway, silently (no execution count, no history, no output), leaving no names
in the user namespace. Each kernel runs one notebook, is then stopped (see
WarmKernel._stop), and is never reused.

Kernels talk over IPC sockets in a private temporary folder: nothing listens on
TCP (so no "running over TCP without encryption" warning), and their stdout and
stderr go to a scratch file, not the user's terminal; its tail is kept for the
error message when a kernel dies.
"""
from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from queue import Empty

from filelock import FileLock, Timeout
from jupyter_client.provisioning import LocalProvisioner
from jupyter_core.utils import ensure_async

from .platform import kernel_transport

# What a kernel would import as it starts and runs the notebook. ipykernel.debugger imports debugpy
# (~0.25 s of CPU) as a kernel starts; the first chart imports matplotlib's Agg and SVG backends and
# mplfonts. Imported once in the zygote, a forked kernel has them all.
WARM_MODULES = ("IPython.display", "ipykernel.debugger", "matplotlib.backends.backend_agg",
                "matplotlib.backends.backend_svg", "mplfonts", "perflib.present.charts", "perflib.present.page",
                "perflib.pipeline")
# Bind nothing the notebook could see: the loop's names are deleted afterwards.
WARM_CODE = ("import importlib as _perflib_il\n"
             f"for _perflib_m in {WARM_MODULES!r}:\n"
             "    _perflib_il.import_module(_perflib_m)\n"
             "del _perflib_il, _perflib_m\n")
KERNEL_DIR_PREFIX = "perflib-kernel-"  # each kernel's folder in the temporary directory
# Held by the WarmKernel that owns the folder for as long as it lives; the system releases it when
# that process dies, however it dies (see sweep_stale_dirs).
OWNER_LOCK = "owner.lock"
STALE_AFTER = 10.0  # seconds: a folder younger than this may be one whose owner is still taking its lock
PORT_RETRIES = 3  # new ports for a TCP kernel whose ports another process took first (see WarmKernel.start)
# As nbclient starts kernels: no IPython history database (shared, locked, useless here).
KERNEL_ARGS = ["--HistoryManager.hist_file=:memory:"]
WIND_DOWN = 5.0  # seconds a closing KernelLoop gives its kernels' shutdowns, then what it cancels, to end
SHUTDOWN_TASK = "perflib-kernel-shutdown"  # the name of a kernel's shutdown task: a closing loop lets it end


class KernelFailed(RuntimeError):
    """A kernel did not start, or died during warm-up."""


class KernelLoop:
    """One asyncio loop in a daemon thread that owns every kernel manager's sockets.

    jupyter_client's async managers bind their control socket to the loop that
    started the kernel, so starting and stopping happen here, whichever thread asks.
    """

    def __init__(self):
        # A selector loop on every platform: on Windows, pyzmq cannot watch sockets from the default one.
        self.loop = asyncio.SelectorEventLoop()
        self._closing = False  # set by close(): what is submitted from then on is never made
        self._close_lock = threading.RLock()  # (an RLock: a close() interrupted by a handler that closes too)
        self._outcomes: set[Future] = set()  # submitted and not yet settled
        self._thread = threading.Thread(target=self._run, name="perflib-kernels", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        """The loop's thread: runs it until close() stops it, then closes it there."""
        try:
            self.loop.run_forever()
        finally:
            self.loop.close()
            self._cancel_unsettled()

    def submit(self, fn, *args) -> Future:
        """Run the coroutine `fn(*args)` on the loop; its outcome comes in the Future returned.
        Cancelling that Future cancels the coroutine; once the loop is closing, it comes cancelled.

        The coroutine is made in the loop's thread, never in the caller's: a Ctrl-C landing in the
        caller after a coroutine was made but before the loop had it would leave it never awaited,
        and Python then prints a RuntimeWarning on the user's terminal."""
        outcome = Future()
        if self._closing:
            outcome.cancel()
            return outcome
        self._outcomes.add(outcome)
        outcome.add_done_callback(self._outcomes.discard)

        def start() -> None:
            if self._closing or outcome.cancelled():  # its turn never comes: the coroutine is never made
                outcome.cancel()
                return
            task = self.loop.create_task(fn(*args))
            task.add_done_callback(lambda t: _settle(outcome, t))
            outcome.add_done_callback(lambda f: f.cancelled() and self._call(task.cancel))

        if not self._call(start):
            outcome.cancel()
        return outcome

    def _call(self, callback) -> bool:
        """Have the loop call `callback` soon, unless it is closed (by then, or closing meanwhile)."""
        try:
            self.loop.call_soon_threadsafe(callback)
            return True
        except RuntimeError:  # "Event loop is closed"
            return False

    def close(self) -> None:
        """Stop the loop and wait until it is closed. The kernels' shutdowns under way are let
        end; what else still runs is cancelled and given a moment to end, as asyncio.run does:
        stopped with it pending, a coroutine would be destroyed unawaited (with a warning on the
        terminal). This happens on the loop's own thread: the caller's may be running a loop of
        its own (a notebook's). Every Future still unsettled then comes cancelled: no one waits on
        it for ever. Asked again, it winds down nothing more, but waits again."""
        with self._close_lock:
            first, self._closing = not self._closing, True
        if first:
            self._call(lambda: self.loop.create_task(self._wind_down()))
        if threading.current_thread() is self._thread:
            return  # asked from the loop itself: it winds down, and closes, once this returns
        # Asked again (a first close() interrupted as it waited), it waits again.
        self._thread.join(timeout=3 * WIND_DOWN)
        self._cancel_unsettled()  # (a thread stuck in a callback goes with the process: it is a daemon)

    def _cancel_unsettled(self) -> None:
        for outcome in list(self._outcomes):
            outcome.cancel()

    async def _wind_down(self) -> None:
        """Let the kernels' shutdowns end (cancelled, a kernel may live on), then cancel the rest."""
        current = asyncio.current_task()
        stopping = [t for t in asyncio.all_tasks() if t.get_name() == SHUTDOWN_TASK]
        if stopping:
            await asyncio.wait(stopping, timeout=WIND_DOWN)
        tasks = asyncio.all_tasks() - {current}
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=WIND_DOWN)
        self.loop.stop()


def _settle(outcome: Future, task: asyncio.Task) -> None:
    """Copy a finished task's result, exception or cancellation to the caller's Future."""
    if task.cancelled():
        outcome.cancel()
    elif outcome.set_running_or_notify_cancel():  # (False: the caller cancelled it meanwhile)
        if task.exception() is not None:
            outcome.set_exception(task.exception())
        else:
            outcome.set_result(task.result())


class WarmKernel:
    """A kernel process with perflib's modules imported, waiting for its one notebook."""

    def __init__(self, kernel_name: str = "python3", cwd: str | None = None, startup_timeout: float = 60,
                 zygote: "Zygote | None" = None):
        self.cwd = cwd
        self.startup_timeout = startup_timeout
        self.used = False
        self._kernel_name, self._zygote = kernel_name, zygote
        self._dir = tempfile.mkdtemp(prefix=KERNEL_DIR_PREFIX)
        self._owner = _own(self._dir)
        self.log_path = os.path.join(self._dir, "kernel.log")
        self.km = self._manager()
        self._starting: asyncio.Task | None = None
        self._stopping: asyncio.Task | None = None

    def _manager(self):
        """A kernel manager for this kernel's folder, its provisioner forking from the zygote."""
        from jupyter_client.manager import AsyncKernelManager

        transport, ip = kernel_transport(self._dir)  # IPC sockets here; TCP on 127.0.0.1 on Windows
        km = AsyncKernelManager(kernel_name=self._kernel_name, transport=transport, ip=ip,
                                connection_file=os.path.join(self._dir, "kernel.json"))
        # jupyter_client builds a provisioner only when none is set: this one forks from the zygote.
        km.kernel_id = os.path.basename(self._dir)
        km.provisioner = ForkProvisioner(kernel_id=km.kernel_id, kernel_spec=km.kernel_spec, parent=km)
        km.provisioner.zygote = self._zygote
        km.provisioner.log_path = self.log_path
        return km

    async def start(self) -> "WarmKernel":
        """Launch the kernel, wait until it answers, import the notebook's modules in it.

        Over TCP (Windows, PERFLIB_PORTABLE) jupyter_client picks free ports before the kernel binds
        them, so a kernel starting at the same time in another process may take one first: the
        kernel then dies with "Address already in use", and is started again on other ports."""
        # A task of its own while it runs: a shutdown() asked meanwhile cancels it, and only it, first.
        self._starting = asyncio.ensure_future(self._start())
        try:
            return await self._starting
        finally:
            self._starting = None

    async def _start(self) -> "WarmKernel":
        for _ in range(PORT_RETRIES):
            try:
                return await self._start_once()
            except KernelFailed as exc:
                if "Address already in use" not in str(exc):
                    raise
            try:
                await self._stop()
            except Exception:  # a kernel that never came up may have nothing left to clean
                pass
            self.km = self._manager()  # its provisioner picks new ports
            open(self.log_path, "wb").close()
        return await self._start_once()

    async def _start_once(self) -> "WarmKernel":
        with open(self.log_path, "ab") as log:
            await self.km.start_kernel(cwd=self.cwd, extra_arguments=KERNEL_ARGS,
                                       stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        kc = self.km.client()
        # No heartbeat channel: a client made by its kernel manager asks the manager whether the
        # kernel lives (jupyter_client's is_alive), so the heartbeat (a thread pinging every second)
        # is never read. Started as a job's client starts, that thread could print a traceback on
        # the user's terminal when Ctrl-C stopped the job at that moment.
        kc.start_channels(hb=False)
        try:
            # Not jupyter_client's wait_for_ready, whose last step listens for 0.2 s of IOPub silence:
            # a kernel started ahead of its report was then ready 0.4 s after its fork, later than
            # its worker wanted it.
            await until_iopub_flows(kc, self.startup_timeout)
            reply = await kc.execute_interactive(WARM_CODE, silent=True, store_history=False,
                                                 output_hook=lambda msg: None, timeout=self.startup_timeout)
        except Exception as exc:
            raise KernelFailed(f"the Python kernel did not start: {self.log_tail() or exc}") from None
        finally:
            kc.stop_channels()
        if reply["content"]["status"] != "ok":
            c = reply["content"]
            raise KernelFailed(f"the Python kernel could not import perflib: {c.get('ename')}: {c.get('evalue')}")
        return self

    async def shutdown(self) -> None:
        """Stop the kernel, then remove its sockets and files. Asked again (an interrupted caller's
        Future lost, then Renderer.close()), it waits for the same shutdown: one runs, to its end."""
        if self._stopping is None:
            self._stopping = asyncio.ensure_future(self._shutdown_once())
            self._stopping.set_name(SHUTDOWN_TASK)
        await asyncio.shield(self._stopping)

    async def _shutdown_once(self) -> None:
        try:
            starting = self._starting
            if starting is not None and not starting.done():  # a start still under way would launch it afterwards
                starting.cancel()
                await asyncio.wait([starting])
            await self._stop()
        finally:
            if self._owner is not None:
                self._owner.release()  # (a locked file cannot be removed on Windows)
            shutil.rmtree(self._dir, ignore_errors=True)

    async def _stop(self) -> None:
        """Stop the kernel at once and let go of its sockets, ports and connection file (its folder
        stays). Stopped, not asked to exit (nbclient's shutdown_kernel="immediate"): its notebook's
        outputs are all in, and nothing in it needs an orderly exit, which costs a kernel ~30 ms of
        CPU and, in ipykernel 7, can hang on its own sockets until the manager's SIGTERM 2.5 s later
        (a batch then waited that long for its last kernels)."""
        if self.km.has_kernel:
            await self.km.shutdown_kernel(now=True)
        await self.km.cleanup_resources()

    def log_tail(self, lines: int = 3) -> str:
        """The last lines the kernel wrote to stdout/stderr, for error messages."""
        try:
            with open(self.log_path, "rb") as fh:
                text = fh.read().decode("utf-8", "replace")
        except OSError:
            return ""
        return " | ".join(line.strip() for line in text.strip().splitlines()[-lines:])


async def until_iopub_flows(kc, timeout: float) -> None:
    """kernel_info until the reply comes on shell and its status messages on IOPub: from then on
    the IOPub subscription is live and no output of the first cell can be missed. Stale IOPub
    messages are harmless: a client keeps only those answering its own requests."""
    deadline = time.monotonic() + (timeout or 60)
    while time.monotonic() < deadline:
        msg_id = kc.kernel_info()
        try:
            reply = await ensure_async(kc.shell_channel.get_msg(timeout=1))
            while reply["parent_header"].get("msg_id") != msg_id:
                reply = await ensure_async(kc.shell_channel.get_msg(timeout=1))
            await ensure_async(kc.iopub_channel.get_msg(timeout=0.02))  # else: ask again
            return
        except Empty:
            if not await ensure_async(kc.is_alive()):
                raise RuntimeError("Kernel died before replying to kernel_info") from None
    raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")


def _own(folder: str) -> FileLock | None:
    """The owner lock of a new kernel folder, held; None where the file system cannot lock (the
    folder then has no lock file, and sweep_stale_dirs leaves it alone)."""
    path = os.path.join(folder, OWNER_LOCK)
    lock = FileLock(path)
    try:
        lock.acquire(timeout=0)  # a folder no one else has seen yet
    except (OSError, Timeout, NotImplementedError):
        try:
            os.remove(path)
        except OSError:
            pass
        return None
    return lock


def sweep_stale_dirs(min_age: float = STALE_AFTER) -> int:
    """Remove the folders that kernels of a dead process left in the temporary directory; how many.

    A renderer closed, or stopped by Ctrl-C, removes its kernels' folders itself. One killed
    outright (SIGKILL, the OOM killer, a power cut) cannot: its kernels exit, their folders (the
    connection file, the log) stay. A folder is stale when no one holds its owner lock: the system
    released it when its WarmKernel's process died. Folders of other users, of an older perflib
    (no lock file) or younger than `min_age` are left alone."""
    root = tempfile.gettempdir()
    try:
        names = [n for n in os.listdir(root) if n.startswith(KERNEL_DIR_PREFIX)]
    except OSError:
        return 0
    removed = 0
    for name in names:
        folder = os.path.join(root, name)
        lock_path = os.path.join(folder, OWNER_LOCK)
        try:
            st = os.stat(folder)
            if getattr(os, "getuid", None) and st.st_uid != os.getuid():
                continue
            if time.time() - st.st_mtime < min_age or not os.path.isfile(lock_path):
                continue
            lock = FileLock(lock_path)
            lock.acquire(timeout=0)
        except (OSError, Timeout):  # held (its kernel lives), or not ours to touch
            continue
        lock.release()
        shutil.rmtree(folder, ignore_errors=True)
        removed += not os.path.exists(folder)
    return removed


# ---- forking kernels from a zygote -----------------------------------------------------------

class Zygote:
    """The `perflib.run.kernel_zygote` process: asks it to fork kernels, one request at a time."""

    def __init__(self, cwd: str | None = None):
        # Started in the notebook's folder, like a kernel: that folder comes first on its sys.path.
        self.proc = subprocess.Popen([sys.executable, "-m", "perflib.run.kernel_zygote"], cwd=cwd,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True, encoding="utf-8", bufsize=1)
        self._lock = threading.Lock()

    def fork(self, argv: list[str], cwd: str, env: dict, log: str) -> int:
        """A new kernel process running `ipykernel_launcher ARGV`; its pid. Blocks until the zygote is ready."""
        req = json.dumps({"argv": argv, "cwd": cwd, "env": env, "log": log})
        with self._lock:
            try:
                self.proc.stdin.write(req + "\n")
                self.proc.stdin.flush()
                line = self.proc.stdout.readline()
            except (OSError, ValueError) as exc:
                raise KernelFailed(f"the kernel template is gone: {exc}") from None
        answer = json.loads(line) if line else {"error": f"the kernel template exited ({self.proc.poll()})"}
        if "pid" not in answer:
            raise KernelFailed(answer["error"])
        return answer["pid"]

    def close(self) -> None:
        """EOF ends the zygote; kernels it forked are shut down by their own managers."""
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        finally:
            self.proc.stdout.close()


class ForkedProcess:
    """As much of subprocess.Popen as jupyter_client uses, for a kernel forked by the zygote.

    The zygote (its parent) reaps it, so "gone" is how we learn it exited. Its pid is then free for
    any new process (pids wrap at 32,768 on many Linux systems): a pidfd, taken while the kernel
    lives, keeps every later look and signal on this process, never a newcomer under its pid.
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None
        try:
            self._pidfd = _pidfd(pid)
        except ProcessLookupError:  # gone already: its pid must not be looked at again
            self._pidfd, self.returncode = None, 0

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                self._signal(0)
            except (ProcessLookupError, PermissionError):  # (Permission: the pid is someone else's now)
                self.returncode = 0
                if self._pidfd is not None:
                    self._pidfd.close()
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            try:
                self._signal(signum)
            except ProcessLookupError:
                pass

    def _signal(self, signum: int) -> None:
        if self._pidfd is None:
            os.kill(self.pid, signum)
        else:
            signal.pidfd_send_signal(self._pidfd.fd, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class _PidFd:
    """An open pidfd: closed once the process is seen gone, or when its ForkedProcess is collected."""

    def __init__(self, fd: int):
        self.fd: int | None = fd

    def close(self) -> None:
        fd, self.fd = self.fd, None
        if fd is not None:
            os.close(fd)

    __del__ = close


def _pidfd(pid: int) -> _PidFd | None:
    """A pidfd for `pid` (Linux 5.3+); None where there is none (the pid is then used as is).
    ProcessLookupError: the process is gone."""
    if not hasattr(os, "pidfd_open") or not hasattr(signal, "pidfd_send_signal"):
        return None
    try:
        return _PidFd(os.pidfd_open(pid))
    except ProcessLookupError:
        raise
    except OSError:  # no pidfds here (an old kernel, a sandbox)
        return None


def _launcher_argv(cmd: list[str]) -> list[str] | None:
    """The arguments after `python -m ipykernel_launcher`, when that is this Python's command."""
    if len(cmd) >= 3 and cmd[1:3] == ["-m", "ipykernel_launcher"] and \
            os.path.realpath(cmd[0]) == os.path.realpath(sys.executable):
        return cmd[3:]
    return None


# Forks run here, not in a loop's default executor: a callback on one of these Futures runs in the
# fork's thread, so a kernel forked for a start cancelled meanwhile is killed even once the loop is closed.
_FORKS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="perflib-fork")


class ForkProvisioner(LocalProvisioner):
    """LocalProvisioner that forks the kernel from a Zygote when there is one (else launches it)."""

    zygote: Zygote | None = None
    log_path: str = os.devnull

    async def launch_kernel(self, cmd: list[str], **kwargs):
        argv = _launcher_argv(cmd)
        if self.zygote is None or argv is None:
            return await super().launch_kernel(cmd, **kwargs)
        env = dict(kwargs.get("env") or os.environ)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        fork = _FORKS.submit(self.zygote.fork, argv, cwd, env, self.log_path)
        try:
            pid = await asyncio.shield(asyncio.wrap_future(fork))
        except asyncio.CancelledError:  # the fork goes on in its thread: the kernel it makes must not live
            # (called in the fork's thread: it runs even once this loop is closed)
            fork.add_done_callback(lambda f: f.cancelled() or f.exception() or ForkedProcess(f.result()).kill())
            raise
        self.process = ForkedProcess(pid)
        self.pid = pid
        self.pgid = pid  # the child calls setsid(); never read getpgid() before it has
        self.cwd = cwd
        return self.connection_info

    async def send_signal(self, signum: int) -> None:
        """As LocalProvisioner's, but never once the kernel has exited. jupyter_client would still
        signal its process group (on shutdown, SIGKILL), and once the kernel's pid is reused that
        group may be another program's: a batch started in a session of its own, say, whose
        process group id is its pid."""
        if self.process is not None and self.process.poll() is not None:
            return
        await super().send_signal(signum)
