"""A generated news corpus for the scale benchmarks: stories told by several outlets.

Each story is one event (an acquisition, a fire, an election, an opening, a trial, a strike)
with its own invented entities, told by 1 to 5 reports from different outlets over a few
days. About one story in six has a planted contradiction: one report gives another figure,
date or outcome. Entity names are built from syllables, so a corpus of 10,000 articles
names tens of thousands of distinct people, companies and places, as an archive does.

The generator is deterministic (a seed) and prefix-stable: the first N articles of a
larger corpus are the corpus of N articles, so sizes compare like with like.

``--few-entities`` draws every name from a pool of a dozen, the corpus of issue 12's first
measurements, where nearly every report shares names with every other.

``--one-story`` writes one story told by N reports instead (``story_reports``): every report
gives the story's facts in its own words and adds its own witnesses, with their own figures,
so a story's sentences grow with its reports as they do when a big event is covered for days.

    python3 benchmarks/corpus.py OUT_DIR --articles 1000
    python3 benchmarks/corpus.py OUT_DIR --articles 2000 --few-entities
    python3 benchmarks/corpus.py OUT_DIR --articles 40 --one-story
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

OUTLETS = (
    "Harbour Gazette",
    "Daily Ledger",
    "Northern Post",
    "City Wire",
    "Evening Courier",
    "Metro Journal",
    "Valley Times",
    "Coastal Herald",
    "Capital Record",
    "Morning Bulletin",
    "Business Desk",
    "Regional Observer",
)
FIRST_NAMES = (
    "Anna",
    "Kofi",
    "Maria",
    "Jonas",
    "Leila",
    "Tomas",
    "Priya",
    "Ivan",
    "Sofia",
    "Omar",
    "Elena",
    "Marek",
    "Ines",
    "Daniel",
    "Yara",
    "Hugo",
    "Nadia",
    "Felix",
    "Amara",
    "Luca",
)
ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "st", "tr")
VOWELS = ("a", "e", "i", "o", "u", "ai", "ei", "ou")
CODAS = ("", "n", "r", "l", "s", "m", "nd", "rk", "th")
COMPANY_KINDS = ("Logistics", "Foods", "Energy", "Systems", "Pharma", "Motors", "Textiles", "Media")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
START = date(2024, 1, 8)


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(
        rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables)
    ).title()


class Names:
    """Invented names; with a pool size, every name comes from that few."""

    def __init__(self, rng: random.Random, pool: int | None) -> None:
        self._rng = rng
        self._pool = pool
        self._people = [self._fresh_person() for _ in range(pool)] if pool else []
        self._companies = [self._fresh_company() for _ in range(pool)] if pool else []
        self._places = [_word(rng, 2) for _ in range(pool)] if pool else []

    def _fresh_person(self) -> str:
        return f"{self._rng.choice(FIRST_NAMES)} {_word(self._rng, 2)}"

    def _fresh_company(self) -> str:
        return f"{_word(self._rng, 2)} {self._rng.choice(COMPANY_KINDS)}"

    def person(self) -> str:
        return self._rng.choice(self._people) if self._pool else self._fresh_person()

    def company(self) -> str:
        return self._rng.choice(self._companies) if self._pool else self._fresh_company()

    def place(self) -> str:
        return self._rng.choice(self._places) if self._pool else _word(self._rng, 2)


@dataclass(frozen=True, slots=True)
class Facts:
    """What happened in one story; a report may be told a conflicting variant."""

    kind: str
    person: str
    company: str
    other: str
    place: str
    day: date
    number: int
    amount: int
    outcome: bool


def _spoken(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _paragraphs(f: Facts, variant: int) -> list[str]:
    """The body of one report; ``variant`` picks among phrasings so reports are not copies."""
    when = _spoken(f.day)
    if f.kind == "acquisition":
        verb = "agreed to buy" if f.outcome else "called off its planned purchase of"
        return [
            f"{f.company} {verb} {f.other} for {f.amount} million dollars on {when}.",
            f"{f.other}, which is based in {f.place}, employs {f.number} people."
            if variant % 2
            else f"The company in {f.place} has {f.number} employees, according to filings.",
            f"Chief executive {f.person} said the deal would strengthen {f.company} in {f.place}.",
            "Analysts said the price reflected strong demand in the sector.",
        ]
    if f.kind == "fire":
        return [
            f"A fire at a {f.company} warehouse in {f.place} killed {f.number} people on {when}.",
            f"Fire chief {f.person} said {f.amount} firefighters fought the blaze through the night."
            if variant % 2
            else f"{f.amount} firefighters were sent to the site, {f.person} told reporters.",
            f"The cause of the fire in {f.place} is under investigation.",
        ]
    if f.kind == "election":
        verb = "won" if f.outcome else "lost"
        return [
            f"{f.person} {verb} the mayoral election in {f.place} on {when}.",
            f"{f.person} received {f.number} percent of the vote, officials said.",
            f"Turnout in {f.place} reached {f.amount} thousand voters"
            + (", up on the last election." if variant % 2 else "."),
        ]
    if f.kind == "opening":
        return [
            f"The new {f.place} bridge built by {f.company} opened on {when}.",
            f"The bridge cost {f.amount} million euros and took {f.number} months to build.",
            f"Mayor {f.person} said the crossing would cut travel times in {f.place}.",
        ]
    if f.kind == "trial":
        verb = "convicted" if f.outcome else "acquitted"
        return [
            f"A court in {f.place} {verb} {f.person} of fraud on {when}.",
            f"Prosecutors said {f.person} had taken {f.amount} million dollars from {f.company}.",
            f"The trial lasted {f.number} days, the court said.",
        ]
    return [
        f"Workers at {f.company} in {f.place} went on strike on {when}.",
        f"The union said {f.number} workers joined the strike over pay.",
        f"{f.person}, a union leader, said talks with {f.company} had failed."
        if variant % 2
        else f"Talks between the union and {f.company} failed, {f.person} said.",
    ]


KINDS = ("acquisition", "fire", "election", "opening", "trial", "strike")


def _facts(rng: random.Random, names: Names, kind: str, day: date) -> Facts:
    """A story's facts, its people, companies and place drawn from ``names``."""
    return Facts(
        kind=kind,
        person=names.person(),
        company=names.company(),
        other=names.company(),
        place=names.place(),
        day=day,
        number=rng.randint(5, 900),
        amount=rng.randint(2, 400),
        outcome=True,
    )


def _conflicting(f: Facts, rng: random.Random) -> Facts:
    """One planted contradiction: another figure, another date or the opposite outcome."""
    change = rng.choice(("number", "day", "outcome"))
    if change == "number":
        return Facts(**{**_fields(f), "number": f.number + rng.randint(3, 40)})
    if change == "day" or f.kind in ("fire", "opening", "strike"):
        return Facts(**{**_fields(f), "day": f.day + timedelta(days=rng.randint(2, 9))})
    return Facts(**{**_fields(f), "outcome": not f.outcome})


def _fields(f: Facts) -> dict[str, object]:
    return {name: getattr(f, name) for name in Facts.__slots__}


def articles(count: int, seed: int = 12, few_entities: bool = False) -> Iterator[tuple[str, str]]:
    """(file name, markdown text) of ``count`` articles, story after story."""
    rng = random.Random(seed)
    names = Names(rng, 12 if few_entities else None)
    written = 0
    story = 0
    while written < count:
        story += 1
        day = START + timedelta(days=story // 4)
        facts = _facts(rng, names, rng.choice(KINDS), day)
        reports = rng.choice((1, 1, 2, 2, 3, 3, 4, 5))
        planted = reports > 1 and rng.random() < 1 / 6
        outlets = rng.sample(OUTLETS, reports)
        for number, outlet in enumerate(outlets):
            if written == count:
                return
            told = _conflicting(facts, rng) if planted and number == reports - 1 else facts
            published = day + timedelta(days=number + rng.randint(0, 1))
            title = f"{facts.kind.title()} in {facts.place}"
            body = "\n\n".join(_paragraphs(told, story + number))
            text = (
                f"---\ntitle: {title}\nsource: {outlet}\npublished: {published.isoformat()}\n---\n\n{body}\n"
            )
            slug = outlet.lower().replace(" ", "-")
            yield f"{published.isoformat()}-s{story:06d}-{slug}.md", text
            written += 1


# What a report adds of its own: a witness or an official with their own figures, about the
# story's company and place. Each figure is its named person's: reports give one slot (the
# years a person has done something) other values, which the rules must tell apart by who.
_OWN_SENTENCES = (
    "{person}, {age}, who has run a bakery in {place} for {n} years, said trade had fallen by a third.",
    "{person}, a councillor in {place}, has represented her ward for {n} years.",
    "{person}, who owns {n} flats near the {company} site, said tenants had complained of smoke.",
    "{person}, {age}, drove {n} kilometres to collect her mother from {place}.",
    "{person} has volunteered at the {place} food bank for {n} months.",
    "{person}, a nurse at the {place} clinic, has worked there since {year}.",
)


def story_reports(count: int, seed: int = 12) -> Iterator[tuple[str, str]]:
    """(file name, markdown text) of ``count`` reports of one story, a few a day from many outlets."""
    rng = random.Random(seed)
    names = Names(rng, None)
    facts = _facts(rng, names, "fire", START)
    for number in range(count):
        outlet = f"{OUTLETS[number % len(OUTLETS)]} {number // len(OUTLETS) + 1}"
        published = START + timedelta(days=1 + number * 10 // count)  # over ten days
        paragraphs = _paragraphs(facts, number)
        for template in rng.sample(_OWN_SENTENCES, 4):
            paragraphs.append(
                template.format(
                    person=names.person(),
                    age=rng.randint(21, 80),
                    place=facts.place,
                    company=facts.company,
                    n=rng.randint(2, 90),
                    year=rng.randint(1990, 2023),
                )
            )
        body = "\n\n".join(paragraphs)
        title = f"Fire in {facts.place}"
        text = f"---\ntitle: {title}\nsource: {outlet}\npublished: {published.isoformat()}\n---\n\n{body}\n"
        yield f"{published.isoformat()}-report{number:04d}.md", text


def write_corpus(
    dest: Path, count: int, seed: int = 12, few_entities: bool = False, one_story: bool = False
) -> int:
    """Write ``count`` articles into ``dest`` (created); the number written."""
    dest.mkdir(parents=True, exist_ok=True)
    written = 0
    made = story_reports(count, seed) if one_story else articles(count, seed, few_entities)
    for name, text in made:
        (dest / name).write_text(text, encoding="utf-8")
        written += 1
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("dest", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--few-entities", action="store_true")
    parser.add_argument("--one-story", action="store_true", help="one story told by every report")
    args = parser.parse_args(argv)
    print(write_corpus(args.dest, args.articles, args.seed, args.few_entities, args.one_story))


if __name__ == "__main__":
    main()
