from datetime import date

import pytest

from claimcheck.errors import InputError
from claimcheck.ingest import collect_paths, load_articles, parse_article


def test_front_matter_and_offsets():
    text = "---\ntitle: T\nsource: Wire\npublished: 2025-03-04\nurl: https://x\n---\nHeadline here\n\nBody one.\nBody two.\n"
    article = parse_article("a.md", text)
    assert (article.title, article.source, article.published, article.url) == (
        "T",
        "Wire",
        date(2025, 3, 4),
        "https://x",
    )
    assert [p.text for p in article.paragraphs] == ["Headline here", "Body one.", "Body two."]
    assert all(text[p.start : p.end] == p.text for p in article.paragraphs)
    assert article.paragraphs[0].headline and not article.paragraphs[1].headline
    assert [p.line for p in article.paragraphs] == [7, 9, 10]


def test_wrapped_lines_join_into_one_paragraph():
    article = parse_article(
        "a.txt", "The council said on Monday that\nthe bridge would close.\n\nNext one.\n"
    )
    assert len(article.paragraphs) == 2
    assert article.paragraphs[0].text == "The council said on Monday that\nthe bridge would close."


def test_fact_box_label_is_context():
    article = parse_article(
        "a.txt", "Facts:\nCapacity: 45,000 seats.\nIPO Cancellation: An IPO was canceled.\n"
    )
    heading, capacity, ipo = article.paragraphs
    assert heading.headline and heading.label is None
    assert capacity.label == "Capacity" and capacity.text[capacity.label_end :] == "45,000 seats."
    assert ipo.label == "IPO Cancellation"


def test_markdown_markers_and_comments_are_not_text():
    article = parse_article("a.md", "# Big news\n\n<!-- claimcheck-disable -->\n- First point here.\n")
    assert [p.text for p in article.paragraphs] == ["Big news", "First point here."]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"\x00\x01binary", "binary file"),
        ("caf\u00e9 cr\u00e8me".encode("latin-1"), "not UTF-8"),
        (b"---\ntitle: [unclosed\n---\nBody.\n", "malformed front matter"),
        (b"---\ntitle: x\nBody without closing\n", "never closed"),
        (b"---\npublished: someday\n---\nBody.\n", "not a date"),
        (b"---\n- a list\n---\nBody.\n", "not a mapping"),
    ],
)
def test_bad_files_are_reported_with_a_reason(tmp_path, content, message):
    bad = tmp_path / "bad.md"
    bad.write_bytes(content)
    with pytest.raises(InputError, match=message) as caught:
        load_articles([str(bad)])
    assert str(bad) in str(caught.value)


def test_one_bad_file_among_good_ones_is_reported_and_the_rest_read(tmp_path):
    (tmp_path / "good.md").write_text("Something happened today.\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00")
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF")
    articles, problems = load_articles([str(tmp_path)])
    assert [a.doc for a in articles] == [str(tmp_path / "good.md")]
    assert [p.doc for p in problems] == [str(tmp_path / "bad.txt")]


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_articles([str(tmp_path / "nope.md")])
    with pytest.raises(InputError, match="holds no .md"):
        load_articles([str(tmp_path)])
    files, problems = collect_paths([str(tmp_path), str(tmp_path / "nope")])
    assert files == () and len(problems) == 2


def test_stdin_article():
    articles, problems = load_articles(["-"], stdin_text="A quake hit the city on Monday.\n")
    assert articles[0].doc == "-" and problems == ()
