"""KernelLoop: coroutines run on the kernels' own loop, and none is ever left unawaited.

An unawaited coroutine makes Python print "RuntimeWarning: coroutine … was never awaited" on the
user's terminal: a batch stopped by Ctrl-C must print one line, not that (see test_batch_e2e)."""
import asyncio
import gc
import threading
import warnings
from contextlib import contextmanager

import pytest
from loops import run_apart

from perflib.run import kernels
from perflib.run.kernels import KernelLoop


def _hold(loop: KernelLoop) -> threading.Event:
    """Keep the loop busy in a callback until the returned event is set."""
    busy, release = threading.Event(), threading.Event()

    def block():
        busy.set()
        release.wait(10)

    loop.loop.call_soon_threadsafe(block)
    assert busy.wait(10)
    return release


class Counted:
    def __init__(self):
        self.made = 0

    async def __call__(self, value):
        self.made += 1
        await asyncio.sleep(0)
        return value


def test_a_submitted_coroutine_gives_its_result_or_its_exception():
    loop = KernelLoop()
    try:
        assert loop.submit(Counted(), 7).result(timeout=10) == 7

        async def fails():
            raise ValueError("no kernel")

        with pytest.raises(ValueError, match="no kernel"):
            loop.submit(fails).result(timeout=10)
    finally:
        loop.close()


def test_cancelling_a_running_coroutine_cancels_it_on_the_loop():
    loop = KernelLoop()
    started, stopped = threading.Event(), threading.Event()

    async def waits():
        started.set()
        try:
            await asyncio.sleep(30)
        finally:
            stopped.set()

    try:
        fut = loop.submit(waits)
        assert started.wait(10)
        assert fut.cancel()
        assert stopped.wait(10)
    finally:
        loop.close()


@contextmanager
def _no_coroutine_left_unawaited():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
        gc.collect()  # an unawaited coroutine warns when it is collected
        assert [str(w.message) for w in caught if "never awaited" in str(w.message)] == []


def _queued(loop: KernelLoop):
    """A coroutine submitted while the loop is busy: its maker, its Future, the loop's release."""
    release = _hold(loop)
    make = Counted()
    return make, loop.submit(make, 1), release


def test_a_coroutine_cancelled_before_its_turn_is_never_made():
    loop = KernelLoop()
    with _no_coroutine_left_unawaited():
        make, fut, release = _queued(loop)
        assert fut.cancel()
        release.set()
        assert loop.submit(Counted(), "after").result(timeout=10) == "after"  # its turn has come and gone
        assert make.made == 0
        loop.close()


def test_a_coroutine_still_queued_when_the_loop_closes_is_never_made():
    loop = KernelLoop()
    with _no_coroutine_left_unawaited():
        make, fut, release = _queued(loop)
        closer = threading.Thread(target=loop.close)
        closer.start()
        while not loop._closing:  # close() has begun: its wind-down is queued behind the submission
            pass
        release.set()
        closer.join(20)
        assert not closer.is_alive() and loop.loop.is_closed()
    assert make.made == 0 and fut.cancelled()


def test_closing_cancels_what_runs_even_from_a_thread_that_runs_a_loop_of_its_own():
    """As from a notebook, whose thread runs the kernel's loop: close() must not run its loop there."""
    loop = KernelLoop()
    ended = threading.Event()

    async def waits():
        try:
            await asyncio.sleep(30)
        finally:
            ended.set()

    async def in_a_notebook():
        fut = loop.submit(waits)
        await asyncio.sleep(0.05)
        loop.close()
        return fut

    fut = run_apart(in_a_notebook)
    assert ended.is_set() and fut.cancelled() and loop.loop.is_closed()


def test_a_future_is_never_left_waiting_once_the_loop_is_closed():
    loop = KernelLoop()
    loop.close()
    loop.close()  # twice: nothing more happens
    assert loop.submit(Counted(), 1).cancelled()


def test_what_outlives_the_wind_down_is_cancelled_for_whoever_waits_on_it(monkeypatch):
    monkeypatch.setattr(kernels, "WIND_DOWN", 0.2)
    loop = KernelLoop()

    async def deaf():  # ignores its cancellation for longer than the wind-down waits
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            await asyncio.sleep(3)

    fut = loop.submit(deaf)
    threading.Event().wait(0.05)
    loop.close()
    assert fut.cancelled()

