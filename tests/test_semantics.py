"""The lexical-semantic layer: WordNet senses, event nouns, hypernyms and idioms."""

from __future__ import annotations

import pytest

from claimcheck import semantics


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("sink", "go down"),  # the dominant sense of "go down" is a common sense of "sink"
        ("back", "endorse"),
        ("buy", "acquire"),  # buying is a way of acquiring (hypernym)
        ("walk off", "walk out"),  # idiom table
        ("depart", "leave"),
        ("halt", "stop"),
    ],
)
def test_words_of_one_event(a, b):
    assert semantics.same_verb_meaning(a, b)
    assert semantics.same_verb_meaning(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("rise", "fall"),
        ("win", "lose"),
        ("discover", "disclose"),  # a rare sense of "discover" is no common meaning
        ("be", "have"),  # weak verbs name no event
        ("make", "make"),
    ],
)
def test_words_of_different_events(a, b):
    assert not semantics.same_verb_meaning(a, b)


def test_event_nouns_take_the_senses_of_their_verb():
    assert semantics.same_sense(semantics.noun_event_senses("approval"), semantics.verb_senses("approve"))
    # a gerund WordNet does not list, through its verb (and the idiom table)
    assert semantics.same_sense(semantics.noun_event_senses("reopening"), semantics.verb_senses("reopen"))
    assert semantics.same_sense(semantics.noun_event_senses("capsizing"), semantics.verb_senses("sink"))
    assert not semantics.is_event_noun("table")


def test_hypernyms_say_what_a_noun_is_a_kind_of():
    assert semantics.is_a("ferry", "vessel")
    assert semantics.is_a("passenger", "person")
    assert semantics.related_kinds("animal", "wolf")
    assert not semantics.related_kinds("wolf", "car")
    assert not semantics.is_a("", "person")


def test_idioms_map_to_the_verb_they_mean():
    assert semantics.canonical_verb("walk off", "job") == "walk out"
    assert semantics.canonical_verb("put", "pen") == "sign"  # "put pen to paper"
    assert semantics.canonical_verb("put", "money") == "put"
    assert semantics.canonical_verb("went") == "go"
    assert semantics.canonical_verb("announce") == "announce"


def test_an_idiom_with_any_noun_after_its_preposition():
    # "treated for smoke inhalation", "treated for shock": the table's "treat for *"
    assert semantics.canonical_verb("treat for inhalation") == "injure"
    assert semantics.canonical_verb("treat for shock") == "injure"
    assert semantics.canonical_verb("treat with") == "treat with"


def test_the_tables_are_read_once():
    # every predicate asks for the idiom table: reading the TOML each time tripled extraction
    assert semantics.idioms() is semantics.idioms()
