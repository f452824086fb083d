"""Small helpers for writing test volumes and reading results."""

from __future__ import annotations

import io
import textwrap

MINIMAL_CONFIG = 'title = "Test Volume"\nauthor = "A. Critic"\n'


def review(title: str = "A Review", body: str = "Some text.", **meta) -> str:
    """A Markdown review source with front matter."""
    lines = ["---", f"title: {title}"] + [f"{key}: {value}" for key, value in meta.items()] + ["---", ""]
    return "\n".join(lines) + textwrap.dedent(body).strip() + "\n"


def png_bytes(width: int = 40, height: int = 30) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#336699").save(buffer, format="PNG")
    return buffer.getvalue()


def stop_process(*args) -> None:
    """Stands in for a function a worker process runs: the worker dies at once, as if killed."""
    import os

    os._exit(9)
