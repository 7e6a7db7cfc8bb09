"""temporal: any text with any publication date gives sorted, in-range mentions and strict JSON."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from claimcheck.model import Article, Paragraph
from claimcheck.temporal import find_times_from
from claimcheck.timeline import DatedMention, render_json, render_table

from .strategies import article_text

ANCHORS = st.one_of(
    st.none(),
    st.dates(),
    st.sampled_from((__import__("datetime").date(1, 1, 1), __import__("datetime").date(9999, 12, 31))),
)


def _strict(text: str):
    return json.loads(text, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))


@given(article_text(), ANCHORS, st.booleans())
def test_any_text_and_anchor_give_valid_mentions(text, anchor, ranges):
    mentions = find_times_from(text, 0, anchor, ranges=ranges)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text
        t = m.time
        assert t.earliest is None or t.latest is None or t.earliest <= t.latest or t.mod is not None
    dated = [DatedMention("a.md", m) for m in mentions]
    record = _strict(render_json(dated))
    assert len(record["mentions"]) == len(mentions)
    render_table(dated, 80)


def test_article_shape_is_what_timeline_expects():
    # DatedMention and Article are the records the dates command renders; a guard that the
    # imports above stay the public ones.
    assert Article and Paragraph
