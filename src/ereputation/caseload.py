"""Many clients in one run: `ereputation audit CONFIG... | DIR -o OUTDIR [--jobs N]`.

Each client is audited, rendered and written on its own: whatever goes wrong with one (a bad
config, consent missing, a render error) becomes its `ClientOutcome.error`, in the CLI's
language, and the others go on. Then `index.html`, the caseload overview, is written beside the
reports. Every file is written atomically and readable by its owner only.

Clients run in worker processes (`--jobs`): an offline audit is pure Python, so threads would
share one core (benchmarks/bench_caseload.py measures both). A worker ignores Ctrl-C while it
waits for work and stops its client at once when one is running; the parent then exits 130.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ereputation.errors import InputError, RenderError
from ereputation.i18n import Language
from ereputation.messages import messages

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from ereputation.audit import AuditOptions
    from ereputation.model import AuditResult

logger = logging.getLogger(__name__)

INDEX_NAME = "index.html"
WorkerKind = Literal["process", "thread"]


@dataclass(frozen=True)
class ClientOutcome:
    """One client of the run: its result and report, or why it failed (or both, when the report
    was written but the audit could not be recorded in the history)."""

    config: str  # the config's path, as given
    report: str | None = None  # the report's file name in OUTDIR, when written
    result: AuditResult | None = None
    error: str | None = None


OnDone = Callable[[int, int, ClientOutcome], None]


@dataclass(frozen=True)
class CaseloadJob:
    """What every client of the run shares (picklable: it travels to the worker processes)."""

    outdir: Path
    output_format: str
    options: AuditOptions
    language: Language  # of the messages and the index
    record: bool = False
    db: str | None = None


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str  # a messages.toml key (caseload_skip_*)


@dataclass(frozen=True)
class Client:
    config: Path
    report: str  # the report's file name in OUTDIR
    problem: str | None = None  # refused before any audit (a name clash), in the CLI's language


def gather(paths: Iterable[Path]) -> tuple[list[Path], list[Skipped]]:
    """The configs to audit, in order, and what a directory held that is not one.

    A directory gives its `*.toml` files that hold a `[person]` table (not recursive); a path
    given by name is always audited, so that a broken config is reported, never skipped.
    """
    configs: list[Path] = []
    skipped: list[Skipped] = []
    for path in paths:
        if not path.is_dir():
            configs.append(path)
            continue
        for entry in sorted(path.iterdir()):
            if entry.is_dir():
                skipped.append(Skipped(entry, "caseload_skip_directory"))
            elif entry.suffix.lower() != ".toml":
                skipped.append(Skipped(entry, "caseload_skip_not_toml"))
            elif not _is_profile_config(entry):
                skipped.append(Skipped(entry, "caseload_skip_not_profile"))
            else:
                configs.append(entry)
    return configs, skipped


def _is_profile_config(path: Path) -> bool:
    """A TOML file without `[person]` (a checklist, a lexicon) is no client; one that cannot be
    read is a client whose config is broken: it is audited, and its problem reported."""
    from ereputation.tomlfile import load_toml

    try:
        return "person" in load_toml(path)
    except InputError:
        logger.debug("%s cannot be read: audited, so that its problem is reported", path)
        return True


def plan_clients(configs: Sequence[Path], output_format: str, language: Language) -> list[Client]:
    """One report per config, named after it (`camille.toml` -> `camille.html`); a name that
    would replace the index or another client's report is that client's failure."""
    suffix = ".txt" if output_format == "text" else f".{output_format}"
    words = messages(language)
    taken: dict[str, Path] = {}
    clients: list[Client] = []
    for config in configs:
        report = config.stem + suffix
        # Without case: on macOS and Windows `Camille.html` and `camille.html` are one file.
        name = report.casefold()
        problem = None
        if name == INDEX_NAME.casefold():
            problem = words["caseload_index_clash"]
        elif name in taken:
            problem = words["caseload_same_name"].format(other=taken[name])
        else:
            taken[name] = config
        clients.append(Client(config, report, problem))
    return clients


def prepare_outdir(outdir: Path) -> None:
    """Create OUTDIR owner-only (0700) when absent; an existing one is used as it is."""
    if not outdir.is_dir():
        outdir.mkdir(mode=0o700, parents=True)
        os.chmod(outdir, 0o700)  # whatever the umask


def audit_client(client: Client, job: CaseloadJob) -> ClientOutcome:
    """Audit one client and write its report; any failure is its outcome, never raised."""
    words = messages(job.language)
    name = str(client.config)
    if client.problem is not None:
        return ClientOutcome(name, error=client.problem)
    if not client.config.is_file():
        return ClientOutcome(name, error=f"{client.config}: {words['caseload_not_found']}")
    try:
        return _audit_and_write(client, job)
    except InputError as exc:  # a bad config, consent missing, the history unreachable
        from ereputation.cli import input_error_message

        return ClientOutcome(name, error=input_error_message(exc, job.language))
    except RenderError as exc:
        logger.debug("rendering %s failed", client.config, exc_info=True)
        return ClientOutcome(name, error=_cli_text("render_failed", job.language, reason=exc))
    except OSError as exc:
        logger.debug("writing the report of %s failed", client.config, exc_info=True)
        reason = exc.strerror or str(exc)
        path = job.outdir / client.report
        text = _cli_text("cannot_write_report", job.language, path=path, reason=reason)
        return ClientOutcome(name, error=text)
    except Exception as exc:  # a bug must not cost the other clients their reports
        logger.warning("auditing %s failed unexpectedly", client.config, exc_info=True)
        return ClientOutcome(name, error=words["caseload_unexpected"].format(reason=exc))


def _cli_text(key: str, language: Language, **params: object) -> str:
    from ereputation.messages import cli_text

    return cli_text(key, language, **params)


def _audit_and_write(client: Client, job: CaseloadJob) -> ClientOutcome:
    from ereputation.audit import run
    from ereputation.cli import load_valid
    from ereputation.formats import OutputFormat, formatter_for
    from ereputation.output import write_atomic
    from ereputation.recording import AuditHistory, HistoryNotRecorded

    profile, _ = load_valid(client.config, job.options.checklist_path)
    history = AuditHistory(profile, db=job.db, enabled=job.record)
    result = history.since_last(run(profile, job.options))  # "since your last audit"
    rendered = formatter_for(OutputFormat(job.output_format)).render_bytes(result)
    path = job.outdir / client.report
    write_atomic(path, rendered)
    try:  # once the report is written: an interrupted audit records nothing
        history.record(result, [(path, job.output_format)], job.language)
    except HistoryNotRecorded as exc:  # the report exists: the client has both
        logger.debug("the audit of %s is not recorded", client.config, exc_info=True)
        return ClientOutcome(str(client.config), client.report, result, str(exc))
    return ClientOutcome(str(client.config), client.report, result)


# In a worker process: the run's stop signal, set by the parent on Ctrl-C (see `run_caseload`).
_stopping: Any = None


def _worker_start(stopping: Any, log_level: int | None = None) -> None:
    """A worker process waits for work deaf to Ctrl-C (the parent handles it); see `_guarded`.
    Its meaning model's second encoder runs on one thread (the workers share the cores: OpenMP
    threads spinning on each other's cores slow every worker), unless OMP_NUM_THREADS says."""
    global _stopping
    _stopping = stopping
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    if log_level is not None:
        from ereputation.cli import configure_logging

        verbose = 2 if log_level <= logging.DEBUG else 1 if log_level <= logging.INFO else 0
        configure_logging(verbose)


def _guarded(client: Client, job: CaseloadJob) -> ClientOutcome:
    """`audit_client` in a worker process. Ctrl-C stops the running client (its report, written
    atomically, is then not written at all), and once the run is stopping, a client still queued
    is not started."""
    interrupted = ClientOutcome(str(client.config), error=_cli_text("interrupted", job.language))
    if _stopping is not None and _stopping.is_set():
        return interrupted
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return audit_client(client, job)
    except KeyboardInterrupt:
        return interrupted
    finally:
        signal.signal(signal.SIGINT, previous)


def run_caseload(
    clients: Sequence[Client],
    job: CaseloadJob,
    jobs: int = 1,
    on_done: OnDone | None = None,
    workers: WorkerKind = "process",
) -> list[ClientOutcome]:
    """Audit every client, `jobs` at once; outcomes in the order of `clients`.

    `on_done(done, total, outcome)` is called in this process as each client finishes.
    """
    total = len(clients)
    outcomes: list[ClientOutcome | None] = [None] * total

    def finished(index: int, outcome: ClientOutcome, done: int) -> None:
        outcomes[index] = outcome
        if on_done is not None:
            on_done(done, total, outcome)

    if jobs <= 1 or total <= 1:
        for index, client in enumerate(clients):
            finished(index, audit_client(client, job), index + 1)
        return [o for o in outcomes if o is not None]
    # Imported here: only a run with several clients at once needs a pool.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed

    size = min(jobs, total)
    stopping = None
    pool: Executor
    if workers == "thread":
        pool = ThreadPoolExecutor(max_workers=size, thread_name_prefix="client")
    else:
        # fork: a worker starts in milliseconds with everything already imported (templates,
        # checklists and words cached); spawn would import the package again in each worker.
        # Unless this process has started the meaning model's second encoder: its OpenMP
        # threads do not survive a fork, and a forked worker would hang at its first page.
        meaning = sys.modules.get("ereputation.detect.meaning")
        started = meaning is not None and meaning.engine_started()
        context = multiprocessing.get_context("spawn" if started else "fork")
        stopping = context.Event()
        # A spawned worker starts with no logging set up: it takes the parent's level (-v).
        level = logging.getLogger("ereputation").getEffectiveLevel() if started else None
        pool = ProcessPoolExecutor(
            size, context, initializer=_worker_start, initargs=(stopping, level)
        )
    try:
        pending = {
            pool.submit(_guarded if stopping else audit_client, client, job): index
            for index, client in enumerate(clients)
        }
        for done, future in enumerate(as_completed(pending), start=1):
            finished(pending[future], future.result(), done)
    except BaseException:
        if stopping is not None:
            stopping.set()  # clients already queued to a worker are not started
        pool.shutdown(wait=False, cancel_futures=True)
        if stopping is not None:
            _stop_workers()
        raise
    pool.shutdown()
    return [o for o in outcomes if o is not None]


def _stop_workers(grace: float = 5.0) -> None:
    """Ctrl-C reached this process, perhaps not its workers (`kill -INT` of the parent alone):
    each worker is interrupted too, so that its client stops at once and leaves no file behind
    (`write_atomic` removes its temporary file); one that does not end within `grace` seconds is
    terminated. Without this, the exit would wait for every running client to finish."""
    import multiprocessing

    children = multiprocessing.active_children()
    for child in children:
        if child.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child.pid, signal.SIGINT)
    deadline = time.monotonic() + grace
    for child in children:
        child.join(max(0.0, deadline - time.monotonic()))
        if child.is_alive():
            logger.warning("worker %s did not stop: terminated", child.pid)
            child.terminate()


def write_index(outcomes: Sequence[ClientOutcome], job: CaseloadJob) -> Path:
    """The caseload overview, `index.html` in OUTDIR, in the run's language."""
    from ereputation.formats.index import render_index
    from ereputation.output import write_atomic

    path = job.outdir / INDEX_NAME
    page = render_index(outcomes, job.language, history=job.record)
    write_atomic(path, page.encode("utf-8"))
    return path


def audit_caseload(
    paths: Sequence[Path],
    options: AuditOptions,
    *,
    output: str | None,
    output_format: str | None,
    fail_under: float | None,
    jobs: int | None,
    record: bool,
    db: str | None,
) -> None:
    """The command: check the run's options, audit every client, write the index, summarise.

    Bad options are `UserError` (exit 2) before anything is written; afterwards, exit status 1
    when any client failed.
    """
    import sys

    import click

    from ereputation.cli import EXIT_BELOW_THRESHOLD, EXIT_INTERRUPTED, UserError, cli_language

    language = cli_language(options.language)
    words = messages(language)
    if fail_under is not None:
        raise UserError(words["caseload_fail_under"], language)
    if output in (None, "-"):
        raise UserError(words["caseload_needs_output"], language)
    outdir = Path(str(output))
    if outdir.exists() and not outdir.is_dir():
        raise UserError(words["caseload_output_not_dir"].format(path=outdir), language)
    configs, skipped = gather(paths)
    for skip in skipped:
        _say(words["caseload_skipped"].format(path=skip.path, reason=words[skip.reason]))
    if not configs:
        raise UserError(words["caseload_no_configs"], language)
    try:
        prepare_outdir(outdir)
    except OSError as exc:
        logger.debug("creating %s failed", outdir, exc_info=True)
        reason = exc.strerror or str(exc)
        raise UserError(
            words["caseload_cannot_create"].format(path=outdir, reason=reason), language
        ) from None
    fmt = output_format or "html"
    job = CaseloadJob(outdir, fmt, options, language, record, db)
    clients = plan_clients(configs, fmt, language)
    finished: list[ClientOutcome] = []

    def on_done(done: int, total: int, outcome: ClientOutcome) -> None:
        finished.append(outcome)
        if sys.stderr.isatty():  # one line per client on a terminal, as each finishes
            key = "caseload_line_done" if outcome.error is None else "caseload_line_failed"
            config, report = outcome.config, outcome.report
            _say(words[key].format(index=done, total=total, config=config, report=report))

    try:
        outcomes = run_caseload(clients, job, jobs or os.cpu_count() or 1, on_done)
    except KeyboardInterrupt:
        click.echo(err=True)  # end the line the terminal's ^C left open
        written = sum(1 for o in finished if o.report is not None)
        _say(words["caseload_interrupted"].format(written=written, outdir=outdir))
        sys.exit(EXIT_INTERRUPTED)
    index = write_index(outcomes, job)
    failed = [o for o in outcomes if o.error is not None]
    written = sum(1 for o in outcomes if o.report is not None)
    summary = words["caseload_summary"].format(
        total=len(outcomes), written=written, outdir=outdir, failed=len(failed), index=index
    )
    _say(summary)
    for outcome in failed:
        _say(words["caseload_failure"].format(config=outcome.config, message=outcome.error))
    if failed:
        sys.exit(EXIT_BELOW_THRESHOLD)


def _say(line: str) -> None:
    """A line on stderr, printable: a file name or a message quoting a config cannot move the
    terminal's cursor or colour it (`textsafe.multi_line`)."""
    import click

    from ereputation.textsafe import multi_line

    click.echo(multi_line(line), err=True)
