"""The interview as a web form: new case and follow-up (issue 11)."""

from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("interview", __name__)
