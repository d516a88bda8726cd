"""A small result and config for store tests, with a person's name, e-mail and a unique marker
that an erasure must leave nowhere."""

from __future__ import annotations

from typing import Any

NAME = "Zéphyrine Quartermaine"
EMAIL = "zephyrine.quartermaine@example.org"
MARKER = "MARKER-7f3c9e1a-erase-me"


def result(visibility: int = 48, risk: int = 60, verdict: str = "clean_up_first") -> dict[str, Any]:
    return {
        "schema_version": "1.2",
        "tool": {"name": "ereputation", "version": "0.1.0"},
        "generated_at": "2026-11-18T10:00:00+00:00",
        "language": "fr",
        "pii_masked": True,
        "subject": {"name": NAME, "target_role": "Data analyst", "keywords": ["SQL"]},
        "audit": {"client_reference": "CASE-1", "note": MARKER},
        "scores": {"visibility": visibility, "risk": risk, "categories": []},
        "verdict": {"id": verdict, "title": "À corriger d'abord", "text": "…", "notes": []},
        "findings": [{"id": "email_exposed", "evidence": "z…@example.org"}],
    }


CONFIG = f"""[person]
name = "{NAME}"
email = "{EMAIL}"
target_role = "Data analyst"

[audit]
client_reference = "CASE-1"
note = "{MARKER}"
"""
