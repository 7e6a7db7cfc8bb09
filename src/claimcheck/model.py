"""Frozen values handed from stage to stage: articles, claims, times, quantities, findings.

Every stage of the pipeline takes these and returns new ones; nothing is mutated after
creation, and no spaCy object ever appears here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Modality(StrEnum):
    DONE = "done"  # asserted as having happened / being so
    PLANNED = "planned"  # "plans to", "set to", "will", "aims to"
    REPORTED = "reported"  # "is reported to", "reportedly"
    HEDGED = "hedged"  # "may", "appears", "could"


class Granularity(StrEnum):
    TIME = "time"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    UNKNOWN = "unknown"


class TimeRole(StrEnum):
    EVENT = "event"  # when the asserted thing happened or will happen
    REPORT = "report"  # when it was reported or said ("according to reports in January 2026")
    EFFECTIVE = "effective"  # when it takes effect ("as of July 2026", "from 1 May")


class Bound(StrEnum):
    EXACT = "exact"
    AT_LEAST = "at_least"  # "at least 30", "30 or more"
    MORE_THAN = "more_than"  # "more than 45", "over 45"
    AT_MOST = "at_most"  # "up to 30", "at most 30"
    LESS_THAN = "less_than"  # "fewer than 30", "under 30"


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A normalised time expression: its TIMEX3 value and the interval claimcheck reasons with.

    ``earliest``/``latest`` are the first and last day the expression can denote (inclusive);
    either is None for open bounds ("since 2020" has no latest) or when unknown.
    """

    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value: "2024-01", "2023-Q4", "P1Y6M", "PRESENT_REF", "XXXX-03"
    mod: str | None = None  # START | MID | END | BEFORE | AFTER | ON_OR_AFTER | APPROX ...
    earliest: date | None = None
    latest: date | None = None
    granularity: Granularity = Granularity.UNKNOWN

    @property
    def is_interval(self) -> bool:
        return self.type in ("DATE", "TIME") and (self.earliest is not None or self.latest is not None)


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression found in a text; offsets are relative to the text given to the finder."""

    start: int
    end: int
    text: str
    time: TimeValue


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit or currency, as found in a text (offsets relative to that text)."""

    start: int
    end: int
    text: str
    value: float  # in base units: 600 million euros -> 600_000_000
    unit: str | None = None  # canonical unit: "EUR", "USD", "%", "mi", "kg", "seat", "employee"...
    approximate: bool = False  # "around", "about", "nearly", "some"
    bound: Bound = Bound.EXACT
    kind: str = "count"  # count | money | percent | measure | ordinal | year-like


@dataclass(frozen=True, slots=True)
class ClaimTime:
    """A time attached to a claim, with the role it plays there."""

    mention: TimeMention
    role: TimeRole = TimeRole.EVENT


@dataclass(frozen=True, slots=True)
class ClaimQuantity:
    """A quantity attached to a claim, with the attribute it measures (lemmas, may be empty)."""

    quantity: Quantity
    attribute: str = ""  # "employee", "seat", "break fee", "cost"
    attribute_key: str = ""  # canonical form used for blocking
    superseded: bool = False  # an earlier value the text itself updates ("up from $850 million")


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int  # 0-based among the article's paragraphs
    start: int  # character offsets into the article's text (front matter included)
    end: int
    line: int  # 1-based line of the first character
    text: str
    label: str | None = None  # fact-box label ("IPO Cancellation") that prefixes the text
    label_end: int = 0  # offset inside ``text`` where the content after the label begins
    headline: bool = False


@dataclass(frozen=True, slots=True)
class Article:
    doc: str  # the path as given by the user ("-" for stdin)
    text: str  # the whole decoded file
    title: str | None = None
    source: str | None = None
    published: date | None = None
    url: str | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    content_hash: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    """One dated assertion: who did what to what, when, how much, according to whom."""

    doc: str
    paragraph: int
    line: int  # 1-based
    column: int  # 1-based, of the sentence start
    start: int  # character offsets of the sentence in the file
    end: int
    text: str  # the sentence holding the claim
    subject: str = ""
    subject_key: str = ""  # canonical entity key ("acme", "maria da silva")
    predicate: str = ""  # lemma phrase with particles: "spin off", "call off"
    object: str = ""
    object_key: str = ""
    polarity: bool = True  # False when negated
    denied: str = ""  # what the claim says none of took part: "person" ("no one died"), "passenger"
    modality: Modality = Modality.DONE
    source: str | None = None  # attribution ("Reuters"); the outlet is on the Article
    times: tuple[ClaimTime, ...] = ()
    quantities: tuple[ClaimQuantity, ...] = ()
    entities: tuple[str, ...] = ()  # canonical keys of every entity mentioned in the sentence
    described: tuple[str, ...] = ()  # what the article calls those entities ("ferry" for "the ferry X")
    content_lemmas: tuple[str, ...] = ()  # content-word lemmas of the sentence, lower-cased
    change: bool = False  # the sentence marks a change over time ("up from", "revised", "later")
    headline: bool = False
    label: str | None = None  # fact-box label of its paragraph
    published: date | None = None  # of the article, to order reports from several outlets
    outlet: str | None = None
    profile: str = ""  # a claim only describing a named person: "age" ("Keroge, 27,") or "role"

    @property
    def event_time(self) -> ClaimTime | None:
        for t in self.times:
            if t.role is TimeRole.EVENT and t.mention.time.is_interval:
                return t
        return None


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str  # rule id from rules.toml ("ipo-status")
    kind: str  # rule kind ("exclusive-events")
    severity: Severity
    message: str
    claims: tuple[Claim, ...]
    differences: tuple[str, ...] = ()  # the differing parts, one per claim ("spin off", "reintegrate")
    fingerprint: str = ""
    slot: str = ""  # the attribute whose values clash ("sentence", "collapse / Old Mill Bridge"), if any


@dataclass(frozen=True, slots=True)
class FileProblem:
    """A file that could not be read; reported, while the other files are still processed."""

    doc: str
    message: str


@dataclass(frozen=True, slots=True)
class Report:
    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]
    problems: tuple[FileProblem, ...] = field(default=())
    notes: tuple[str, ...] = ()  # warnings about the run itself (a cache rebuilt, ...)
