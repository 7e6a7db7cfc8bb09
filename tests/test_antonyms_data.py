"""The shipped antonym table: well formed, symmetric, and free of the excluded words."""

from __future__ import annotations

import importlib.util
import sys
from importlib import resources
from pathlib import Path

import pytest

from claimcheck.rules.antonyms import POS, antonym_table, opposite_words

DATA = Path(resources.files("claimcheck") / "data")


def _rows() -> list[tuple[str, ...]]:
    return [
        tuple(line.split("\t")) for line in (DATA / "antonyms.tsv").read_text(encoding="utf-8").splitlines()
    ]


def _builder():
    spec = importlib.util.spec_from_file_location(
        "build_antonyms", Path(__file__).resolve().parents[1] / "scripts" / "build_antonyms.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_rows_are_three_lower_case_fields():
    rows = _rows()
    assert rows
    for row in rows:
        assert len(row) == 3, row
        word, antonym, pos = row
        assert word == word.casefold().strip() and antonym == antonym.casefold().strip(), row
        assert word != antonym and pos in POS, row


def test_sorted_and_deduplicated():
    rows = _rows()
    assert rows == sorted(set(rows))


def test_symmetric():
    rows = set(_rows())
    assert all((b, a, pos) in rows for a, b, pos in rows)


def test_no_excluded_words_or_pairs():
    builder = _builder()
    for a, b, _ in _rows():
        assert a not in builder.EXCLUDED_WORDS and b not in builder.EXCLUDED_WORDS, (a, b)
        assert (a, b) not in builder.EXCLUDED_PAIRS and (b, a) not in builder.EXCLUDED_PAIRS, (a, b)


@pytest.mark.parametrize(("a", "b"), [("good", "bad"), ("increase", "decrease"), ("legal", "illegal")])
def test_common_opposites_present(a, b):
    assert b in antonym_table()[a]


def test_opposite_words_ignores_words_on_both_sides():
    table = antonym_table()
    assert opposite_words(("good", "film"), ("bad", "film"), table) == (("good", "bad"),)
    assert opposite_words(("good", "bad", "film"), ("bad", "film"), table) == ()


def test_opposite_sentiment_words_come_from_the_vader_lexicon():
    from claimcheck.rules.antonyms import opposite_valence, valence_table

    table = valence_table()
    assert table["pleased"] > 1 and table["angered"] < -1
    assert opposite_valence(["ruling", "pleased", "union"], ["ruling", "angered", "union"], 1.0) == (
        ("pleased", "angered"),
    )
    # Both positive, or too weak, is no opposition.
    assert opposite_valence(["pleased"], ["delighted"], 1.0) == ()
    assert opposite_valence(["pleased"], ["angered"], 3.5) == ()


def test_substituted_needs_the_words_in_one_short_replacement():
    from claimcheck.rules.antonyms import substituted

    assert substituted(
        "The ruling pleased union leaders.", "The ruling angered union leaders.", "pleased", "angered"
    )
    assert substituted("a successful middle-aged man", "a struggling young man", "successful", "struggle")
    assert substituted("Rents rose in May.", "Rents fell in May.", "rise", "fall")
    # What ends both sentences (an attribution, a run-on clause) is not part of the statement...
    assert substituted("Rents rose in May, she said.", "Rents fell in May, an agent told us.", "rise", "fall")
    # ...but the opposite words may end them.
    assert substituted("By June the players felt proud.", "The players felt ashamed.", "proud", "ashamed")
    assert not substituted(
        "The festival drew praise from residents for its concerts.",
        "The festival drew complaints from residents about noise.",
        "praise",
        "noise",
    )
