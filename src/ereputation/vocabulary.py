"""The domain's small closed vocabularies, defined once: every module takes them from here.

Kept free of imports from the rest of the package, so that `detect/`, `web/`, `checks/` and the
result model can all share them without depending on each other.
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "NETWORK_KINDS",
    "PERSONAL_KINDS",
    "PII_KINDS",
    "PROFESSIONAL_KINDS",
    "SEVERITIES",
    "UNSEEN_STATUSES",
    "NetworkKind",
    "PiiKind",
    "ProfileStatus",
    "Severity",
]

Severity = Literal["info", "low", "medium", "high", "critical"]
# Most severe first: the order of reports and of `min(..., key=SEVERITIES.index)`.
SEVERITIES: tuple[Severity, ...] = ("critical", "high", "medium", "low", "info")

PiiKind = Literal["email", "phone", "address", "birthdate"]
PII_KINDS: tuple[PiiKind, ...] = ("email", "phone", "address", "birthdate")

ProfileStatus = Literal[
    "ok", "not_found", "login_required", "blocked", "rate_limited", "timeout", "error", "skipped"
]
# A page in one of these states was not seen: nothing may be said of what it shows.
UNSEEN_STATUSES: frozenset[ProfileStatus] = frozenset(
    {"login_required", "blocked", "rate_limited", "timeout", "error", "skipped"}
)

NetworkKind = Literal["professional", "creative", "developer", "social", "personal", "video"]
NETWORK_KINDS: tuple[NetworkKind, ...] = (
    "professional",
    "creative",
    "developer",
    "social",
    "personal",
    "video",
)
# Where a recruiter expects a professional presence, and where a private life is shown.
PROFESSIONAL_KINDS: frozenset[NetworkKind] = frozenset({"professional", "developer", "creative"})
PERSONAL_KINDS: frozenset[NetworkKind] = frozenset({"social", "personal", "video"})
