"""The command line's `import` commands (filled in by issue 16)."""

from __future__ import annotations


def add_commands(commands, parser_class, output_options) -> None:
    """Adds the `import` command to `commands` (argparse subparsers of the main parser)."""


def run(args, login) -> int:
    raise NotImplementedError
