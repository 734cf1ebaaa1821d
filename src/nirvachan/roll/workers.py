"""Running `roll.chunks.prepare` beside the database work: in a pool of spawned worker
processes for a large file, or in one thread of the importing process (no Django here)."""

from __future__ import annotations

import concurrent.futures
import contextlib
import multiprocessing
import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any

from nirvachan.roll.chunks import Chunk, Item, KeyCache, Spec, parse, prepare

_worker: dict[str, Any] = {}


def _init(spec: Spec) -> None:
    _worker["spec"] = spec
    _worker["keys"] = KeyCache()


def _work(item: Item) -> Chunk | None:
    spec: Spec = _worker["spec"]
    return prepare(parse(item, spec.columns), spec, _worker["keys"])


def prepared_chunks(
    items: Iterator[Item], spec: Spec, workers: int
) -> Iterator[tuple[Item, Chunk | None]]:
    """(block, prepared) in file order, parsed and prepared ahead of the database work: in
    `workers` processes (spawned: no Django, no database connection in them), or with
    workers=0 in one thread of this process. Errors of the reader or a worker (Unreadable)
    are raised here, in order. `parse` gives a block's rows again when the loader sends it
    row by row."""
    if workers <= 0:
        keys = KeyCache()
        yield from _threaded(items, lambda b: prepare(parse(b, spec.columns), spec, keys))
        return
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init, initargs=(spec,)
    ) as pool:
        pending: list[tuple[Item, concurrent.futures.Future[Chunk | None]]] = []
        try:
            for item in items:
                pending.append((item, pool.submit(_work, item)))
                while len(pending) > workers + 1:
                    head, future = pending.pop(0)
                    yield head, future.result()
            while pending:
                head, future = pending.pop(0)
                yield head, future.result()
        finally:
            for _item, future in pending:
                future.cancel()


def _threaded(
    chunks: Iterator[Item], work: Callable[[Item], Chunk | None]
) -> Iterator[tuple[Item, Chunk | None]]:
    """Reading and preparing in a second thread, one or two chunks ahead (Arrow's kernels
    release the GIL, so the two overlap somewhat)."""
    out: queue.Queue[Any] = queue.Queue(maxsize=2)
    stop = threading.Event()
    done = object()

    def run() -> None:
        try:
            for chunk in chunks:
                item = (chunk, work(chunk))
                while not stop.is_set():
                    try:
                        out.put(item, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            out.put(done)
        except BaseException as exc:  # handed to the main thread
            out.put(exc)

    thread = threading.Thread(target=run, name="roll-import-reader", daemon=True)
    thread.start()
    try:
        while True:
            item = out.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while thread.is_alive():  # let a blocked put() finish
            with contextlib.suppress(queue.Empty):
                out.get(timeout=0.1)
        thread.join()
