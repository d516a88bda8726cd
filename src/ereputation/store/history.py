"""The history of audits: record one, list cases and audits, read a result back, erase a case.

A thin layer over SQLAlchemy Core; every method runs in its own short transaction and turns a
database failure into a `StoreError` (exit status 2).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ereputation.store import schema
from ereputation.store.engine import StoreError, UnreadableResult, reported
from ereputation.store.rows import AuditRow, CaseRow, PurgeReport, ReportFile, utc
from ereputation.textsafe import one_line

logger = logging.getLogger(__name__)

MAX_KEY_LENGTH = 200

_LIGHT = (
    schema.audits.c.id,
    schema.audits.c.case_key,
    schema.audits.c.recorded_at,
    schema.audits.c.generated_at,
    schema.audits.c.tool_version,
    schema.audits.c.schema_version,
    schema.audits.c.language,
    schema.audits.c.visibility,
    schema.audits.c.risk,
    schema.audits.c.verdict_id,
    schema.audits.c.config_path,
)


class Store:
    """The history database. Open it with `open_store`; close it (or use `with`) when done."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.url = engine.url

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    # -- writing -------------------------------------------------------------------------------

    def record(
        self,
        result_json: Mapping[str, Any],
        *,
        case_key: str,
        case_name: str,
        config_text: str,
        config_path: Path | None = None,
        reports: Sequence[tuple[Path, str]] = (),
        counsellor: str | None = None,
        consent_date: dt.date | None = None,
        consent_scope: str | None = None,
        retention_months: int | None = None,
        erase_after: dt.date | None = None,
        now: dt.datetime | None = None,
    ) -> int:
        """Record one audit of a case (created or updated) and the report files it wrote.

        `result_json` is the result as written, personal data already masked by the caller.
        `erase_after` is the day the case's data must be gone, as the config reckons it
        (`AuditSettings.erase_after`); without it, `retention_months` after this recording.
        Every audit of a case sets it anew. Returns the audit's id.
        """
        key = _case_key(case_key)
        if retention_months is not None and retention_months < 0:
            raise StoreError(f"retention_months must be 0 or more, not {retention_months}")
        when = utc(now or dt.datetime.now(dt.timezone.utc))
        if erase_after is None and retention_months is not None:
            from ereputation.config import add_months  # one reckoning of months, the config's

            erase_after = add_months(when.date(), retention_months)
        case_values = {
            "display_name": case_name,
            "counsellor": counsellor,
            "consent_date": consent_date,
            "consent_scope": consent_scope,
            "retention_months": retention_months,
            "erase_after": erase_after,
            "updated_at": when,
        }
        audit_values = {
            "case_key": key,
            "recorded_at": when,
            **_summary(result_json),
            "config_path": str(config_path) if config_path is not None else None,
        }
        payload = {
            "result_json": json.dumps(result_json, ensure_ascii=False, separators=(",", ":")),
            "config_text": config_text,
        }
        with reported(self.url), self.engine.begin() as conn:
            conn.execute(self._upsert_case(key, when, case_values))
            inserted = conn.execute(schema.audits.insert().values(**audit_values))
            audit_id = int(inserted.inserted_primary_key[0])  # type: ignore[index]
            conn.execute(schema.results.insert().values(audit_id=audit_id, **payload))
            self._insert_reports(conn, audit_id, reports)
        return audit_id

    def _upsert_case(self, key: str, when: dt.datetime, values: dict[str, Any]) -> Any:
        # Here, not at the top: reading never needs the dialects' INSERT ... ON CONFLICT.
        from sqlalchemy.dialects import postgresql, sqlite

        insert = postgresql.insert if self.backend == "postgresql" else sqlite.insert
        statement = insert(schema.cases).values(key=key, created_at=when, **values)
        return statement.on_conflict_do_update(index_elements=["key"], set_=values)

    def _insert_reports(
        self, conn: Connection, audit_id: int, reports: Sequence[tuple[Path, str]]
    ) -> None:
        if reports:
            conn.execute(
                schema.reports.insert(),
                [
                    {"audit_id": audit_id, "path": os.path.abspath(path), "format": fmt}
                    for path, fmt in reports
                ],
            )

    # -- reading -------------------------------------------------------------------------------

    def cases(self) -> list[CaseRow]:
        """Every case, by key, with how many audits it holds and when the last was recorded."""
        return self._cases(None)

    def case(self, case_key: str) -> CaseRow | None:
        found = self._cases(case_key)
        return found[0] if found else None

    def _cases(self, case_key: str | None) -> list[CaseRow]:
        a = schema.audits
        counts = (
            sa.select(
                a.c.case_key,
                sa.func.count(a.c.id).label("audit_count"),
                sa.func.max(a.c.recorded_at).label("last_recorded_at"),
            )
            .group_by(a.c.case_key)
            .subquery()
        )
        query = (
            sa.select(schema.cases, counts.c.audit_count, counts.c.last_recorded_at)
            .outerjoin(counts, counts.c.case_key == schema.cases.c.key)
            .order_by(schema.cases.c.key)
        )
        if case_key is not None:
            query = query.where(schema.cases.c.key == case_key)
        with reported(self.url), self.engine.connect() as conn:
            return [_case_row(row) for row in conn.execute(query)]

    def history(self, case_key: str | None = None, limit: int | None = None) -> list[AuditRow]:
        """Recorded audits, newest first: of one case, or of every case."""
        query = sa.select(*_LIGHT).order_by(schema.audits.c.id.desc())
        if case_key is not None:
            query = query.where(schema.audits.c.case_key == case_key)
        if limit is not None:
            query = query.limit(limit)
        with reported(self.url), self.engine.connect() as conn:
            return [_audit_row(row) for row in conn.execute(query)]

    def last_two(self, case_key: str) -> list[AuditRow]:
        """The case's two latest audits, OLDEST first (`old, new = ...`); fewer if it has fewer."""
        return list(reversed(self.history(case_key, limit=2)))

    def previous(self, case_key: str, before_id: int) -> AuditRow | None:
        """The case's latest audit recorded before audit `before_id`, if any."""
        query = (
            sa.select(*_LIGHT)
            .where(schema.audits.c.case_key == case_key, schema.audits.c.id < before_id)
            .order_by(schema.audits.c.id.desc())
            .limit(1)
        )
        with reported(self.url), self.engine.connect() as conn:
            row = conn.execute(query).first()
        return _audit_row(row) if row is not None else None

    def result(self, audit_id: int) -> dict[str, Any]:
        """The JSON result of an audit, as recorded."""
        text = self._one_audit_value(audit_id, schema.results.c.result_json)
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):  # a row edited by hand, or damaged
            logger.debug("audit %d: unreadable JSON", audit_id, exc_info=True)
            raise UnreadableResult(f"audit {audit_id}: the recorded result is not JSON") from None
        if not isinstance(value, dict):
            raise UnreadableResult(f"audit {audit_id}: the recorded result is not a JSON object")
        return value

    def config_text(self, audit_id: int) -> str:
        return str(self._one_audit_value(audit_id, schema.results.c.config_text))

    def _one_audit_value(self, audit_id: int, column: sa.Column[Any]) -> Any:
        query = sa.select(column).where(schema.results.c.audit_id == audit_id)
        with reported(self.url), self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            raise StoreError(f"no audit {audit_id} in the history of {self.shown_url}")
        return row[0]

    def report_files(self, case_key: str) -> list[ReportFile]:
        r, a = schema.reports, schema.audits
        query = (
            sa.select(r.c.audit_id, r.c.path, r.c.format)
            .join(a, a.c.id == r.c.audit_id)
            .where(a.c.case_key == case_key)
            .order_by(r.c.audit_id, r.c.id)
        )
        with reported(self.url), self.engine.connect() as conn:
            return [
                ReportFile(row.audit_id, Path(row.path), row.format) for row in conn.execute(query)
            ]

    def reports_of_others(self, case_key: str) -> set[Path]:
        """Report paths this case wrote that a later audit of another case wrote again: they
        hold that other client's report now, so they are neither exported nor erased here."""
        with reported(self.url), self.engine.connect() as conn:
            return {Path(p) for p in _taken_by_others(conn, case_key)}

    @property
    def shown_url(self) -> str:
        from ereputation.store.engine import shown

        return shown(self.url)

    # -- erasing -------------------------------------------------------------------------------

    def purge(self, case_key: str) -> PurgeReport:
        """Erase a case: its rows and report files, then every trace in the database."""
        report = self._purge_case(case_key)
        if report is None:
            raise StoreError(
                f"no case {one_line(case_key, 80)!r} in the history of {self.shown_url}"
            )
        if not self._scrub():
            report = dataclasses.replace(report, scrubbed=False)
        return report

    def purge_expired(self, today: dt.date) -> list[PurgeReport]:
        """Erase every case whose erasure day is today or past."""
        query = (
            sa.select(schema.cases.c.key)
            .where(schema.cases.c.erase_after <= today)
            .order_by(schema.cases.c.key)
        )
        with reported(self.url), self.engine.connect() as conn:
            keys = list(conn.execute(query).scalars())
        done = [report for key in keys if (report := self._purge_case(key)) is not None]
        if done and not self._scrub():
            done = [dataclasses.replace(report, scrubbed=False) for report in done]
        return done

    def _purge_case(self, case_key: str) -> PurgeReport | None:
        """Delete the case's rows, then its files, then commit.

        The files go before the commit: a crash in between leaves rows that list files already
        gone, and the next purge finishes the job; the other order could leave report files that
        no row points to any more, so that nothing would ever erase them.
        """
        a, r, c = schema.audits, schema.reports, schema.cases
        ids = sa.select(a.c.id).where(a.c.case_key == case_key).scalar_subquery()
        with reported(self.url), self.engine.begin() as conn:
            # FOR UPDATE (PostgreSQL): an audit of this case recording now waits for the purge.
            name = conn.execute(
                sa.select(c.c.display_name).where(c.c.key == case_key).with_for_update()
            ).scalar()
            if name is None:
                return None
            taken = _taken_by_others(conn, case_key)
            paths = conn.execute(sa.select(r.c.path).where(r.c.audit_id.in_(ids))).scalars()
            every = tuple(dict.fromkeys(paths))
            files = tuple(Path(p) for p in every if p not in taken)
            kept = tuple(Path(p) for p in every if p in taken)
            conn.execute(r.delete().where(r.c.audit_id.in_(ids)))
            conn.execute(schema.results.delete().where(schema.results.c.audit_id.in_(ids)))
            deleted = conn.execute(a.delete().where(a.c.case_key == case_key)).rowcount
            conn.execute(c.delete().where(c.c.key == case_key))
            purged = PurgeReport(case_key, str(name), int(deleted), files, (), kept)
            return _delete_files(purged)

    # How long a purge waits for another program's read transaction to let the log go.
    scrub_wait_seconds = 5.0

    def _scrub(self) -> bool:
        """Leave nothing of erased rows readable in the files the database keeps; False when
        another program still holds old pages (the erasure completes once it closes)."""
        with reported(self.url):
            if self.backend == "sqlite":
                # secure_delete zeroed the freed pages; VACUUM rebuilds the file without them and
                # the checkpoint empties the write-ahead log that still held the old pages. The
                # driver connection runs outside any transaction, as VACUUM requires.
                raw = self.engine.raw_connection()
                try:
                    driver: Any = raw.driver_connection
                    driver.execute("VACUUM")
                    # The checkpoint would otherwise sit out the whole busy timeout (30 s) on a
                    # reader's snapshot before answering busy: this loop does the waiting.
                    driver.execute("PRAGMA busy_timeout = 0")
                    deadline = time.monotonic() + self.scrub_wait_seconds
                    while True:
                        busy = driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
                        if not busy or time.monotonic() >= deadline:
                            break
                        time.sleep(0.1)  # a reader's snapshot pins the old pages: wait for it
                finally:
                    raw.close()
                if busy:
                    logger.warning("another program holds the history open: erasure incomplete")
                return not busy
            with self.engine.connect() as conn:
                auto = conn.execution_options(isolation_level="AUTOCOMMIT")
                # Marks dead tuples reusable; see docs/store.md for what it cannot promise.
                for table in ("reports", "results", "audits", "cases"):
                    auto.exec_driver_sql(f"VACUUM {table}")
        return True

    def export(self, case_key: str, zip_path: Path) -> Path:
        """Everything held about a case in one zip (written atomically, owner-only)."""
        from ereputation.store.export import write_export

        return write_export(self, case_key, zip_path)


def _delete_files(report: PurgeReport) -> PurgeReport:
    deleted: list[Path] = []
    missing: list[Path] = []
    for path in report.files_deleted:
        try:
            if path.is_dir() and not path.is_symlink():
                missing.append(path)  # never a folder: only the files the audit wrote
                continue
            path.unlink()
            deleted.append(path)
        except FileNotFoundError:
            missing.append(path)
        except OSError:
            logger.warning("could not delete the report file %s", path, exc_info=True)
            missing.append(path)
    return PurgeReport(
        report.case_key,
        report.display_name,
        report.audits_deleted,
        tuple(deleted),
        tuple(missing),
        report.files_kept,
    )


def _taken_by_others(conn: Connection, case_key: str) -> set[str]:
    """Paths of this case's reports whose newest recording belongs to another case."""
    r, a = schema.reports, schema.audits
    newest = (
        sa.select(r.c.path, sa.func.max(r.c.audit_id).label("last")).group_by(r.c.path).subquery()
    )
    ours = sa.select(r.c.path).join(a, a.c.id == r.c.audit_id).where(a.c.case_key == case_key)
    query = (
        sa.select(newest.c.path)
        .join(a, a.c.id == newest.c.last)
        .where(a.c.case_key != case_key, newest.c.path.in_(ours))
    )
    return set(conn.execute(query).scalars())


def _case_key(value: str) -> str:
    key = value.strip()
    if not key:
        raise StoreError("the case key is empty: set [audit] client_reference or person.name")
    if len(key) > MAX_KEY_LENGTH:
        raise StoreError(f"the case key is longer than {MAX_KEY_LENGTH} characters")
    return key


def _summary(result: Mapping[str, Any]) -> dict[str, Any]:
    """The figures a list shows, read leniently from the JSON result (absent means None)."""

    def part(name: str) -> Mapping[str, Any]:
        value = result.get(name)
        return value if isinstance(value, Mapping) else {}

    def text(value: Any, limit: int) -> str | None:
        return one_line(value, limit) if isinstance(value, str) else None

    def score(value: Any) -> int | None:
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    return {
        "generated_at": text(result.get("generated_at"), 40),
        "tool_version": text(part("tool").get("version"), 40),
        "schema_version": text(result.get("schema_version"), 20),
        "language": text(result.get("language"), 8),
        "visibility": score(part("scores").get("visibility")),
        "risk": score(part("scores").get("risk")),
        "verdict_id": text(part("verdict").get("id"), 80),
    }


def _opt_utc(value: dt.datetime | None) -> dt.datetime | None:
    return utc(value) if value is not None else None


def _case_row(row: Any) -> CaseRow:  # a Row of cases' columns and the counts
    return CaseRow(
        key=row.key,
        display_name=row.display_name,
        counsellor=row.counsellor,
        consent_date=row.consent_date,
        consent_scope=row.consent_scope,
        retention_months=row.retention_months,
        erase_after=row.erase_after,
        created_at=utc(row.created_at),
        updated_at=utc(row.updated_at),
        audit_count=int(row.audit_count or 0),
        last_recorded_at=_opt_utc(_as_datetime(row.last_recorded_at)),
    )


def _as_datetime(value: Any) -> dt.datetime | None:
    # max() over a DateTime column comes back as text from SQLite.
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def _audit_row(row: Any) -> AuditRow:
    """A Row of the _LIGHT columns, which follow AuditRow's fields in order (a test pins it);
    by position, since `history()` of 10,000 audits spends its time here."""
    return AuditRow(row[0], row[1], utc(row[2]), *row[3:])
