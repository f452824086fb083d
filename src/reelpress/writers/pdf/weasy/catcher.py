"""What WeasyPrint logs at WARNING or above, caught so that the build can fail on it: a missing
image or font is only a log line to WeasyPrint, and a book with one is not the book asked for."""

from __future__ import annotations

import logging


class Warnings(logging.Handler):
    """Collects what WeasyPrint logs at WARNING or above while installed (a `with` block).

    One message is about the machine, not the book: without HarfBuzz's subsetter WeasyPrint subsets
    fonts with fontTools instead (same result, slower) and says so; that one is not a failure.
    """

    HARMLESS = ("Using fontTools instead of HarfBuzz-Subset",)

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        message = record.getMessage()
        if not message.startswith(self.HARMLESS):
            self.messages.append(message)

    def __enter__(self):
        logging.getLogger("weasyprint").addHandler(self)
        return self

    def __exit__(self, *exc):
        logging.getLogger("weasyprint").removeHandler(self)
