"""Words for a result's codes (ratings, statuses, severities) in the report's language.

Formats call these to label what AuditResult already holds; nothing here computes a score.
"""

from __future__ import annotations

from collections.abc import Mapping

from ereputation.messages import messages
from ereputation.model import AuditResult
from ereputation.scoring import CRITICAL_CAP


class Words:
    def __init__(self, result: AuditResult) -> None:
        self.m: Mapping[str, str] = messages(result.language)

    def __getitem__(self, key: str) -> str:
        return self.m[key]

    def rating(self, code: str) -> str:
        return self.m[f"rating_{code}"]

    def status(self, code: str) -> str:
        return self.m[f"status_{code}"]

    def severity(self, code: str) -> str:
        return self.m[f"severity_{code}"]

    def kind(self, code: str) -> str:
        return self.m[f"kind_{code}"]

    def score(self, value: int | None) -> str:
        return self.m["not_scored"] if value is None else f"{value}/100"

    def format(self, key: str, **values: object) -> str:
        return self.m[key].format(**values)

    def method(self) -> str:
        return self.format("method_text", cap=CRITICAL_CAP, risk_floor=100 - CRITICAL_CAP)
