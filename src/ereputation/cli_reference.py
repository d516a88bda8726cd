"""docs/cli.md, generated from the Click commands: `python -m ereputation.cli_reference`.

A test regenerates it and compares, so the reference never drifts from the code.
"""

from __future__ import annotations

import click

from ereputation.cli import EXIT_CODES, main

WIDTH = 100  # fixed, so the text does not depend on the terminal that generates it

HEADER = """# Command-line reference

Generated from the commands' own help by `python -m ereputation.cli_reference > docs/cli.md`;
a test checks it is up to date. `ereputation COMMAND --help` prints the same text.

The CLI's own messages (errors, "Report written to", `--fail-under`) follow the report language:
`--lang`, else the config's `person.language`, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`
starting with `fr` gives French). Click's own usage errors stay in English.
`EREPUTATION_CHROMIUM` names the browser that prints PDF reports (default: `/usr/bin/chromium`,
else one on `PATH`, else WeasyPrint).
"""


def _commands(
    command: click.Command, parent: click.Context | None = None
) -> list[tuple[str, click.Context]]:
    name = "ereputation" if parent is None else command.name or ""
    ctx = command.make_context(
        name,
        [],
        parent=parent,
        resilient_parsing=True,
        terminal_width=WIDTH,
        max_content_width=WIDTH,
    )
    found = [(ctx.command_path, ctx)]
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            found += _commands(sub, ctx)
    return found


def reference() -> str:
    parts = [HEADER]
    for path, ctx in _commands(main):
        parts.append(f"## `{path}`\n\n```text\n{ctx.command.get_help(ctx)}\n```\n")
    rows = "\n".join(f"| {code} | {meaning} |" for code, meaning in EXIT_CODES)
    parts.append(f"## Exit codes\n\n| code | meaning |\n|---|---|\n{rows}\n")
    return "\n".join(parts)


if __name__ == "__main__":  # pragma: no cover - exercised by the docs test through reference()
    click.echo(reference(), nl=False)
