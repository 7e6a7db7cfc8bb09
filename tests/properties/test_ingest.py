"""ingest: arbitrary bytes, text and front matter are an Article or one InputError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claimcheck.errors import InputError
from claimcheck.ingest import Limits, decode, parse_article

from .strategies import article_text, front_matter

SMALL = Limits(max_paragraph_chars=1_000)


@given(st.one_of(front_matter(), st.just("")), article_text())
def test_any_front_matter_and_text_is_an_article_or_an_input_error(header, body):
    text = header + body
    try:
        article = parse_article("a.md", text, SMALL)
    except InputError as err:
        assert str(err) and "\n" not in str(err)
        return
    for paragraph in article.paragraphs:
        assert text[paragraph.start : paragraph.end] == paragraph.text
        assert 0 < len(paragraph.text) <= SMALL.max_paragraph_chars
        assert paragraph.line == text.count("\n", 0, paragraph.start) + 1
    assert [p.index for p in article.paragraphs] == list(range(len(article.paragraphs)))
    assert article.published is None or 1 <= article.published.year <= 9999


@given(st.binary(max_size=200))
def test_any_bytes_decode_or_are_refused(data):
    try:
        text = decode(data, "a.md")
    except InputError:
        return
    assert "\x00" not in text and "\r" not in text
