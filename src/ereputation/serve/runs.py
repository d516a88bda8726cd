"""Running a case's audit in the background, with its progress on a page (issue 11).

The worker does what `ereputation audit CONFIG` does, with the same functions: `cli.load_valid`
(every problem of the config at once), `audit.run`, then `recording.AuditHistory` (read the
previous audit for "since your last audit", record the new one). No report file is written: the
report pages render the recorded result. The progress page refreshes itself without script
(`<noscript>` meta refresh); with script, `run-progress.js` swaps the status in place.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.wrappers import Response

from ereputation.errors import InputError
from ereputation.messages import messages
from ereputation.serve.context import settings, workspace
from ereputation.serve.form_toml import values_of_config
from ereputation.serve.i18n import current_language
from ereputation.serve.progress import Run, Runs
from ereputation.serve.security import allow_script
from ereputation.textsafe import one_line

if TYPE_CHECKING:
    from ereputation.config import Profile

logger = logging.getLogger(__name__)

blueprint = Blueprint("runs", __name__)

# Set to True by tests (and only them) to audit profiles served on 127.0.0.1: the web face, like
# the CLI without --allow-private, never visits a private address otherwise.
ALLOW_PRIVATE = "EREPUTATION_AUDIT_ALLOW_PRIVATE"
# `serve --no-model`: audits read risky content with the word rules alone.
NO_MODEL = "EREPUTATION_AUDIT_NO_MODEL"
# Set by tests only: a site catalogue of local servers instead of the bundled one.
SITES_PATH = "EREPUTATION_DISCOVERY_SITES"
_RUNS = "ereputation.runs"


def runs() -> Runs:
    found = current_app.extensions.get(_RUNS)
    if found is None:
        found = current_app.extensions.setdefault(_RUNS, Runs())
    assert isinstance(found, Runs)
    return found


def case_name(case_id: str, text: str | None) -> str:
    """The person's name from the case's config, else its id."""
    name = values_of_config(text).get("person.name", "") if text else ""
    return one_line(name, 120) or case_id


@blueprint.get("/cases/<case_id>/run")
def run_page(case_id: str) -> str:
    """The start form: offline or not, and what the consent allows."""
    text = workspace().read(case_id)
    if text is None:
        abort(404)
    return _start_page(case_id, text, full=False)


def _start_page(case_id: str, text: str, *, full: bool) -> str:
    snapshot = runs().get(case_id)
    return render_template(
        "run.html.j2",
        case_id=case_id,
        name=case_name(case_id, text),
        running=snapshot is not None and snapshot.status == "running",
        full=full,
        checklist_only=_checklist_only(text),
        discovery=_discovery_offer(text),
        edit_url=_edit_url(case_id),
    )


@blueprint.post("/cases/<case_id>/run")
def start(case_id: str) -> Response | tuple[str, int]:
    path = workspace().path_of(case_id)
    text = workspace().read(case_id)
    if text is None:
        abort(404)
    offline = request.form.get("offline") == "on"
    # Offline sends nothing: no site could be asked. The audit checks the consent again.
    discover = request.form.get("discover") == "on" and not offline
    language = current_language()
    run = Run(case_id, language, offline, discover=discover)
    db = settings().db
    allow_private = bool(current_app.config.get(ALLOW_PRIVATE, False))
    sites = current_app.config.get(SITES_PATH)
    model = not current_app.config.get(NO_MODEL, False)

    def work(r: Run) -> None:
        audit_case(r, path, db, allow_private=allow_private, sites_path=sites, meaning_model=model)

    started = runs().start(run, work)
    if started == "full":  # enough audits at once: this one waits for a later click
        return _start_page(case_id, text, full=True), 503
    # Already running: the page of the run under way, never a second one.
    return redirect(url_for("runs.progress", case_id=case_id), code=303)


@blueprint.get("/cases/<case_id>/run/progress")
def progress(case_id: str) -> Response | str:
    workspace().path_of(case_id)  # a bad id is a 404 before anything else
    snapshot = runs().get(case_id)
    if snapshot is None:
        return redirect(url_for("runs.run_page", case_id=case_id), code=303)
    if snapshot.status == "done" and snapshot.audit_id is not None:
        return redirect(report_url(snapshot.audit_id, snapshot.case_key), code=303)
    allow_script()
    text = workspace().read(case_id)
    return render_template(
        "run_progress.html.j2",
        case_id=case_id,
        name=case_name(case_id, text),
        run=snapshot,
        edit_url=_edit_url(case_id),
    )


def report_url(audit_id: int, case_key: str | None) -> str:
    """The report page of the new audit: the cases blueprint's, which names a case by its
    history key."""
    return url_for("cases.report", audit_id=audit_id, key=case_key or "")


def _edit_url(case_id: str) -> str:
    return url_for("interview.follow_up", case_id=case_id)


def _profile(text: str) -> Profile | None:
    from ereputation.config import parse_profile
    from ereputation.tomlfile import tomllib

    try:
        return parse_profile(tomllib.loads(text), [], partial=True)
    except ValueError:  # TOMLDecodeError, or a number of thousands of digits
        logger.debug("a case's config is not TOML", exc_info=True)
        return None


def _checklist_only(text: str) -> bool:
    """Whether the client's consent rules visits out (the form says so before the run)."""
    profile = _profile(text)
    return profile is not None and not profile.audit.visits_allowed


def _discovery_offer(text: str) -> str | None:
    """The search for the person's accounts on other sites, as the start form offers it:
    "agreed" (ticked: the client's recorded consent names it), "allowed" (a self-audit: offered,
    not ticked), or None (the consent does not cover it)."""
    profile = _profile(text)
    if profile is None or not profile.audit.discovery_allowed:
        return None
    if profile.audit.consent_scope == "checklist_profiles_and_discovery":
        return "agreed"
    return "allowed"


def other_saved_case(path: Path, case_key: str, db: str | None) -> str | None:
    """Another workspace case whose audits the history keeps under `case_key`, or None.

    The history keys a case by its client reference, else the person's name: two clients of
    the same name saved as two cases would share one history (the second report "since your last
    audit" from the first person's results, one export and one erasure for both)."""
    from ereputation.serve.workspace import Workspace
    from ereputation.store import open_store

    folder = Workspace(path.parent)
    mine = path.resolve()
    with open_store(db) as store:
        recorded = store.history(case_key)
    for audit in recorded:
        other = folder.id_of(audit.config_path)
        if other is not None and Path(audit.config_path or "") != mine:
            return other
    return None


def audit_case(
    run: Run,
    path: Path,
    db: str | None,
    *,
    allow_private: bool = False,
    sites_path: Path | None = None,
    meaning_model: bool = True,
) -> None:
    """The worker: validate, visit, score, record; the outcome goes to `run`, never raised."""
    try:
        from ereputation.audit import AuditOptions
        from ereputation.audit import run as run_audit
        from ereputation.cli import load_valid
        from ereputation.progress import visit_names
        from ereputation.recording import AuditHistory, case_key_of

        profile, _ = load_valid(path, None)
        other = other_saved_case(path, case_key_of(profile), db)
        if other is not None:
            run.fail([messages(run.language)["run_failed_same_case"].format(other=other)])
            return
        run.keyed(case_key_of(profile))  # from now on, a purge of this key waits for the end
        no_visits = run.offline or not profile.audit.visits_allowed
        run.expect([] if no_visits else visit_names(profile.profiles, run.language))
        options = AuditOptions(
            offline=run.offline,
            allow_private=allow_private,
            discover=run.discover,
            sites_path=sites_path,
            meaning_model=meaning_model,
        )
        result = run_audit(profile, options, on_visit=None if no_visits else run.visited)
        history = AuditHistory(profile, db=db, enabled=True)
        result = history.since_last(result)
        audit_id = history.record(result, [], result.language)
        assert audit_id is not None  # recording is on
        run.finish(audit_id, case_key_of(profile))
    except InputError as exc:
        logger.debug("the audit of %s stopped on bad input", path, exc_info=True)
        run.fail([problem.show(run.language) for problem in exc.problems])
    except Exception:  # a bug or a broken machine: the page says so, the terminal has the trace
        logger.exception("the audit of %s failed", path)
        run.fail([], crashed=True)
