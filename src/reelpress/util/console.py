"""What the command line prints of a result: problems one per line, sizes, and the one decorator that
turns a command's ReelpressError into its diagnostics and its exit code (cli.py uses it everywhere)."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from reelpress.errors import ReelpressError, UsageProblem


def reports_problems(failed: str | None = None):
    """Every command's problems, one way: a ReelpressError prints its diagnostics (and `failed`, formatted
    with the command's arguments) and exits with its code; a UsageProblem is click's usage error."""
    def decorate(command):
        @functools.wraps(command)
        def run(**arguments):
            try:
                return command(**arguments)
            except UsageProblem as problem:
                raise click.UsageError(str(problem)) from problem
            except ReelpressError as error:
                sys.exit(report_failure(error, failed.format(**arguments) if failed else None))
        return run
    return decorate


def print_diagnostics(diagnostics) -> None:
    """One line per problem, paths shown relative to the current folder when they are inside it."""
    here = Path.cwd()
    for item in diagnostics:
        line = str(item)
        path = Path(item.path)
        if path.is_absolute() and path.is_relative_to(here):
            line = str(path.relative_to(here)) + line[len(item.path):]
        click.echo(line, err=True)


def report_failure(error: ReelpressError, message: str | None = None) -> int:
    """Print a failed command's diagnostics and what failed; its exit code."""
    print_diagnostics(error.diagnostics)
    if message:
        click.echo(message, err=True)
    return error.exit_code


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"
