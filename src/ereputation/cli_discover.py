"""`ereputation discover` and `ereputation sites check` (issue 10): registered on `main`.

A thin shell: `discovery.catalogue` reads the sites, `discovery.run` probes them, the formats in
`formats/discovery_*` lay the result out. Heavy modules are imported inside the commands.
"""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from ereputation.cli import (
    EXIT_BAD_INPUT,
    UserError,
    _choose_format,
    _emit,
    _format_option,
    _language_option,
    _say,
    cli_language,
    echo_stdout,
    main,
    reports_input_errors,
)
from ereputation.discovery import DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT, MAX_CONCURRENCY

if TYPE_CHECKING:
    from collections.abc import Callable

    from ereputation.checks import Visit
    from ereputation.discovery.catalogue import Catalogue
    from ereputation.discovery.deep import DeepResult
    from ereputation.discovery.results import DiscoveryResult, ProbeResult
    from ereputation.i18n import Language

DISCOVER_FORMATS = ("text", "md", "html", "json")
EXIT_SOME_UNUSABLE = 1


@main.command(short_help="Look for accounts under usernames across a catalogue of sites.")
@click.argument("usernames", nargs=-1, required=True, metavar="USERNAME...")
@click.option(
    "--sites",
    "sites_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A site catalogue in WhatsMyName's JSON format. Default: the bundled one.",
)
@click.option(
    "-o",
    "--output",
    type=str,
    default=None,
    help="Write the result here ('-' for standard output). Default: text on the terminal.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(DISCOVER_FORMATS),
    default=None,
    help="Result format. Default: from -o's suffix (.txt, .md, .html, .json), else text.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1, max=120),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds each request may take, all included (DNS, connection, answer).",
)
@click.option(
    "--concurrency",
    type=click.IntRange(1, MAX_CONCURRENCY),
    default=DEFAULT_CONCURRENCY,
    show_default=True,
    help="Sites asked at the same time (never two requests at once to one host).",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Also ask sites at private, loopback or reserved addresses (local tests).",
)
@click.option("--offline", is_flag=True, help="Send nothing: every site is reported unknown.")
@click.option(
    "--deep",
    is_flag=True,
    help="Also visit each account found, as a logged-out recruiter: status, title, photo, "
    "personal data and risky content on the page.",
)
@click.option(
    "--name",
    "person_name",
    metavar='"FIRST LAST"',
    default=None,
    help="With --deep: the person's name, to say whether each page names them. Without it, "
    "that check is left out.",
)
@click.option(
    "--show-pii",
    is_flag=True,
    help="With --deep: show personal data found exposed in full instead of masked (for the "
    "person only).",
)
@click.option(
    "--no-model",
    is_flag=True,
    help="With --deep: read risky content with the word rules alone, without the trained "
    "model's second opinion.",
)
@_language_option("Language of the result and messages. Default: from the locale.")
@reports_input_errors
def discover(
    usernames: tuple[str, ...],
    sites_path: Path | None,
    output: str | None,
    output_format: str | None,
    timeout: float,
    concurrency: int,
    allow_private: bool,
    offline: bool,
    deep: bool,
    person_name: str | None,
    show_pii: bool,
    no_model: bool,
    language: Language | None,
) -> None:
    """Ask every site of the catalogue whether an account exists under each USERNAME, as a
    logged-out visitor would, with the profile visits' policy: public addresses only, one
    deadline per request, a size cap, TLS verified, an honest User-Agent, one request at a time
    per host. Only the usernames given are probed, never guessed ones.

    Each probe ends found, not_found or unknown with a reason. A site that seems to know a
    username is asked again with a random name that cannot exist: when that looks found too,
    the site answers the same for anyone and its results are unknown (ambiguous); when the
    control cannot be judged, nothing is claimed found. A handle given as @name is probed as
    name.

    With --deep, each account found is then visited like a declared profile in `audit --deep`:
    its status, title, whether it names the person (with --name), photo, personal data
    (masked unless --show-pii) and risky content. With --offline nothing is visited.

    Exit status 0 whatever was found; 2 on bad input; 130 on Ctrl-C. See docs/discovery.md."""
    from ereputation.discovery.catalogue import bundled_sites, load_catalogue
    from ereputation.discovery.probe import probe_options
    from ereputation.discovery.run import DiscoverOptions, checked_usernames
    from ereputation.discovery.run import discover as run_discovery

    lang = cli_language(language)
    chosen = _choose_format(output, output_format, lang)
    if chosen not in DISCOVER_FORMATS:
        names = ", ".join(DISCOVER_FORMATS)
        raise UserError(_say(lang, "discover_bad_format", format=chosen, names=names), lang)
    names_checked = checked_usernames(usernames)  # bad input: exit 2 before any request
    for spaced in (n for n in names_checked if any(c.isspace() for c in n)):
        # Probed as given (never guessed), but most likely a full name typed for a username.
        click.echo(_say(lang, "discover_spaced_name", username=spaced), err=True)
    name = _checked_name(person_name, deep=deep, show_pii=show_pii, lang=lang)
    catalogue = load_catalogue(sites_path) if sites_path else bundled_sites()
    _warn_unusable(catalogue, lang)
    if not catalogue.sites:
        raise UserError(_say(lang, "discover_no_sites", source=catalogue.source), lang)
    options = DiscoverOptions(
        fetch=probe_options(timeout, allow_private=allow_private, offline=offline),
        concurrency=concurrency,
    )
    with _Progress(len(catalogue.sites) * len(names_checked), lang, sys.stderr) as progress:
        result = run_discovery(names_checked, catalogue.sites, options, progress)
    visited = None
    if deep:
        from ereputation.discovery.deep import DeepOptions, visit_accounts

        if offline:
            click.echo(_say(lang, "discover_deep_offline"), err=True)
        deep_options = DeepOptions(
            language=lang,
            name=name,
            show_pii=show_pii,
            offline=offline,
            timeout=timeout,
            allow_private=allow_private,
            concurrency=concurrency,
            meaning_model=not no_model,
        )
        found = result.found
        visited = visit_accounts(found, deep_options, _visit_progress(found, lang, sys.stderr))
    rendered = render(result, chosen, lang, visited)
    _emit(rendered.encode("utf-8"), output, lang)
    if output not in (None, "-"):
        click.echo(_say(lang, "report_written", path=output), err=True)


def render(
    result: DiscoveryResult, output_format: str, lang: Language, deep: DeepResult | None = None
) -> str:
    """The run in `output_format`, followed by what `--deep` saw on each account (`deep`)."""
    if output_format == "json":
        from ereputation.formats.discovery_view import discovery_data

        data = discovery_data(result)
        if deep is not None:
            from ereputation.formats.discovery_deep import deep_data

            data.update(deep_data(deep))
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if output_format == "html":
        from ereputation.formats.discovery_html import discovery_html

        return discovery_html(result, lang, deep)
    from ereputation.formats.discovery_text import (
        deep_markdown,
        deep_text_lines,
        discovery_markdown,
        discovery_text_lines,
    )

    if output_format == "md":
        text = discovery_markdown(result, lang, level=1)
        return text + ("\n" + deep_markdown(deep, lang, level=2) if deep is not None else "")
    lines = discovery_text_lines(result, lang)
    if deep is not None:
        lines += ["", *deep_text_lines(deep, lang)]
    return "\n".join(lines) + "\n"


NAME_LIMIT = 200


def _checked_name(name: str | None, *, deep: bool, show_pii: bool, lang: Language) -> str | None:
    """`--name` as the recruiter view reads it; `--name` and `--show-pii` only mean something
    with `--deep`, and a name with control characters or nothing in it is refused (exit 2)."""
    from ereputation.textsafe import has_invisible

    if (name is not None or show_pii) and not deep:
        raise UserError(_say(lang, "discover_needs_deep"), lang)
    if name is None:
        return None
    if not name.strip() or has_invisible(name) or len(name) > NAME_LIMIT:
        raise UserError(_say(lang, "discover_bad_name", limit=NAME_LIMIT), lang)
    return name.strip()


def _visit_progress(
    found: tuple[ProbeResult, ...], lang: Language, stream: TextIO
) -> Callable[[int, Visit], None] | None:
    """On a terminal, one line per account visited by `--deep`, as each visit ends."""
    if not stream.isatty():
        return None
    from ereputation.messages import messages
    from ereputation.textsafe import one_line

    words = messages(lang)
    done = [0]
    lock = threading.Lock()

    def said(index: int, visit: Visit) -> None:
        with lock:
            done[0] += 1
            line = _say(
                lang,
                "discover_visited_line",
                done=done[0],
                total=len(found),
                site=one_line(found[index].site, 60),
                status=words[f"profile_status_{visit.status}"],
            )
            stream.write(line + "\n")
            stream.flush()

    return said


def _warn_unusable(catalogue: Catalogue, lang: Language) -> None:
    if catalogue.problems:
        count = len(catalogue.problems)
        click.echo(_say(lang, "discover_unusable", count=count, source=catalogue.source), err=True)


class _Progress:
    """On a terminal, one line per account found as it is found, and a count at the end.

    Used as a context manager, it also repeats the count while the run lasts (every `every`
    seconds when it changed, every four times that when it did not): 20 usernames on sites that
    answer in a second take 20 s, and a long wait should never be a silent one. `wait` is how
    the heartbeat sleeps (`Event.wait`: true once the run is over); tests pass their own clock.
    """

    def __init__(
        self,
        total: int,
        lang: Language,
        stream: TextIO,
        every: float = 3.0,
        wait: Callable[[threading.Event, float], bool] = threading.Event.wait,
    ) -> None:
        self._total = total
        self._done = 0
        self._lang = lang
        self._stream = stream
        self._shown = stream.isatty()
        self._every = every
        self._wait = wait
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._beat: threading.Thread | None = None

    def __enter__(self) -> _Progress:
        if self._shown:
            self._beat = threading.Thread(target=self._heartbeat, daemon=True)
            self._beat.start()
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        self._stop.set()
        if self._beat is not None:
            self._beat.join()
        if kind is None:
            self.close()

    def _heartbeat(self) -> None:
        shown, quiet = -1, 0.0
        while not self._wait(self._stop, self._every):
            quiet += self._every
            if self._done != shown or quiet >= 4 * self._every:
                shown, quiet = self._done, 0.0
                self._write(_say(self._lang, "discover_done", done=shown, total=self._total))

    def _write(self, line: str) -> None:
        with self._lock:
            self._stream.write(line + "\n")
            self._stream.flush()

    def __call__(self, result: ProbeResult) -> None:
        from ereputation.textsafe import one_line

        self._done += 1
        if self._shown and result.status == "found":
            line = _say(
                self._lang,
                "discover_found_line",
                site=one_line(result.site, 60),
                username=one_line(result.username, 60),
            )
            self._write(line)

    def close(self) -> None:
        if self._shown:
            self._write(_say(self._lang, "discover_done", done=self._done, total=self._total))


@main.group(short_help="Check a site catalogue (WhatsMyName's format) before using it.")
def sites() -> None:
    """Site catalogues for `discover`: WhatsMyName's JSON format (docs/discovery.md)."""


@sites.command("check", short_help="Say which entries of a site catalogue cannot be used, and why.")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_format_option()
@_language_option("Language of the messages. Default: from the locale.")
@reports_input_errors
def sites_check(file: Path, output_format: str, language: Language | None) -> None:
    """Validate FILE as `discover --sites FILE` would read it: every unusable entry with its
    index, name and key, and what is ignored in usable ones (a User-Agent header: the tool
    keeps its own). Entries marked `valid: false` are skipped, as WhatsMyName intends.

    Exit status 0 when every entry is usable, 1 when some are not (the others still work),
    2 when the file cannot be used at all (unreadable, too big, not JSON, no "sites" list)."""
    from ereputation.discovery.catalogue import load_catalogue

    lang = cli_language(language)
    catalogue = load_catalogue(file)
    if output_format == "json":
        echo_stdout(json.dumps(check_data(catalogue, lang), ensure_ascii=False, indent=2), lang)
    else:
        echo_stdout("\n".join(check_lines(catalogue, lang)), lang)
    if catalogue.problems:
        sys.exit(EXIT_SOME_UNUSABLE)


def check_lines(catalogue: Catalogue, lang: Language) -> list[str]:
    lines = [
        _say(
            lang,
            "sites_check_summary",
            source=catalogue.source,
            entries=catalogue.entries,
            usable=len(catalogue.sites),
            disabled=catalogue.disabled,
            unusable=len(catalogue.problems),
        )
    ]
    if catalogue.problems:
        lines.append(_say(lang, "sites_check_unusable", count=len(catalogue.problems)))
        lines += [f"  {p.show(lang)}" for p in catalogue.problems]
    if catalogue.notes:
        lines.append(_say(lang, "sites_check_notes", count=len(catalogue.notes)))
        lines += [f"  {p.show(lang)}" for p in catalogue.notes]
    return lines


def check_data(catalogue: Catalogue, lang: Language) -> dict[str, Any]:
    def problem(p: Any) -> dict[str, Any]:
        return {"where": p.where, "code": p.code, "message": p.text(lang)}

    return {
        "file": catalogue.source,
        "entries": catalogue.entries,
        "usable": len(catalogue.sites),
        "disabled": catalogue.disabled,
        "unusable": [problem(p) for p in catalogue.problems],
        "notes": [problem(p) for p in catalogue.notes],
    }


__all__ = ["EXIT_BAD_INPUT", "discover", "sites"]
