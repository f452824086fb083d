"""reelpress: a film critic's reviews → EPUB 3 and print-ready PDF volumes."""

__version__ = "0.1.0"
