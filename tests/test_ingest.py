from datetime import date

import pytest

from claimcheck.errors import InputError
from claimcheck.ingest import Limits, collect_paths, load_articles, parse_article


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


def test_a_markdown_heading_is_a_headline_of_one_line_whatever_its_words():
    article = parse_article("a.md", "# Storm Ilka: four dead as Kessby counts the cost\nThe storm passed on Monday.\n")
    heading, body = article.paragraphs
    assert heading.headline and heading.label is None and heading.text.startswith("Storm Ilka:")
    assert body.text == "The storm passed on Monday." and not body.headline


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


# -- issue 10: hostile articles --------------------------------------------------------------

GOOD = "A quake hit the city on Monday.\n"


@pytest.mark.parametrize("published", ["2025-02-30", "2025-13-45", "0000-00-00", '"2025-09-10garbage"'])
def test_impossible_published_date_is_a_problem_of_that_file_only(tmp_path, published):
    """Rows 1 and 19: YAML turned these into a ValueError traceback, or accepted the garbage."""
    (tmp_path / "bad.md").write_text(f"---\npublished: {published}\n---\n{GOOD}", encoding="utf-8")
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    articles, problems = load_articles([str(tmp_path)])
    assert [a.doc for a in articles] == [str(tmp_path / "good.md")]
    assert len(problems) == 1 and "not a date" in problems[0].message


@pytest.mark.parametrize(
    ("published", "day"),
    [
        ("2025-09-10", date(2025, 9, 10)),
        ("2025-09-10T08:30:00Z", date(2025, 9, 10)),
        ("0001-01-01", date(1, 1, 1)),
    ],
)
def test_published_dates_and_timestamps_are_read(published, day):
    assert parse_article("a.md", f"---\npublished: {published}\n---\n{GOOD}").published == day


def test_yaml_alias_bomb_in_front_matter_is_refused_quickly():
    """Row 3: nine levels of nine references took 8.4 GB and two minutes."""
    lines = ["a0: &a0 [lol]"]
    for level in range(1, 10):
        refs = ", ".join(f"*a{level - 1}" for _ in range(9))
        lines.append(f"a{level}: &a{level} [{refs}]")
    text = "---\n" + "\n".join(lines) + "\ntitle: *a9\n---\n" + GOOD
    with pytest.raises(InputError, match="YAML aliases"):
        parse_article("a.md", text)


def test_a_few_aliases_and_a_list_title(tmp_path):
    article = parse_article("a.md", f"---\nsource: &s Wire\noutlet: *s\n---\n{GOOD}")
    assert article.source == "Wire"
    with pytest.raises(InputError, match="not text"):
        parse_article("a.md", f"---\ntitle: [a, b]\n---\n{GOOD}")


def test_front_matter_over_its_limit_is_refused():
    big = "---\n" + "".join(f"k{n}: {'x' * 60}\n" for n in range(2000)) + "---\n" + GOOD
    with pytest.raises(InputError, match="max_front_matter_kb"):
        parse_article("a.md", big, Limits(max_front_matter_kb=64))
    assert parse_article("a.md", big, Limits(max_front_matter_kb=256)).paragraphs


def test_article_over_its_size_limit_is_reported(tmp_path):
    (tmp_path / "big.md").write_text("Words here. " * 100_000, encoding="utf-8")
    with pytest.raises(InputError, match="max_article_mb"):
        load_articles([str(tmp_path / "big.md")], limits=Limits(max_article_mb=1))


def test_paragraph_over_a_million_characters_is_split_not_dropped():
    """Row 4: spaCy refuses texts over 1,000,000 characters (E088) and the run was lost."""
    sentence = "The council met on 3 March 2024 and approved the budget. "
    text = sentence * (1_100_000 // len(sentence))
    article = parse_article("a.md", text)
    assert len(article.paragraphs) > 10
    assert all(len(p.text) <= 100_000 for p in article.paragraphs)
    assert all(text[p.start : p.end] == p.text for p in article.paragraphs)
    assert all(p.text.endswith("budget.") for p in article.paragraphs)
    assert [p.index for p in article.paragraphs] == list(range(len(article.paragraphs)))
    covered = sum(len(p.text) for p in article.paragraphs)
    assert covered >= len(text.strip()) - len(article.paragraphs)  # only the spaces between pieces


def test_paragraph_without_sentence_ends_is_split_at_spaces_or_anywhere():
    words = parse_article("a.md", "word " * 50_000, Limits(max_paragraph_chars=1_000))
    assert all(len(p.text) <= 1_000 and not p.text.startswith(" ") for p in words.paragraphs)
    solid = parse_article("a.md", "x" * 5_000, Limits(max_paragraph_chars=1_000))
    assert [len(p.text) for p in solid.paragraphs] == [1_000] * 5
    lines = parse_article("a.md", "Head line.\n\n" + "y" * 2_500 + "\n", Limits(max_paragraph_chars=1_000))
    assert [p.line for p in lines.paragraphs] == [1, 3, 3, 3]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("\ufeffA quake hit.\n".encode("utf-16-le"), "A quake hit."),
        ("\ufeffA quake hit.\n".encode("utf-16-be"), "A quake hit."),
        ("\ufeffA quake hit.\n".encode("utf-32-le"), "A quake hit."),
    ],
)
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path, content, expected):
    """Row 19: UTF-16 files were called binary."""
    (tmp_path / "a.md").write_bytes(content)
    articles, _ = load_articles([str(tmp_path / "a.md")])
    assert articles[0].text.strip() == expected


def test_nul_anywhere_makes_a_file_binary(tmp_path):
    """Row 19: NUL after the first 8 KiB reached HTML and markdown."""
    (tmp_path / "a.md").write_bytes(b"A quake hit. " * 1000 + b"\x00 more.\n")
    with pytest.raises(InputError, match="binary"):
        load_articles([str(tmp_path / "a.md")])


def test_fifo_is_named_as_such(tmp_path):
    """Row 19: a FIFO was called 'no such file'."""
    import os

    os.mkfifo(tmp_path / "pipe.md")
    files, problems = collect_paths([str(tmp_path / "pipe.md")])
    assert files == () and "named pipe" in problems[0].message


def test_stdin_bytes_are_decoded_like_a_file():
    """Row 6: non-UTF-8 standard input was a UnicodeEncodeError traceback."""
    with pytest.raises(InputError, match="not UTF-8"):
        load_articles(["-"], stdin_text=b"\xe9t\xe9 \xff\n")
    articles, _ = load_articles(["-"], stdin_text=GOOD.encode("utf-8"))
    assert articles[0].text == GOOD


def test_an_unexpected_error_in_one_file_does_not_stop_the_others(tmp_path, monkeypatch):
    from claimcheck import ingest

    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.md").write_text("Boom here.\n", encoding="utf-8")
    real = ingest.parse_article

    def flaky(doc, text, limits=ingest.DEFAULT_LIMITS):
        if "Boom" in text:
            raise RuntimeError("unforeseen")
        return real(doc, text, limits)

    monkeypatch.setattr(ingest, "parse_article", flaky)
    articles, problems = load_articles([str(tmp_path)])
    assert len(articles) == 1 and "internal error" in problems[0].message


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        (
            "PORT BELMONTE, Sept 15 (Meridian Wire) - Typhoon Marisol made landfall on Monday.",
            "PORT BELMONTE, Sept 15 (Meridian Wire) - ",
        ),
        ("DUNMORE, Sanreya - The death toll rose to 11 on Tuesday.", "DUNMORE, Sanreya - "),
        ("LONDON (Reuters) - The bank raised rates.", "LONDON (Reuters) - "),
        ("WASHINGTON \u2014 The Senate passed the bill.", "WASHINGTON \u2014 "),
        ("UK - France talks resumed on Monday.", ""),
        ("NASA said on Monday that the launch would go ahead.", ""),
    ],
)
def test_a_wire_dateline_is_no_part_of_the_sentence(line, dateline):
    article = parse_article("t.md", f"# Headline of the report\n\n{line}\n")
    body = article.paragraphs[-1]
    assert body.label is None and body.text[: body.label_end] == dateline


def test_folders_are_listed_in_path_order_without_hidden_files_or_linked_folders(tmp_path, monkeypatch):
    from claimcheck.ingest import collect_paths

    tree = tmp_path / "tree"
    for name in ("a/x.md", "a-b/y.md", "a.md", ".hid/z.md", "sub/.deep/q.md", "sub/w.TXT", "B/c.markdown", "skip.pdf", ".dot.md"):
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text("# t\n\nText.\n", encoding="utf-8")
    (tree / "sub" / "linkdir").symlink_to(tree / "a")
    (tree / "sub" / "link.md").symlink_to(tree / "a.md")
    (tree / "sub" / "broken.md").symlink_to(tree / "nowhere")
    # the order sorted Path objects have: by parts ("a/x.md" before "a-b/y.md")
    expected = ["B/c.markdown", "a/x.md", "a-b/y.md", "a.md", "sub/link.md", "sub/w.TXT"]
    monkeypatch.chdir(tmp_path)
    assert collect_paths(["./tree/"]) == (tuple(f"tree/{name}" for name in expected), ())
    monkeypatch.chdir(tree)
    assert collect_paths(["."]) == (tuple(expected), ())
