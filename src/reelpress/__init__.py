"""reelpress: a film critic's reviews → EPUB 3 and print-ready PDF volumes."""

from pathlib import Path

__version__ = "0.1.0"


def templates_dir() -> Path:
    """templates/ of a source checkout, or the copy packaged inside an installed wheel."""
    packaged = Path(__file__).resolve().parent / "templates"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "templates"
