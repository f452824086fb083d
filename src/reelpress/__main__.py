"""The `reelpress` command (and `python -m reelpress`): the command line, then a quick exit."""

from __future__ import annotations

import os
import sys


def run() -> None:
    """Run the command line and end the process without tearing the interpreter down.

    By the time a command returns, every output has been written, renamed into place and closed, and
    every worker pool shut down. Freeing each module and object one by one after that took 25-50 ms,
    a fifth of a rebuild after an edit. mypy ends its command the same way. An exception that escapes
    the command (a bug) still ends the usual way, with its traceback, and so does a run under a
    profiler or a coverage tracer (they write their results at exit)."""
    from reelpress.cli import main

    try:
        main()
    except SystemExit as stop:  # how click ends every command, with the exit status
        code = stop.code
    else:
        code = 0
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`| head`): Python's own exit says 120
            code = code or 120
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)
    os._exit(code or 0)


if __name__ == "__main__":
    run()
