"""Indexes sort the way the book's language does: articles per language, alphabets tailored,
director_sort, and the original titles as cross-references."""

from __future__ import annotations

from pathlib import Path

from reelpress.book.collation import Collator
from reelpress.book.indexes import build_indexes, filed_as
from reelpress.config import IndexSettings
from reelpress.model import Review, ReviewMeta


def order(language: str, titles: list[str], articles=None) -> list[str]:
    collator = Collator(language, articles)
    return sorted(titles, key=collator.key)


def test_leading_articles_by_language():
    assert Collator("fr").letter("La Haine") == "H"
    assert Collator("fr").letter("L’Argent") == "A"
    assert Collator("en").letter("La Haine") == "L"
    assert Collator("de").letter("Der Himmel über Berlin") == "H"
    assert Collator("it").letter("L'avventura") == "A"
    assert Collator("es").letter("El espíritu de la colmena") == "E"  # "El" dropped, then espíritu
    assert Collator("en").letter("The Third Man") == "T"
    assert Collator("en", ("the",)).strip_article("The Third Man") == "Third Man"
    assert Collator("fr", ()).letter("La Haine") == "L"  # [indexes] articles = [] sorts every word


def test_accents_sort_with_their_letter_in_french():
    assert order("fr", ["Zazie", "Été", "Ève", "Eau"]) == ["Eau", "Été", "Ève", "Zazie"]


def test_swedish_and_danish_letters_come_after_z():
    assert order("sv", ["Ödet", "Zorn", "Ägget", "Åsa", "Anna"]) == ["Anna", "Zorn", "Åsa", "Ägget", "Ödet"]
    assert order("da", ["Øen", "Zulu", "Æblet", "Åen"]) == ["Zulu", "Æblet", "Øen", "Åen"]
    assert order("de", ["Ödipus", "Zorn", "Oben"]) == ["Oben", "Ödipus", "Zorn"]
    assert Collator("sv").letter("Åsa") == "Å" and Collator("de").letter("Ödipus") == "O"


def test_spanish_n_tilde_after_n():
    assert order("es", ["Ñu", "Nube", "Oso"]) == ["Nube", "Ñu", "Oso"]


def test_hangul_files_under_its_first_consonant():
    assert Collator("en").letter("기생충") == "ㄱ"


def _review(anchor: str, **meta) -> Review:
    return Review(slug=anchor, path=Path(f"{anchor}.md"), meta=ReviewMeta(**meta), body=None)


def test_original_titles_are_cross_references_and_director_sort_is_obeyed():
    reviews = [_review("seven-samurai", title="T", film="Seven Samurai", year=1954, director="Akira Kurosawa",
                       original_title="七人の侍", original_language="ja"),
               _review("haine", title="U", film="La Haine", year=1995, director="Mathieu Kassovitz"),
               _review("boonmee", title="V", film="Uncle Boonmee", director="Apichatpong Weerasethakul",
                       director_sort="Apichatpong Weerasethakul")]
    films, directors = build_indexes(reviews, IndexSettings(), language="fr")[:2]
    entries = [(group.label, entry.term, entry.see, entry.lang) for group in films.groups for entry in group.entries]
    assert entries == [("H", "La Haine", None, None), ("S", "Seven Samurai", None, None),
                       ("U", "Uncle Boonmee", None, None), ("七", "七人の侍", "Seven Samurai", "ja")]
    assert [e.term for g in directors.groups for e in g.entries] == [
        "Apichatpong Weerasethakul", "Kassovitz, Mathieu", "Kurosawa, Akira"]
    assert filed_as(reviews[0]) == ["Kurosawa, Akira"]
