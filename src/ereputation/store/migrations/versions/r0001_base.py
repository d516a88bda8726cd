"""Base tables: cases, audits, results, reports.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("display_name", sa.Text, nullable=False),
        sa.Column("counsellor", sa.Text, nullable=True),
        sa.Column("consent_date", sa.Date, nullable=True),
        sa.Column("consent_scope", sa.String(40), nullable=True),
        sa.Column("retention_months", sa.Integer, nullable=True),
        sa.Column("erase_after", sa.Date, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "audits",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "case_key",
            sa.String(200),
            sa.ForeignKey("cases.key", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("generated_at", sa.String(40), nullable=True),
        sa.Column("tool_version", sa.String(40), nullable=True),
        sa.Column("schema_version", sa.String(20), nullable=True),
        sa.Column("language", sa.String(8), nullable=True),
        sa.Column("visibility", sa.Integer, nullable=True),
        sa.Column("risk", sa.Integer, nullable=True),
        sa.Column("verdict_id", sa.String(80), nullable=True),
        sa.Column("config_path", sa.Text, nullable=True),
    )
    op.create_index("ix_audits_case_id", "audits", ["case_key", "id"])
    op.create_table(
        "results",
        sa.Column(
            "audit_id",
            sa.Integer,
            sa.ForeignKey("audits.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("result_json", sa.Text, nullable=False),
        sa.Column("config_text", sa.Text, nullable=False),
    )
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "audit_id",
            sa.Integer,
            sa.ForeignKey("audits.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("format", sa.String(20), nullable=False),
    )
    op.create_index("ix_reports_audit_id", "reports", ["audit_id"])


def downgrade() -> None:
    op.drop_table("reports")
    op.drop_table("results")
    op.drop_table("audits")
    op.drop_table("cases")
