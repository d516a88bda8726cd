"""Markdown: the whole report (same sections as the HTML) for an e-mail, a ticket or a wiki.

Every value from a config, a checklist or a page goes through `md()` (`md_cell()` in a table), so
that it stays plain text in any CommonMark or GitHub renderer; only http(s) URLs become links, as
`<…>` autolinks. Escaping is by context: a backslash only where a renderer would misread the
character (`faut-il` and `1.1.0` stay as they are), checked by rendering with a real CommonMark
parser in the tests. Values come from the presenter's sanitised result: no control characters.
"""

from __future__ import annotations

import re

from ereputation.formats import TextualFormatter
from ereputation.formats.sanitise import single_line
from ereputation.formats.view import TOP_ACTIONS, Presenter, Words, safe_href
from ereputation.model import (
    Action,
    AnswerResult,
    AuditResult,
    CategoryScore,
    Finding,
    ProfileResult,
    WhereAdvice,
)

# Each alternative is a character a renderer would misread, found in the original value; a
# backslash goes before each one. Anywhere in a line: emphasis, code, links, strikethrough;
# raw HTML and autolinks (a `<` before a letter, `/`, `!` or `?`: `< 50` stays); a backslash that
# would escape what follows it or make a hard break at the end; `_` unless inside a word
# (`snake_case`); `&` before an entity (`&amp;`, `&#38;`), a lone `&` being left alone; a closing
# run of `#` that a heading would drop.
_ESCAPE = re.compile(
    r"[*`\[\]~]"
    r"|<(?=[A-Za-z/!?])"
    r"|\\(?=[!-/:-@\[-`{-~]|$)"
    r"|(?<![^\W_])_|_(?![^\W_])"
    r"|&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)"
    r"|(?<=\s)#+$"
)
# At the start of a line: a heading, a quote, a list item, a thematic break or a table row.
_LINE_START = re.compile(r"^(?:#{1,6}(?=\s|$)|[>|]|[-+=](?=\s|$)|[-=]+$|\d{1,9}(?=[.)](?:\s|$)))")
# Characters an autolink cannot hold: such a URL is shown as escaped text instead.
_NOT_IN_AUTOLINK = re.compile(r"[<>\s\\`\"']")
STATUS_MARKS = {
    "pass": "✓",
    "partial": "◐",
    "fail": "✗",
    "not_applicable": "∅",
    "unanswered": "?",
    "to_check": "⌕",
}


def md(text: object) -> str:
    """A value as Markdown that renders to exactly this text, on one line, wherever it stands."""
    value = single_line(str(text))  # no-break spaces kept: French typography
    value = _ESCAPE.sub(r"\\\g<0>", value)
    start = _LINE_START.match(value)
    if start:  # `1.` keeps its digits and gets `1\.`; the other markers get a backslash before
        end = start.end()
        value = value[:end] + "\\" + value[end:] if value[:1].isdigit() else "\\" + value
    return value


def md_cell(text: object) -> str:
    """`md()` for a table cell, where `|` would end the cell."""
    return md(text).replace("|", "\\|")


def md_url(url: str | None) -> str:
    """An http(s) URL as an autolink; any other scheme (javascript:, data:) as escaped text."""
    if not url:
        return ""
    href = safe_href(url)
    if href and not _NOT_IN_AUTOLINK.search(href):
        return f"<{href}>"
    return md(url)


def _cell_url(url: str) -> str:
    """`md_url` inside a table cell: an address holding `|` would end the cell, so it is text."""
    shown = md_url(url)
    return md_cell(url) if "|" in shown else shown


class _Writer:
    """Builds the Markdown lines of one report; one method per section, in report order."""

    def __init__(self, result: AuditResult) -> None:
        self.w = Words(result)
        self.p = Presenter(result, self.w)
        self.r = self.p.r  # every string printable: see the module's docstring
        self.out: list[str] = []

    def add(self, *lines: str) -> None:
        self.out.extend(lines)

    def field(self, key: str, value: str) -> None:
        self.add(f"- **{md(self.w[key])}**{self.w['colon']} {value}")

    def render(self) -> str:
        for section in (
            self.header,
            self.scores,
            self.verdict,
            self.where,
            self.actions,
            self.profiles,
            self.findings,
            self.checklist,
            self.method,
        ):
            section()
            self.add("")
        self.add(f"*{md(self.w['footer_private'])}*", "")
        return "\n".join(self.out)

    # --- sections ------------------------------------------------------------------------------

    def header(self) -> None:
        r, w, p = self.r, self.w, self.p
        self.add(f"# {md(w['report_title'])}{w['colon']} {md(r.subject.name)}", "")
        if r.subject.target_role:
            self.field("target_role", md(r.subject.target_role))
        self.field("trade", md(p.trade_line()))
        self.field("generated", md(p.date(r.generated_at)))
        if r.info.audit_date:
            self.field("audit_date", md(p.date(r.info.audit_date)))
        if r.info.counsellor:
            self.field("counsellor", md(r.info.counsellor))
        if r.info.consent_date:
            self.field("consent_date", md(p.date(r.info.consent_date)))
        if r.info.client_reference:
            self.field("client_reference", md(r.info.client_reference))
        if r.info.erase_after:
            self.field("erase_after", md(p.date(r.info.erase_after)))
        if r.subject.keywords:
            self.field("keywords", ", ".join(md(k) for k in r.subject.keywords))
        checklist = f"{md(r.checklist.title)} ({md(w['version'])} {md(r.checklist.version)})"
        self.field("checklist_used", checklist)
        self.field("tool", f"ereputation {md(r.tool_version)}")
        if r.info.note:
            self.field("note", md(r.info.note))
        self.add("", f"**{md(w['scope_checked'])}**", "")
        checked = []
        if r.info.checked_answers:
            checked.append(w.format("scope_answers", answered=p.answered, total=len(r.answers)))
        seen_note = p.seen_note()
        if seen_note:
            checked.append(seen_note)
        from ereputation.formats.accounts_view import AccountsView

        checked += AccountsView(p).checked_lines()  # usernames looked up, the name searched
        for line in checked or [w["scope_nothing"]]:
            self.add(f"- ✓ {md(line)}")
        self.add("", f"**{md(w['scope_not_checked'])}**", "")
        if not r.info.checked_answers:
            self.add(f"- {md(w['scope_no_answers'])}")
        unseen_note = p.unseen_note()
        if unseen_note:
            self.add(f"- {md(unseen_note)}")
        self.add(f"- {md(w['scope_limits'])}", "")
        self.add(f"> {md(w['pii_masked_note'] if r.pii_masked else w['pii_shown_note'])}")

    def scores(self) -> None:
        w, s = self.w, self.r.scores
        self.add(f"## {md(w['scores_title'])}", "")
        self.add(f"| | {md_cell(w['score'])} | {md_cell(w['rating'])} | |", "|---|---|---|---|")
        for kind, value, rating, capped in (
            ("visibility", s.visibility, s.visibility_rating, s.visibility_capped),
            ("risk", s.risk, s.risk_rating, s.risk_capped),
        ):
            shown = md_cell(w["not_scored"]) if value is None else f"**{value}**/100"
            label = md_cell(w["not_scored"]) if value is None else md_cell(w.rating(rating))
            note = md_cell(w.capped(kind)) if capped else ""
            if value is None:
                note = md_cell(w["not_scored_hint"])
            head = f"**{md_cell(w[kind])}** ({md_cell(w[kind + '_hint'])})"
            self.add(f"| {head} | {shown} | {label} | {note} |")
        self.add("", md(w["scores_read"]))
        if s.categories:
            self.add("", f"### {md(w['categories'])}")
            for kind in ("visibility", "risk"):
                categories = self.p.categories(kind)
                if categories:
                    self._category_table(kind, categories)
        self.since_last()

    def since_last(self) -> None:
        """Since the last audit (schema 1.3): a short table, when the result carries one."""
        rows = self.p.since_rows()
        if not rows:
            return
        w = self.w
        self.add("", f"## {md(w['since_title'])}", "", md(self.p.since_intro()), "")
        self.add("| | |", "|---|---|")
        self.add(*(f"| {md_cell(label)} | {md_cell(value)} |" for label, value in rows))
        self.add("", md(w["since_more"]))

    def _category_table(self, kind: str, categories: tuple[CategoryScore, ...]) -> None:
        w = self.w
        self.add("", f"**{md(w['themes_' + kind])}** ({md(w[kind + '_hint'])})", "")
        self.add(
            f"| {md_cell(w['theme'])} | /100 | {md_cell(w['rating'])} | {md_cell(w['answered'])} |",
            "|---|---:|---|---:|",
        )
        for c in categories:
            score = "–" if c.score is None else str(c.score)
            rating = md_cell(w["not_scored"]) if c.score is None else md_cell(w.rating(c.rating))
            capped = f" (⚑ {md_cell(w.capped(c.kind, short=True))})" if c.capped else ""
            title = md_cell(c.title) + capped
            self.add(f"| {title} | {score} | {rating} | {c.answered}/{c.total} |")

    def verdict(self) -> None:
        w, v = self.w, self.r.verdict
        self.add(f"## {md(w['verdict'])}", "")
        if v.title:
            self.add(f"**{md(v.title)}**", "", md(v.text))
        else:
            self.add(md(w["no_verdict"]))
        if self.r.actions:
            self.add("", f"### {md(w['start_here'])}", "")
            for a in self.r.actions[:TOP_ACTIONS]:
                self.add(f"{a.rank}. {md(a.title)} ({md(self.p.gain(a.kind, a.gain))})")
        if v.notes:
            self.add("", f"### {md(w['verdict_notes'])}", "")
            for note in v.notes:
                self.add(f"- **{md(note.title)}** — {md(note.text)}")

    def where(self) -> None:
        w = self.w
        self.add(f"## {md(w['where_title'])}", "")
        if not self.r.where:
            self.add(md(w["where_none"]))
            return
        self.add(md(w["where_intro"]), "")
        heads = (w["where_network"], w["where_todo"], w["where_why"])
        self.add("| " + " | ".join(md_cell(h) for h in heads) + " |", "|---|---|---|")
        self.add(*(self._where_row(a) for a in self.r.where))

    def _where_row(self, a: WhereAdvice) -> str:
        w = self.w
        name = md_cell(self.p.where_name(a))
        network = f"**{name}**" if a.acting else name
        network += f" ({md_cell(w['priority_' + a.priority])})"
        if a.declared and a.url:
            network += " " + _cell_url(a.url)
        return f"| {network} | {md_cell(self.p.recommendation(a))} | {md_cell(a.reason)} |"

    def actions(self) -> None:
        w, actions = self.w, self.r.actions
        self.add(f"## {md(w['actions'])}", "")
        if not actions:
            self.add(md(self.p.no_actions_text()))
            return
        count = min(TOP_ACTIONS, len(actions))
        self.add(md(w.format("actions_intro", count=count)))
        for group in self.p.horizon_groups():
            size = w.format("horizon_count", count=len(group.actions))
            self.add("", f"### {md(w['horizon_' + group.horizon])} ({md(size)})", "")
            self.add(md(w[f"horizon_{group.horizon}_intro"]), "")
            for action in group.actions:
                self._action(action, top=action.rank <= TOP_ACTIONS)

    def _action(self, a: Action, top: bool) -> None:
        w = self.w
        title = f"**{md(a.title)}**"
        tags = [f"*{md(w['priority'].lower())}*"] if top else []
        tags.append(md(w.kind(a.kind)))
        if a.type == "check":
            tags.append(md(w["action_type_check"]))
        if a.critical:
            tags.append(f"⚑ {md(w['critical_item'])}")
        gain = f"{md(w['action_gain'])}{w['colon']} {md(self.p.gain(a.kind, a.gain))}"
        self.add(f"{a.rank}. {title} ({', '.join(tags)}) — {gain}")
        if a.evidence:
            self.add(f"    - *{md(w['action_evidence'])}*{w['colon']}")
            self.add(*(f"        - {md(e)}" for e in a.evidence))
        self.add(*(f"    - {md(step)}" for step in a.steps))

    def profiles(self) -> None:
        w = self.w
        self.add(f"## {md(w['profiles'])}", "", md(w["profiles_intro"]))
        if not self.r.profiles:
            self.add("", md(w["no_profiles"]))
        elif self.p.none_visited:
            key = self.p.none_visited_key
            self.add("", f"> **{md(w[f'{key}_title'])}**")
            self.add(">", f"> {md(w.format(key, count=len(self.r.profiles)))}")
            self.add(">", f"> {md(w[f'{key}_next'])}")
        for profile in self.r.profiles:
            self.add("")
            self._profile(profile)
        self.accounts()

    def accounts(self) -> None:
        """Discovery's undeclared accounts and the searches for the name (schema 1.4)."""
        from ereputation.formats.accounts_markdown import accounts_markdown, search_markdown
        from ereputation.formats.accounts_view import AccountsView

        view = AccountsView(self.p)
        lines = accounts_markdown(view) + search_markdown(view)
        if lines:
            self.add("", *lines[:-1])

    def _profile(self, pr: ProfileResult) -> None:
        w, p = self.w, self.p
        self.add(f"### {md(p.network(pr))} — {md(w['profile_status_' + pr.status])}", "")
        self.add(f"- {md_url(pr.url)}")
        if pr.final_url and pr.final_url != pr.url:
            self.add(f"- {md(w['redirected_to'])} {md_url(pr.final_url)}")
        if p.unverified(pr):
            explain = w["profile_explain_" + pr.status]
            self.add(f"- **{md(w['could_not_verify'])}** {md(explain)}")
        elif pr.status == "not_found":
            self.add(f"- **{md(w['page_missing'])}** {md(w['profile_explain_not_found'])}")
        else:
            self._profile_facts(pr)
        tech = [f"HTTP {pr.http_status}"] if pr.http_status else []
        if pr.elapsed_ms is not None:
            tech.append(f"{pr.elapsed_ms} ms")
        if pr.reason and pr.status != "ok":
            tech.append(f"{md(w['detail'])}{w['colon']} {md(pr.reason)}")
        if tech:
            self.add(f"- *{' · '.join(tech)}*")

    def _profile_facts(self, pr: ProfileResult) -> None:
        w, p = self.w, self.p
        self.field("shown_name", md(pr.title) if pr.title else "–")
        self.field("headline", md(pr.headline) if pr.headline else "–")
        if pr.description:
            self.field("description", md(pr.description))
        self.field("name_found", md(p.yes_no(pr.name_found)))
        self.field("photo", md(p.yes_no(pr.photo)))
        found = ", ".join(md(k) for k in pr.keywords_found) or "–"
        missing = ", ".join(md(k) for k in pr.keywords_missing) or "–"
        self.field("keywords_found", found)
        self.field("keywords_missing", missing)
        if pr.truncated:
            self.add(f"- *{md(w['truncated'])}*")
        self.add(f"- **{md(w['pii_exposed'])}**{w['colon']}" + ("" if pr.pii else " –"))
        for x in pr.pii:
            self.add(f"    - {md(p.pii_label(x.kind))}{w['colon']} {md(x.value_masked)}")
        self.add(f"- **{md(w['risky_content'])}**{w['colon']}" + ("" if pr.risk_terms else " –"))
        for t in pr.risk_terms:
            quoted = f"{w['quote_open']}{md(t.excerpt_masked)}{w['quote_close']}"
            self.add(f"    - {md(p.risk_label(t))}{w['colon']} {quoted}")
        if pr.links_to:
            self.add(f"- {md(w['links_to'])} " + ", ".join(md_url(u) for u in pr.links_to))

    def findings(self) -> None:
        w, p = self.w, self.p
        self.add(f"## {md(w['findings'])}", "")
        passed = p.passed_findings()
        if not self.r.findings:
            self.add(md(p.no_findings_text()))
            return
        failed = len(self.r.findings) - len(passed)
        self.add(md(w.format("findings_intro", failed=failed, passed=len(passed))))
        for group in p.failed_findings():
            title = w["severity_title_" + group.severity]
            self.add("", f"### {md(title)} ({len(group.findings)})", "")
            for f in group.findings:
                self._finding(f)
        if passed:
            self.add("", f"### {md(w.format('passed_summary', count=len(passed)))}", "")
            for f in passed:
                self._finding(f)

    def _finding(self, f: Finding) -> None:
        w = self.w
        if f.passed:
            self.add(f"- ✓ **{md(f.title)}** ({md(w.kind(f.kind))})")
        else:
            self.add(f"- **{md(f.title)}** ({md(w.kind(f.kind))}) — {md(f.advice)}")
            self.add(*(f"    1. {md(step)}" for step in f.steps))
        self.add(*(f"    - {md(e)}" for e in f.evidence))
        if f.profile_url:
            self.add(f"    - {md(w['on_profile'])} {md_url(f.profile_url)}")

    def checklist(self) -> None:
        w, p, r = self.w, self.p, self.r
        self.add(f"## {md(w['checklist_appendix'])}", "")
        self.add(md(w.format("checklist_intro", answered=p.answered, total=len(r.answers))))
        for group in p.answer_groups():
            self.add("", f"### {md(group.title)}", "")
            self.add(
                f"| {md_cell(w['question'])} | {md_cell(w['answer'])} "
                f"| {md_cell(w['points']).capitalize()} "
                f"| {md_cell(w['status'])} | {md_cell(w['advice'])} |",
                "|---|---|---:|---|---|",
            )
            self.add(*(self._answer_row(a) for a in group.answers))
        if r.unanswered:
            self.add("", f"### {md(w['unanswered'])} ({len(r.unanswered)})", "")
            self.add(md(w.format("unanswered_count", count=len(r.unanswered))), "")
            for a in r.unanswered:
                line = f"- {md(a.question)}"
                if a.critical:
                    line += f" (⚑ {md(w['critical_item'])})"
                if a.advice:
                    line += f" — {md(w['advice'])}{w['colon']} {md(a.advice)}"
                self.add(line)

    def _answer_row(self, a: AnswerResult) -> str:
        w = self.w
        question = md_cell(a.question)
        if a.critical:
            question += f" (⚑ {md_cell(w['critical_item'])})"
        if a.note:
            question += f" — *{md_cell(w['note'])}{w['colon']} {md_cell(a.note)}*"
        answer = md_cell(a.answer_label) if a.answer_label else "–"
        status = f"{STATUS_MARKS.get(a.status, '')} {md_cell(w.status(a.status))}"
        advice = md_cell(a.advice) if a.advice else ""
        return f"| {question} | {answer} | {self.p.points(a)} | {status} | {advice} |"

    def method(self) -> None:
        w, p = self.w, self.p
        self.add(f"## {md(w['method'])}", "", md(w.method()), "")
        weights = " · ".join(f"{md(w.severity(s))} {p.num(x)}" for s, x in p.severity_weights)
        self.add(f"{md(w['method_findings'])} {weights}.", "", md(w["method_gain"]), "")
        readers = p.risk_readers()
        if readers:
            self.add(md(readers), "")
        self.add(f"**{md(w['ratings_title'])}**", "")
        for kind in ("visibility", "risk"):
            self.add(
                f"- **{md(w[kind])}** ({md(w[kind + '_hint'])}){w['colon']} {md(p.band_text(kind))}"
            )
        self.add("", f"{md(w['based_on'])}{w['colon']} {md(self.r.checklist.source)}", "")
        self.add(md(w["method_limits"]))


class MarkdownFormatter(TextualFormatter):
    def render(self, result: AuditResult) -> str:
        return _Writer(result).render()


FORMATTER = MarkdownFormatter()
