"""Which case a page is about: its key in the history, its id in the workspace, or both.

A case recorded from the command line has only a history key (any text a name holds: it comes
in the query string, `?key=`). A case made in the interview has a workspace id (a safe slug,
`?case_id=`) and, once audited, a history key too: the key its config gives
(`client_reference`, else the name), found through the config file its last audit read. The
workspace's file is tied to a history case only that way, never by a key that merely looks like
an id: erasing a case must never remove another person's interview.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, request

from ereputation.serve.context import store, workspace

MAX_KEY = 200  # the history's own limit on a case key


@dataclass(frozen=True)
class CaseRef:
    key: str | None
    case_id: str | None

    @property
    def params(self) -> dict[str, str]:
        """The query naming this case in the case pages' URLs."""
        return {"key": self.key} if self.key is not None else {"case_id": self.case_id or ""}


def requested_case() -> CaseRef:
    """The case of this request (`key` or `case_id`, from the query or the form); 404 for
    anything else, before any file or row is touched."""
    key = request.values.get("key")
    if key is not None:
        if not key or len(key) > MAX_KEY or "\x00" in key:
            abort(404)
        return CaseRef(key, _workspace_id(key))
    case_id = request.values.get("case_id")
    if case_id is None:
        abort(404)
    workspace().path_of(case_id)  # BadCaseId: a 404 page
    return CaseRef(_history_key(case_id), case_id)


def _workspace_id(key: str) -> str | None:
    last = store().history(key, limit=1)
    return workspace().id_of(last[0].config_path) if last else None


def _history_key(case_id: str) -> str | None:
    """The history's key for a saved case: the case of the newest audit that read its file."""
    wanted = str(workspace().resolved_path_of(case_id))
    return next((a.case_key for a in store().history() if a.config_path == wanted), None)
