"""The command line: parse options, call the library, map errors to exit codes.

Exit codes are listed once, in `EXIT_CODES`; the README and docs/cli.md show them.
Heavy modules are imported inside commands so that `ereputation --help` stays fast.
The CLI's own lines follow the report language: `--lang`, else the config's `person.language`,
else the locale (report_templates/cli.toml holds the words).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from ereputation import __version__
from ereputation.errors import InputError, RenderError
from ereputation.formats import OutputFormat
from ereputation.recording import AuditHistory, record_options

if TYPE_CHECKING:
    from ereputation.audit import AuditOptions
    from ereputation.checklist import Checklist
    from ereputation.config import Profile
    from ereputation.i18n import Language

F = TypeVar("F", bound=Callable[..., Any])

FORMAT_NAMES = OutputFormat.names()
EXIT_BELOW_THRESHOLD = 1
EXIT_BAD_INPUT = 2
EXIT_RENDER_FAILED = 3
EXIT_INTERRUPTED = 130
EXIT_PIPE_CLOSED = 141
EXIT_CODES: tuple[tuple[int, str], ...] = (
    (0, "success"),
    (
        EXIT_BELOW_THRESHOLD,
        "`--fail-under` was given and Visibility is below it (or not scored); with several "
        "configs or a directory, at least one client failed (the others' reports are written)",
    ),
    (
        EXIT_BAD_INPUT,
        "bad input: unreadable or invalid config or checklist, unknown option value, unwritable "
        "output or standard output, or a history that cannot be reached (the report is written "
        "first); one clear message naming the file and line or key path",
    ),
    (
        EXIT_RENDER_FAILED,
        "the report could not be rendered although the input was good: no PDF engine "
        "(Chromium or WeasyPrint), or it failed; `-vv` shows its output",
    ),
    (EXIT_INTERRUPTED, "interrupted (Ctrl-C): nothing half-written is left behind"),
    (
        EXIT_PIPE_CLOSED,
        "standard output was closed early (piped into `head`): the rest is dropped, silently",
    ),
)

logger = logging.getLogger(__name__)


class UserError(click.ClickException):
    """Bad input: one clear message, exit status 2, no traceback; 'Error' in the CLI's language."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str, language: Language = "en") -> None:
        super().__init__(message)
        self.language = language

    def show(self, file: Any = None) -> None:
        from ereputation.messages import cli_text

        click.echo(cli_text("error", self.language, message=self.format_message()), err=True)


class RenderFailed(UserError):
    """The input was good but the report could not be rendered (a PDF engine failing)."""

    exit_code = EXIT_RENDER_FAILED


def cli_language(explicit: Language | None, config: Path | None = None) -> Language:
    """The language of the CLI's own lines: --lang, else the config's, else the locale."""
    from ereputation.messages import language_from_environment

    if explicit is not None:
        return explicit
    if config is not None:
        found = _config_language(config)
        if found is not None:
            return found
    return language_from_environment()


def _config_language(config: Path) -> Language | None:
    """`person.language` read leniently: the config may be broken, that is what is reported."""
    from ereputation.i18n import LANGUAGES
    from ereputation.tomlfile import load_toml

    try:
        person = load_toml(config).get("person")
    except InputError:
        logger.debug("no language from %s: it cannot be read", config, exc_info=True)
        return None
    language = person.get("language") if isinstance(person, dict) else None
    return cast("Language", language) if language in LANGUAGES else None


def _say(language: Language, key: str, /, **params: object) -> str:
    from ereputation.messages import cli_text

    return cli_text(key, language, **params)


def input_error_message(exc: InputError, language: Language) -> str:
    problems = exc.problems
    if len(problems) == 1:
        return problems[0].show(language)
    lines = "\n".join(f"  {p.show(language)}" for p in problems)
    return _say(language, "problems", count=len(problems)) + "\n" + lines


def reports_input_errors(func: F) -> F:
    """Bad input and rendering failures become one message in the CLI's language."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            language = cli_language(kwargs.get("language"), kwargs.get("config"))
            raise UserError(input_error_message(exc, language), language) from None
        except RenderError as exc:
            logger.debug("rendering failed", exc_info=True)
            language = cli_language(kwargs.get("language"), kwargs.get("config"))
            reason = str(exc)
            raise RenderFailed(_say(language, "render_failed", reason=reason), language) from None

    return cast(F, wrapper)


def _silence_stdout() -> None:
    """Point the standard output at /dev/null: what is still buffered cannot fail again at exit."""
    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError):  # not a real file (CliRunner)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def write_stdout(data: bytes, language: Language) -> None:
    """Write to standard output; a closed pipe ends quietly, a full disk is one clear error."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(EXIT_PIPE_CLOSED)
    except OSError as exc:
        logger.debug("writing to standard output failed", exc_info=True)
        _silence_stdout()
        reason = exc.strerror or str(exc)
        raise UserError(_say(language, "stdout_failed", reason=reason), language) from None


def echo_stdout(text: str, language: Language, *, nl: bool = True) -> None:
    write_stdout((text + ("\n" if nl else "")).encode("utf-8"), language)


_log_handler: logging.Handler | None = None


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is when a record comes (tests and CliRunner swap it)."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


class _PlainFormatter(logging.Formatter):
    """`LEVEL logger: message`, printable: no escape sequence reaches the terminal."""

    def format(self, record: logging.LogRecord) -> str:
        from ereputation.textsafe import printable

        return printable(super().format(record))


def configure_logging(verbose: int) -> None:
    """-v: info, -vv: debug, on stderr, for the `ereputation` loggers only."""
    global _log_handler
    package = logging.getLogger("ereputation")
    if _log_handler is not None:
        package.removeHandler(_log_handler)
    _log_handler = _StderrHandler()
    _log_handler.setFormatter(_PlainFormatter("%(levelname)s %(name)s: %(message)s"))
    package.addHandler(_log_handler)
    package.setLevel(
        logging.DEBUG if verbose >= 2 else logging.INFO if verbose else logging.WARNING
    )


class _Main(click.Group):
    """The group, plus last guards: Ctrl-C is exit status 130 in every command (Click would say
    'Aborted!' with status 1, which means --fail-under), and a full disk is no traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (KeyboardInterrupt, click.Abort):  # a prompt turns Ctrl-C and end of input to Abort
            click.echo(err=True)  # end the line the terminal's ^C left open
            click.echo(_say(cli_language(None), "interrupted"), err=True)
            sys.exit(EXIT_INTERRUPTED)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        except OSError as exc:  # Click re-raises every OSError but a closed pipe
            logger.debug("output failed", exc_info=True)
            _silence_stdout()
            click.echo(f"Error: {exc.strerror or exc}", err=True)
            sys.exit(EXIT_BAD_INPUT)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ereputation")
@click.option(
    "-v",
    "--verbose",
    count=True,
    help="Log what happens on stderr: -v for steps, -vv for details of every failure.",
)
def main(verbose: int) -> None:
    """Audit a person's online presence before a job search.

    Runs a checklist built from career-coaching advice on a profile config, optionally visits the
    person's public profile URLs as a logged-out recruiter would, and writes a report on
    visibility (how findable and convincing the professional presence is) and risk (what could
    hurt a job search).

    Start with `ereputation init profile.toml`, then `ereputation audit profile.toml -o
    report.html`. The full reference is docs/cli.md.
    """
    configure_logging(verbose)


def _language_option(help_text: str) -> Callable[[F], F]:
    return click.option(
        "--lang", "language", type=click.Choice(["fr", "en"]), default=None, help=help_text
    )


def _format_option() -> Callable[[F], F]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help="text for reading, json for tools (both languages included).",
    )


def _checklist_option() -> Callable[[F], F]:
    return click.option(
        "--checklist",
        "checklist_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Use this checklist file instead of the default one (or the config's).",
    )


def report_output_options(func: F) -> F:
    """`-o` and `--format` as every command that writes a report takes them."""
    func = click.option(
        "--format",
        "output_format",
        type=click.Choice(FORMAT_NAMES),
        default=None,
        help="Report format (pdf needs Chromium or WeasyPrint). Default: from -o's suffix "
        "(.txt, .json, .md, .html, .pdf), else text.",
    )(func)
    return click.option(
        "-o",
        "--output",
        type=str,
        default=None,
        help="Write the report here ('-' for standard output). Default: a summary on the terminal.",
    )(func)


@main.command(short_help="Audit a profile config and write the report (or a summary).")
@click.argument(
    "config",
    metavar="CONFIG... | DIR",
    nargs=-1,
    required=True,
    type=click.Path(path_type=Path),
    callback=lambda _ctx, _param, paths: _one_config_or_caseload(paths),
)
@report_output_options
@_language_option("Language of the report. Default: the config's person.language.")
@_checklist_option()
@click.option("--offline", is_flag=True, help="Do not visit any profile URL; no network at all.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1, max=600),
    default=15.0,
    show_default=True,
    help="Deadline in seconds for each profile URL (connect, redirects and body).",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow profile URLs on loopback or private network addresses (refused by default).",
)
@click.option(
    "--concurrency",
    type=click.IntRange(min=1, max=64),
    default=16,
    show_default=True,
    help="Profiles fetched at once (never more than one at a time per host).",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1, max=64),
    default=None,
    help="With several configs or a DIR: clients audited at once. Default: the number of CPUs.",
)
@click.option(
    "--show-pii",
    is_flag=True,
    help="Show personal data found exposed in full instead of masked (for the person only).",
)
@click.option(
    "--fail-under",
    type=click.FloatRange(min=0, max=100),
    default=None,
    help="Exit with status 1 when the Visibility score is below this value.",
)
@click.option(
    "--lexicon",
    "lexicon_paths",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Also look for the risky terms of this word list (the bundled list's format; check it "
    "first with 'ereputation lexicon check'). Repeatable; it adds terms, never removes any.",
)
@click.option(
    "--discover",
    is_flag=True,
    help="Also look up person.usernames and the declared profiles' handles on the site "
    "catalogue, as a recruiter would (a counselled case needs consent_scope = "
    '"checklist_profiles_and_discovery").',
)
@click.option(
    "--deep",
    is_flag=True,
    help="With --discover (implied): also visit each undeclared account found, as a logged-out "
    "recruiter, and check it like a declared profile.",
)
@click.option(
    "--sites",
    "sites_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="With --discover: use this WhatsMyName-format site catalogue instead of the bundled one.",
)
@click.option(
    "--search-endpoint",
    type=str,
    default=None,
    metavar="URL",
    help="Ask this SearXNG instance (its JSON API) for the first results on the person's name "
    "and classify them. Default: the config's [audit] search_endpoint; none, only the links.",
)
@click.option(
    "--no-model",
    "no_model",
    is_flag=True,
    help="Read risky content with the word rules alone, without the trained model's second "
    "opinion (which vetoes the rules' false alarms and flags risky passages without risky words).",
)
@record_options
@reports_input_errors
def audit(
    config: Path | tuple[Path, ...],
    output: str | None,
    output_format: str | None,
    language: Language | None,
    checklist_path: Path | None,
    offline: bool,
    timeout: float,
    allow_private: bool,
    concurrency: int,
    jobs: int | None,
    show_pii: bool,
    fail_under: float | None,
    lexicon_paths: tuple[Path, ...],
    discover: bool,
    deep: bool,
    sites_path: Path | None,
    search_endpoint: str | None,
    no_model: bool,
    no_record: bool,
    db: str | None,
) -> None:
    """Audit the profile described by CONFIG and write the report.

    Without -o, prints a short summary. The format follows -o's suffix (.html, .json, .md, .txt,
    .pdf) unless --format is given; a suffix that contradicts --format is refused. Never prompts.

    Many clients in one run: several CONFIGs, or a DIR (its *.toml profile configs, not its
    subdirectories), with -o OUTDIR (created owner-only if absent). Each client gets a report
    named after its config (camille.toml -> camille.html, in --format, default html), --jobs at
    once, and OUTDIR/index.html gives the caseload overview. A client that fails is reported and
    the others go on; exit status 1 if any failed.
    """
    from ereputation.audit import AuditOptions, extra_lexicons_of, run
    from ereputation.formats import formatter_for

    extra_lexicons_of(lexicon_paths)  # a bad word list: exit 2 before any client is audited
    if search_endpoint is not None:
        search_endpoint = search_endpoint.strip()
        _check_endpoint(search_endpoint, cli_language(language, _first(config)))
    options = AuditOptions(
        discover=discover or deep,
        deep=deep,
        sites_path=sites_path,
        search_endpoint=search_endpoint,
        lexicon_paths=lexicon_paths,
        meaning_model=not no_model,
        language=language,
        checklist_path=checklist_path,
        offline=offline,
        timeout=timeout,
        allow_private=allow_private,
        concurrency=concurrency,
        show_pii=show_pii,
    )
    if not isinstance(config, Path):  # several configs or a directory: the caseload
        from ereputation.caseload import audit_caseload

        audit_caseload(
            config,
            options,
            output=output,
            output_format=output_format,
            fail_under=fail_under,
            jobs=jobs,
            record=not no_record,
            db=db,
        )
        return
    lang = cli_language(language, config)
    fmt = _choose_format(output, output_format, lang)
    if fmt == "pdf" and output is None:
        raise UserError(_say(lang, "pdf_needs_file"), lang)
    profile, _ = load_valid(config, checklist_path)
    history = AuditHistory(profile, db=db, enabled=not no_record)
    from ereputation.progress import visit_progress

    _say_discovery_start(profile, options, lang)
    _warn_plain_search(profile, options, lang)
    try:
        no_visits = offline or not profile.audit.visits_allowed  # consent may rule visits out
        with visit_progress(profile.profiles, lang, offline=no_visits) as on_visit:
            result = run(profile, options, on_visit=on_visit)
    except KeyboardInterrupt:
        # The visits stop at once (web/schedule.py); nothing was written yet, nothing will be.
        click.echo(_say(lang, "interrupted"), err=True)  # in the report's language
        sys.exit(EXIT_INTERRUPTED)
    lang = result.language  # the report's: the CLI's lines follow it
    _say_discovery(result.info.discovery_run, options.discover, lang)
    result = history.since_last(result)  # read before rendering: "since your last audit"
    rendered = formatter_for(OutputFormat(fmt)).render_bytes(result)
    _emit(rendered, output, lang)
    if output not in (None, "-"):
        click.echo(_say(lang, "report_written", path=output), err=True)
    # Recorded once the report is written: an interrupted audit records nothing.
    history.record(result, [] if output in (None, "-") else [(Path(output), fmt)], lang)
    if fail_under is not None:
        score = result.scores.visibility
        if score is None or score < fail_under:
            shown = _say(lang, "not_scored") if score is None else str(score)
            message = _say(lang, "fail_under", score=shown, threshold=f"{fail_under:g}")
            click.echo(message, err=True)
            sys.exit(EXIT_BELOW_THRESHOLD)


def _first(config: Path | tuple[Path, ...]) -> Path | None:
    """The config whose language the CLI's lines take before anything is read."""
    if isinstance(config, Path):
        return None if config.is_dir() else config
    return config[0] if config and not config[0].is_dir() else None


def _check_endpoint(url: str, language: Language) -> None:
    """`--search-endpoint` must be a plain http(s) address, like a profile's."""
    from ereputation.config import url_problem

    problem = url_problem(url, language)
    if problem:
        raise UserError(f"--search-endpoint: {problem}", language)


def _say_discovery_start(profile: Profile, options: AuditOptions, language: Language) -> None:
    """Discovery waits on many sites: say what is looked up before the wait, on stderr."""
    if not options.discover or options.offline or not profile.audit.discovery_allowed:
        return
    from ereputation.discovery.handles import usernames_to_probe
    from ereputation.recruiter import catalogue

    names = usernames_to_probe(profile.person.usernames, profile.profiles, catalogue())
    if names:
        click.echo(_say(language, "audit_discovery_start", usernames=", ".join(names)), err=True)


def _warn_plain_search(profile: Profile, options: AuditOptions, language: Language) -> None:
    """A name sent in clear over the network deserves a word: http:// beyond this computer."""
    from urllib.parse import urlsplit

    from ereputation.cli_serve import is_loopback

    endpoint = options.search_endpoint or profile.audit.search_endpoint
    if not endpoint or options.offline or not profile.audit.discovery_allowed:
        return
    parts = urlsplit(endpoint)
    if parts.scheme.lower() == "http" and not is_loopback(parts.hostname or ""):
        click.echo(_say(language, "audit_search_plain_http", host=parts.hostname), err=True)


def _say_discovery(run: str, asked: bool, language: Language) -> None:
    """Why `--discover` probed nothing, on stderr: the report says it too."""
    if asked and run in ("no_consent", "no_usernames", "offline"):
        click.echo(_say(language, f"audit_discovery_{run}"), err=True)


def _one_config_or_caseload(paths: tuple[Path, ...]) -> Path | tuple[Path, ...]:
    """One CONFIG that is no directory stays the single audit, exactly as before; more than one,
    or a directory, is a caseload (`caseload.py`, imported only then)."""
    return paths if len(paths) > 1 or paths[0].is_dir() else paths[0]


def load_valid(config: Path, checklist_path: Path | None) -> tuple[Profile, Checklist]:
    """The profile and its checklist, or every problem of both at once (answers included)."""
    from ereputation.audit import checklist_path_for, problems_of
    from ereputation.checklist import load_checklist
    from ereputation.config import read_profile
    from ereputation.errors import ConfigError

    profile, problems = read_profile(config)
    try:
        checklist = load_checklist(checklist_path_for(profile, checklist_path))
    except InputError as exc:
        raise InputError(problems + exc.problems) from None
    import datetime as dt

    from ereputation.config import consent_problems

    # What `audit` refuses, `validate` reports: a counselled case needs a consent date.
    found = (
        problems
        + tuple(problems_of(profile, checklist))
        + tuple(consent_problems(profile, dt.date.today()))
    )
    if found:
        raise ConfigError(found)
    logger.info(
        "%s: %d answer(s), %d profile(s); checklist %s %s",
        config,
        len(profile.answers),
        len(profile.profiles),
        checklist.id,
        checklist.version,
    )
    return profile, checklist


def _choose_format(output: str | None, output_format: str | None, language: Language) -> str:
    """--format, else -o's suffix, else text; a suffix that names another format is refused."""
    guessed = None if output in (None, "-") else OutputFormat.from_suffix(Path(output))
    if output_format:
        if guessed is not None and guessed.value != output_format:
            suffix = Path(cast(str, output)).suffix
            raise UserError(
                _say(
                    language,
                    "suffix_contradicts",
                    format=output_format,
                    output=output,
                    suffix=suffix,
                    guessed=guessed.value,
                ),
                language,
            )
        return output_format
    if output in (None, "-"):
        return "text"
    if guessed is None:
        names = ", ".join(FORMAT_NAMES)
        raise UserError(
            _say(language, "unknown_suffix", output=repr(output), names=names), language
        )
    return guessed.value


def _emit(rendered: bytes, output: str | None, language: Language) -> None:
    from ereputation.output import write_atomic

    if output in (None, "-"):
        write_stdout(rendered, language)
        return
    path = Path(output)
    try:
        write_atomic(path, rendered)
    except OSError as exc:
        logger.debug("writing %s failed", path, exc_info=True)
        reason = exc.strerror or str(exc)
        raise UserError(
            _say(language, "cannot_write_report", path=path, reason=reason), language
        ) from None


@main.command(short_help="Check a config and its answers, reporting every problem at once.")
@click.argument("config", type=click.Path(dir_okay=False, path_type=Path))
@_checklist_option()
@_language_option("Language of the messages. Default: the config's person.language.")
@reports_input_errors
def validate(config: Path, checklist_path: Path | None, language: Language | None) -> None:
    """Check CONFIG and its answers, reporting every problem at once.

    Person, profiles and answers are all checked in one run, each problem with its key path.
    A valid config without `person.trade` also gets the trade inferred from the role, and how to
    set it. Exit status 0 when the config is valid, 2 otherwise.
    """
    lang = cli_language(language, config)
    profile, checklist = load_valid(config, checklist_path)
    message = _say(
        lang,
        "valid",
        path=config,
        answered=len(profile.answers),
        total=len(checklist.items),
        profiles=len(profile.profiles),
        checklist=checklist.id,
        version=checklist.version,
    )
    echo_stdout(message, lang)
    from ereputation.trade_choice import choose_trade, trades

    hint = choose_trade(profile.person, trades()).hint(lang)  # inferred or none: how to set it
    if hint:
        echo_stdout(hint, lang)


# Each module registers its commands on `main`: checklist, trades and schema (content); discover
# and sites check; init; lexicon check; render and compare (results); serve; history, purge, export.
from ereputation import (  # noqa: E402
    cli_content,  # noqa: F401
    cli_discover,  # noqa: F401
    cli_init,  # noqa: F401
    cli_lexicon,  # noqa: F401
    cli_results,  # noqa: F401
    cli_serve,  # noqa: F401
    cli_store,  # noqa: F401
)

if __name__ == "__main__":  # pragma: no cover
    main()
