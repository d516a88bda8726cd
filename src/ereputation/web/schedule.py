"""Visiting many URLs: hosts in parallel, one visit per host at a time, stopped by Ctrl-C."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from queue import Queue
from typing import cast
from urllib.parse import urlsplit

from ereputation.web.connection import Crew
from ereputation.web.fetchtypes import FetchOptions, FetchResult
from ereputation.web.hostkey import host_key
from ereputation.web.visit import visit_url


def _host_of(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host_key(host) if host else None


def fetch_all(
    urls: Sequence[str],
    options: FetchOptions,
    concurrency: int = 16,
    on_result: Callable[[int, FetchResult], None] | None = None,
) -> list[FetchResult]:
    """Visit many URLs: hosts in parallel, one visit at a time per host, results in input order.

    URLs are queued per host, so a stalled host only delays its own queue; host locks taken on
    every hop also serialise redirects that converge on one host. `on_result(index, result)`
    runs in the calling thread, as each visit ends.

    A KeyboardInterrupt in the calling thread cuts every open socket, drops the visits not
    started yet and is raised again at once, without waiting for the slowest server.
    """
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    results: list[FetchResult | None] = [None] * len(urls)
    if options.offline:
        for index, url in enumerate(urls):
            results[index] = visit_url(url, options, None)
            if on_result is not None:
                on_result(index, cast(FetchResult, results[index]))
        return cast(list[FetchResult], results)
    queues: dict[str, list[int]] = {}
    for index, url in enumerate(urls):
        queues.setdefault(_host_of(url) or f"#{index}", []).append(index)
    crew = Crew()
    done: Queue[tuple[int, FetchResult] | BaseException] = Queue()

    def run(indices: list[int]) -> None:
        try:
            for index in indices:
                if crew.cancelled:
                    return
                done.put((index, visit_url(urls[index], options, crew)))
        except BaseException as exc:  # a bug, not a network problem: surface it
            done.put(exc)
            raise

    workers = max(1, min(concurrency, len(queues)))
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ereputation-fetch")
    try:
        for indices in queues.values():
            pool.submit(run, indices)
        for _ in urls:
            item = done.get()
            if isinstance(item, BaseException):
                raise item
            index, fetched = item
            results[index] = fetched
            if on_result is not None:
                on_result(index, fetched)
    except BaseException:
        # Ctrl-C or a bug: no worker may outlive this call for long, so cut them all short.
        crew.cancel()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return cast(list[FetchResult], results)
