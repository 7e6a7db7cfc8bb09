"""Ranks by size read from sentences (claimcheck.rules.ranks)."""

from __future__ import annotations

from claimcheck.model import Claim
from claimcheck.quantities import ordinal_value
from claimcheck.rules.matching import Lexicon
from claimcheck.rules.ranks import places, ranks


def _claim(text: str, *entities: str) -> Claim:
    return Claim(doc="a.md", paragraph=0, line=1, column=1, start=0, end=len(text), text=text, entities=entities)


def test_ordinal_values() -> None:
    assert [ordinal_value(w) for w in ("third", "Second", "21st", "4th", "next")] == [3, 2, 21, 4, None]


def test_a_rank_in_apposition_and_after_a_copula() -> None:
    lexicon = Lexicon()
    (first,) = ranks(_claim("Orrin Mobile, the country's second-largest network, cut prices.", "orrin mobile"), lexicon)
    assert (first.name, first.place, first.scope, first.text) == (
        "orrin mobile",
        2,
        "country",
        "second-largest network",
    )
    text = "Orrin Mobile, which has 4 million customers, is the largest operator in Europe."
    (second,) = ranks(_claim(text, "orrin mobile"), lexicon)
    assert (second.place, second.scope) == (1, "europe")


def test_no_rank_without_a_name_or_a_kind() -> None:
    lexicon = Lexicon()
    assert not list(ranks(_claim("This is the biggest thing to happen here.", "tessby"), lexicon))
    assert not list(ranks(_claim("Orrin Mobile, the largest of the three, cut prices.", "orrin mobile"), lexicon))


def test_places_in_a_result_and_in_a_part() -> None:
    lexicon = Lexicon()
    (place,) = places(_claim("Ines Roca finished sixth after a long battle.", "ines roca"), lexicon)
    assert (place.place, place.scope, place.ranking) == (6, "", "result")
    (overall,) = places(_claim("Pell Marrin, fourth overall, was pleased.", "pell marrin"), lexicon)
    assert (overall.place, overall.scope) == (4, "overall")
    assert not list(places(_claim("Pell Marrin finished third on stage two.", "pell marrin"), lexicon))
