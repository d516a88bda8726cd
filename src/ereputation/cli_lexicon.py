"""`ereputation lexicon check FILE`: a counsellor's own word list, validated and tried on the
labelled corpus before `audit --lexicon FILE` uses it.

A thin shell: `detect.lexicon_merge` merges, `detect.lexicon_check` compares; registered on the
main group when `cli` is imported.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ereputation.cli import (
    _format_option,
    _language_option,
    cli_language,
    echo_stdout,
    main,
    reports_input_errors,
)

if TYPE_CHECKING:
    from ereputation.detect.lexicon_check import LexiconCheck
    from ereputation.detect.risk_terms import Lexicon
    from ereputation.i18n import Language


@main.group(short_help="Check a counsellor's own risk word list before an audit uses it.")
def lexicon() -> None:
    """A counsellor's own risk word list: the bundled list's format (docs/detection.md,
    "Extending the lexicon"). It adds categories and terms; it never removes bundled ones."""


@lexicon.command("check", short_help="Validate a word list and show what it gains on the corpus.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--corpus",
    "corpus_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A labelled corpus in the bundled one's format. Default: the bundled corpus.",
)
@_format_option()
@_language_option("Language of the text form. Default: from the locale.")
@reports_input_errors
def lexicon_check(
    file: Path, corpus_path: Path | None, output_format: str, language: Language | None
) -> None:
    """Validate FILE (every problem with its key path, exit status 2), then run the bundled
    lexicon alone and merged with FILE on the labelled corpus: print the posts FILE newly
    catches per category and language, the new false alarms it raises (post id, language,
    masked excerpt) and a verdict. Exit status 0 whatever the verdict."""
    from ereputation.detect.corpus import load_corpus
    from ereputation.detect.lexicon_check import check_on_corpus
    from ereputation.detect.lexicon_merge import merge_lexicons, term_count
    from ereputation.detect.risk_terms import load_lexicon
    from ereputation.recruiter import lexicon as bundled_lexicon

    lang = cli_language(language)
    extra = load_lexicon(file)
    base = bundled_lexicon()
    merge = merge_lexicons(base, extra, str(file))
    result = check_on_corpus(base, merge, load_corpus(corpus_path))
    if output_format == "json":
        data = check_json(result, file.name, term_count(extra))
        echo_stdout(json.dumps(data, ensure_ascii=False, indent=2), lang)
    else:
        echo_stdout(check_text(result, file.name, merge.lexicon, lang), lang)


def check_json(result: LexiconCheck, name: str, terms: int) -> dict[str, Any]:
    """The check for tools: the same facts as the text, without words."""
    return {
        "file": name,
        "terms": terms,
        "added": result.added,
        "repeated": [{"category": c, "lang": la, "term": t} for c, la, t in result.repeated],
        "verdict": result.verdict,
        "recall": {"before": result.before.recall(), "after": result.after.recall()},
        "harmless_flagged": {
            "before": len(result.before.harmless_flagged()),
            "after": len(result.after.harmless_flagged()),
        },
        "gains": [
            {
                "category": g.category,
                "lang": g.lang,
                "caught": list(g.caught),
                "expected": g.expected,
                "found_before": g.found_before,
                "found_after": g.found_after,
            }
            for g in result.gains
        ],
        "false_alarms": [
            {
                "post": a.post,
                "lang": a.lang,
                "category": a.category,
                "harmless": a.harmless,
                "term": a.term,
                "excerpt_masked": a.excerpt_masked,
            }
            for a in result.alarms
        ],
        "unmeasured": list(result.unmeasured),
    }


def check_text(result: LexiconCheck, name: str, merged: Lexicon, lang: Language) -> str:
    from ereputation.messages import messages
    from ereputation.textsafe import one_line

    words = messages(lang)

    def label(category: str) -> str:
        try:
            return merged.category(category).label.get(lang) or category
        except KeyError:
            return category

    def pct(value: float) -> str:  # one decimal: a few posts out of 300 is a fraction of a point
        shown = f"{value * 100:.1f}"
        return shown.replace(".", ",") if lang == "fr" else shown

    lines = [
        words["lexicon_check_head"].format(
            file=one_line(name), added=result.added, repeated=len(result.repeated)
        ),
        words["lexicon_check_corpus"].format(
            posts=len(result.after.posts),
            before=pct(result.before.recall()),
            after=pct(result.after.recall()),
            flagged_before=len(result.before.harmless_flagged()),
            flagged_after=len(result.after.harmless_flagged()),
        ),
    ]
    if result.repeated:
        shown = ", ".join(one_line(t) for _, _, t in result.repeated)
        lines.append(words["lexicon_check_repeated"].format(terms=shown))
    lines.append(words["lexicon_check_gains" if result.gains else "lexicon_check_no_gain"])
    lines += [
        words["lexicon_check_gain"].format(
            category=label(g.category),
            lang=g.lang,
            count=len(g.caught),
            before=g.found_before,
            after=g.found_after,
            expected=g.expected,
            posts=", ".join(g.caught),
        )
        for g in result.gains
    ]
    lines.append(words["lexicon_check_alarms" if result.alarms else "lexicon_check_no_alarm"])
    lines += [
        words["lexicon_check_alarm" if a.harmless else "lexicon_check_alarm_wrong"].format(
            post=a.post,
            lang=a.lang,
            category=label(a.category),
            term=one_line(a.term),
            excerpt=one_line(a.excerpt_masked),
        )
        for a in result.alarms
    ]
    lines += [
        words["lexicon_check_unmeasured"].format(category=label(c)) for c in result.unmeasured
    ]
    lines.append(words[f"lexicon_check_verdict_{result.verdict}"])
    return "\n".join(lines)
