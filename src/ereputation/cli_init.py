"""`ereputation init`: the interview that writes a profile config, and the follow-up interview
that edits one in place (`--update`). Registered on the main group when `cli` is imported.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from ereputation.cli import (
    UserError,
    _checklist_option,
    _language_option,
    _say,
    cli_language,
    echo_stdout,
    main,
    reports_input_errors,
)

if TYPE_CHECKING:
    from ereputation.i18n import Language

logger = logging.getLogger(__name__)


@main.command(short_help="Interview a person and write their profile config.")
@click.argument(
    "path", type=click.Path(dir_okay=False, path_type=Path), default=Path("profile.toml")
)
@_language_option("Language of the questions and of future reports.")
@_checklist_option()
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@click.option(
    "--update",
    is_flag=True,
    help="Follow-up interview: ask only the unanswered questions (and those of --item) and edit "
    "PATH in place, keeping every other answer and its comments.",
)
@click.option(
    "--item",
    "items",
    multiple=True,
    metavar="ID",
    help="With --update: ask this checklist question again, even if answered (repeatable).",
)
@reports_input_errors
def init(
    path: Path,
    language: Language | None,
    checklist_path: Path | None,
    force: bool,
    update: bool,
    items: tuple[str, ...],
) -> None:
    """Interview a person and write their profile config to PATH (default: profile.toml).

    Asks about the person, their trade (the one inferred from the role and keywords is the
    default; see `trades list`) and whether they are changing trade, then the checklist questions,
    in the chosen language; any optional question can be skipped. When a counsellor is named, also
    asks the consent date, what the client agreed to and how long their data is kept. The file is
    created readable by its owner only, and never overwritten without --force.

    With --update, a follow-up interview on an existing PATH: only the unanswered questions and
    those named by --item are asked (Enter keeps the current answer); the rest of the file, its
    comments included, is left byte for byte as it was.
    """
    if update:
        _init_update(path, language, checklist_path, items)
        return
    if items:
        lang = cli_language(language)
        raise UserError(_say(lang, "item_needs_update"), lang)
    import datetime as dt

    from ereputation.checklist import load_checklist
    from ereputation.config import parse_profile
    from ereputation.interview import conduct, to_toml
    from ereputation.messages import messages
    from ereputation.output import write_atomic
    from ereputation.resources import default_checklist_path
    from ereputation.tomlfile import tomllib

    if path.exists() and not force:
        lang = cli_language(language)
        raise UserError(_say(lang, "already_exists", path=path), lang)
    checklist = load_checklist(checklist_path or default_checklist_path())
    if language is None:
        language = cast(
            "Language",
            click.prompt(
                "Langue / language",
                type=click.Choice(["fr", "en"]),
                default=cli_language(None),
                err=True,
            ),
        )

    def ask(prompt: str, default: str) -> str:
        return str(click.prompt(prompt, default=default, show_default=bool(default), err=True))

    def say(text: str) -> None:
        click.echo(text, err=True)

    interview = conduct(checklist, language, ask, say, dt.date.today())
    ref = str(checklist_path.resolve()) if checklist_path else None
    text = to_toml(interview, checklist, ref)
    problems: list[Any] = []
    if parse_profile(tomllib.loads(text), problems) is None or problems:  # a bug, not bad input
        raise click.ClickException(f"the interview produced an invalid config: {problems}")
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        logger.debug("writing %s failed", path, exc_info=True)
        reason = exc.strerror or str(exc)
        raise UserError(
            _say(language, "cannot_write", path=path, reason=reason), language
        ) from None
    m = messages(language)
    echo_stdout(m["interview_written"].format(path=path), language)
    echo_stdout(m["interview_next"].format(path=path), language)


def _init_update(
    path: Path, language: Language | None, checklist_path: Path | None, items: tuple[str, ...]
) -> None:
    """`init --update`: the follow-up interview, written over PATH only if an answer changed."""
    from ereputation.audit import checklist_path_for
    from ereputation.checklist import load_checklist
    from ereputation.config import read_profile
    from ereputation.errors import ConfigError
    from ereputation.followup import follow_up, items_to_ask, with_answers, write_in_place
    from ereputation.messages import messages
    from ereputation.tomlfile import read_text

    text = read_text(path, ConfigError)
    profile, _ = read_profile(path)  # answers are asked again; other problems are audit's
    lang = language or profile.person.language
    checklist = load_checklist(checklist_path_for(profile, checklist_path))
    asked = items_to_ask(profile, checklist, items)
    if not asked:
        echo_stdout(_say(lang, "update_nothing"), lang)
        return
    shown = ", ".join(item.id for item in asked)
    click.echo(_say(lang, "update_asking", count=len(asked), items=shown), err=True)

    def ask(prompt: str, default: str) -> str:
        return str(click.prompt(prompt, default=default, show_default=bool(default), err=True))

    def say(line: str) -> None:
        click.echo(line, err=True)

    done = follow_up(profile, asked, lang, ask, say)
    if done.changed:
        updated = with_answers(text, done.changed, path)
        try:
            write_in_place(path, updated)
        except OSError as exc:
            logger.debug("writing %s failed", path, exc_info=True)
            reason = exc.strerror or str(exc)
            raise UserError(_say(lang, "cannot_write", path=path, reason=reason), lang) from None
    echo_stdout(_say(lang, "update_written", path=path, count=len(done.changed)), lang)
    echo_stdout(messages(lang)["interview_next"].format(path=path), lang)
