"""Commands on the audit history: `history`, `purge`, `export`. Thin shells over `store`.

The database layer is imported inside each command, so `ereputation --help` and an audit that
records nothing never load SQLAlchemy. Every failure to reach the database is one clear message
and exit status 2. The lines these commands print exist in French and English (`store_*` in
report_templates/cli.toml).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ereputation.cli import _say, cli_language, echo_stdout, main, reports_input_errors
from ereputation.recording import db_option as _db_option

if TYPE_CHECKING:
    from ereputation.i18n import Language
    from ereputation.store import AuditRow, PurgeReport, Store

F = TypeVar("F", bound=Callable[..., Any])
# `history --format json`, described by schemas/history.schema.json (`ereputation schema history`).
HISTORY_SCHEMA_VERSION = "1.0"


def _lang_option(func: F) -> F:
    return click.option(
        "--lang",
        "language",
        type=click.Choice(["fr", "en"]),
        default=None,
        help="Language of the messages. Default: the locale.",
    )(func)


def _open(db: str | None) -> Store:
    from ereputation.store import open_store

    return open_store(db)


@lru_cache(maxsize=4096)  # a listing repeats the same keys and verdicts thousands of times
def _shown(value: object) -> str:
    """A value the database holds, safe to print on one line."""
    from ereputation.textsafe import one_line  # 20 ms to build: not for `--help`

    return one_line(value, 120)


@main.command(short_help="List the recorded audits, of one case or of all.")
@click.argument("case", required=False)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for reading, json for tools.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1, max=2**62),
    default=None,
    help="Only the N newest audits.",
)
@_db_option
@_lang_option
@reports_input_errors
def history(
    case: str | None,
    output_format: str,
    limit: int | None,
    db: str | None,
    language: Language | None,
) -> None:
    """List the audits recorded in the history, newest first: those of CASE (its
    `client_reference`, else the person's name), or of every case."""
    from ereputation.store.quick import quickly

    lang = cli_language(language)
    # Without SQLAlchemy when the database is ready (store/quick.py): the 0.3 s target.
    rows = quickly(db, lambda reader: reader.history(case, limit))
    if rows is None:
        with _open(db) as store:
            rows = store.history(case, limit)
    if output_format == "json":
        echo_stdout(_history_json(case, rows), lang)
        return
    if not rows:
        word = "store_no_audit_of" if case is not None else "store_no_audit"
        echo_stdout(_say(lang, word, key=_shown(case)), lang)
        return
    echo_stdout(
        _table(_say(lang, "store_columns").split("|"), [_audit_cells(r) for r in rows]), lang
    )


def _history_json(case: str | None, rows: Sequence[AuditRow]) -> str:
    """`json.dumps(..., indent=2)` of the listing, byte for byte, in a third of the time.

    With `indent`, the json module encodes in Python (60 ms for 10,000 audits); each audit is
    flat, so the C encoder writes it with the indented separators instead (a test compares)."""
    head = {"schema_version": HISTORY_SCHEMA_VERSION, "kind": "history", "case": case}
    text = json.dumps({**head, "audits": []}, ensure_ascii=False, indent=2)
    if not rows:
        return text
    # Strings come out escaped, so no separator can occur inside a value.
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",\n      ", ": ")).encode
    audits = ",\n".join(f"    {{\n      {encode(_audit_json(r))[1:-1]}\n    }}" for r in rows)
    opening = text[: -len("[]\n}")]  # "audits" is the last key: its empty list ends the text
    return f"{opening}[\n{audits}\n  ]\n}}"


def _audit_json(row: AuditRow) -> dict[str, object]:
    return {
        "id": row.id,
        "case": row.case_key,
        "recorded_at": row.recorded_at.isoformat(),
        "generated_at": row.generated_at,
        "visibility": row.visibility,
        "risk": row.risk,
        "verdict": row.verdict_id,
        "language": row.language,
        "tool_version": row.tool_version,
        "schema_version": row.schema_version,
        "config_path": row.config_path,
    }


def _audit_cells(row: AuditRow) -> list[str]:
    def score(value: int | None) -> str:
        return "-" if value is None else str(value)

    recorded = row.recorded_at.isoformat(sep=" ", timespec="minutes")[:16] + " UTC"
    verdict = _shown(row.verdict_id or "-")
    return [
        str(row.id),
        recorded,
        _shown(row.case_key),
        score(row.visibility),
        score(row.risk),
        verdict,
    ]


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
        for line in [header, *rows]
    ]
    return "\n".join(line.rstrip() for line in lines)


@main.command(short_help="Erase a case's history and report files, or every expired case.")
@click.argument("case", required=False)
@click.option(
    "--expired",
    is_flag=True,
    help="Erase every case past its erasure day (its last audit plus [audit] retention_months).",
)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@_db_option
@_lang_option
@reports_input_errors
def purge(
    case: str | None, expired: bool, yes: bool, db: str | None, language: Language | None
) -> None:
    """Erase CASE (or with --expired, every case past its erasure day): its recorded audits, its
    configs and the report files recorded for it; then compact the database so nothing of it stays
    readable in the file. Lists what it erased. Asks first, unless --yes."""
    from ereputation.store import StoreError

    lang = cli_language(language)
    if (case is None) == (not expired):
        raise click.UsageError(_say(lang, "store_target"))
    with _open(db) as store:
        today = dt.date.today()
        if expired:
            targets = [
                c for c in store.cases() if c.erase_after is not None and c.erase_after <= today
            ]
        else:
            found = store.case(case or "")
            if found is None:
                raise StoreError(f"no case {_shown(case)!r} in the history of {store.shown_url}")
            targets = [found]
        if not targets:
            echo_stdout(_say(lang, "store_none_expired"), lang)
            return
        for target in targets:
            files = len({f.path for f in store.report_files(target.key)})
            line = _say(
                lang,
                "store_plan",
                key=_shown(target.key),
                name=_shown(target.display_name),
                audits=target.audit_count,
                files=files,
            )
            click.echo(line, err=True)
        if not yes and not click.confirm(_say(lang, "store_confirm"), default=False, err=True):
            click.echo(_say(lang, "store_cancelled"), err=True)
            return
        reports = store.purge_expired(today) if expired else [store.purge(targets[0].key)]
    echo_stdout("\n".join(_erased(report, lang) for report in reports), lang)


def _erased(report: PurgeReport, lang: Language) -> str:
    name, key = _shown(report.display_name), _shown(report.case_key)
    lines = [_say(lang, "store_erased", key=key, name=name, audits=report.audits_deleted)]
    lines += [_say(lang, "store_file_deleted", path=_shown(p)) for p in report.files_deleted]
    lines += [_say(lang, "store_file_missing", path=_shown(p)) for p in report.files_missing]
    lines += [_say(lang, "store_file_kept", path=_shown(p)) for p in report.files_kept]
    if not report.scrubbed:
        lines.append(_say(lang, "store_not_scrubbed"))
    return "\n".join(lines)


@main.command(short_help="Gather everything held about a case in one zip file.")
@click.argument("case")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The zip file to write (replaced if it exists; readable by its owner only).",
)
@_db_option
@_lang_option
@reports_input_errors
def export(case: str, output: Path, db: str | None, language: Language | None) -> None:
    """Write every recorded audit of CASE (JSON results and configs), its case details and the
    report files still on disk into one zip, for a client who asks to see what is held on them."""
    lang = cli_language(language)
    with _open(db) as store:
        store.export(case, output)
        audits = len(store.history(case))
        files = sum(1 for f in store.report_files(case) if f.path.is_file())
    echo_stdout(_say(lang, "store_exported", path=_shown(output), audits=audits, files=files), lang)
