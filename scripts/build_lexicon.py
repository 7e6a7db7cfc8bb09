#!/usr/bin/env python3
"""Build claimcheck's lexical-semantic tables from the WordNet 3.0 database files.

Not imported at run time. Usage (from the repository root, after
``apt-get install -y wordnet-base``)::

    python3 scripts/build_lexicon.py [--wordnet /usr/share/wordnet] [--stats]

Writes, under ``src/claimcheck/data/``:

``senses.tsv``
    ``lemma<TAB>pos<TAB>synset synset ...<TAB>hypernym ...``: for each verb, its verb synsets in
    WordNet's order (most frequent sense first, from the SemCor counts of ``index.verb``), then
    the direct hypernyms (``@``) of its two most frequent senses ("buy" -> "acquire",
    "beat" -> "defeat"); for each noun
    whose first or second sense names an act, event, process or communication
    (lexicographer files ``noun.act``, ``noun.event``, ``noun.process``,
    ``noun.communication``), the verb synsets its derivational pointers (``+``) lead to from
    those senses ("approval" -> the synset of "approve", "sinking" -> "sink"). A noun and a verb
    therefore share synset numbers when they name one event, and two verbs share one when
    WordNet lists them as synonyms ("back" and "endorse", "go down" and "sink").

``hypernyms.tsv``
    ``noun<TAB>ancestor ancestor ...``: the first word of each synset above the noun's most
    frequent sense (``@`` and ``@i`` pointers, first parent, nearest first, at most
    ``MAX_DEPTH`` steps; only one-word ancestors that occur in the SemCor counts, since rare
    ones are never written in news), for one-word nouns whose first sense is a person, an
    animal, an artifact, a group, a location or a plant: "ferry" -> "boat vessel craft vehicle ...", "passenger" ->
    "traveler person ...". Used to read "the vessel" as the ferry named before it, and
    "nobody" or "no one" as covering passengers and workers.

The database format is documented in wndb(5WN); see also ``scripts/build_antonyms.py``.
Multi-word lemmas are written with spaces; everything is lower-case; rows are sorted.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

MAX_DEPTH = 12
DOMINANT_SENSES = 2  # as in claimcheck.semantics
EVENT_NOUN_FILES = frozenset({4, 10, 11, 22})  # noun.act, noun.communication, noun.event, noun.process
CATEGORY_NOUN_FILES = frozenset({5, 6, 14, 15, 18, 20})  # animal, artifact, group, location, person, plant
# Ancestors too general to say anything ("entity", "whole", "object").
ABSTRACT = frozenset(
    "entity physical_entity abstraction object whole living_thing organism causal_agent "
    "thing matter unit artifact instrumentality".split()
)
OUTPUT = Path(__file__).resolve().parents[1] / "src" / "claimcheck" / "data"


def read_data(path: Path) -> dict[int, tuple[int, list[str], list[tuple[str, int, str, int]]]]:
    """synset offset -> (lexicographer file, words, pointers (symbol, target, pos, source word))."""
    synsets = {}
    with path.open(encoding="latin-1") as handle:
        for line in handle:
            if line.startswith("  "):
                continue
            fields = line.split(" | ")[0].split()
            offset, lexfile = int(fields[0]), int(fields[1])
            count = int(fields[3], 16)
            words = [fields[4 + 2 * i].lower() for i in range(count)]
            words = [w.split("(")[0] for w in words]
            at = 4 + 2 * count
            pointer_count = int(fields[at])
            pointers = []
            for i in range(pointer_count):
                symbol, target, pos, source_target = fields[at + 1 + 4 * i : at + 5 + 4 * i]
                pointers.append((symbol, int(target), pos, int(source_target[:2], 16)))
            synsets[offset] = (lexfile, words, pointers)
    return synsets


def read_index(path: Path) -> tuple[dict[str, list[int]], dict[str, int]]:
    """(lemma -> synset offsets, most frequent sense first; lemma -> how many of its senses are
    tagged in SemCor, 0 for rare words)."""
    index, tagged = {}, {}
    with path.open(encoding="latin-1") as handle:
        for line in handle:
            if line.startswith("  "):
                continue
            fields = line.split()
            lemma, synset_count, pointer_count = fields[0], int(fields[2]), int(fields[3])
            offsets = fields[4 + pointer_count + 2 :]
            index[lemma] = [int(o) for o in offsets[:synset_count]]
            tagged[lemma] = int(fields[5 + pointer_count])
    return index, tagged


def clean(word: str) -> str:
    return word.replace("_", " ").lower()


def build(wordnet: Path) -> tuple[list[str], list[str]]:
    verbs = read_data(wordnet / "data.verb")
    nouns = read_data(wordnet / "data.noun")
    verb_index, _ = read_index(wordnet / "index.verb")
    noun_index, tagged = read_index(wordnet / "index.noun")

    senses = []
    for lemma, offsets in sorted(verb_index.items()):
        parents = []
        for offset in offsets[:DOMINANT_SENSES]:
            parents.extend(
                t for s, t, pos, _ in verbs[offset][2] if s == "@" and pos == "v" and t not in parents
            )
        senses.append(
            f"{clean(lemma)}\tv\t{' '.join(f'{o:08d}' for o in offsets)}\t{' '.join(f'{o:08d}' for o in parents)}"
        )
    for lemma, offsets in sorted(noun_index.items()):
        targets: list[int] = []
        for offset in offsets[:2]:
            lexfile, words, pointers = nouns[offset]
            if lexfile not in EVENT_NOUN_FILES:
                continue
            position = words.index(lemma) + 1 if lemma in words else 0
            for symbol, target, pos, source in pointers:
                if symbol == "+" and pos == "v" and source in (0, position) and target not in targets:
                    targets.append(target)
        if targets:
            senses.append(f"{clean(lemma)}\tn\t{' '.join(f'{o:08d}' for o in targets)}\t")

    hypernyms = []
    for lemma, offsets in sorted(noun_index.items()):
        if "_" in lemma:
            continue
        first = offsets[0]
        if nouns[first][0] not in CATEGORY_NOUN_FILES:
            continue
        chain: list[str] = []
        current = first
        for _ in range(MAX_DEPTH):
            parents = [t for s, t, pos, _ in nouns[current][2] if s in ("@", "@i") and pos == "n"]
            if not parents:
                break
            current = parents[0]
            head = nouns[current][1][0]
            if head not in ABSTRACT and "_" not in head and tagged.get(head) and head not in chain:
                chain.append(clean(head))
        if chain:
            hypernyms.append(f"{clean(lemma)}\t{' '.join(chain)}")
    return senses, hypernyms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", default="/usr/share/wordnet", type=Path)
    parser.add_argument("--output", default=OUTPUT, type=Path)
    parser.add_argument("--stats", action="store_true")
    args = parser.parse_args()
    senses, hypernyms = build(args.wordnet)
    for name, rows in (("senses.tsv", senses), ("hypernyms.tsv", hypernyms)):
        (args.output / name).write_text("\n".join(rows) + "\n", encoding="utf-8", newline="\n")
        if args.stats:
            print(f"{len(rows)} rows -> {args.output / name}")
    if args.stats:
        print(Counter(row.split("\t")[1] for row in senses))


if __name__ == "__main__":
    main()
