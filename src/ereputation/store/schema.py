"""The history tables, in SQLAlchemy Core (no ORM): cases, their audits, the report files written.

These definitions describe the schema at the head revision; `migrations/versions/` builds it step
by step, and a test checks that both agree. `HEAD_REVISION` lets `open_store` see that a database
is up to date without loading Alembic at all (it is only imported when there is work to do).
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from ereputation.store.revision import HEAD_REVISION as HEAD_REVISION

metadata = MetaData()

cases = Table(
    "cases",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("display_name", Text, nullable=False),
    Column("counsellor", Text, nullable=True),
    Column("consent_date", Date, nullable=True),
    Column("consent_scope", String(40), nullable=True),
    Column("retention_months", Integer, nullable=True),
    # The day from which the case's data must be gone: the last audit plus retention_months.
    Column("erase_after", Date, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

audits = Table(
    "audits",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "case_key",
        String(200),
        ForeignKey("cases.key", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("generated_at", String(40), nullable=True),
    Column("tool_version", String(40), nullable=True),
    Column("schema_version", String(20), nullable=True),
    Column("language", String(8), nullable=True),
    Column("visibility", Integer, nullable=True),
    Column("risk", Integer, nullable=True),
    Column("verdict_id", String(80), nullable=True),
    Column("config_path", Text, nullable=True),
    # History of a case, newest first, without touching the other cases' rows.
    Index("ix_audits_case_id", "case_key", "id"),
)

# The heavy part of an audit (tens of kB), apart: listing 10,000 audits reads small rows only.
results = Table(
    "results",
    metadata,
    Column(
        "audit_id",
        Integer,
        ForeignKey("audits.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    # The JSON result exactly as the caller wrote it (personal data already masked).
    Column("result_json", Text, nullable=False),
    Column("config_text", Text, nullable=False),
)

reports = Table(
    "reports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "audit_id",
        Integer,
        ForeignKey("audits.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("path", Text, nullable=False),
    Column("format", String(20), nullable=False),
    Index("ix_reports_audit_id", "audit_id"),
)

# Revision 0002: `purge --expired` finds the cases past their erasure day without a full scan.
Index("ix_cases_erase_after", cases.c.erase_after)
