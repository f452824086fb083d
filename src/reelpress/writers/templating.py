"""Jinja2 templates shared by the writers, and the small filters the templates use."""

from __future__ import annotations

import functools

import jinja2
from markupsafe import Markup

from reelpress import templates_dir
from reelpress.book import matter, strings
from reelpress.model import Review
from reelpress.util.xhtml import inner_xhtml


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["stars"] = stars
    env.filters["body"] = body_markup
    env.globals["t"] = strings.ENGLISH  # a render with a config gets the book's words instead (render)
    env.filters["platform"] = matter.platform
    env.globals.update(kind_of=matter.kind_of, link_for=matter.link_for, credited=matter.credited,
                       shows_credit=shows_credit, store=None)
    return env


def use_cache(folder) -> None:
    """Keep compiled templates in `folder` for later builds (Jinja2 checks each against its source)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # a cache that cannot be written only costs time
    environment().bytecode_cache = _QuietCache(str(folder))


class _QuietCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates in a folder; a folder gone or full (a temporary build's, a full disk) only
    means they are compiled again."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            pass

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def render(name: str, **context) -> str:
    """`name` rendered; `t` is the words of the config's language unless the caller gives one."""
    if "t" not in context and context.get("config") is not None and hasattr(context["config"], "language"):
        context["t"] = strings.for_config(context["config"])
    return environment().get_template(name).render(**context)


def shows_credit(config, review) -> bool:
    """Whether `review` prints where it first appeared: `[credits] show`, and something to say."""
    return bool(getattr(getattr(config, "credits", None), "show", False)) and matter.credited(review)


def stars(rating: float) -> str:
    """3.5 → '★★★½'; 0 → 'no stars'."""
    whole, half = int(rating), rating % 1 >= 0.5
    if not whole and not half:
        return "no stars"
    return "\u2605" * whole + ("\u00bd" if half else "")


def body_markup(review: Review) -> Markup:
    """A review's normalised body as XHTML, safe to place in a template."""
    return Markup(inner_xhtml(review.body))
