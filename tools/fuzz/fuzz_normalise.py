"""Coverage-guided fuzzing of the HTML normaliser (atheris). Not part of CI's default run.

    .venv/bin/pip install atheris
    .venv/bin/python tools/fuzz/fuzz_normalise.py -max_total_time=600 [CORPUS_DIR]

Any exception other than reelpress's InputError is a bug, and so is output that does not re-parse as
strict XML, has duplicate ids, or still holds active content.
"""

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["reelpress"]):
    from lxml import etree

    from reelpress.config import VolumeConfig
    from reelpress.errors import Collector, InputError
    from reelpress.model import Review, ReviewMeta
    from reelpress.normalise import Context, boilerplate, headings, ids, sanitise, semantics, typography
    from reelpress.util.xhtml import local, parse_html_fragment, strict_parser

PASSES = (sanitise.run, semantics.run, boilerplate.run, headings.run, typography.run, ids.run)
CONFIG = VolumeConfig(title="Fuzz", author="Fuzz")
ACTIVE = {"script", "style", "iframe", "object", "embed", "form", "svg", "math"}


def test_one_input(data: bytes) -> None:
    markup = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    review = Review(slug="fuzz", path=Path("fuzz.html"), meta=ReviewMeta(title="Fuzz", film="Fuzz"), body=None,
                    text=markup)
    try:
        review.body = parse_html_fragment(markup, review.path)
        ctx = Context(review, Path("."), CONFIG, Collector(), films=frozenset({"Fuzz"}))
        for run in PASSES:
            run(review.body, ctx)
    except InputError:
        return
    root = etree.fromstring(etree.tostring(review.body), strict_parser())
    found = [e.get("id") for e in root.iter() if e.get("id") is not None]
    assert len(found) == len(set(found)), found
    for element in root.iter():
        assert local(element) not in ACTIVE, local(element)
        assert not any(str(key).startswith("on") for key in element.attrib), element.attrib
        assert not (element.get("href") or "").strip().lower().startswith(("javascript:", "data:", "file:"))


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
