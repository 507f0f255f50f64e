"""A second process making up what this one writes (the benchmark's 100,000-customer demo).

The demo's build is two halves of about the same size: inventing the rows in Python and
SQLite writing them. On a machine with two cores they overlap: a worker process runs a
generator of pickled-cheap items (tuples and lists, no ORM objects) and this process consumes
them as they come, through a queue of a few items, so memory stays bounded whatever the size.

The worker never touches the database. A failure there ends the consumer's loop with
``WorkerFailed`` (the caller's transaction then rolls back, so nothing half-made is kept);
a consumer that stops early (its own error) ends the worker.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

DEPTH = 3  # items made ahead of the writer at most
POLL_SECONDS = 0.5  # how often a waiting consumer looks whether the worker is still there


class WorkerFailed(RuntimeError):
    """The second process failed (a bug, or it was killed). The message names the error's
    class and where it was raised, never its text: that may carry the data being made."""


def usable() -> bool:
    """A second process is worth starting: more than one core to run it on."""
    return (os.cpu_count() or 1) > 1


def _context() -> Any:  # a fork or spawn context (typeshed's BaseContext has no Process)
    """'fork' where the platform has it and this process runs no other Python thread (a
    thread could hold a lock the copy would wait on for ever); 'spawn' otherwise."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _idle(out: Any) -> bool:
    """The consumer has nothing left to work on (it waits for the worker's next item)."""
    return bool(out.empty())


def _run(job: Callable[..., Iterable[Any]], args: tuple[Any, ...], out: Any) -> None:
    """The worker: each item of ``job(*args, idle)``, then an end mark, or what went wrong.
    ``idle()`` tells the job the consumer is waiting for it: work the consumer could do
    itself is better left to it then (the two halves stay balanced on a busy machine too)."""
    try:
        for item in job(*args, lambda: _idle(out)):
            out.put(("item", item))
        out.put(("end", None))
    except BaseException as exc:  # the parent reports it, whatever it is
        # Where, not the source lines nor the message: a line may hold a value being made.
        frames = "".join(
            f"\n  {os.path.basename(f.filename)}:{f.lineno} in {f.name}"
            for f in traceback.extract_tb(exc.__traceback__)
        )
        out.put(("error", f"{type(exc).__name__} in the demo's second process, at:{frames}"))


@contextmanager
def second_process(
    job: Callable[..., Iterable[Any]], args: tuple[Any, ...], depth: int = DEPTH
) -> Iterator[Iterator[Any] | None]:
    """The items of ``job(*args, idle)`` made in a second process (``job`` and ``args`` must
    pickle: a module-level function and plain data), or None when no second process could
    be started (the caller makes them itself). Leaving the block ends the worker."""
    ctx = _context()
    out = ctx.Queue(maxsize=depth)
    worker = ctx.Process(target=_run, args=(job, args, out), name="trustdesk-demo", daemon=True)
    try:
        worker.start()
    except OSError:  # refused (no fork, no processes in this sandbox): one process then
        out.close()
        yield None
        return
    try:
        yield _items(worker, out)
    finally:
        if worker.is_alive():
            worker.terminate()
        worker.join()
        out.close()
        out.cancel_join_thread()


def _items(worker: Any, out: Any) -> Iterator[Any]:
    while True:
        try:
            kind, payload = out.get(timeout=POLL_SECONDS)
        except queue.Empty:
            if worker.is_alive():
                continue
            try:  # its last message may have landed as it ended
                kind, payload = out.get(timeout=POLL_SECONDS)
            except queue.Empty:
                raise WorkerFailed(
                    f"the demo's second process ended unexpectedly (exit code {worker.exitcode})"
                ) from None
        if kind == "item":
            yield payload
        elif kind == "end":
            return
        else:
            raise WorkerFailed(payload)
