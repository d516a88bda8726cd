"""A discovery run: every site asked about every username, hosts in parallel, and the control.

Probes are grouped by host: a group runs in one worker, one request at a time, so no host sees
two of our requests at once (the fetcher's host locks hold that across groups too). When a
username looked found on a site, the same worker then asks that site about a random username
that cannot exist: if that control looks found as well, the site answers the same for anyone,
and every probe of the site becomes `unknown (ambiguous)`; if the control cannot be judged (a
timeout, a rate limit, a wall), nothing shows that the site tells names apart, and what looked
found is `unknown` with the control's reason. The control's name is never reported.

A host that let one probe run out of time is not asked again in the run: each of its other
probes would wait the whole deadline too. They are `unknown (timeout)`, with nothing sent.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from queue import Queue

from ereputation.discovery import DEFAULT_CONCURRENCY, MAX_CONCURRENCY
from ereputation.discovery.catalogue import PLACEHOLDER, Site, validate_username
from ereputation.discovery.probe import Probe, probe_options, run_probe
from ereputation.discovery.results import DiscoveryResult, ProbeResult
from ereputation.errors import InputError, Problem
from ereputation.web.connection import Crew
from ereputation.web.fetchtypes import FetchOptions

# DEFAULT_CONCURRENCY: worker threads, each waiting on one host at a time, so at most this many
# connections are open. Maigret opens 100 by default; Chromium allows itself 256 sockets in all,
# which is what one heavy page can use. A probe mostly waits on the network: 300 workers cost
# about 50 MiB (benchmarks/bench_discovery.py), and no host ever sees two requests at once.
MAX_USERNAMES = 20
CONTROL_LENGTH = 24  # 36**24 names: none of them is anyone's


@dataclass(frozen=True)
class DiscoverOptions:
    fetch: FetchOptions = field(default_factory=probe_options)
    concurrency: int = DEFAULT_CONCURRENCY

    def __post_init__(self) -> None:
        if not 1 <= self.concurrency <= MAX_CONCURRENCY:
            raise ValueError(f"concurrency must be from 1 to {MAX_CONCURRENCY}")


OnResult = Callable[[ProbeResult], None]


def control_username() -> str:
    """A fresh random name that cannot be an account: lowercase letters and digits."""
    alphabet = string.ascii_lowercase + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(CONTROL_LENGTH))


def checked_usernames(usernames: Sequence[str]) -> tuple[str, ...]:
    """The usernames to probe, each once, in the order given; InputError when one is unusable.
    A handle written the way people mention it (`@camille`) is probed as `camille`: no site
    puts the at sign in its addresses, and every site would say "no such account"."""
    bare = [name[1:] if name.startswith("@") else name for name in usernames]
    problems = [p for p in map(validate_username, bare) if p is not None]
    if problems:
        raise InputError(problems)
    unique = tuple(dict.fromkeys(bare))
    if not unique:
        raise InputError(Problem.coded("", "usernames_none"))
    if len(unique) > MAX_USERNAMES:
        raise InputError(Problem.coded("", "usernames_too_many", limit=MAX_USERNAMES))
    return unique


def _groups(sites: Sequence[Site]) -> list[list[Site]]:
    groups: dict[str, list[Site]] = {}
    for site in sites:
        groups.setdefault(site.host or f"#{site.index}", []).append(site)
    return list(groups.values())


def _with_control(
    site: Site, results: list[ProbeResult], control: ProbeResult
) -> list[ProbeResult]:
    if control.status == "found":  # the site answers the same for anyone
        return [replace(r, status="unknown", reason="ambiguous") for r in results]
    if control.status == "unknown" and not _told_apart(site, control):
        # The control was not seen: no proof that the site tells names apart.
        return [
            replace(r, status="unknown", reason=control.reason) if r.status == "found" else r
            for r in results
        ]
    return results


def _told_apart(site: Site, control: ProbeResult) -> bool:
    """An unknown control that still differs from the found page: an answer matching neither
    signature, or, where the name is the host (`{account}.blog.example`), no host at all for
    the control's name (no answer, not a timeout): that is how such a site says "no one"."""
    if control.reason == "ambiguous":
        return True
    return not _same_host_always(site) and control.reason == "error" and control.http_status is None


class _HostWatch:
    """Remembers the first probe of a group's host that ran out of time, so that the host's
    other probes are not sent to wait the whole deadline again."""

    def __init__(self) -> None:
        self.stalled: ProbeResult | None = None

    def run(self, probe: Probe, options: FetchOptions, crew: Crew | None) -> ProbeResult:
        if self.stalled is not None and _same_host_always(probe.site):
            return replace(
                self.stalled,
                site=probe.site.name,
                username=probe.username,
                url=probe.site.profile_url(probe.username),
                category=probe.site.category,
                http_status=None,
                elapsed_ms=0,
            )
        result = run_probe(probe, options, crew)
        if result.reason == "timeout" and _same_host_always(probe.site):
            self.stalled = result
        return result


def _same_host_always(site: Site) -> bool:
    """False for a site that puts the username in its host name: each name is another host."""
    return PLACEHOLDER not in site.host


def _run_group(
    group: list[Site], usernames: tuple[str, ...], options: FetchOptions, crew: Crew | None
) -> list[list[ProbeResult]]:
    """Every probe of the group's sites, then the controls they need; one list per site."""
    watch = _HostWatch()
    per_site: list[list[ProbeResult]] = []
    for site in group:
        results = []
        for username in usernames:
            if crew is not None and crew.cancelled:
                return per_site
            results.append(watch.run(Probe(site, username), options, crew))
        per_site.append(results)
    for index, site in enumerate(group):
        if not any(r.status == "found" for r in per_site[index]):
            continue  # a control is asked only where it can change something
        if crew is not None and crew.cancelled:
            return per_site
        control = watch.run(Probe(site, control_username(), control=True), options, crew)
        per_site[index] = _with_control(site, per_site[index], control)
    return per_site


def discover(
    usernames: Sequence[str],
    sites: Sequence[Site],
    options: DiscoverOptions | None = None,
    on_result: OnResult | None = None,
) -> DiscoveryResult:
    """Probe every site for every username. `on_result` runs in the calling thread as each
    site's probes end (after its control). Ctrl-C cuts every open socket and is raised again
    at once."""
    opts = options or DiscoverOptions()
    names = checked_usernames(usernames)
    order = {site.name: position for position, site in enumerate(sites)}
    results: list[ProbeResult] = []

    def collect(batch: list[list[ProbeResult]]) -> None:
        for site_results in batch:
            for result in site_results:
                results.append(result)
                if on_result is not None:
                    on_result(result)

    groups = _groups(sites)
    if opts.fetch.offline or not groups:  # no socket is opened: no thread is needed either
        for group in groups:
            collect(_run_group(group, names, opts.fetch, None))
    else:
        _run_parallel(groups, names, opts, collect)
    rank = {name: position for position, name in enumerate(names)}
    results.sort(key=lambda r: (order[r.site], rank[r.username]))
    return DiscoveryResult(usernames=names, sites_probed=len(sites), results=tuple(results))


def _run_parallel(
    groups: list[list[Site]],
    names: tuple[str, ...],
    opts: DiscoverOptions,
    collect: Callable[[list[list[ProbeResult]]], None],
) -> None:
    crew = Crew()
    done: Queue[list[list[ProbeResult]] | BaseException] = Queue()

    def work(group: list[Site]) -> None:
        try:
            done.put(_run_group(group, names, opts.fetch, crew))
        except BaseException as exc:  # a bug, not a network problem: surface it
            done.put(exc)
            raise

    workers = min(opts.concurrency, len(groups))
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ereputation-probe")
    try:
        for group in groups:
            pool.submit(work, group)
        for _ in groups:
            item = done.get()
            if isinstance(item, BaseException):
                raise item
            collect(item)
    except BaseException:
        # Ctrl-C or a bug: cut every socket, drop the groups not started, return at once.
        crew.cancel()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
