"""A kernel's shutdown asked while it starts: the start, and only it, is cancelled, and no kernel
process is left behind, even when the kernels' loop closes before the zygote's fork returns."""
import asyncio
import os
import subprocess
import sys
import time

import pytest
from loops import run_apart

from perflib.run.kernels import KernelLoop, WarmKernel


class SlowZygote:
    """A zygote busy for a moment before it forks (another worker's fork, a large environment)."""

    def __init__(self):
        self.made: list[subprocess.Popen] = []

    def fork(self, argv, cwd, env, log_path):
        time.sleep(0.5)
        self.made.append(subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]))
        return self.made[-1].pid


def test_a_kernel_forked_for_a_start_cancelled_meanwhile_is_killed_even_once_the_loop_is_closed():
    zygote, loop = SlowZygote(), KernelLoop()
    kernel = WarmKernel(zygote=zygote)
    try:
        fut = loop.submit(kernel.start)
        time.sleep(0.2)  # the fork is under way in its thread
        fut.cancel()  # as Renderer.close does: the kernel kept warming is not wanted
        loop.submit(kernel.shutdown).result(timeout=10)
        loop.close()  # before the fork returns
        deadline = time.monotonic() + 10
        while not zygote.made and time.monotonic() < deadline:
            time.sleep(0.05)
        assert zygote.made, "the fork never ran"
        assert zygote.made[0].wait(timeout=10) is not None  # killed: it does not sleep its 60 s
    finally:
        for p in zygote.made:
            p.kill()
            p.wait()


def test_a_shutdown_cancels_only_the_start_not_the_task_that_awaits_it(monkeypatch):
    async def never_ready(self):
        await asyncio.sleep(30)

    monkeypatch.setattr(WarmKernel, "_start_once", never_ready)

    async def scenario():
        kernel, log = WarmKernel(), []

        async def job():  # awaits the start inside a larger task, and shuts down in its finally
            try:
                await kernel.start()
            except asyncio.CancelledError:
                log.append("start cancelled")
            log.append("the job goes on")
            await kernel.shutdown()

        task = asyncio.ensure_future(job())
        await asyncio.sleep(0.1)
        await asyncio.wait_for(kernel.shutdown(), timeout=10)  # another owner's: Renderer.close()
        await asyncio.wait_for(task, timeout=10)  # no deadlock: the job ends, its own shutdown too
        return log

    assert run_apart(scenario) == ["start cancelled", "the job goes on"]


def test_a_loop_closed_from_its_own_thread_winds_down_and_closes():
    loop = KernelLoop()

    async def closes():
        loop.close()

    loop.submit(closes).result(timeout=10)
    loop._thread.join(10)
    assert not loop._thread.is_alive() and loop.loop.is_closed()


def test_a_close_interrupted_as_it_waits_closes_the_loop_when_asked_again(monkeypatch):
    loop = KernelLoop()
    join = loop._thread.join
    calls = []

    def interrupted_once(timeout=None):
        calls.append(timeout)
        if len(calls) == 1:
            raise KeyboardInterrupt  # Ctrl-C while close() waits for the loop
        join(timeout)

    monkeypatch.setattr(loop._thread, "join", interrupted_once)
    with pytest.raises(KeyboardInterrupt):
        loop.close()
    loop.close()
    assert len(calls) == 2 and not loop._thread.is_alive() and loop.loop.is_closed()
    assert loop.submit(asyncio.sleep, 0).cancelled()


def test_a_closing_loop_lets_a_kernel_s_shutdown_end_before_it_cancels_the_rest(monkeypatch):
    ended = []

    async def slow_stop(self):
        await asyncio.sleep(0.5)
        ended.append(self)

    monkeypatch.setattr(WarmKernel, "_stop", slow_stop)
    loop, kernel = KernelLoop(), WarmKernel()
    loop.submit(kernel.shutdown)
    time.sleep(0.1)
    loop.close()
    assert ended == [kernel] and not os.path.exists(kernel._dir)
