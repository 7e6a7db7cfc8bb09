"""Events and slots: triggers, stories, blocking keys, and one finding per clashing slot."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from claimcheck import events
from claimcheck.model import Claim, ClaimQuantity, Finding, Quantity, Severity
from claimcheck.pipeline import group_slots


def _claim(doc: str, start: int, text: str, **fields) -> Claim:
    return Claim(
        doc=doc, paragraph=0, line=1, column=1, start=start, end=start + len(text), text=text, **fields
    )


def _sentence(doc: str, start: int, value: str, attribute: str = "sentence") -> Claim:
    quantity = Quantity(0, len(value), value, float(value.split()[0]), "year", kind="measure")
    return _claim(
        doc,
        start,
        f"The court gave him {value}.",
        subject="the court",
        subject_key="court",
        predicate="give",
        quantities=(ClaimQuantity(quantity, attribute, attribute),),
    )


def test_a_large_story_told_alike_by_many_reports_is_compared_in_periods_not_pairs():
    start = date.fromordinal((date(2025, 3, 1).toordinal() // 14) * 14)  # a period's first day
    days = {f"r{n:02d}.md": start + timedelta(days=n % 5) for n in range(12)}
    days |= {f"s{n:02d}.md": start + timedelta(days=42 + n % 5) for n in range(12)}
    everyone = {doc: tuple(other for other in days if other != doc) for doc in days}
    scopes = events.story_scopes(days, everyone)
    # One period each, and no neighbouring period with reports: the article and one scope.
    assert all(len(found) == 2 and found[0] == doc for doc, found in scopes.items())
    assert scopes["r00.md"][1] == scopes["r11.md"][1]
    # Reports six weeks apart share no scope.
    assert not set(scopes["r00.md"]) & set(scopes["s00.md"])
    # Reports in neighbouring periods share one; an undated report shares one with every report.
    near = days | {"t00.md": start + timedelta(days=16)}
    near_partners = {doc: tuple(other for other in near if other != doc) for doc in near}
    with_near = events.story_scopes(near, near_partners)
    assert set(with_near["t00.md"]) & set(with_near["r00.md"])
    assert not set(with_near["t00.md"]) & set(with_near["s00.md"]) - {"t00.md"}
    undated = days | {"u00.md": None}
    undated_partners = {doc: tuple(other for other in undated if other != doc) for doc in undated}
    found = events.story_scopes(undated, undated_partners)
    assert all(set(found["u00.md"]) & set(found[doc]) for doc in days)
    # A chain of articles linked two by two keeps its pairs, and so does a small story.
    chain = {doc: tuple(d for d in days if d[0] == doc[0] and abs(int(d[1:3]) - int(doc[1:3])) == 1) for doc in days}
    assert events.story_scopes(days, chain)["r05.md"] == events.scopes("r05.md", chain["r05.md"])
    few = {doc: days[doc] for doc in list(days)[:5]}
    few_partners = {doc: tuple(d for d in few if d != doc) for doc in few}
    assert events.story_scopes(few, few_partners)["r01.md"] == events.scopes("r01.md", few_partners["r01.md"])


def test_scopes_are_the_article_and_each_pair_with_a_report_of_its_story():
    assert events.scopes("b.md", ["a.md", "c.md"]) == ("b.md", "a.md|b.md", "b.md|c.md")
    assert events.scopes("a.md", ["b.md"]) == events.scopes("a.md", ["b.md"])
    keys_a = events.event_keys(
        _claim("a.md", 0, "The ship sank.", predicate="sink"), events.scopes("a.md", ["b.md"])
    )
    keys_b = events.event_keys(
        _claim("b.md", 0, "It went down.", predicate="go down"), events.scopes("b.md", ["a.md"])
    )
    keys_c = events.event_keys(
        _claim("c.md", 0, "It went down.", predicate="go down"), events.scopes("c.md", [])
    )
    assert keys_a & keys_b
    assert not keys_a & keys_c


def test_triggers_read_idioms_and_staged_event_nouns():
    walkout = _claim("a.md", 0, "Drivers walked off the job.", predicate="walk off", object_key="job")
    assert events.event_words(walkout) == ("walk out",)
    called_off = _claim(
        "a.md", 0, "The union called off the walkout.", predicate="call off", object_key="walkout"
    )
    assert "walkout" in events.event_words(called_off)  # calling off says what happened to the walkout
    disrupted = _claim(
        "a.md", 0, "The strike disrupted 80 sailings.", predicate="disrupt", object_key="sailing"
    )
    assert "sailing" not in events.event_words(disrupted)  # a disruption, not a sailing
    assert events.same_event_kind(walkout, called_off)


def test_a_bare_event_noun_is_the_story_event():
    capsizing = _claim("b.md", 0, "Since the capsizing on 3 May, crews have searched.", predicate="capsizing")
    assert events.bare_event(capsizing)
    assert not events.bare_event(_claim("b.md", 0, "The ferry sank.", predicate="sink", subject_key="ferry"))


def test_slot_keys_meet_through_hypernyms():
    cars = _claim("a.md", 0, "", quantities=(ClaimQuantity(Quantity(0, 1, "9", 9.0), "car", "car"),))
    vehicles = _claim(
        "b.md", 0, "", quantities=(ClaimQuantity(Quantity(0, 1, "7", 7.0), "vehicle", "vehicle"),)
    )
    assert events.slot_keys(cars, ("s",), lambda w: w) & events.slot_keys(vehicles, ("s",), lambda w: w)
    assert not events.slot_keys(cars, ("s",), lambda w: w) & events.slot_keys(vehicles, ("t",), lambda w: w)


def _finding(a: Claim, b: Claim) -> Finding:
    return Finding(
        rule="number-conflict",
        kind="number-conflict",
        severity=Severity.WARNING,
        message="",
        claims=(a, b),
        differences=(a.quantities[0].quantity.text, b.quantities[0].quantity.text),
        slot="sentence",
    )


def test_clashes_of_one_slot_across_reports_are_one_finding():
    eight, six, seven = (
        _sentence("a.md", 0, "8 years"),
        _sentence("b.md", 0, "6 years"),
        _sentence("c.md", 0, "7 years"),
    )
    again = _sentence("d.md", 0, "8 years")
    order = {"a.md": 0, "b.md": 1, "c.md": 2, "d.md": 3}
    joined = group_slots((_finding(eight, six), _finding(eight, seven), _finding(six, again)), order)
    assert len(joined) == 1
    (finding,) = joined
    assert [c.doc for c in finding.claims] == ["a.md", "b.md", "c.md", "d.md"]
    assert finding.message == "sentence: 8 years (2 places), 6 years and 7 years"


def test_a_clash_among_three_reports_stays_in_pairs():
    # two reports agree and a third differs: each finding names the two reports that differ
    ceo_a, ceo_b, cto = _sentence("a.md", 0, "8 years"), _sentence("b.md", 0, "8 years"), _sentence("c.md", 0, "6 years")
    order = {"a.md": 0, "b.md": 1, "c.md": 2}
    joined = group_slots((_finding(ceo_a, cto), _finding(ceo_b, cto)), order)
    assert sorted(tuple(c.doc for c in f.claims) for f in joined) == [("a.md", "c.md"), ("b.md", "c.md")]


def test_a_clash_inside_one_article_stays_its_own_finding():
    first, second = _sentence("a.md", 0, "8 years"), _sentence("a.md", 50, "6 years")
    other = _sentence("b.md", 0, "7 years")
    joined = group_slots((_finding(first, second), _finding(first, other)), {"a.md": 0, "b.md": 1})
    assert len(joined) == 2


def test_one_slot_given_four_ways_in_one_article_is_one_finding():
    # a chain of clashes among four sentences of one article (issue 12's repeated article)
    one, two, three, four = (_sentence("a.md", 100 * n, f"{n + 5} years") for n in range(4))
    order = {"a.md": 0}
    pairs = (_finding(one, two), _finding(two, three), _finding(three, four), _finding(one, four))
    joined = group_slots(pairs, order)
    assert len(joined) == 1
    assert [c.start for c in joined[0].claims] == [0, 100, 200, 300]
    assert joined[0].message == "sentence: 5 years, 6 years, 7 years and 8 years"
    # three sentences stay pairs, each naming the two that differ
    assert len(group_slots(pairs[:2], order)) == 2


def test_a_figure_changed_over_four_reports_is_one_history_in_the_order_of_their_days():
    def toll(doc: str, day: int, value: str) -> Claim:
        return replace(_sentence(doc, 0, value, "death toll"), published=date(2026, 3, day))

    # reading order (file names) is not the order of the reports' days
    d, c, b, a = toll("d.md", 2, "12 dead"), toll("c.md", 3, "15 dead"), toll("b.md", 4, "19 dead"), toll("a.md", 5, "23 dead")

    def changed(x: Claim, y: Claim) -> Finding:
        return replace(_finding(x, y), rule="change-over-time", kind="change-over-time", slot="death toll")

    order = {"a.md": 0, "b.md": 1, "c.md": 2, "d.md": 3}
    (joined,) = group_slots((changed(d, c), changed(c, b), changed(b, a)), order)
    assert [claim.doc for claim in joined.claims] == ["d.md", "c.md", "b.md", "a.md"]
    assert joined.message == "death toll changed over time: 12 dead, then 15 dead, then 19 dead, then 23 dead"
