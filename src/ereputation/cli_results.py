"""Commands on saved results: `render` one again, `compare` two. Thin shells over the library.

A result is read from its JSON file (`model.from_json`, every field checked); the output rules
are `audit`'s: the format from `--format` or `-o`'s suffix (a contradiction is refused), written
atomically and readable by its owner only, one clear message and exit status 2 on bad input,
3 when a PDF engine fails.

`compare` takes its audits as references: two result files or history ids (`compare OLD NEW`),
or a single CASE meaning the last two audits recorded for that case (`compare CASE`). The
history is opened only for those two forms.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ereputation.cli import (
    UserError,
    _choose_format,
    _emit,
    _say,
    cli_language,
    main,
    report_output_options,
    reports_input_errors,
)
from ereputation.errors import InputError
from ereputation.recording import db_option

if TYPE_CHECKING:
    from ereputation.i18n import Language
    from ereputation.model import AuditResult
    from ereputation.store.quick import HistoryReader

T = TypeVar("T")
logger = logging.getLogger(__name__)

COMPARE_FORMAT_NAMES = ("text", "md", "html", "json")
MAX_RESULT_BYTES = 64 * 2**20  # 64 MiB: sixty times the largest result benchmarked
_NOT_JSON: dict[type, str] = {UnicodeDecodeError: "not UTF-8", RecursionError: "nested too deep"}


def _words(language: Language, key: str, **params: object) -> str:
    from ereputation.messages import messages

    return messages(language)[key].format(**params)


def load_result(path: Path, language: Language) -> AuditResult:
    """A result file read back; unreadable, not JSON or not a result: one message, exit 2."""
    import json  # here, not at the top: `ereputation --help` stays fast

    from ereputation.model import from_json

    try:
        with path.open("rb") as file:  # a bounded read: a result of 1,000 findings is 1 MiB
            raw = file.read(MAX_RESULT_BYTES + 1)
        if len(raw) > MAX_RESULT_BYTES:
            size = path.stat().st_size // 2**20
            limit = MAX_RESULT_BYTES // 2**20
            message = _words(language, "result_too_large", path=path, size=size, limit=limit)
            raise UserError(message, language)
        data = json.loads(raw)
    except OSError as exc:
        logger.debug("reading %s failed", path, exc_info=True)
        reason = exc.strerror or str(exc)
        message = _words(language, "result_unreadable", path=path, reason=reason)
        raise UserError(message, language) from None
    except (UnicodeDecodeError, RecursionError, json.JSONDecodeError) as exc:
        logger.debug("%s is not JSON", path, exc_info=True)
        line, column = (exc.lineno, exc.colno) if isinstance(exc, json.JSONDecodeError) else (1, 1)
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else _NOT_JSON[type(exc)]
        raise UserError(
            _words(language, "result_not_json", path=path, line=line, column=column, reason=reason),
            language,
        ) from None
    except ValueError:  # a number of thousands of digits: Python refuses to convert it
        logger.debug("%s holds a number too long to read", path, exc_info=True)
        reason = "a number of thousands of digits"
        message = _words(language, "result_not_json", path=path, line=1, column=1, reason=reason)
        raise UserError(message, language) from None
    try:
        return from_json(data)
    except InputError as exc:  # a JSON path inside the file: put the file's name in front
        raise InputError(p.moved(f"{path}: {p.where}") for p in exc.problems) from None


@click.command(short_help="Render a saved JSON result again, in any format.")
@click.argument("result_file", metavar="RESULT.json", type=click.Path(path_type=Path))
@report_output_options
@click.option(
    "--lang",
    "language",
    type=click.Choice(["fr", "en"]),
    default=None,
    help="Must be the result's own language if given: its texts are already written in it.",
)
@reports_input_errors
def render(
    result_file: Path, output: str | None, output_format: str | None, language: Language | None
) -> None:
    """Render the saved result RESULT.json (from `audit --format json`) again.

    The report is in the result's language: its questions, advice and findings were written in
    that language when it was audited, so a different --lang is refused rather than giving a
    report in two languages. Output rules are audit's: the format follows -o's suffix unless
    --format is given, the file is written atomically and readable by its owner only.
    """
    from ereputation.formats import OutputFormat, formatter_for

    lang = cli_language(language)
    fmt = _choose_format(output, output_format, lang)
    if fmt == "pdf" and output in (None, "-"):
        raise UserError(_say(lang, "pdf_needs_file"), lang)
    result = load_result(result_file, lang)
    if language is not None and language != result.language:
        written = _words(language, f"result_in_{result.language}")
        message = _words(
            language, "result_lang_refused", path=result_file, result=written, asked=language
        )
        raise UserError(message, language)
    lang = result.language
    _emit(formatter_for(OutputFormat(fmt)).render_bytes(result), output, lang)
    if output not in (None, "-"):
        click.echo(_say(lang, "report_written", path=output), err=True)


@click.command(short_help="Compare two audits: scores, actions done, findings, profiles.")
@click.argument("audits", nargs=-1, metavar="CASE | OLD NEW")
@click.option(
    "-o",
    "--output",
    type=str,
    default=None,
    help="Write the comparison here ('-' for standard output, the default).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(COMPARE_FORMAT_NAMES),
    default=None,
    help="Comparison format. Default: from -o's suffix (.txt, .json, .md, .html), else text.",
)
@click.option(
    "--lang",
    "language",
    type=click.Choice(["fr", "en"]),
    default=None,
    help="Language of the messages when the files cannot be read; the comparison itself is in "
    "the newer audit's language.",
)
@db_option
@reports_input_errors
def compare(
    audits: Sequence[str],
    output: str | None,
    output_format: str | None,
    language: Language | None,
    db: str | None,
) -> None:
    """Compare two audits: what changed between them.

    With one argument, CASE (its `client_reference`, else the person's name): its last two
    audits recorded in the history. With two, OLD and NEW, the older first: each a JSON result
    file (`audit --format json`) or a history id (`ereputation history`). Shows the change
    of each score (Visibility, Risk and every theme), the actions done since, new actions, new and
    resolved findings, profiles added, removed or whose status changed, and answers changed.
    A finding on a profile the newer audit could not see is listed apart, never as resolved.
    """
    from ereputation.compare import compare as compare_results
    from ereputation.formats import OutputFormat
    from ereputation.formats.compare_view import compare_formatter_for

    lang = cli_language(language)
    fmt = _choose_format(output, output_format, lang)
    if fmt == "pdf":
        raise UserError(_words(lang, "result_pdf_refused"), lang)
    old, new = _audits_of(audits, lang, db)
    comparison = compare_results(old, new)
    lang = comparison.language
    _emit(compare_formatter_for(OutputFormat(fmt)).render_bytes(comparison), output, lang)
    if output not in (None, "-"):
        click.echo(_words(lang, "comparison_written", path=output), err=True)


def _audits_of(
    refs: Sequence[str], language: Language, db: str | None
) -> tuple[AuditResult, AuditResult]:
    """The two audits named on the command line: a CASE's last two, or OLD and NEW."""
    if len(refs) == 1:
        return _last_two(refs[0], language, db)
    if len(refs) != 2:
        raise UserError(_say(language, "compare_refs"), language)
    return _load_audit(refs[0], language, db), _load_audit(refs[1], language, db)


def _load_audit(ref: str, language: Language, db: str | None) -> AuditResult:
    """A result file, or a history id (digits that name no file)."""
    path = Path(ref)
    # ASCII digits within SQL's integer range only: "²" is a digit to Python, not an id.
    if ref.isascii() and ref.isdigit() and len(ref) <= 18 and not path.exists():
        data = _from_history(db, lambda reader: reader.result(int(ref)))
        return _read_back(data, int(ref), language)
    return load_result(path, language)


def _last_two(case: str, language: Language, db: str | None) -> tuple[AuditResult, AuditResult]:
    from ereputation.textsafe import one_line

    def read(reader: HistoryReader) -> tuple[int, list[tuple[dict[str, Any], int]]]:
        rows = reader.last_two(case)
        return len(rows), [(reader.result(row.id), row.id) for row in rows]

    count, data = _from_history(db, read)
    if count < 2:
        key = repr(one_line(case, 80))
        raise UserError(_say(language, "compare_too_few", key=key, count=count), language)
    (old, old_id), (new, new_id) = data
    return _read_back(old, old_id, language), _read_back(new, new_id, language)


def _from_history(db: str | None, read: Callable[[HistoryReader], T]) -> T:
    """`read` on the history: without SQLAlchemy when the database is ready (store/quick.py,
    the 0.3 s target), else through the store, which upgrades it or says what is wrong."""
    from ereputation.store.quick import quickly

    done = quickly(db, read)
    if done is not None:
        return done
    from ereputation.store import open_store

    with open_store(db) as store:
        return read(store)


def _read_back(data: dict[str, Any], audit_id: int, language: Language) -> AuditResult:
    """A recorded result as an `AuditResult`; a bad one names its history id and JSON path."""
    from ereputation.model import from_json

    try:
        return from_json(data)
    except InputError as exc:
        where = _say(language, "compare_history_id", id=audit_id)
        raise InputError(p.moved(f"{where}: {p.where}") for p in exc.problems) from None


# cli.py imports this module once, at its end: the commands join the main group here.
main.add_command(render)
main.add_command(compare)
__all__ = ["compare", "load_result", "render"]
