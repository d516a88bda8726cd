"""Index on cases.erase_after, for `purge --expired`.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_cases_erase_after", "cases", ["erase_after"])


def downgrade() -> None:
    op.drop_index("ix_cases_erase_after", table_name="cases")
