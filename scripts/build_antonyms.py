#!/usr/bin/env python3
"""Build ``antonyms.tsv`` from the WordNet 3.0 database files; not imported at run time.

Usage (from the repository root, after ``apt-get install -y wordnet-base``)::

    python3 scripts/build_antonyms.py [--wordnet /usr/share/wordnet] \
        [--output src/claimcheck/data/antonyms.tsv] [--stats]

The WordNet data files (``data.adj``, ``data.verb``, ``data.adv``, ``data.noun``) are parsed
here directly, no NLTK. Their format (wndb(5WN)):

- lines starting with two spaces are the licence header;
- every other line is one synset::

      synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id ...] p_cnt [ptr ...] [frames] | gloss

  ``ss_type`` is n, v, a, s (adjective satellite) or r; ``w_cnt`` is two hexadecimal digits;
  each word is written with underscores for spaces and, for adjectives, an optional syntactic
  marker in brackets (``galore(ip)``); ``lex_id`` is one hexadecimal digit; ``p_cnt`` is
  three decimal digits, followed by that many pointers, each
  ``pointer_symbol synset_offset pos source/target``. ``source/target`` is four hexadecimal
  digits: the number of the source word in this synset and of the target word in the other
  (``0000`` for a pointer between whole synsets).
- ``!`` is the (lexical) antonym pointer; ``&`` links an adjective head synset to its
  satellites ("similar to") and back.

The index files (``index.adj`` ...) list, per lemma, its synsets in decreasing order of
frequency in the SemCor tagged corpus::

    lemma pos synset_cnt p_cnt [ptr_symbol ...] sense_cnt tagsense_cnt synset_offset [...]

What is kept:

1. direct antonyms: both words of every ``!`` pointer, for adjectives, verbs, adverbs and
   nouns ("increase"/"decrease", "support"/"oppose", "good"/"bad");
2. indirect antonyms of adjectives, one step only: a satellite word of a head synset is set
   against the direct antonym of the head ("damp" ~ "wet", so "damp"/"dry"), only when that
   satellite sense is the word's most frequent adjective sense (first in ``index.adj``) and
   the word has at most ``MAX_SATELLITE_SENSES`` adjective senses: a word whose usual meaning
   lies elsewhere ("fresh", "hot") would turn ordinary restatements into false alarms.

Entries are lower-cased, multi-word lemmas are written with spaces, and a pair is dropped when
either word is in ``EXCLUDED_WORDS`` or the pair is in ``EXCLUDED_PAIRS`` (reasons in
comments there). The output is ``lemma<TAB>antonym<TAB>pos`` with pos one of adj, verb, adv,
noun, both directions, sorted and deduplicated.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

POS_FILES = {"adj": "adj", "verb": "verb", "adv": "adv", "noun": "noun"}
POS_OF_TYPE = {"a": "adj", "s": "adj", "v": "verb", "r": "adv", "n": "noun"}
MAX_SATELLITE_SENSES = 2
VERB_SENSE_RANK = 1
_MARKER = re.compile(r"\((?:a|p|ip)\)$")
_WORD = re.compile(r"^[a-z][a-z' -]*[a-z]$")

# Words too generic to set against each other in news text; every pair they form is dropped.
# Each group is one reason (the comment above it), its words written as one string.
_EXCLUDED_GROUPS = (
    # light and motion verbs: "give"/"take", "go"/"come", "bring"/"take", "have"/"lack"
    # name different events of one story far more often than opposite claims about one
    (
        "give take go come bring have lack get make keep let put stay leave arrive send receive "
        "buy sell lend borrow ask answer push pull enter exit remember forget"
    ),
    # phases of one event, usually both true in sequence ("the war began ... ended")
    (
        "begin start end finish stop open close opening closing beginning ending birth death live "
        "die alive dead born unborn rise set sunrise sunset wake sleep appear disappear"
    ),
    # order and time words: they date or rank a claim rather than assert a state
    (
        "first last early late before after earlier later past future present absent old new "
        "young modern ancient current former next previous initial final recent day night morning "
        "evening today yesterday tomorrow always never sometimes often rarely ever again still "
        "already yet once"
    ),
    # directions and sides: they place things, and "the north" and "the south" of a story
    # are usually two places
    (
        "north south east west northern southern eastern western northeast northwest southeast "
        "southwest left right up down upper lower top bottom front back inside outside inner "
        "outer internal external interior exterior here there near far home away forward backward "
        "upward downward upwards downwards uphill downhill upstream downstream ascend descend "
        "above below in out on off domestic foreign local national international indoor outdoor"
    ),
    # one of a pair of parties, each usually named once per story
    (
        "man woman men women male female boy girl father mother son daughter brother sister "
        "husband wife king queen prince princess uncle aunt nephew niece host guest buyer seller "
        "teacher student parent child employer employee winner loser offense defense offensive "
        "defensive attack defend attacker defender import export input output supply demand "
        "question head tail heads tails single double singular plural"
    ),
    # quantifiers and function words: stop words in claims, ambiguous in the table
    (
        "all some none more less most least many few much little same different other like unlike "
        "plus minus over under within without with and or nor yes no one only each self part "
        "whole even odd well ill"
    ),
    # WordNet antonyms in a technical sense rarely meant in news ("common noun"/"proper
    # noun", "simple leaf"/"compound leaf", "major key"/"minor key")
    (
        "general specific common proper simple compound major minor primary secondary subject "
        "object cause effect sharp flat"
    ),
)
EXCLUDED_WORDS = frozenset(word for group in _EXCLUDED_GROUPS for word in group.split())

# Single pairs that are safe word by word but not as a pair (kept otherwise).
EXCLUDED_PAIRS = frozenset(
    {
        # reporting verbs of one exchange, both routinely true of one person in one story
        ("agree", "disagree"),
        ("accept", "reject"),  # "accepted the invitation ... rejected the terms"
        ("include", "exclude"),  # "the list includes X and excludes Y"
        ("add", "subtract"),
    }
)


@dataclass(frozen=True, slots=True)
class Synset:
    offset: str
    ss_type: str
    words: tuple[str, ...]
    pointers: tuple[tuple[str, str, str, int, int], ...]  # symbol, offset, pos, source, target


def parse_data(path: Path) -> dict[str, Synset]:
    synsets: dict[str, Synset] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("  "):
            continue
        fields = line.split(" | ", 1)[0].split()
        offset, ss_type = fields[0], fields[2]
        count = int(fields[3], 16)
        words = tuple(_clean(fields[4 + 2 * n]) for n in range(count))
        at = 4 + 2 * count
        pointer_count = int(fields[at])
        pointers = []
        for n in range(pointer_count):
            symbol, target, pos, source_target = fields[at + 1 + 4 * n : at + 5 + 4 * n]
            pointers.append((symbol, target, pos, int(source_target[:2], 16), int(source_target[2:], 16)))
        synsets[offset] = Synset(offset, ss_type, words, tuple(pointers))
    return synsets


def parse_index(path: Path) -> dict[str, tuple[str, ...]]:
    """lemma -> its synset offsets, most frequent sense first."""
    senses: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("  "):
            continue
        fields = line.split()
        synset_count, pointer_count = int(fields[2]), int(fields[3])
        senses[_clean(fields[0])] = tuple(fields[6 + pointer_count : 6 + pointer_count + synset_count])
    return senses


def _clean(word: str) -> str:
    return _MARKER.sub("", word).replace("_", " ").casefold()


def direct_pairs(synsets: dict[str, Synset], pos: str) -> set[tuple[str, str, str]]:
    out = set()
    for synset in synsets.values():
        for symbol, target, _, source, word in synset.pointers:
            if symbol != "!" or not source or not word:
                continue
            other = synsets.get(target)
            if other is None:
                continue
            out.add((synset.words[source - 1], other.words[word - 1], pos))
    return out


def satellite_pairs(
    synsets: dict[str, Synset], index: dict[str, tuple[str, ...]]
) -> set[tuple[str, str, str]]:
    """Indirect antonyms: satellites of a head synset against the head's direct antonyms."""
    out = set()
    for head in synsets.values():
        if head.ss_type != "a":
            continue
        opposites = {
            synsets[target].words[word - 1]
            for symbol, target, _, source, word in head.pointers
            if symbol == "!" and word and target in synsets
        }
        if not opposites:
            continue
        for symbol, target, _, _, _ in head.pointers:
            if symbol != "&" or target not in synsets:
                continue
            satellite = synsets[target]
            for word in satellite.words:
                senses = index.get(word, ())
                if not senses or senses[0] != satellite.offset or len(senses) > MAX_SATELLITE_SENSES:
                    continue
                out.update((word, opposite, "adj") for opposite in opposites)
    return out


def verb_pairs(synsets: dict[str, Synset], index: dict[str, tuple[str, ...]]) -> set[tuple[str, str, str]]:
    """Verbs that inherit an antonym, one step: the other words of either synset of a direct
    antonym pair ("decrease" ! "increase", so "diminish"/"increase"), each only when that synset
    is among its ``VERB_SENSE_RANK`` most frequent senses. Troponyms ("plunge" is a way to
    decrease) were measured too: 48,000 verb rows, "support"/"confiscate" among them, so no."""

    def common(word: str, offset: str) -> bool:
        return offset in index.get(word, ())[:VERB_SENSE_RANK]

    def family(offset: str) -> set[str]:
        synset = synsets[offset]
        return {w for w in synset.words if common(w, offset)}

    out = set()
    for synset in synsets.values():
        for symbol, target, _, source, _ in synset.pointers:
            if symbol != "!" or not source or target not in synsets:
                continue
            for x in family(synset.offset):
                out.update((x, y, "verb") for y in family(target))
    return out


def keep(pair: tuple[str, str, str]) -> bool:
    a, b, _ = pair
    if a == b or not _WORD.match(a) or not _WORD.match(b):
        return False
    if a in EXCLUDED_WORDS or b in EXCLUDED_WORDS:
        return False
    return (a, b) not in EXCLUDED_PAIRS and (b, a) not in EXCLUDED_PAIRS


def build(wordnet: Path, satellites: bool = True, verbs: bool = True) -> list[tuple[str, str, str]]:
    pairs: set[tuple[str, str, str]] = set()
    for pos, name in POS_FILES.items():
        synsets = parse_data(wordnet / f"data.{name}")
        pairs |= direct_pairs(synsets, pos)
        if pos == "adj" and satellites:
            pairs |= satellite_pairs(synsets, parse_index(wordnet / f"index.{name}"))
        if pos == "verb" and verbs:
            pairs |= verb_pairs(synsets, parse_index(wordnet / f"index.{name}"))
    both = {p for a, b, pos in pairs for p in ((a, b, pos), (b, a, pos))}
    return sorted(p for p in both if keep(p))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wordnet", default="/usr/share/wordnet", type=Path)
    parser.add_argument(
        "--output",
        default=Path(__file__).resolve().parents[1] / "src" / "claimcheck" / "data" / "antonyms.tsv",
        type=Path,
    )
    parser.add_argument("--no-satellites", action="store_true", help="direct antonyms only")
    parser.add_argument("--no-verb-families", action="store_true", help="no verb synonym/troponym step")
    parser.add_argument("--stats", action="store_true", help="print counts by part of speech")
    args = parser.parse_args(argv)
    if not (args.wordnet / "data.adj").is_file():
        print(f"no WordNet data in {args.wordnet}; apt-get install -y wordnet-base", file=sys.stderr)
        return 2
    rows = build(args.wordnet, satellites=not args.no_satellites, verbs=not args.no_verb_families)
    with args.output.open("w", encoding="utf-8", newline="\n") as out:
        for row in rows:
            out.write("\t".join(row) + "\n")
    if args.stats:
        print(f"{len(rows)} rows -> {args.output}", Counter(pos for _, _, pos in rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
