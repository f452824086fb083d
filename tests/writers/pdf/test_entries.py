"""Index entries in the PDF's book tree: names and the locators next to them glued, titles free to break."""

from __future__ import annotations

import lxml.etree as etree

from reelpress.writers.pdf import entries

NBSP = "\u00a0"
XHTML = "http://www.w3.org/1999/xhtml"


def _index(anchor: str, items: str):
    root = etree.fromstring(f'<html xmlns="{XHTML}"><body><section class="index" id="{anchor}">'
                            f'<section class="index-group"><ul>{items}</ul></section></section></body></html>')
    entries.keep_together(root)
    return ["".join(li.itertext()) for li in root.iter(f"{{{XHTML}}}li")]


def test_a_films_entry_keeps_the_director_whole_and_the_locator_with_it():
    found = _index("index-films", '<li><span class="term">Bicycle Thieves</span> (1948), Vittorio De Sica, '
                                  '<a data-target="#a"></a></li>')
    assert found == [f"Bicycle Thieves (1948), Vittorio{NBSP}De{NBSP}Sica,{NBSP}"]


def test_the_last_locator_is_held_to_the_one_before_it_and_the_middle_ones_may_break():
    found = _index("index-films", '<li><span class="term">Vertigo</span> (1958), <a/>; <a/>; <a/></li>')
    assert found == [f"Vertigo (1958),{NBSP}; ;{NBSP}"]


def test_directors_are_names_and_their_films_are_titles():
    found = _index("index-directors", '<li><span class="term">De Sica, Vittorio</span>\n<ul>'
                                      '<li><span class="term">Bicycle Thieves</span> (1948), <a/></li></ul></li>')
    assert found[0].startswith(f"De{NBSP}Sica,{NBSP}Vittorio")
    assert found[1] == f"Bicycle Thieves (1948),{NBSP}"


def test_a_see_entry_glues_only_its_locator():
    found = _index("index-films", '<li><span class="term">Иди и смотри</span> → <span class="see">Come and See</span>'
                                  ', <a/></li>')
    assert found == [f"Иди и смотри → Come and See,{NBSP}"]
