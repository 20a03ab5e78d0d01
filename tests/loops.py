"""Running a coroutine from a test: in a thread of its own, with a loop of its own.

Once the browser tests have run, Playwright's sync API keeps an event loop running in the main
thread for the rest of the session, and asyncio.run refuses to start in a thread that runs one."""
import asyncio
from concurrent.futures import ThreadPoolExecutor


def run_apart(fn, *args):
    """asyncio.run(fn(*args)) in a new thread; its result, or its exception, comes back here.
    The coroutine is made in that thread too: never made, it can never be left unawaited."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(fn(*args))).result()
