"""The schema revision this version of ereputation writes, apart from `schema` so that a reader
can check it without importing SQLAlchemy (`quick`)."""

from __future__ import annotations

HEAD_REVISION = "0002"
