"""Helpers of the interview and run tests: an app on a throwaway workspace and history, signed in,
and the CSRF token of a page."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from tests.serve import cases_support

TOKEN = cases_support.TOKEN


@dataclass
class Served(cases_support.Served):
    """The cases' test app, with the interview's CSRF page and a form post."""

    def csrf(self, path: str = "/cases/new") -> str:
        html = self.client.get(path).get_data(as_text=True)
        match = re.search(r'name="csrf_token" value="([^"]+)"', html)
        assert match, "the page has no CSRF field"
        return match.group(1)

    def post(self, path: str, data: dict[str, str | list[str]]) -> tuple[int, str, str | None]:
        response = self.client.post(path, data={"csrf_token": self.csrf(), **data})
        return response.status_code, response.get_data(as_text=True), response.location


def serve(tmp_path: Path, language: str = "en") -> Served:
    return cases_support.serve_as(Served, tmp_path, language)


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def field_error(html: str, field_id: str) -> str:
    """The message shown beside a field, tied to it by aria-describedby."""
    page = soup(html)
    node = page.find(id=f"{field_id}-error")
    assert node is not None, f"no error beside {field_id}"
    control = page.find(id=field_id)
    assert control is not None
    assert f"{field_id}-error" in str(control.get("aria-describedby", "")).split()
    return node.get_text(" ", strip=True)


def wait_for(check: Callable[[], bool], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


def value_of(page: BeautifulSoup, element_id: str, attribute: str = "value") -> str:
    """An attribute of the element with this id (which must exist)."""
    node = page.find(id=element_id)
    assert node is not None, f"no element {element_id}"
    return str(node.get(attribute, ""))


def browser_submission(html: str) -> dict[str, list[str]]:
    """What a browser sends for the page's form untouched: every text input, the selected (or
    first) option of each select, checked boxes and radios, hidden inputs."""
    form = soup(html).select_one("form.interview")
    assert form is not None
    sent: dict[str, list[str]] = {}
    for control in form.select("input, select"):
        name = str(control.get("name", ""))
        if not name:
            continue
        kind = control.get("type", "text")
        if control.name == "select":
            options = control.select("option")
            chosen = [o for o in options if o.has_attr("selected")] or options[:1]
            value = str(chosen[0].get("value", "")) if chosen else ""
        elif kind in ("radio", "checkbox"):
            if not control.has_attr("checked"):
                continue
            value = str(control.get("value", "on"))
        else:
            value = str(control.get("value", ""))
        sent.setdefault(name, []).append(value)
    return sent
