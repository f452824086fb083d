"""Coverage-guided fuzzing of every importer (atheris): zip parsing, Medium, Substack, WordPress, Blogger,
Ghost and Letterboxd exports, saved pages.

    .venv/bin/python tools/fuzz/fuzz_import.py -max_total_time=600 [CORPUS_DIR]

Seed the corpus with real-looking exports: `python tools/fuzz/fuzz_import.py --seed CORPUS_DIR`.
Any exception other than reelpress's InputError is a bug.
"""

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["reelpress"]):
    from reelpress.errors import InputError
    from reelpress.commands.imports import blogger, ghost, letterboxd, medium, substack, webpage, wordpress

FOLDER = Path(tempfile.mkdtemp(prefix="reelpress-fuzz-"))


def test_one_input(data: bytes) -> None:
    archive = FOLDER / "export.zip"
    archive.write_bytes(data)
    page = FOLDER / "page.html"
    page.write_bytes(data)
    for read in (lambda: medium.posts(archive, drafts=True),
                 lambda: substack.posts(archive, publication_url="https://fuzz.example.com"),
                 lambda: letterboxd.posts(archive),
                 lambda: webpage.posts(page), lambda: wordpress.posts(page, drafts=True, pages=True),
                 lambda: blogger.posts(page, drafts=True), lambda: ghost.posts(page, drafts=True)):
        try:
            read()
        except InputError:
            pass


def seed(corpus: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "importers"))
    import exports
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / "medium.zip").write_bytes(exports.medium_zip())
    (corpus / "substack.zip").write_bytes(exports.substack_zip())
    import exports_blogs
    import exports_ghost
    (corpus / "wordpress.xml").write_bytes(exports_blogs.wxr())
    (corpus / "blogger.xml").write_bytes(exports_blogs.blogger_backup())
    (corpus / "letterboxd.zip").write_bytes(exports_blogs.letterboxd_zip())
    (corpus / "ghost.json").write_bytes(exports_ghost.ghost_json())


if __name__ == "__main__":
    if sys.argv[1:2] == ["--seed"]:
        seed(Path(sys.argv[2]))
    else:
        atheris.Setup(sys.argv, test_one_input)
        atheris.Fuzz()
