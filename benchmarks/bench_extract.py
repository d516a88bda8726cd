"""Benchmark of reading hostile pages: the whole analysis of the worst pages we could build.

Run: make bench (or PYTHONPATH=src python benchmarks/bench_extract.py [names...])
Target (issue 7, point 4): the analysis of any page, 1 MB or 5 MB, well under a second and under
100 MB of peak memory. "Analysis" is everything done to a fetched body before the checks judge
it: decoding, parsing, `extract`, `classify_page` and the recruiter view with every check
(`run_checks`). Each page runs in its own interpreter, so that peak memory (ru_maxrss, beside the
interpreter and its imports) belongs to that page alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

MB = 1_000_000
SIZES = (1 * MB, 5 * MB)
# BENCH_SRC measures another copy of the package (the code before a change, say).
SRC = Path(os.environ.get("BENCH_SRC") or Path(__file__).resolve().parents[1] / "src")


def _fill(head: str, unit: str, tail: str, size: int) -> bytes:
    count = max(1, (size - len(head) - len(tail)) // len(unit))
    return (head + unit * count + tail).encode()


def _nested(open_tag: str, close_tag: str, size: int) -> bytes:
    count = size // (len(open_tag) + len(close_tag))
    return ("<html><body>" + open_tag * count + close_tag * count + "</body></html>").encode()


def deep_divs(size: int) -> bytes:
    return _nested("<div>", "</div>", size)


def nested_passwords(size: int) -> bytes:
    return _nested('<form><div><input type="password" name="p">', "</div></form>", size)


def passwords_no_form(size: int) -> bytes:
    return _nested('<div><input type="password">', "</div>", size)


def nested_hcards(size: int) -> bytes:
    return _nested('<div class="h-card"><span class="p-name">', "</span></div>", size)


def hcards_empty_tags(size: int) -> bytes:
    # Each card's implied name walks every tag below it; the cards nest.
    return _nested('<div class="h-card"><i></i><b>', "</b></div>", size)


def json_ld_graph(size: int) -> bytes:
    node = '{"@type":"Person","name":"Camille Martin","sameAs":["https://a.example/x"]},'
    per_script = 190_000
    script = (
        '<script type="application/ld+json">{"@graph":['
        + node * (per_script // len(node))
        + "{}]}</script>"
    )
    return _fill("<html><head>", script, "</head><body>x</body></html>", size)


def json_ld_deep(size: int) -> bytes:
    script = '<script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000 + "</script>"
    return _fill("<html><head>", script, "</head><body>x</body></html>", size)


def many_attributes(size: int) -> bytes:
    count = size // 9  # each "a1f2=1 " is at most 8 characters: the tag fits in `size`
    attrs = " ".join(f"a{i:x}=1" for i in range(count))
    return f"<html><body><div {attrs}>x</div></body></html>".encode()


def bare_attributes(size: int) -> bytes:
    # html.parser's start tag regex keeps some 600 bytes per attribute until the tag ends.
    return ("<html><body><div " + "a " * ((size - 40) // 2) + ">x</div></body></html>").encode()


def voids_and_end_tags(size: int) -> bytes:
    # bs4 lists the void elements it closes, and searched that list at every end tag.
    return _fill("<html><body>", "<br></b>", "</body></html>", size)


def attributes_on_many_tags(size: int) -> bytes:
    return _fill("<html><body>", '<p class="a b c d e f g h" id=x data-x=y title=z>t</p>', "", size)


def giant_text(size: int) -> bytes:
    return _fill("<html><body><p>", "Camille Martin data analyst ", "</p></body></html>", size)


def invisible_text(size: int) -> bytes:
    return _fill("<html><body><p>", "\u200b\u200e ", "</p></body></html>", size)


def many_times(size: int) -> bytes:
    return _fill("<html><body>", "<time>2024-01-02</time>", "</body></html>", size)


def nested_times(size: int) -> bytes:
    return _nested('<time datetime="x">', "</time>", size)


def many_links(size: int) -> bytes:
    return _fill("<html><body>", '<a href="/p/1" rel="me">l</a>', "</body></html>", size)


def nested_links(size: int) -> bytes:
    return _nested('<a href="https://x.example/">', "</a>", size)


def many_metas(size: int) -> bytes:
    return _fill("<html><head>", '<meta property="og:title" content="Camille">', "</head>", size)


def phone_like_text(size: int) -> bytes:
    return _fill("<html><body><p>", "06 12 34 56 78 x@y.fr ", "</p></body></html>", size)


def bare_tags(size: int) -> bytes:
    return _fill("<html><body>", "<a>", "", size)


def unclosed_comments(size: int) -> bytes:
    return _fill("<html><body>", "<!--<a", "", size)


def many_forms(size: int) -> bytes:
    unit = '<form action="/login"><input name="user"><input name="user2"></form>'
    return _fill("<html><body>", unit, "</body></html>", size)


def ordinary(size: int) -> bytes:
    unit = (
        '<article class="post"><h2><a href="/post/1">A title</a></h2>'
        "<p>Camille Martin writes about SQL, Python and dashboards in Lyon.</p>"
        '<time datetime="2024-03-01">1 March 2024</time></article>\n'
    )
    return _fill("<!doctype html><html lang=en><head><title>Blog</title></head><body>", unit,
                 "</body></html>", size)  # fmt: skip


PAGES: dict[str, Callable[[int], bytes]] = {
    f.__name__: f
    for f in (
        ordinary,
        deep_divs,
        nested_passwords,
        passwords_no_form,
        many_forms,
        nested_hcards,
        hcards_empty_tags,
        json_ld_graph,
        json_ld_deep,
        many_attributes,
        bare_attributes,
        voids_and_end_tags,
        attributes_on_many_tags,
        giant_text,
        invisible_text,
        many_times,
        nested_times,
        many_links,
        nested_links,
        many_metas,
        phone_like_text,
        bare_tags,
        unclosed_comments,
    )
}

# Run in a child interpreter: builds one page, analyses it, prints the figures as JSON.
_CHILD = r"""
import datetime as dt, json, resource, sys, time
sys.setrecursionlimit(10_000)
sys.path.insert(0, {bench!r})
from bench_extract import PAGES
from ereputation.checks import run_checks
from ereputation.checks.base import CheckContext, Visit
from ereputation.checks.catalogue import default_templates
from ereputation.config import DeclaredProfile, Person
from ereputation.recruiter import catalogue, lexicon
from ereputation.web.extract import extract
from ereputation.web.pagekind import classify_page

url = "https://camille.example/"
network = catalogue().identify(url)
ctx = CheckContext(
    person=Person(name="Camille Martin", target_role="Data analyst", keywords=("SQL",)),
    language="en", templates=default_templates(), lexicon=lexicon(), today=dt.date(2026, 12, 1),
)
# Warm up the code paths on a tiny page, so the figures are the page's own cost.
small = extract(b"<p>x</p>", content_type="text/html", charset=None, base_url=url)
body = PAGES[{name!r}]({size})
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
facts = extract(body, content_type="text/html", charset=None, base_url=url)
extracted = time.perf_counter()
kind, _ = classify_page(network, http_status=200, final_url=url, redirects=(), facts=facts)
visit = Visit(DeclaredProfile(url), network, "ok", "page loaded", None, facts)
run_checks([visit], ctx)
ended = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{
    "extract_s": extracted - started, "total_s": ended - started,
    "peak_mb": max(0, peak - before) / 1000, "kind": kind,
    "partly": facts.markup_truncated or facts.text_truncated, "errors": list(facts.errors),
}}))
"""


def measure(name: str, size: int, timeout: float) -> dict[str, object]:
    code = _CHILD.format(bench=str(Path(__file__).parent), name=name, size=size)
    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=timeout,
            env={"PYTHONPATH": str(SRC)},
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"failed": f"over {timeout:.0f} s"}
    if done.returncode != 0:
        return {"failed": (done.stderr.strip().splitlines() or ["?"])[-1][:60]}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str]) -> int:
    names = [a for a in argv if not a.startswith("-")] or list(PAGES)
    timeout = float(os.environ.get("BENCH_TIMEOUT", "120"))
    print(f"{'page':<24}{'size':>6}{'extract s':>11}{'total s':>9}{'peak MB':>9}  partly  kind")
    worst_time = worst_memory = 0.0
    failed = False
    for name in names:
        for size in SIZES:
            r = measure(name, size, timeout)
            label = f"{size // MB} MB"
            if "failed" in r:
                failed = True
                print(f"{name:<24}{label:>6}  FAILED: {r['failed']}")
                continue
            total, peak = float(str(r["total_s"])), float(str(r["peak_mb"]))
            worst_time, worst_memory = max(worst_time, total), max(worst_memory, peak)
            print(
                f"{name:<24}{label:>6}{float(str(r['extract_s'])):>11.3f}{total:>9.3f}"
                f"{peak:>9.1f}  {'yes' if r['partly'] else 'no':<6}  {r['kind']}"
            )
    print(f"worst: {worst_time:.3f} s, {worst_memory:.1f} MB (target: under 1 s and 100 MB)")
    ok = not failed and worst_time < 1.0 and worst_memory < 100
    print("target met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
