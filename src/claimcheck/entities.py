"""Canonical keys for names, so that "Acme SA", "the Acme Group" and "Acme" align.

Keys are accent- and case-folded, stripped of determiners, possessives and corporate
suffixes, and mapped through the alias table (acronyms and their expansions, titles, and
the extra aliases set in rules.toml). Surname mentions ("Da Silva") are resolved per article
to the full name seen earlier ("Maria da Silva") by ``PersonIndex``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

_DETERMINERS = frozenset("the a an its their his her our your my this that these those former new ex".split())
# Courtesy titles before a name: "Mr Dorrity" is the Dorrity named in full elsewhere.
HONORIFICS = frozenset("mr mrs ms miss mx dr prof professor sir dame".split())
# Legal forms, group words and club suffixes that do not change which organisation is meant.
CORPORATE_SUFFIXES = frozenset(
    """sa s.a. ag inc inc. incorporated corp corp. corporation ltd ltd. limited plc nv n.v. se gmbh llc
    l.l.c. co co. company companies group holdings holding spa s.p.a. ab asa oyj bv b.v. kk lp llp
    pty sas s.a.s. srl fc f.c. afc cf sc""".split()
)
_PUNCT = re.compile(r"[^\w\s&-]")
_SPACE = re.compile(r"\s+")
_ACRONYM_DEF = re.compile(
    r"\b((?:[A-Z][\w-]*|of|and|for|the|&)(?:\s+(?:[A-Za-z][\w-]*|of|and|for|the|&)){1,7})\s*\(([A-Z][A-Za-z0-9&]{1,9})\)"
)


def fold(text: str) -> str:
    """Accent-, case- and space-folded text: 'José  Núñez' -> 'jose nunez'."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = (
        stripped.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    )
    return _SPACE.sub(" ", stripped.casefold()).strip()


def _words(text: str) -> list[str]:
    folded = fold(text)
    folded = re.sub(r"'s\b", "", folded)
    return _PUNCT.sub(" ", folded).replace("-", " ").split()


@dataclass(frozen=True, slots=True)
class AliasTable:
    """alias -> canonical key, both folded."""

    mapping: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, Iterable[str]]]) -> AliasTable:
        mapping: dict[str, str] = {}
        for canonical, aliases in pairs:
            key = " ".join(_words(canonical))
            mapping[key] = key
            for alias in aliases:
                mapping[" ".join(_words(alias))] = key
        return cls(mapping)

    def with_pairs(self, pairs: Iterable[tuple[str, str]]) -> AliasTable:
        """A copy with article-level acronym definitions ("initial public offering (IPO)") added."""
        mapping = dict(self.mapping)
        for expansion, acronym in pairs:
            key = self.canonical(expansion)
            mapping.setdefault(" ".join(_words(acronym)), key)
        return AliasTable(mapping)

    def canonical(self, name: str) -> str:
        words = _words(name)
        while words and words[0] in _DETERMINERS:
            words = words[1:]
        joined = " ".join(words)
        if joined not in self.mapping:
            while len(words) > 1 and words[0] in HONORIFICS:
                words = words[1:]
            joined = " ".join(words)
        if joined in self.mapping:
            return self.mapping[joined]
        while len(words) > 1 and words[-1] in CORPORATE_SUFFIXES:
            words = words[:-1]
        joined = " ".join(words)
        return self.mapping.get(joined, joined)


def acronym_definitions(text: str) -> tuple[tuple[str, str], ...]:
    """Pairs (expansion, acronym) defined in the text, e.g. 'initial public offering (IPO)'.

    The expansion is the shortest run of words before the parenthesis whose initials spell
    the acronym.
    """
    found = []
    for match in _ACRONYM_DEF.finditer(text):
        words, acronym = match.group(1).split(), match.group(2)
        letters = acronym.casefold().replace("&", "")
        for size in range(1, len(words) + 1):
            tail = [w for w in words[-size:] if w.casefold() not in ("of", "and", "for", "the", "&")]
            if "".join(w[0].casefold() for w in tail) == letters:
                found.append((" ".join(words[-size:]), acronym))
                break
    # Lower-case expansions too: "an initial public offering (IPO)".
    for match in re.finditer(r"((?:[a-z][\w-]*\s+){1,6}[a-z][\w-]*)\s*\(([A-Z]{2,8})\)", text):
        words, acronym = match.group(1).split(), match.group(2)
        for size in range(len(acronym), 0, -1):
            tail = words[-size:]
            if "".join(w[0] for w in tail) == acronym.casefold():
                found.append((" ".join(tail), acronym))
                break
    return tuple(dict.fromkeys(found))


@dataclass(slots=True)
class PersonIndex:
    """Full names seen so far in one article, to resolve later surname-only mentions."""

    full_names: list[str] = field(default_factory=list)

    def resolve(self, key: str) -> str:
        """'da silva' -> 'maria da silva' when that full name was seen; new full names are recorded."""
        parts = key.split()
        if not parts:
            return key
        for full in reversed(self.full_names):
            full_parts = full.split()
            if len(parts) < len(full_parts) and full_parts[-len(parts) :] == parts:
                return full
        if len(parts) >= 2 and key not in self.full_names:
            self.full_names.append(key)
        return key
