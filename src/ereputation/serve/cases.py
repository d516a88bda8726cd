"""The caseload, a case's page, its reports, downloads, export and purge (issue 11)."""

from __future__ import annotations

from flask import Blueprint, render_template

blueprint = Blueprint("cases", __name__)


@blueprint.get("/")
def caseload() -> str:
    return render_template("caseload.html.j2", nav="caseload", rows=())
