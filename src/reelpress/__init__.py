"""reelpress: a film critic's reviews → EPUB 3 and print-ready PDF volumes."""

from pathlib import Path

__version__ = "0.1.0"


def templates_dir() -> Path:
    """templates/ of a source checkout, or the copy packaged inside an installed wheel."""
    packaged = Path(__file__).resolve().parent / "templates"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "templates"


def code_digest() -> str:
    """reelpress's version and a digest of its own source files: what every cache key starts with,
    so a cache never outlives the code that filled it (an edited checkout included)."""
    global _CODE_DIGEST
    if _CODE_DIGEST is None:
        import hashlib

        digest = hashlib.sha256(__version__.encode())
        for path in sorted(Path(__file__).resolve().parent.rglob("*.py")):
            digest.update(path.name.encode() + path.read_bytes())
        _CODE_DIGEST = digest.hexdigest()
    return _CODE_DIGEST


_CODE_DIGEST = None
