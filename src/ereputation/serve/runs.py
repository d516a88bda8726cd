"""Running a case's audit in the background with live progress (issue 11)."""

from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("runs", __name__)
