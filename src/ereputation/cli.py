"""The command line: parse options, call the library, map errors to exit codes.

Exit codes: 0 success; 1 `--fail-under` not met; 2 bad input (config, checklist, option, file).
Heavy modules are imported inside commands so that `ereputation --help` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from ereputation import __version__
from ereputation.errors import InputError

if TYPE_CHECKING:
    from ereputation.checklist import Checklist
    from ereputation.checks import Visit
    from ereputation.i18n import Language

F = TypeVar("F", bound=Callable[..., Any])

FORMAT_NAMES = ("text", "json", "md", "html", "pdf")
EXIT_BELOW_THRESHOLD = 1


class UserError(click.ClickException):
    """Bad input: one clear message, exit status 2, no traceback."""

    exit_code = 2


def reports_input_errors(func: F) -> F:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            problems = exc.problems
            if len(problems) == 1:
                raise UserError(str(problems[0])) from None
            lines = "\n".join(f"  {p}" for p in problems)
            raise UserError(f"{len(problems)} problems:\n{lines}") from None

    return cast(F, wrapper)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ereputation")
def main() -> None:
    """Audit a person's online presence before a job search.

    Runs a checklist built from career-coaching advice on a profile config, optionally visits the
    person's public profile URLs as a logged-out recruiter would, and writes a report on
    visibility (how findable and convincing the professional presence is) and risk (what could
    hurt a job search).

    Start with `ereputation init profile.toml`, then `ereputation audit profile.toml -o
    report.html`.
    """


def _language_option(help_text: str) -> Callable[[F], F]:
    return click.option(
        "--lang", "language", type=click.Choice(["fr", "en"]), default=None, help=help_text
    )


def _checklist_option() -> Callable[[F], F]:
    return click.option(
        "--checklist",
        "checklist_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Use this checklist file instead of the default one (or the config's).",
    )


@main.command()
@click.argument("config", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=str,
    default=None,
    help="Write the report here ('-' for standard output). Default: a summary on the terminal.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMAT_NAMES),
    default=None,
    help="Report format (pdf needs Chromium or WeasyPrint). Default: from -o's suffix, else text.",
)
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
@reports_input_errors
def audit(
    config: Path,
    output: str | None,
    output_format: str | None,
    language: Language | None,
    checklist_path: Path | None,
    offline: bool,
    timeout: float,
    allow_private: bool,
    concurrency: int,
    show_pii: bool,
    fail_under: float | None,
) -> None:
    """Audit the profile described by CONFIG and write the report.

    Without -o, prints a short summary. The format follows -o's suffix (.html, .json, .md, .txt)
    unless --format is given. Never prompts.
    """
    from ereputation.audit import AuditOptions, run
    from ereputation.config import load_profile
    from ereputation.formats import OutputFormat, formatter_for

    fmt = _choose_format(output, output_format)
    if fmt == "pdf" and output is None:
        raise UserError("PDF goes to a file: add -o report.pdf (or -o - for standard output)")
    profile = load_profile(config)
    options = AuditOptions(
        language=language,
        checklist_path=checklist_path,
        offline=offline,
        timeout=timeout,
        allow_private=allow_private,
        concurrency=concurrency,
        show_pii=show_pii,
    )
    result = run(profile, options, on_visit=_progress(len(profile.profiles), offline))
    rendered = formatter_for(OutputFormat(fmt)).render_bytes(result)
    _emit(rendered, output)
    if output not in (None, "-"):
        click.echo(f"Report written to {output}", err=True)
    if fail_under is not None:
        score = result.scores.visibility
        if score is None or score < fail_under:
            shown = "not scored" if score is None else str(score)
            click.echo(f"Visibility {shown} is below --fail-under {fail_under:g}", err=True)
            sys.exit(EXIT_BELOW_THRESHOLD)


def _progress(total: int, offline: bool) -> Callable[[int, Visit], None] | None:
    """One line per visited profile on stderr, only for a person watching a terminal."""
    if offline or not total or not sys.stderr.isatty():
        return None
    done = 0

    def show(index: int, visit: Visit) -> None:
        nonlocal done
        done += 1
        click.echo(
            f"[{done}/{total}] {visit.network.name}: {visit.status} ({visit.reason})", err=True
        )

    return show


def _choose_format(output: str | None, output_format: str | None) -> str:
    from ereputation.formats import OutputFormat

    if output_format:
        return output_format
    if output in (None, "-"):
        return "text"
    guessed = OutputFormat.from_suffix(Path(output))
    if guessed is None:
        raise UserError(
            f"cannot tell the format from {output!r}; use --format {{{','.join(FORMAT_NAMES)}}}"
        )
    return guessed.value


def _emit(rendered: bytes, output: str | None) -> None:
    from ereputation.output import write_atomic

    if output in (None, "-"):
        sys.stdout.flush()
        sys.stdout.buffer.write(rendered)
        sys.stdout.buffer.flush()
        return
    path = Path(output)
    try:
        write_atomic(path, rendered)
    except OSError as exc:
        raise UserError(f"{path}: cannot write the report ({exc.strerror or exc})") from None


@main.command()
@click.argument("config", type=click.Path(dir_okay=False, path_type=Path))
@_checklist_option()
@reports_input_errors
def validate(config: Path, checklist_path: Path | None) -> None:
    """Check CONFIG and its answers, reporting every problem at once.

    Exit status 0 when the config is valid, 2 otherwise.
    """
    from ereputation.audit import checklist_path_for, problems_of
    from ereputation.checklist import load_checklist
    from ereputation.config import load_profile

    profile = load_profile(config)
    checklist = load_checklist(checklist_path_for(profile, checklist_path))
    problems = problems_of(profile, checklist)
    if problems:
        raise InputError(problems)
    answered = len(profile.answers)
    click.echo(
        f"{config}: valid ({answered} of {len(checklist.items)} questions answered, "
        f"{len(profile.profiles)} profile(s), checklist {checklist.id} {checklist.version})"
    )


@main.command()
@click.argument(
    "path", type=click.Path(dir_okay=False, path_type=Path), default=Path("profile.toml")
)
@_language_option("Language of the questions and of future reports.")
@_checklist_option()
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@reports_input_errors
def init(path: Path, language: Language | None, checklist_path: Path | None, force: bool) -> None:
    """Interview a person and write their profile config to PATH (default: profile.toml).

    Asks the checklist questions in the chosen language; any question can be skipped. The file is
    created readable by its owner only, and never overwritten without --force.
    """
    import datetime as dt

    from ereputation.checklist import load_checklist
    from ereputation.config import parse_profile
    from ereputation.interview import conduct, to_toml
    from ereputation.messages import messages
    from ereputation.output import write_atomic
    from ereputation.resources import default_checklist_path
    from ereputation.tomlfile import tomllib

    if path.exists() and not force:
        raise UserError(f"{path} already exists; use --force to overwrite it")
    checklist = load_checklist(checklist_path or default_checklist_path())
    if language is None:
        language = cast(
            "Language",
            click.prompt(
                "Langue / language", type=click.Choice(["fr", "en"]), default="fr", err=True
            ),
        )

    def ask(prompt: str, default: str) -> str:
        return str(click.prompt(prompt, default=default, show_default=bool(default), err=True))

    def say(text: str) -> None:
        click.echo(text, err=True)

    interview = conduct(checklist, language, ask, say, dt.date.today())
    ref = str(checklist_path.resolve()) if checklist_path else None
    text = to_toml(interview, checklist, ref)
    problems: list[Any] = []
    if parse_profile(tomllib.loads(text), problems) is None or problems:  # a bug, not bad input
        raise click.ClickException(f"the interview produced an invalid config: {problems}")
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise UserError(f"{path}: cannot write ({exc.strerror or exc})") from None
    m = messages(language)
    click.echo(m["interview_written"].format(path=path))
    click.echo(m["interview_next"].format(path=path))


@main.group()
def checklist() -> None:
    """List and show the checklists that audits can use."""


def _available() -> list[tuple[Path, Checklist]]:
    from ereputation.checklist import load_checklist
    from ereputation.resources import checklists_dir
    from ereputation.tomlfile import load_toml

    found = []
    for path in sorted(checklists_dir().glob("*.toml")):
        if "checklist" in load_toml(path):  # other data files (networks, lexicons) sit beside
            found.append((path, load_checklist(path)))
    return found


@checklist.command("list")
@reports_input_errors
def checklist_list() -> None:
    """List the bundled checklists: id, version, number of items and title."""
    for path, loaded in _available():
        click.echo(
            f"{loaded.id:<24} {loaded.version:<8} {len(loaded.items):>3} items  "
            f"{loaded.title.en}  ({path.name})"
        )


@checklist.command("show")
@click.argument("ref", required=False, default=None)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for reading, json for tools (both languages included).",
)
@_language_option("Language of the text form (default: fr).")
@reports_input_errors
def checklist_show(ref: str | None, output_format: str, language: Language | None) -> None:
    """Show a checklist: REF is a bundled checklist id or a file path (default: the default one)."""
    import json

    from ereputation.checklist import load_checklist
    from ereputation.checklist_view import checklist_json, checklist_text
    from ereputation.resources import default_checklist_path

    if ref is None:
        loaded = load_checklist(default_checklist_path())
    elif Path(ref).is_file():
        loaded = load_checklist(Path(ref))
    else:
        matches = [c for _, c in _available() if c.id == ref]
        if not matches:
            known = ", ".join(c.id for _, c in _available())
            raise UserError(f"no checklist {ref!r}: not a file, nor a bundled id ({known})")
        loaded = matches[0]
    if output_format == "json":
        click.echo(json.dumps(checklist_json(loaded), ensure_ascii=False, indent=2))
    else:
        click.echo(checklist_text(loaded, language or "fr"), nl=False)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the audit result (`audit --format json`)."""
    from ereputation.resources import schema_path

    click.echo(schema_path().read_text(encoding="utf-8"), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
