"""Generators of hostile article text: arbitrary characters mixed with the words, dates,
numbers and markup the stages look for, so the interesting code paths are reached often."""

from __future__ import annotations

from hypothesis import strategies as st

DATE_WORDS = (
    "yesterday",
    "tomorrow",
    "last year",
    "next year",
    "on Monday",
    "next Friday",
    "3 days ago",
    "in 2024",
    "March 3",
    "3 March 2025",
    "early 2023",
    "late last year",
    "the 1990s",
    "Q3 2024",
    "between January 2024 and March 2025",
    "from 2015 to 2020",
    "2009-2010",
    "since 1999",
    "at 5 pm",
    "this week",
    "the previous decade",
    "next century",
    "1000 years ago",
    "9999",
    "0001",
    "Dec. 31, 9999",
    "January 1, 1",
    "the 31st",
    "two weeks later",
    "by the end of next year",
)
NUMBER_WORDS = (
    "9" * 320,
    "1e308",
    "1.5 billion",
    "$3.2bn",
    "€40 million",
    "12%",
    "more than a third",
    "thousands of",
    "about 11,000 staff",
    "-5",
    "+7",
    "0.000001",
    "1,2,3",
    "45,000 seats",
    "3/4",
    "half",
    "dozens",
    "£1tn",
    "12 km",
    "40 tonnes",
    "1/0",
    "nan",
    "inf",
    "٣٤",
    "Ⅻ",
    "½",
)
MARKUP = (
    "\n",
    "\n\n",
    ". ",
    "# ",
    "- ",
    "> ",
    "---\n",
    "<!-- x -->",
    "Capacity: ",
    "\t",
    "\r\n",
    "\x00",
    "\x1b[31m",
    "=",
    "+",
    "@",
    "|",
    '"',
    "'",
    "<b>",
    "&amp;",
)
HOSTILE = (
    '=HYPERLINK("http://x")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "]]>",
    "<script>",
    "\u202e",
    "\ufeff",
    "\ud800"[:0],
)
WORDS = (
    "The",
    "council",
    "said",
    "it",
    "would",
    "close",
    "the",
    "bridge",
    "Acme",
    "hired",
    "workers",
    "did",
    "not",
    "sign",
    "postponed",
    "cancelled",
    "the",
    "IPO",
    "according",
    "to",
    "Reuters",
    "fell",
    "rose",
    "shares",
    "Ms",
    "Dodd",
    "beat",
    "Ribeiro",
    "was",
    "is",
    "and",
    ",",
)

pieces = st.one_of(
    st.sampled_from(DATE_WORDS),
    st.sampled_from(NUMBER_WORDS),
    st.sampled_from(MARKUP),
    st.sampled_from(HOSTILE),
    st.sampled_from(WORDS),
    st.text(max_size=8),
)


def article_text(max_pieces: int = 40) -> st.SearchStrategy[str]:
    return st.lists(pieces, max_size=max_pieces).map(lambda parts: " ".join(parts))


YAML_VALUES = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        (
            "2025-02-30",
            "2025-13-45",
            "0000-00-00",
            "0001-01-01",
            "9999-12-31",
            "2025-09-10garbage",
            "2025-09-10T08:30:00Z",
            "2025-09-10 25:99",
            "[a, b]",
            "{a: 1}",
            "&a x",
            "*a",
            "!!python/object:os.system",
            "|\n  block",
            ">-",
            "'unclosed",
            '"\\u0000"',
            "~",
            "null",
            "yes",
            "1e400",
            "-",
            "---",
        )
    ),
)
YAML_KEYS = st.one_of(
    st.sampled_from(("title", "source", "published", "date", "url", "Title", "tags")), st.text(max_size=6)
)


def front_matter() -> st.SearchStrategy[str]:
    lines = st.lists(st.tuples(YAML_KEYS, YAML_VALUES).map(lambda kv: f"{kv[0]}: {kv[1]}"), max_size=6)
    return st.tuples(lines, st.booleans()).map(
        lambda t: "---\n" + "\n".join(t[0]) + ("\n---\n" if t[1] else "\n")
    )
