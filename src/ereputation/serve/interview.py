"""The interview as a web form: a new case, or the follow-up of an existing one (issue 11).

The form is saved as the TOML config `ereputation audit` reads, in the workspace (one file per
case). A bad value is shown beside its field with the CLI's own message, and the form comes back
filled with what was typed: nothing is saved until every problem is fixed.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from flask import Blueprint, abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from ereputation.checklist import Checklist
from ereputation.errors import InputError
from ereputation.i18n import Language
from ereputation.serve.context import store, workspace
from ereputation.serve.form_toml import values_of_config
from ereputation.serve.forms import (
    Checked,
    build_form,
    check_submission,
    submitted_values,
)
from ereputation.serve.i18n import current_language, say
from ereputation.serve.workspace import is_case_id
from ereputation.textsafe import one_line

logger = logging.getLogger(__name__)

blueprint = Blueprint("interview", __name__)

# The name of the file a new case is checked as, before its id is chosen (for messages only).
_NEW_CASE_FILE = "new-case.toml"
_MAX_KEY = 200  # the history's own limit on a case key


@dataclass(frozen=True)
class Source:
    """Where a follow-up's form comes from: the workspace file, else the last audit's config."""

    text: str | None
    notice: str | None = None  # a message key: form_from_history, form_no_config...
    reason: str = ""


@blueprint.get("/cases/new")
def new_case() -> str | tuple[str, int]:
    language = current_language()
    values = {"person.language": language}
    action = url_for("interview.save_new_case")
    return _page(None, _checklist(None, None), values, None, language, action=action)


@blueprint.post("/cases/new")
def save_new_case() -> Response | str | tuple[str, int]:
    return _save(None, None, url_for("interview.save_new_case"))


@blueprint.get("/cases/<case_id>/interview")
def follow_up(case_id: str) -> str | tuple[str, int]:
    language = current_language()
    source = _saved(case_id)
    path = workspace().path_of(case_id)
    values = values_of_config(source.text) if source.text else {"person.language": language}
    checklist = _checklist(source.text, path)
    action = url_for("interview.save_follow_up", case_id=case_id)
    return _page(case_id, checklist, values, None, language, action=action, source=source)


@blueprint.post("/cases/<case_id>/interview")
def save_follow_up(case_id: str) -> Response | str | tuple[str, int]:
    source = _saved(case_id)
    action = url_for("interview.save_follow_up", case_id=case_id)
    return _save(case_id, source.text, action, existing=True)


@blueprint.get("/case/interview")
def follow_up_history() -> Response | str | tuple[str, int]:
    """The follow-up of a case known only to the history (audited on the command line): the
    form starts from the config its last audit read, and is saved as a new workspace case."""
    key, text = _history_config()
    linked = _workspace_case_of(key)
    if linked is not None:
        return redirect(url_for("interview.follow_up", case_id=linked), code=303)
    language = current_language()
    values = values_of_config(text)
    action = url_for("interview.save_follow_up_history", key=key)
    source = Source(text, "form_from_history")
    return _page(None, _checklist(text, None), values, None, language, action=action, source=source)


@blueprint.post("/case/interview")
def save_follow_up_history() -> Response | str | tuple[str, int]:
    key, text = _history_config()
    case_id = _workspace_case_of(key) or workspace().new_id(_name_in(text) or key)
    action = url_for("interview.save_follow_up_history", key=key)
    return _save(case_id, text, action)


def _save(
    case_id: str | None, base: str | None, action: str, *, existing: bool = False
) -> Response | str | tuple[str, int]:
    """Check the posted form over `base` (None: a new case) and save it as `case_id` (None: a
    new id from the name), or show it again with every problem beside its field. An `existing`
    case erased meanwhile is not written again."""
    language = current_language()
    values = submitted_values(request.form.to_dict(flat=False))
    path = workspace().path_of(case_id) if case_id else workspace().root / _NEW_CASE_FILE
    checklist = _checklist(base, path)
    checked = check_submission(
        values, checklist, language, base=base, path=path, today=dt.date.today()
    )
    if not checked.ok:
        return _page(
            case_id, checklist, checked.values, checked, language, action=action, status=422
        )
    assert checked.text is not None
    if case_id is None:
        case_id = workspace().new_id(values.get("person.name", ""))
    from ereputation.serve.runs import runs

    with runs().exclusive(case_id, None) as free:
        # A purge holds the same lock: once it has erased the case, this form must not bring
        # its file back (the form was read before, the case was erased while it was filled).
        erased = existing and not workspace().exists(case_id)
        if free and not erased:
            workspace().save(case_id, checked.text)
    if erased:
        abort(404)
    if not free:  # the run records the file at its end: it must be the one it audited
        busy = replace(checked, text=None, problems={"": (say("form_run_in_progress"),)})
        return _page(case_id, checklist, busy.values, busy, language, action=action, status=409)
    return redirect(url_for("runs.run_page", case_id=case_id, saved=1), code=303)


def _saved(case_id: str) -> Source:
    """A workspace case's config text; 404 when the workspace has no such case."""
    try:
        text = workspace().read(case_id)
    except (ValueError, UnicodeDecodeError) as exc:  # too big, or not UTF-8
        logger.warning("the config of case %s cannot be read: %s", case_id, exc)
        return Source(None, "form_unreadable", one_line(str(exc), 200))
    if text is None:
        abort(404)
    return Source(text)


def _history_config() -> tuple[str, str]:
    """The `?key=` case of the history and the config text its last audit read; 404 when the
    history has no such case or kept no config."""
    key = request.values.get("key", "")
    if not key or len(key) > _MAX_KEY or "\x00" in key:
        abort(404)
    history = store()
    rows = history.history(key, limit=1)
    text = history.config_text(rows[0].id) if rows else ""
    if not text:
        abort(404)
    return key, text


def _workspace_case_of(key: str) -> str | None:
    """The workspace case the history case's last audit read, if it is one."""
    rows = store().history(key, limit=1)
    if not rows or not rows[0].config_path:
        return None
    path = Path(rows[0].config_path)
    root = workspace().root.resolve()
    case_id = path.stem
    if path.parent == root and is_case_id(case_id) and workspace().exists(case_id):
        return case_id
    return None


def _name_in(text: str) -> str:
    return values_of_config(text).get("person.name", "").strip()


def _checklist(text: str | None, path: Path | None) -> Checklist:
    """The checklist the config names (relative to its file), else the bundled one."""
    from ereputation.audit import checklist_path_for
    from ereputation.checklist import load_checklist
    from ereputation.config import parse_profile
    from ereputation.resources import default_checklist_path
    from ereputation.tomlfile import tomllib

    if text:
        try:
            profile = parse_profile(tomllib.loads(text), [], partial=True)
            if profile is not None and profile.checklist:
                return load_checklist(checklist_path_for(replace(profile, path=path), None))
        except (ValueError, InputError):  # TOMLDecodeError, or thousands of digits
            logger.warning("the checklist of %s cannot be used; the bundled one is", path)
            logger.debug("the checklist of %s cannot be used", path, exc_info=True)
    return load_checklist(default_checklist_path())


def _page(
    case_id: str | None,
    checklist: Checklist,
    values: Mapping[str, str],
    checked: Checked | None,
    language: Language,
    *,
    action: str,
    status: int | None = None,
    source: Source | None = None,
) -> str | tuple[str, int]:
    form = build_form(checklist, values, language, checked.problems if checked else None)
    name = one_line(values.get("person.name", ""), 120) or (case_id or "")
    page = render_template(
        "interview.html.j2",
        form=form,
        case_id=case_id,
        follow_up=case_id is not None or source is not None,
        name=name,
        action=action,
        nav="new" if case_id is None and source is None else None,
        notice=source.notice if source else None,
        notice_reason=source.reason if source else "",
    )
    return page if status is None else (page, status)
