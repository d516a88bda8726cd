"""The one place that wires an audit to the history: read the case's previous audit back before
the report is rendered ("since your last audit"), and record the new one after it is written.

What is recorded is the JSON result as written, with personal data masked even when the report
itself shows it (`--show-pii`): the clear values are for the person, never for the database.
The database layer (SQLAlchemy) is imported only when a function here opens the history.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ereputation.errors import InputError

if TYPE_CHECKING:
    from ereputation.config import Profile
    from ereputation.i18n import Language
    from ereputation.model import AuditResult
    from ereputation.store import StoreError

logger = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    """`--db URL`, as every command that reads or writes the history takes it."""
    return click.option(
        "--db",
        metavar="URL",
        default=None,
        help="The history database: an SQLite file path or a postgresql+psycopg:// URL. "
        "Default: $EREPUTATION_DB, else history.sqlite3 in the user data directory.",
    )(func)


def record_options(func: F) -> F:
    """`--no-record` and `--db URL`, as every command that audits takes them."""
    func = db_option(func)
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
    from ereputation.model import from_json
    from ereputation.store import open_store
    from ereputation.store.engine import UnreadableResult

    key = case_key_of(profile)
    with open_store(db) as store:
        rows = store.history(key, limit=1)
        if not rows:
            return None
        try:
            data = store.result(rows[0].id)
        except UnreadableResult:
            data = None  # a damaged row must not block every later audit of the case
    try:
        if data is None:
            raise InputError("unreadable")
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
    from ereputation.store import StoreError, open_store

    config_text = profile.source or ""
    if profile.source is None and profile.path is not None:
        try:
            config_text = profile.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:  # moved or edited during the audit
            logger.debug("reading %s again failed", profile.path, exc_info=True)
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise StoreError(f"{profile.path} cannot be read again ({reason})") from None
    context = profile.audit
    erase_after = context.erase_after(_today(result))  # the date the report shows, to the day
    with open_store(db) as store:
        return store.record(
            masked_json(result, _regions(profile)),
            case_key=case_key_of(profile),
            case_name=profile.person.name,
            config_text=config_text,
            config_path=profile.path.resolve() if profile.path is not None else None,
            reports=reports,
            counsellor=context.counsellor,
            consent_date=context.consent_date,
            consent_scope=context.scope,
            retention_months=context.retention if erase_after is not None else None,
            erase_after=erase_after,
        )


class HistoryNotRecorded(InputError):
    """The report exists but the audit is not in the history: exit status 2, saying both."""


_NOT_RECORDED = {
    "fr": "Le rapport est bien écrit ({report}), mais cet audit n'est pas enregistré dans "
    "l'historique : {reason}. Vérifiez --db ou EREPUTATION_DB, ou passez --no-record.",
    "en": "The report is written ({report}), but this audit is not recorded in the history: "
    "{reason}. Check --db or EREPUTATION_DB, or pass --no-record.",
}
_STANDARD_OUTPUT = {"fr": "sortie standard", "en": "standard output"}


class AuditHistory:
    """What one `audit` does with the history, in order: `since_last` before the report is
    rendered, `record` once it is written.

    A database that cannot be reached never costs the report: the failure is kept, the report is
    rendered (without "since your last audit") and written, and only then `record` raises
    `HistoryNotRecorded` (exit status 2) saying that the report exists and the history does not.
    With `enabled=False` (`--no-record`) the history is neither read nor written.
    """

    def __init__(self, profile: Profile, *, db: str | None, enabled: bool) -> None:
        self.profile = profile
        self.db = db
        self.enabled = enabled
        self.failure: StoreError | None = None

    def since_last(self, result: AuditResult) -> AuditResult:
        if not self.enabled:
            return result
        from ereputation.store import StoreError

        try:
            previous = previous_result(self.profile, db=self.db)
        except StoreError as exc:
            logger.debug("the history cannot be read", exc_info=True)
            self.failure = exc
            return result
        return with_since_last(result, previous)

    def record(
        self, result: AuditResult, reports: Sequence[tuple[Path, str]], language: Language
    ) -> int | None:
        """Record the audit; its history id, or None when recording is off."""
        if not self.enabled:
            return None
        from ereputation.store import StoreError

        if self.failure is None:
            try:
                return record_audit(result, self.profile, reports=reports, db=self.db)
            except StoreError as exc:
                logger.debug("the audit cannot be recorded", exc_info=True)
                self.failure = exc
        from ereputation.i18n import typeset

        report = ", ".join(str(path) for path, _ in reports) or _STANDARD_OUTPUT[language]
        reason = str(self.failure).rstrip(".")
        text = typeset(_NOT_RECORDED[language], language)
        raise HistoryNotRecorded(text.format(report=report, reason=reason))


# The parts of a result that quote what a page showed: every text in them goes through the
# masking that a report without --show-pii applies ("search": a search service's titles and
# snippets). The keys below are identities and codes the tool or the config chose (never a
# page's text); masking them could break `compare`.
_QUOTING = ("profiles", "findings", "actions", "verdict", "where", "search")
_NOT_QUOTED = frozenset(
    {
        "id",
        "check",
        "subject",
        "profile_key",
        "kind",
        "severity",
        "status",
        "network",
        "network_name",
        "reason_code",
        "item_id",
        "category",
        "content_type",
        "url",
        "profile_url",
        "endpoint",
    }
)


def masked_json(result: AuditResult, regions: tuple[str, ...] = ()) -> dict[str, Any]:
    """The JSON form of `result` as an audit without `--show-pii` writes it.

    A result made with `--show-pii` is masked again here with the audit's own maskers: each
    personal value the profiles exposed (`ProfileResult.pii`, clear under `--show-pii`) is
    replaced by its masked form wherever it is quoted (finding titles, evidence, actions), then
    every text quoting a page goes through `detect.pii.mask_pii`, as without `--show-pii`. The
    clear values never reach the database, and the masked JSON equals the one an audit without
    `--show-pii` gives (a test pins both).
    """
    from ereputation.model import to_json

    data = to_json(result)
    if result.pii_masked:
        return data
    from ereputation.detect.pii import mask_pii

    clear = _exposed_values(result)
    ordered = sorted(clear, key=len, reverse=True)  # "06 12 34 56 78" before "06 12"

    def mask(text: str) -> str:
        for value in ordered:
            text = text.replace(value, clear[value])
        return mask_pii(text, regions=regions)  # the person's phone regions, as the audit used

    for part in _QUOTING:
        data[part] = _masked(data[part], mask)
    for hit in (data["search"] or {}).get("hits", ()):
        hit["url"] = mask(hit["url"])  # a search service's address, never the config's
    data["pii_masked"] = True
    return data


def _exposed_values(result: AuditResult) -> dict[str, str]:
    """Each clear personal value of a `--show-pii` result -> its masked form."""
    from ereputation.detect import masking

    maskers: dict[str, Callable[[str], str]] = {
        "email": masking.mask_email,
        "phone": masking.mask_phone,
        "address": masking.mask_address,
        "birthdate": masking.mask_birthdate,
    }
    out: dict[str, str] = {}
    for profile in result.profiles:
        for exposure in profile.pii:
            value = exposure.value_masked  # the clear value under --show-pii, despite the name
            masker = maskers.get(exposure.kind)
            if value and masker is not None:
                out[value] = masker(value)
            elif value:
                out[value] = masking.BULLET * 3  # a kind without a masker: nothing of it kept
    return out


def _masked(value: Any, mask: Callable[[str], str], key: str = "") -> Any:
    if isinstance(value, str):
        return value if key in _NOT_QUOTED else mask(value)
    if isinstance(value, Mapping):
        return {k: _masked(v, mask, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_masked(v, mask, key) for v in value]
    return value


def _today(result: AuditResult) -> dt.date:
    """The audit's local calendar day, the one `audit.run` dated the erasure from."""
    return dt.datetime.fromisoformat(result.generated_at).astimezone().date()


def _regions(profile: Profile) -> tuple[str, ...]:
    from ereputation.detect.regions import phone_regions

    person = profile.person
    return phone_regions(person.country, location=person.location, language=person.language)
