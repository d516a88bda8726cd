"""Alembic's entry point, run by `ereputation.store.migrate` on a connection it already holds.

There is no alembic.ini: the caller passes the open connection in `config.attributes`, inside a
transaction that already holds the database's write lock, so two processes opening a new database
at once cannot both build it.
"""

from __future__ import annotations

from alembic import context

from ereputation.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things in place: batch mode copies the table when needed.
    render_as_batch=connection.dialect.name == "sqlite",
)
# Already inside the caller's transaction: this adds none of its own.
with context.begin_transaction():
    context.run_migrations()
