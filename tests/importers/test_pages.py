"""`import html` on pages as they are found: XML declarations, XHTML, other charsets, exports by mistake."""

from __future__ import annotations

import codecs

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from exports import make_zip
from reelpress.cli import main
from reelpress.errors import InputError
from reelpress.importers import Options, run, webpage

XHTML = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><title>Ugetsu</title>
<link rel="canonical" href="https://adalinden.example.com/ugetsu/"/></head>
<body><article><h1>Ugetsu</h1><p>Mizoguchi's ghosts<a id="n1"/> are patient.</p><div/>
<p>The potter comes home to a wife who is not there.</p></article></body></html>
"""


def imported(tmp_path, data: bytes, name: str = "page.html"):
    path = tmp_path / name
    path.write_bytes(data)
    volume = tmp_path / "v"
    rows = run("html", [path], volume, Options(author="Ada"))
    return rows, "".join(p.read_text() for p in sorted((volume / "reviews").glob("*.md")))


def test_a_page_with_an_xml_declaration_imports_through_the_command(tmp_path):
    """Before: `ValueError: Unicode strings with encoding declaration are not supported`, a traceback."""
    path = tmp_path / "ugetsu.xhtml"
    path.write_text(XHTML, encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "html", str(path), "--into", str(tmp_path / "v"), "--author", "A"])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    source = (tmp_path / "v" / "reviews" / "01-ugetsu.md").read_text()
    assert "source_url: https://adalinden.example.com/ugetsu/" in source


def test_xhtml_self_closing_tags_do_not_swallow_what_follows(tmp_path):
    _, source = imported(tmp_path, XHTML.encode())
    body = source.split("---\n", 2)[2]
    assert body == "\nMizoguchi's ghosts are patient.\n\nThe potter comes home to a wife who is not there.\n"


@pytest.mark.parametrize("declared, encoding", [
    ('<?xml version="1.0" encoding="ISO-8859-1"?>', "latin-1"),
    ('<meta charset="windows-1252">', "cp1252"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', "cp1252"),
])
def test_declared_charsets_are_read(tmp_path, declared, encoding):
    page = f"{declared}<html><head><title>Café Society</title></head><body><p>Déjà vu, naïve.</p></body></html>"
    _, source = imported(tmp_path, page.encode(encoding))
    assert "title: Café Society" in source and "Déjà vu, naïve." in source


def test_utf16_with_a_bom_and_undeclared_windows_1252(tmp_path):
    page = "<html><body><h1>Crème</h1><p>Brûlée.</p></body></html>"
    _, source = imported(tmp_path, codecs.BOM_UTF16_LE + page.encode("utf-16-le"))
    assert "Brûlée." in source
    rows, source = imported(tmp_path / "b", page.encode("cp1252")) if (tmp_path / "b").mkdir() is None else None
    assert "Brûlée." in source
    assert rows[0].warnings == ["RP010 the page declares no charset and is not UTF-8; read as Windows-1252"]


@pytest.mark.parametrize("data, says", [
    (b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">'
     b"<channel><item><title>A</title></item></channel></rss>", "this is a WordPress export (WXR)"),
    (b"<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom' "
     b"xmlns:blogger='http://schemas.google.com/blogger/2008'><generator>Blogger</generator></feed>",
     "this is a Blogger export"),
    (make_zip({"posts.csv": b"post_id\n"}), "a Substack export with `reelpress import substack`"),
    (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>', "a news feed"),
])
def test_an_export_given_by_mistake_is_named(tmp_path, data, says):
    path = tmp_path / "export.xml"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        run("html", [path], tmp_path / "v", Options(author="A"))
    assert caught.value.diagnostics[0].code == "RP078" and says in str(caught.value)


def test_an_internal_dtd_subset_is_never_expanded(tmp_path):
    page = ('<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Before &x; after.</p></body></html>')
    _, source = imported(tmp_path, page.encode())
    assert "root:" not in source and "Before" in source


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=400),
                 st.text(max_size=300).map(lambda t: f'<?xml version="1.0" encoding="UTF-8"?><html>{t}'.encode()),
                 st.sampled_from([XHTML.encode()]).flatmap(
                     lambda d: st.integers(0, len(d)).map(lambda n: d[:n]))))
def test_any_bytes_are_a_page_or_a_clean_error(tmp_path, data):
    """The html importer's fuzz harness in the test suite: never a traceback."""
    path = tmp_path / "fuzz.html"
    path.write_bytes(data)
    try:
        webpage.posts(path)
    except InputError as error:
        assert all(d.code.startswith("RP") for d in error.diagnostics)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode),
                 st.sampled_from([b"<?", b"<!-- -->", b'<?xml version="1.0" encoding="UTF-8"?><p>x</p>',
                                  b'<div class="tweet" data-attrs="[1,2]"></div>',
                                  b'<div class="image-gallery-embed" data-attrs="{&quot;gallery&quot;:7}"></div>',
                                  b'<p>[^1] x</p><p>[^1]: y</p><p>[^1]: z</p>',
                                  b'<span class="mention-wrap" data-attrs="{&quot;name&quot;:5}"></span>'])))
def test_any_post_in_an_export_is_a_post_or_a_clean_error(tmp_path, data):
    """The Medium and Substack importers' harness in the suite: a well-formed zip, any post content."""
    from reelpress.importers import medium, substack
    path = tmp_path / "export.zip"
    path.write_bytes(make_zip({"posts/2020-01-01_A-aaaaaaaaaaaa.html": data, "posts/1.a.html": data,
                               "posts.csv": b"post_id,is_published,title\n1.a,true,A\n"}))
    for read in (lambda: medium.posts(path, drafts=True),
                 lambda: substack.posts(path, publication_url="https://x.example.com")):
        try:
            for post in read():
                run_cleaning(post)
        except InputError as error:
            assert all(d.code.startswith("RP") for d in error.diagnostics)


def run_cleaning(post) -> None:
    from reelpress.importers.cleanup import Cleaning, clean
    from reelpress.importers.markdown_out import review_source
    clean(post.body, Cleaning(None), lambda code, message: None)
    review_source(post, "fuzz")


def test_an_export_given_to_the_other_platform_is_named(tmp_path):
    from exports import medium_zip, substack_zip
    medium, substack = tmp_path / "medium.zip", tmp_path / "substack.zip"
    medium.write_bytes(medium_zip())
    substack.write_bytes(substack_zip())
    for platform, source, says in (("medium", substack, "use `reelpress import substack`"),
                                   ("substack", medium, "use `reelpress import medium`")):
        with pytest.raises(InputError) as caught:
            run(platform, [source], tmp_path / "v", Options(author="A", publication_url="https://x.example.com"))
        assert caught.value.diagnostics[0].code == "RP078" and says in str(caught.value)
