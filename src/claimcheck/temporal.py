"""Time expressions in English news text -> TIMEX3 values and day intervals.

``find_times`` finds the expressions with compiled regular expressions (no spaCy here) and
normalises each to an ISO-TimeML TIMEX3 ``value``/``mod`` plus the inclusive day interval
``[earliest, latest]`` that claimcheck reasons with. Relative expressions are resolved against
the article's publication date (``anchor``); without one they keep TimeML's underspecified
values ("XXXX-WXX-5", "XXXX-03") and an unknown interval.

How it works, in passes:

1. every recogniser (one regex and one handler) proposes candidates; the longest
   non-overlapping candidates win;
2. in text order, each candidate is resolved; anaphoric ones ("that year", "the following
   day") against the most recent explicit date before them. Fuzzy prefixes ("early",
   "the end of", "mid-") are folded into the mention and narrow its interval;
3. bound words before or after a date ("since", "by", "not before", "or later") set ``mod`` and
   open one end of the interval; quantifier words before a duration ("almost", "more than")
   set its ``mod``. These words are included in the mention's span;
4. clock times take their day from the nearest day-level date in the same sentence.

Ranges ("2009-2010", "from 2015 to 2020", "between January 2024 and March 2025") come out of
``find_times`` as two mentions, one per end, as TempEval annotates them; ``find_ranges`` joins
such pairs into one mention whose interval spans both ends (value "2015/2020").

"will open in three weeks" stays a TimeML DURATION ("P3W"), but its earliest/latest carry the
calendar unit it lands in; ``TimeValue.is_interval`` is False for it, so rules ignore it unless
they ask.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from claimcheck.model import Granularity, TimeMention, TimeValue

__all__ = ["contains", "disjoint", "find_ranges", "find_times", "overlaps"]

G = Granularity

# --------------------------------------------------------------------------------------------
# Interval relations


def contains(outer: TimeValue, inner: TimeValue) -> bool:
    """True when every day ``inner`` can denote lies inside ``outer``.

    An open bound of ``outer`` contains anything on that side; an open bound of ``inner``
    fits only an open bound of ``outer``. Values without any interval contain nothing.
    """
    if not _has_interval(outer) or not _has_interval(inner):
        return False
    if outer.earliest is not None and (inner.earliest is None or inner.earliest < outer.earliest):
        return False
    return not (outer.latest is not None and (inner.latest is None or inner.latest > outer.latest))


def overlaps(a: TimeValue, b: TimeValue) -> bool:
    """True when the two intervals can share a day (open bounds reach forever)."""
    if not _has_interval(a) or not _has_interval(b):
        return False
    if a.latest is not None and b.earliest is not None and a.latest < b.earliest:
        return False
    return not (b.latest is not None and a.earliest is not None and b.latest < a.earliest)


def disjoint(a: TimeValue, b: TimeValue) -> bool:
    """True only when the intervals provably share no day; False when it cannot be shown."""
    if not _has_interval(a) or not _has_interval(b):
        return False
    return not overlaps(a, b)


def _has_interval(tv: TimeValue) -> bool:
    return tv.type in ("DATE", "TIME") and (tv.earliest is not None or tv.latest is not None)


# --------------------------------------------------------------------------------------------
# Calendar helpers


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _month_end(y: int, m: int) -> date:
    return date(y, m, _last_day(y, m))


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year(y: int, mod: str | None = None) -> TimeValue:
    return TimeValue("DATE", f"{y:04d}", mod, date(y, 1, 1), date(y, 12, 31), G.YEAR)


def _month(y: int, m: int) -> TimeValue:
    return TimeValue("DATE", f"{y:04d}-{m:02d}", None, date(y, m, 1), _month_end(y, m), G.MONTH)


def _day(d: date) -> TimeValue:
    return TimeValue("DATE", d.isoformat(), None, d, d, G.DAY)


def _week(d: date) -> TimeValue:
    iy, iw, iwd = d.isocalendar()
    monday = d - timedelta(days=iwd - 1)
    return TimeValue("DATE", f"{iy:04d}-W{iw:02d}", None, monday, monday + timedelta(days=6), G.WEEK)


def _weekend(d: date) -> TimeValue:
    iy, iw, iwd = d.isocalendar()
    saturday = d + timedelta(days=6 - iwd)
    return TimeValue("DATE", f"{iy:04d}-W{iw:02d}-WE", None, saturday, saturday + timedelta(days=1), G.DAY)


def _quarter(y: int, q: int) -> TimeValue:
    m = 3 * q - 2
    return TimeValue("DATE", f"{y:04d}-Q{q}", None, date(y, m, 1), _month_end(y, m + 2), G.QUARTER)


def _half(y: int, h: int) -> TimeValue:
    m = 6 * h - 5
    return TimeValue("DATE", f"{y:04d}-H{h}", None, date(y, m, 1), _month_end(y, m + 5), G.HALF)


_SEASON_CODE = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _season(y: int, code: str) -> TimeValue:
    """Northern meteorological seasons.

    "winter 2025" is used both for Jan-Feb 2025 and for Dec 2025-Feb 2026, so its interval
    covers both readings (a contradiction must not hinge on the convention).
    """
    if code == "WI":
        return TimeValue("DATE", f"{y:04d}-WI", None, date(y, 1, 1), _month_end(y + 1, 2), G.SEASON)
    m = _SEASON_START[code]
    return TimeValue("DATE", f"{y:04d}-{code}", None, date(y, m, 1), _month_end(y, m + 2), G.SEASON)


def _decade(start_year: int) -> TimeValue:
    return TimeValue(
        "DATE",
        f"{start_year // 10:03d}",
        None,
        date(start_year, 1, 1),
        date(start_year + 9, 12, 31),
        G.DECADE,
    )


def _century(c: int) -> TimeValue:
    """``c`` is the TIMEX3 century digits: 19 for the 1900s (the 20th century)."""
    return TimeValue("DATE", f"{c:02d}", None, date(c * 100, 1, 1), date(c * 100 + 99, 12, 31), G.CENTURY)


def _fiscal(y: int) -> TimeValue:
    # Fiscal years end anywhere from January (retail: FY2025 = Feb 2024-Jan 2025) to March of
    # the next year (UK, Japan, India: FY2025 = Apr 2025-Mar 2026); the interval covers all.
    return TimeValue("DATE", f"FY{y:04d}", None, date(y - 1, 2, 1), date(y + 1, 3, 31), G.YEAR)


def _under(value: str, gran: Granularity, type_: str = "DATE") -> TimeValue:
    return TimeValue(type_, value, None, None, None, gran)


def _ref(value: str, anchor: date | None) -> TimeValue:
    """PRESENT_REF / PAST_REF / FUTURE_REF, with the interval the anchor gives them."""
    if anchor is None:
        return TimeValue("DATE", value)
    if value == "PRESENT_REF":
        return TimeValue("DATE", value, None, anchor, anchor)
    if value == "PAST_REF":
        return TimeValue("DATE", value, None, None, anchor)
    return TimeValue("DATE", value, None, anchor, None)


def _unit_value(unit: str, d: date) -> TimeValue:
    """The calendar unit of granularity ``unit`` that holds day ``d``."""
    if unit == "year":
        return _year(d.year)
    if unit == "month":
        return _month(d.year, d.month)
    if unit == "week":
        return _week(d)
    if unit == "weekend":
        return _weekend(d)
    if unit == "quarter":
        return _quarter(d.year, (d.month - 1) // 3 + 1)
    if unit == "half":
        return _half(d.year, 1 if d.month <= 6 else 2)
    if unit == "decade":
        return _decade(d.year // 10 * 10)
    if unit == "century":
        return _century(d.year // 100)
    return _day(d)


def _shift(unit: str, d: date, n: int) -> date:
    """Day ``d`` moved by ``n`` calendar units (clamped to month ends)."""
    if unit in ("day",):
        return d + timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}[unit] * n
    y, m = _add_months(d.year, d.month, months)
    return date(y, m, min(d.day, _last_day(y, m)))


_UNDER_UNIT = {
    "year": ("XXXX", G.YEAR),
    "month": ("XXXX-XX", G.MONTH),
    "week": ("XXXX-WXX", G.WEEK),
    "weekend": ("XXXX-WXX-WE", G.DAY),
    "day": ("XXXX-XX-XX", G.DAY),
    "quarter": ("XXXX-QX", G.QUARTER),
    "half": ("XXXX-HX", G.HALF),
    "decade": ("XXX", G.DECADE),
    "century": ("XX", G.CENTURY),
}


# --------------------------------------------------------------------------------------------
# Narrowing by fuzzy position words: "early 2025", "the end of March", "mid-2025"

# (first, last) month of a year / day of a month / fraction of anything else
_YEAR_PART = {"early": (1, 4), "start": (1, 3), "mid": (4, 9), "late": (9, 12), "end": (10, 12)}
_MONTH_PART = {"early": (1, 10), "start": (1, 10), "mid": (11, 20), "late": (21, 31), "end": (21, 31)}
_FRACTION = {
    "early": (0.0, 0.4),
    "start": (0.0, 0.3),
    "mid": (0.25, 0.75),
    "late": (0.6, 1.0),
    "end": (0.7, 1.0),
}
_PART_MOD = {"early": "START", "start": "START", "mid": "MID", "late": "END", "end": "END"}


def _narrow(tv: TimeValue, part: str) -> TimeValue:
    mod = _PART_MOD[part]
    e, last = tv.earliest, tv.latest
    if e is None or last is None:
        return replace(tv, mod=mod)
    if tv.value.endswith("-WI"):
        return replace(tv, mod=mod)  # its interval holds two winters: a part of it is no interval
    if tv.granularity is G.YEAR and not tv.value.startswith("FY"):
        a, b = _YEAR_PART[part]
        return replace(tv, mod=mod, earliest=date(e.year, a, 1), latest=_month_end(e.year, b))
    if tv.granularity is G.MONTH:
        a, b = _MONTH_PART[part]
        return replace(
            tv, mod=mod, earliest=date(e.year, e.month, a), latest=date(e.year, e.month, min(b, last.day))
        )
    a, b = _FRACTION[part]
    span = (last - e).days
    return replace(
        tv, mod=mod, earliest=e + timedelta(days=round(span * a)), latest=e + timedelta(days=round(span * b))
    )


# --------------------------------------------------------------------------------------------
# Vocabulary

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7,
}  # fmt: skip
_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "dozen": 12, "hundred": 100,
}  # fmt: skip
_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "final": 4, "last": 4,
}  # fmt: skip
_PART_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "midday": "MI",
    "overnight": "NI", "tonight": "NI",
}  # fmt: skip
_VAGUE = {"several", "few", "a few", "many", "some", "a couple of", "a couple", "couple of", "numerous",
          "a number of", "dozens of", "hundreds of"}  # fmt: skip


def _number(s: str) -> float | None:
    s = s.lower().strip()
    s = re.sub(r"\s+", " ", s)
    if s in _VAGUE:
        return None
    if s[0].isdigit():
        return float(s.replace(",", ""))
    if s.startswith("a ") or s.startswith("an "):
        s = s.split(" ", 1)[1]
    total = 0
    for word in re.split(r"[- ]", s):
        if word == "dozen" or word == "hundred":
            total = (total or 1) * _NUMBERS[word]
        elif word in _NUMBERS:
            total += _NUMBERS[word]
    return float(total)


_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
# A month with a day or year next to it: abbreviations allowed, with or without the dot.
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR}\.?)(?![a-z])"
# A month on its own: full names, or abbreviations with their dot.
_MONTH_ALONE = rf"(?:{_MONTH_FULL}(?![a-z])|{_MONTH_ABBR}\.)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
_YEAR4 = r"(?:1[89]\d\d|20\d\d|2100)"
_NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six"
    r"|seven|eight|nine)\b)?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:a |two |three )?dozen|a hundred)"
)
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{_NUMWORD})"
_QUANT = (
    rf"(?:{_NUM}|an?|several|a few|few|many|a couple of|a couple|couple of|a number of|numerous|dozens of)"
)
_UNIT = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|century|centuries)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"

# --------------------------------------------------------------------------------------------
# Tense cues around an expression: which way a bare "Friday" or "March" points.

_FUTURE_CUES = frozenset(
    [
        "will",
        "'ll",
        "shall",
        "next",
        "scheduled",
        "schedule",
        "due",
        "expected",
        "expects",
        "expect",
        "plans",
        "plan",
        "planned",
        "planning",
        "set",
        "going",
        "upcoming",
        "coming",
        "would",
        "aims",
        "aim",
        "intends",
        "intend",
        "slated",
        "forecast",
        "forecasts",
        "tomorrow",
        "until",
    ]
)
_PAST_CUES = frozenset(
    [
        "was",
        "were",
        "had",
        "did",
        "ago",
        "last",
        "earlier",
        "previously",
        "said",
        "told",
        "took",
        "made",
        "came",
        "went",
        "began",
        "became",
        "saw",
        "won",
        "lost",
        "left",
        "met",
        "got",
        "gave",
        "found",
        "fled",
        "sold",
        "bought",
        "held",
        "led",
        "ran",
        "rose",
        "fell",
        "paid",
        "kept",
        "brought",
        "thought",
        "wrote",
        "struck",
        "spoke",
        "began",
        "since",
    ]
)
_DETERMINERS = frozenset("the a an its their his her our this that these those".split())
_NOT_PAST_ED = frozenset(["need", "indeed", "seed", "speed", "feed", "breed", "proceed", "exceed", "succeed"])
_WORD = re.compile(r"[A-Za-z']+")
_SENTENCE_END = re.compile(r"[.!?\n]\s")


def _tense(text: str, start: int, end: int) -> str | None:
    """'future', 'past' or None from the nearest cue word in the same sentence."""
    lo = max(0, start - 120)
    left = text[lo:start]
    cut = [m.end() for m in _SENTENCE_END.finditer(left)]
    if cut:
        left = left[cut[-1] :]
    words = _WORD.findall(left)
    for i in range(len(words) - 1, -1, -1):
        # "the plan", "its forecast": a noun after a determiner says nothing of tense.
        if i > 0 and words[i - 1].lower() in _DETERMINERS:
            continue
        c = _cue(words[i])
        if c:
            return c
    right = text[end : end + 60]
    m = _SENTENCE_END.search(right)
    if m:
        right = right[: m.start()]
    for w in _WORD.findall(right):
        c = _cue(w)
        if c:
            return c
    return None


def _cue(word: str) -> str | None:
    w = word.lower()
    if w in _FUTURE_CUES or w.endswith("'ll"):
        return "future"
    if w in _PAST_CUES or (w.endswith("ed") and len(w) > 4 and w not in _NOT_PAST_ED):
        return "past"
    return None


# --------------------------------------------------------------------------------------------
# Recognisers

Resolver = Callable[["_State"], TimeValue | None]


@dataclass(slots=True)
class _State:
    """What resolution knows when it reaches a mention."""

    anchor: date | None
    ref: TimeValue | None = None  # latest explicit date before the mention


@dataclass(frozen=True, slots=True)
class _Ctx:
    text: str
    anchor: date | None


Handler = Callable[[re.Match[str], _Ctx], "TimeValue | Resolver | None"]


def _year_ok(text: str, s: int, e: int) -> bool:
    """A 4-digit number at s:e is a year, not a count, an amount or part of a code."""
    before = text[max(0, s - 12) : s]
    after = text[e : e + 30]
    if before[-1:] in ("$", "€", "£", "#", "/", "."):
        return False
    if re.search(r"\d[-–]$", before) and not re.search(rf"{_YEAR4}\s*[-–]$", before):
        return False
    if (re.match(r"\s*(?:%|per\s*cent|percent)", after) or re.match(r"[-–/]\d", after)) and not re.match(
        rf"[-–](?:{_YEAR4}|\d\d)\b", after
    ):
        return False
    if re.match(r",\d{3}|\.\d|:\d", after):
        return False
    if re.search(r"\b(?:[Nn]o\.|[Nn]umber|[Rr]oute|[Ff]light|[Rr]oom|[Ss]ection|[Aa]rticle)\s*$", before):
        return False
    temporal = re.search(
        r"(?i)\b(?:in|since|until|till|by|before|after|during|from|through|to|of|early|late|mid|around|"
        r"circa|spring|summer|autumn|fall|winter|year|the|its|his|her|their|our|this|that)\s*-?$",
        before,
    )
    nxt = re.match(r"\s+([a-z]+)", after)
    if nxt and not temporal:
        w = nxt.group(1)
        if w in ("people", "men", "women", "children", "feet", "km", "kg", "miles", "tons", "tonnes"):
            return False
        if w.endswith("s") and not w.endswith(("ss", "us", "is", "'s")) and len(w) > 3:
            return False
    # "about 2000 tonnes": an approximated count
    return not (
        nxt
        and re.search(r"(?i)\b(?:about|some|nearly|almost|over|than|approximately|roughly|least)\s+$", before)
    )


def _resolve_month(ctx: _Ctx, s: int, e: int, month: int) -> tuple[int | None, str | None]:
    """Year of a month named without one: past cue -> last occurrence, future -> next,
    otherwise the anchor's year."""
    if ctx.anchor is None:
        return None, None
    a = ctx.anchor
    t = _tense(ctx.text, s, e)
    if t == "past" and month > a.month:
        return a.year - 1, t
    if t == "future" and month < a.month:
        return a.year + 1, t
    return a.year, t


def _following_year(text: str, e: int) -> int | None:
    """The year that ends a range the expression starts: "January-March 2024", "March 3-5, 2024"."""
    m = re.match(
        rf"\s*(?:[-–]|to|through|and|until)\s*(?:(?:{_MONTH})\s*)?(?:{_DAYNUM})?,?\s*({_YEAR4})\b",
        text[e : e + 40],
    )
    return int(m.group(1)) if m else None


def _h_iso(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _day(d) if d else None


def _h_full_date(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    month = _MONTHS[m["mon"].rstrip(".").lower()]
    d = _safe_date(int(m["y"]), month, int(re.match(r"\d+", m["d"]).group()))
    return _day(d) if d else None


def _h_numeric_date(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    month, day = (a, b) if a <= 12 else (b, a)
    d = _safe_date(y, month, day)
    return _day(d) if d else None


def _h_month_day(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    month = _MONTHS[m["mon"].rstrip(".").lower()]
    day = int(re.match(r"\d+", m["d"]).group())
    if (
        month == 5
        and m["mon"] == "May"
        and re.search(r"\b(?:I|you|we|they|it|he|she)\s*$", ctx.text[: m.start()])
    ):
        return None
    y = _following_year(ctx.text, m.end())
    if y is None:
        y, _ = _resolve_month(ctx, m.start(), m.end(), month)
    if y is None:
        if not 1 <= day <= 31:
            return None
        return _under(f"XXXX-{month:02d}-{day:02d}", G.DAY)
    d = _safe_date(y, month, day)
    return _day(d) if d else None


def _h_month_year(m: re.Match[str], ctx: _Ctx) -> TimeValue:
    return _month(int(m["y"]), _MONTHS[m["mon"].rstrip(".").lower()])


_MONTH_LEFT_OK = re.compile(
    r"(?i)(?:\b(?:in|since|until|till|by|before|after|during|from|through|of|early|late|mid|last|next|"
    r"this|that|between|and|to|or|each|every|late|end|beginning|start|middle)\s+|mid-)$"
)


def _h_month(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    name = m.group()
    month = _MONTHS[name.rstrip(".").lower()]
    # "May" is also a modal verb and "March" a noun and verb: demand a time-ish neighbour
    if name in ("May", "March") and not _MONTH_LEFT_OK.search(ctx.text[max(0, m.start() - 12) : m.start()]):
        return None
    y = _following_year(ctx.text, m.end())
    if y is None:
        y, _ = _resolve_month(ctx, m.start(), m.end(), month)
    if y is None:
        return _under(f"XXXX-{month:02d}", G.MONTH)
    return _month(y, month)


def _h_year(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    if not _year_ok(ctx.text, m.start(), m.end()):
        return None
    return _year(int(m.group()))


def _h_year_tail(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    """The "10" of "2009-10"."""
    first = int(ctx.text[m.start() - 5 : m.start() - 1])
    y = first // 100 * 100 + int(m.group())
    if y <= first:
        y += 100
    if y - first > 10:
        return None
    return _year(y)


def _h_decade(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    if m["full"]:
        y = int(m["full"])
        tv = _century(y // 100) if y % 100 == 0 and y != 2000 else _decade(y)  # "the 1800s" = a century
    else:
        d = int(m["two"] or m["two2"])
        base = (ctx.anchor.year if ctx.anchor else 2029) // 10 * 10
        y = 2000 + d if 2000 + d <= base else 1900 + d
        if not m["apos"] and not m["the"]:
            return None
        tv = _decade(y)
    if m["part"]:
        tv = _narrow(tv, {"early": "early", "mid": "mid", "late": "late"}[m["part"].lower()])
    return tv


_CENTURY_ORD = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
}  # fmt: skip


def _h_century(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    word = m["n"].lower()
    n = int(re.match(r"\d+", word).group()) if word[0].isdigit() else _CENTURY_ORD.get(word)
    if not n or n > 22:
        return None
    tv = _century(n - 1)
    if m["part"]:
        tv = _narrow(tv, m["part"].lower())
    return tv


def _quarter_year(ctx: _Ctx, s: int, e: int, q: int) -> int | None:
    """A quarter named without its year: the latest one begun by the anchor, unless the
    sentence points to the future."""
    if ctx.anchor is None:
        return None
    a = ctx.anchor
    cur = (a.month - 1) // 3 + 1
    if _tense(ctx.text, s, e) == "future":
        return a.year if q >= cur else a.year + 1
    return a.year if q <= cur else a.year - 1


def _year_phrase(spec: str | None, ctx: _Ctx) -> int | None | str:
    """'2025', "'25", 'last year', 'this year', 'next year', 'the year' -> a year or None."""
    if not spec:
        return "none"
    s = spec.lower()
    if re.fullmatch(r"\d{4}", s):
        return int(s)
    if re.fullmatch(r"'?\d{2}", s):
        return 2000 + int(s.lstrip("'"))
    if ctx.anchor is None:
        return None
    y = ctx.anchor.year
    if "last" in s or "previous" in s:
        return y - 1
    if "next" in s or "coming" in s:
        return y + 1
    return y


def _h_quarter(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    g = m.groupdict()
    q = g.get("q") or g.get("q2")
    q = int(q) if q.isdigit() else _ORDINALS[q.lower()]
    y = _year_phrase(g.get("y") or g.get("y0"), ctx)
    if y == "none":
        y = _quarter_year(ctx, m.start(), m.end(), q)
    if y is None:
        return _under(f"XXXX-Q{q}", G.QUARTER)
    return _quarter(int(y), q)


def _h_half(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    g = m.groupdict()
    h = g.get("h") or g.get("h2")
    h = {"first": 1, "1st": 1, "1": 1, "second": 2, "2nd": 2, "2": 2, "latter": 2, "back": 2}[h.lower()]
    y = _year_phrase(g.get("y") or g.get("y0"), ctx)
    if y == "none":
        if ctx.anchor is None:
            y = None
        else:
            a = ctx.anchor
            cur = 1 if a.month <= 6 else 2
            fut = _tense(ctx.text, m.start(), m.end()) == "future"
            y = a.year + (0 if (h >= cur if fut else h <= cur) else (1 if fut else -1))
    if y is None:
        return _under(f"XXXX-H{h}", G.HALF)
    return _half(int(y), h)


_SEASON_LEFT_OK = re.compile(
    r"(?i)\b(?:the|in|during|this|last|next|early|late|mid|since|until|by|over|through|each|every|"
    r"past|coming|of|before|after)\s+$"
)


def _season_occurrence(code: str, a: date, which: str) -> int:
    """Year of the 'last'/'this'/'next' season of ``code`` seen from day ``a``.

    Occurrences are the meteorological ones (winter Y = Dec Y..Feb Y+1 for this choice)."""

    def span(y: int) -> tuple[date, date]:
        m = _SEASON_START[code]
        if code == "WI":
            return date(y, 12, 1), _month_end(y + 1, 2)
        return date(y, m, 1), _month_end(y, m + 2)

    years = range(a.year - 2, a.year + 2)
    if which == "last":
        return max(y for y in years if span(y)[1] < a)
    if which == "next":
        return min(y for y in years if span(y)[0] > a)
    # 'this': the occurrence holding a, else the one in the anchor's year
    for y in years:
        s, e = span(y)
        if s <= a <= e:
            return y
    return a.year


def _h_season(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    code = _SEASON_CODE[m["s"].lower()]
    rel = (m["rel"] or "").lower()
    if m["y"]:
        return _season(int(m["y"]), code)
    if not rel and not _SEASON_LEFT_OK.search(ctx.text[max(0, m.start() - 12) : m.start()]):
        return None
    if (
        not rel
        and m["s"].lower() == "fall"
        and not re.search(
            r"(?i)\b(?:the|this|last|next|early|late)\s+$", ctx.text[max(0, m.start() - 8) : m.start()]
        )
    ):
        return None
    if re.match(r"\s+(?:Olympics|Games|camp|school|break|session|collection|solstice)", ctx.text[m.end() :]):
        return None
    if ctx.anchor is None:
        return _under(f"XXXX-{code}", G.SEASON)
    if rel in ("last", "past", "previous"):
        which = "last"
    elif rel in ("next", "coming"):
        which = "next"
    elif rel == "this":
        which = "this"
    else:
        t = _tense(ctx.text, m.start(), m.end())
        which = {"past": "last", "future": "next"}.get(t, "this")
        y = _season_occurrence(code, ctx.anchor, "this")
        s = _season(y, code)
        if (
            which == "last"
            and s.earliest
            and s.earliest <= ctx.anchor
            or which == "next"
            and s.latest
            and s.latest >= ctx.anchor
        ):
            which = "this"
    return _season(_season_occurrence(code, ctx.anchor, which), code)


def _h_fiscal(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    y = m["y"] or m["y2"]
    n = int(y)
    if n < 100:
        n += 2000
    if not 1900 <= n <= 2100:
        return None
    return _fiscal(n)


def _h_weekday(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    wd = _WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower()
    pod = _PART_OF_DAY.get((m["pod"] or "").lower())
    if ctx.anchor is None:
        v = f"XXXX-WXX-{wd}"
        return _under(v + (f"T{pod}" if pod else ""), G.TIME if pod else G.DAY, "TIME" if pod else "DATE")
    a = ctx.anchor
    back = (a.isoweekday() - wd) % 7  # days back to the latest such weekday (0 = today)
    if rel == "last":
        d = a - timedelta(days=back or 7)
    elif rel == "next":
        d = a + timedelta(days=(wd - a.isoweekday()) % 7 or 7)
    elif rel in ("this", "coming") or _tense(ctx.text, m.start(), m.end()) == "future":
        d = a + timedelta(days=(wd - a.isoweekday()) % 7)
    else:
        d = a - timedelta(days=back)
    if pod:
        return TimeValue("TIME", f"{d.isoformat()}T{pod}", None, d, d, G.TIME)
    return _day(d)


_PRESENT_TODAY = re.compile(r"(?i)\b(?:than|of|until|unlike|even|still|like|as|world|society)\s+$")


def _h_deictic_day(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    word = m["w"].lower()
    pod = _PART_OF_DAY.get((m["pod"] or "").lower())
    if word == "tonight" or word == "last night":
        pod = "NI"
    elif word.startswith("this "):
        pod = _PART_OF_DAY[word.split()[1]]
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
    if word == "today" and not pod:
        left = ctx.text[max(0, m.start() - 12) : m.start()]
        clause = re.split(r"[,;:.!?]", ctx.text[max(0, m.start() - 40) : m.start()])[-1]
        generic = (
            _PRESENT_TODAY.search(left)
            or re.search(r"(?i)\bthan\b", clause)  # "cheaper than today": nowadays
            or ctx.text[m.end() : m.end() + 2] in ("'s", "’s")
        )
        if generic or ctx.anchor is None:
            return _ref("PRESENT_REF", ctx.anchor)
    if ctx.anchor is None:
        if pod:
            return _under(f"XXXX-XX-XXT{pod}", G.TIME, "TIME")
        return _under("XXXX-XX-XX", G.DAY)
    d = ctx.anchor + timedelta(days=offset)
    if pod:
        return TimeValue("TIME", f"{d.isoformat()}T{pod}", None, d, d, G.TIME)
    return _day(d)


_REL_UNITS = {"week": "week", "weekend": "weekend", "month": "month", "year": "year", "quarter": "quarter",
              "decade": "decade", "century": "century", "day": "day", "half": "half"}  # fmt: skip


def _h_relative(m: re.Match[str], ctx: _Ctx) -> TimeValue | Resolver | None:
    """last/this/next/the following/that + unit, month name or season."""
    rel = re.sub(r"\s+", " ", m["rel"].lower()).removeprefix("the ")
    unit = m["u"]
    ulow = unit.lower()
    if ulow in _SEASON_CODE:
        return None  # seasons have their own recogniser
    if unit.rstrip(".").lower() in _MONTHS and unit[0].isupper():
        month = _MONTHS[unit.rstrip(".").lower()]
        if rel in ("that", "same", "following", "previous", "past", "current", "preceding"):
            return None
        if ctx.anchor is None:
            return _under(f"XXXX-{month:02d}", G.MONTH)
        a = ctx.anchor
        if rel == "last":
            y = a.year if month < a.month else a.year - 1
        elif rel in ("next", "coming"):
            y = a.year if month > a.month else a.year + 1
        else:
            y = a.year
        return _month(y, month)
    if ulow not in _REL_UNITS:
        return None
    unit = _REL_UNITS[ulow]
    if rel == "past" or (
        rel == "last" and m.group().lower().startswith("the ") and unit not in ("week", "weekend")
    ):
        # "the past year", "the last decade": the stretch up to now
        if unit in ("weekend", "half"):
            return None
        return TimeValue("DURATION", _duration_value(1.0, unit), None, None, None, G.UNKNOWN)
    if rel in ("that", "same", "following", "previous", "preceding", "next") and m.group().lower().startswith(
        ("that", "the same", "the following", "the previous", "the preceding", "the next")
    ):
        step = {"that": 0, "same": 0, "following": 1, "next": 1, "previous": -1, "preceding": -1}[rel]

        def resolve(st: _State, unit: str = unit, step: int = step) -> TimeValue | None:
            base = _ref_day(st.ref, unit)
            if base is None:
                v, g = _UNDER_UNIT[unit]
                return _under(v, g)
            return _unit_value(unit, _shift(unit, base, step))

        return resolve
    if unit == "day":
        return None  # "this day", "last day", "next day" without "the": not a date
    step = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}.get(rel)
    if step is None:
        return None
    if ctx.anchor is None:
        v, g = _UNDER_UNIT[unit]
        return _under(v, g)
    if unit == "weekend" and step == 0 and _tense(ctx.text, m.start(), m.end()) == "past":
        step = -1 if ctx.anchor.isoweekday() < 6 else 0
    return _unit_value(unit, _shift(unit, ctx.anchor, step))


def _ref_day(ref: TimeValue | None, unit: str) -> date | None:
    """A day of the reference date, if the reference is fine enough for ``unit``."""
    if ref is None or ref.earliest is None or ref.latest is None:
        return None
    fine = {
        "day": (G.DAY, G.TIME),
        "weekend": (G.DAY, G.TIME, G.WEEK),
        "week": (G.DAY, G.TIME, G.WEEK),
        "month": (G.DAY, G.TIME, G.WEEK, G.MONTH),
        "quarter": (G.DAY, G.TIME, G.WEEK, G.MONTH, G.QUARTER),
        "half": (G.DAY, G.TIME, G.WEEK, G.MONTH, G.QUARTER, G.HALF),
    }.get(unit)
    if fine is not None and ref.granularity not in fine:
        return None
    if ref.mod in ("BEFORE", "AFTER", "ON_OR_AFTER", "ON_OR_BEFORE"):
        return None
    return ref.earliest


def _h_the_unit(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    """'the year' / 'the month' only after 'the end of', 'the rest of'...: the anchor's one."""
    left = ctx.text[max(0, m.start() - 30) : m.start()]
    if not re.search(
        r"(?i)\b(?:end|start|beginning|middle|rest|remainder|balance|close|turn)\s+of\s+$", left
    ):
        return None
    unit = m["u"].lower()
    if ctx.anchor is None:
        v, g = _UNDER_UNIT[unit]
        return _under(v, g)
    tv = _unit_value(unit, ctx.anchor)
    if re.search(r"(?i)\b(?:rest|remainder|balance)\s+of\s+$", left):
        tv = replace(tv, earliest=ctx.anchor)
    return tv


def _h_earlier_later_this(m: re.Match[str], ctx: _Ctx) -> TimeValue | Resolver | None:
    """'earlier this month', 'later this year', 'later that week', 'early this year'."""
    pos = m["pos"].lower()
    det = m["det"].lower()
    unit = m["u"].lower()
    part = {"earlier": "earlier", "later": "later", "early": "early", "late": "late", "mid": "mid"}[pos]

    def build(base: date | None, cut: date | None) -> TimeValue:
        if base is None:
            v, g = _UNDER_UNIT[unit]
            tv = _under(v, g)
            return replace(tv, mod={"earlier": None, "later": None}.get(part, _PART_MOD.get(part)))
        tv = _unit_value(unit, base)
        if part == "earlier" and cut is not None:
            return replace(tv, latest=cut)
        if part == "later" and cut is not None:
            return replace(tv, earliest=cut)
        if part in ("earlier", "later"):
            return tv
        return _narrow(tv, part)

    if det == "that":

        def resolve(st: _State) -> TimeValue:
            base = _ref_day(st.ref, unit)
            return build(base, base)

        return resolve
    if ctx.anchor is None:
        return build(None, None)
    step = {"this": 0, "last": -1, "next": 1}[det]
    base = _shift(unit, ctx.anchor, step)
    return build(base, ctx.anchor if step == 0 else None)


def _h_ago(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    q = m["q"]
    unit = m["u"].lower().rstrip("s")
    unit = {"centurie": "century", "fortnight": "week"}.get(unit, unit)
    n = _number(q) if q else None
    if q and m["u"].lower().startswith("fortnight") and n is not None:
        n *= 2
    if n is None or n != int(n):
        return _ref("PAST_REF", ctx.anchor)
    if ctx.anchor is None:
        v, g = (
            _UNDER_UNIT["year" if unit in ("decade", "century") else unit]
            if unit in _UNDER_UNIT
            else ("PAST_REF", G.UNKNOWN)
        )
        return _under(v, g)
    n = int(n)
    if unit in ("second", "minute", "hour"):
        return (
            _ref("PAST_REF", ctx.anchor)
            if n > 48
            else TimeValue("TIME", "PAST_REF", None, ctx.anchor - timedelta(days=1), ctx.anchor, G.TIME)
        )
    shift_unit = {"decade": "year", "century": "year"}.get(unit, unit)
    n_units = n * {"decade": 10, "century": 100}.get(unit, 1)
    d = _shift(shift_unit, ctx.anchor, -n_units)
    return _unit_value(shift_unit, d)


def _h_later(m: re.Match[str], ctx: _Ctx) -> Resolver | TimeValue | None:
    """'two years later', 'a day earlier': a date relative to the reference date."""
    if re.match(r"\s+than\b", ctx.text[m.end() : m.end() + 8]):
        return None
    n = _number(m["q"])
    if n is None or n != int(n):
        return None
    unit = m["u"].lower().rstrip("s")
    if unit not in ("day", "week", "month", "year"):
        return None
    sign = -1 if m["dir"].lower() in ("earlier", "before") else 1

    def resolve(st: _State) -> TimeValue:
        base = _ref_day(st.ref, unit)
        if base is None:
            return TimeValue("DURATION", _duration_value(n, unit), None, None, None, G.UNKNOWN)
        return _unit_value(unit, _shift(unit, base, sign * int(n)))

    return resolve


def _h_since_then(m: re.Match[str], ctx: _Ctx) -> Resolver:
    def resolve(st: _State) -> TimeValue:
        if st.ref is None or st.ref.earliest is None:
            return replace(_ref("PAST_REF", st.anchor), mod="ON_OR_AFTER", latest=None)
        return replace(st.ref, mod="ON_OR_AFTER", latest=None)

    return resolve


def _h_anaphor_time(m: re.Match[str], ctx: _Ctx) -> Resolver:
    """'at the time', 'at that time', 'then' as a reference to the narrative time."""
    return lambda st: _ref("PAST_REF", st.anchor)


# Durations ----------------------------------------------------------------------------------

_DUR_UNIT = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "fortnight": ("W", False), "month": ("M", False), "quarter": ("Q", False),
    "year": ("Y", False), "decade": ("DE", False), "century": ("CE", False),
}  # fmt: skip


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _duration_value(n: float | None, unit: str) -> str:
    unit = {"centuries": "century", "centurie": "century"}.get(unit, unit)
    if unit == "fortnight" and n is not None:
        n *= 2
    if unit == "decade" and n is not None:
        n, unit = n * 10, "year"
    if unit == "century" and n is not None:
        n, unit = n * 100, "year"
    code, is_time = _DUR_UNIT[unit]
    prefix = "PT" if is_time else "P"
    if n is None:
        return f"{prefix}X{code}"
    if n != int(n):
        whole, frac = int(n), n - int(n)
        if unit == "year" and abs(frac * 12 - round(frac * 12)) < 1e-9:
            return f"P{whole}Y{round(frac * 12)}M" if whole else f"P{round(frac * 12)}M"
        if unit == "hour" and abs(frac * 60 - round(frac * 60)) < 1e-9:
            return f"PT{whole}H{round(frac * 60)}M" if whole else f"PT{round(frac * 60)}M"
    return f"{prefix}{_fmt_num(n)}{code}"


def _unit_of(word: str) -> str:
    w = word.lower()
    if w in ("centuries", "century"):
        return "century"
    return w[:-1] if w.endswith("s") else w


_SET_LEFT = re.compile(
    r"(?i)(?:\d|\b(?:million|billion|trillion|thousand|hundred|times|once|twice|thrice|dollars|euros|"
    r"pounds|percent|cents)|%)\s*$"
)


_AGE_LEFT = re.compile(r"(?i)\b(?:aged?|ages)\s+(?:of\s+)?$")
_AGE_RIGHT = re.compile(r"(?i)\s*(?:-?\s*old\b|of\s+age\b|and\s+(?:older|younger|up|over|under)\b)")
# "a quarter of voters", "three quarters of the staff": a share, not three months. "A quarter
# of an hour" and "a quarter of a century" stay durations of their own.
_SHARE_RIGHT = re.compile(r"(?i)\s+of\s+(?!an?\b|one\b)")
_BY_SHARE_LEFT = re.compile(r"(?i)\bby\s+(?:(?:nearly|almost|about|around|roughly|some|more\s+than|less\s+than|over|under|just)\s+)?$")
_IN_FUTURE = re.compile(r"(?i)\bin\s+(?:about\s+|around\s+|roughly\s+)?$")


def _h_duration(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    q = m["q"]
    unit = _unit_of(m["u"])
    left = ctx.text[max(0, m.start() - 24) : m.start()]
    if _AGE_LEFT.search(left) or _AGE_RIGHT.match(ctx.text, m.end()):
        return None  # an age, not a stretch of time
    if unit == "quarter" and not m["half"] and _SHARE_RIGHT.match(ctx.text, m.end()):
        return None  # a share, read by quantities
    if unit == "quarter" and q.lower() in ("a", "one") and _BY_SHARE_LEFT.search(ctx.text[: m.start()]):
        return None  # "cut the risk by nearly a quarter": a fraction the figure changed by
    n = _number(q)
    if m["half"] and n is not None:
        n += 0.5
    if q.lower() in ("a", "an") and not m["half"] and _SET_LEFT.search(left):
        return TimeValue("SET", _duration_value(1.0, unit), None, None, None, G.UNKNOWN)
    if (
        ctx.anchor is not None
        and n is not None
        and n == int(n)
        and unit in ("day", "week", "month", "year")
        and _IN_FUTURE.search(left)
        and _tense(ctx.text, m.start(), m.end()) == "future"
    ):
        # "will open in three weeks": TimeML keeps it a DURATION; the interval carries the
        # calendar unit it lands in (is_interval stays False for durations).
        target = _unit_value(unit, _shift(unit, ctx.anchor, int(n)))
        return TimeValue(
            "DURATION", _duration_value(n, unit), None, target.earliest, target.latest, target.granularity
        )
    return TimeValue("DURATION", _duration_value(n, unit), None, None, None, G.UNKNOWN)


def _h_duration_adj(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    """'five-year', '90-day', '24-hour' (not '50-year-old')."""
    n = _number(m["q"])
    return TimeValue("DURATION", _duration_value(n, _unit_of(m["u"])), None, None, None, G.UNKNOWN)


def _h_duration_half(m: re.Match[str], ctx: _Ctx) -> TimeValue:
    unit = _unit_of(m["u"])
    return TimeValue("DURATION", _duration_value(0.5, unit), None, None, None, G.UNKNOWN)


def _h_duration_first(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    """The '12' of 'between 12 and 18 months'."""
    n = _number(m["q"])
    unit = _unit_of(m["u"])
    return TimeValue("DURATION", _duration_value(n, unit), None, None, None, G.UNKNOWN)


_BARE_LEFT = re.compile(
    r"(?i)\b(?:for|in|within|over|after|take|takes|took|taken|taking|spent|spend|spends|spending|"
    r"lasted|lasting|lasts|wait|waited|waiting|than|recent|coming|past|last|next|few|several|"
    r"many|hours|days|weeks|months|years|and|or)\s+$"
)


def _h_bare_plural(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    unit = _unit_of(m["u"])
    left = ctx.text[max(0, m.start() - 16) : m.start()]
    right = ctx.text[m.end() : m.end() + 12]
    if not (
        _BARE_LEFT.search(left) or re.match(r"(?i)\s+(?:before|after|later|earlier|on end)\b|-long", right)
    ):
        return None
    return TimeValue("DURATION", _duration_value(None, unit), None, None, None, G.UNKNOWN)


def _h_vague_span(m: re.Match[str], ctx: _Ctx) -> TimeValue:
    """'recent weeks', 'the past few years', 'the coming months'."""
    unit = _unit_of(m["u"])
    return TimeValue("DURATION", _duration_value(None, unit), None, None, None, G.UNKNOWN)


def _h_span_n(m: re.Match[str], ctx: _Ctx) -> TimeValue:
    """'the past two years', 'the next three months', 'the first six months'."""
    n = _number(m["q"])
    return TimeValue("DURATION", _duration_value(n, _unit_of(m["u"])), None, None, None, G.UNKNOWN)


def _h_race_time(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    h, mi, s = int(m["h"]), int(m["m"]), int(m["s"])
    if mi > 59 or s > 59:
        return None
    parts = (f"{h}H" if h else "") + (f"{mi}M" if mi else "") + (f"{s}S" if s else "")
    return TimeValue("DURATION", f"PT{parts or '0S'}", None, None, None, G.UNKNOWN)


# Sets and references ------------------------------------------------------------------------

_SET_WORDS = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M", "annually": "P1Y",
    "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D", "biannually": "P6M", "biennially": "P2Y",
    "semiannually": "P6M", "fortnightly": "P2W",
}  # fmt: skip


def _h_set_word(m: re.Match[str], ctx: _Ctx) -> TimeValue:
    return TimeValue("SET", _SET_WORDS[m.group().lower()])


def _h_set_every(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    what = m["w"]
    wl = what.lower()
    n = _number(m["q"]) if m["q"] else 1.0
    if wl.rstrip("s") in _WEEKDAYS:
        return TimeValue("SET", f"XXXX-WXX-{_WEEKDAYS[wl.rstrip('s')]}")
    if what.rstrip(".").lower() in _MONTHS and what[0].isupper():
        return TimeValue("SET", f"XXXX-{_MONTHS[what.rstrip('.').lower()]:02d}")
    if wl in _SEASON_CODE:
        return TimeValue("SET", f"XXXX-{_SEASON_CODE[wl]}")
    if wl in ("morning", "afternoon", "evening", "night"):
        return TimeValue("SET", f"XXXX-XX-XXT{_PART_OF_DAY[wl]}")
    if wl == "season":
        return TimeValue("SET", "P1Y")
    if wl == "weekend":
        return TimeValue("SET", "XXXX-WXX-WE")
    unit = _unit_of(wl)
    if unit not in _DUR_UNIT:
        return None
    return TimeValue("SET", _duration_value(n, unit))


def _h_per(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    """'per year'; 'a year' only after an amount ("$5 million a year", "twice a day")."""
    if not m.group().lower().startswith("per") and not _SET_LEFT.search(
        ctx.text[max(0, m.start() - 20) : m.start()]
    ):
        return None
    return TimeValue("SET", _duration_value(1.0, _unit_of(m["u"])))


def _h_and_a_half(m: re.Match[str], ctx: _Ctx) -> TimeValue:
    n = (_number(m["q"]) or 0) + 0.5
    return TimeValue("DURATION", _duration_value(n, _unit_of(m["u"])), None, None, None, G.UNKNOWN)


def _h_past_ref(m: re.Match[str], ctx: _Ctx) -> TimeValue:
    return _ref("PAST_REF", ctx.anchor)


def _h_future_ref(m: re.Match[str], ctx: _Ctx) -> TimeValue:
    return _ref("FUTURE_REF", ctx.anchor)


def _h_now(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    return _ref("PRESENT_REF", ctx.anchor)


_HOLIDAYS = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "christmas eve": (12, 24),
    "christmas day": (12, 25), "christmas": (12, 25), "boxing day": (12, 26),
    "valentine's day": (2, 14), "halloween": (10, 31), "independence day": (7, 4),
    "bastille day": (7, 14), "st. patrick's day": (3, 17), "may day": (5, 1),
    "thanksgiving": (11, 0), "thanksgiving day": (11, 0), "labor day": (9, 0),
    "memorial day": (5, 0),
}  # fmt: skip


def _holiday_date(name: str, y: int) -> date:
    month, day = _HOLIDAYS[name]
    if day:
        return date(y, month, day)
    if name.startswith("thanksgiving"):  # fourth Thursday of November
        first = date(y, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name == "labor day":  # first Monday of September
        first = date(y, 9, 1)
        return first + timedelta(days=(0 - first.weekday()) % 7)
    last = date(y, 5, 31)  # memorial day: last Monday of May
    return last - timedelta(days=last.weekday())


def _h_holiday(m: re.Match[str], ctx: _Ctx) -> TimeValue | None:
    name = re.sub(r"\s+", " ", m["h"].lower()).replace("’", "'")
    if name not in _HOLIDAYS:
        return None
    if m["y"]:
        return _day(_holiday_date(name, int(m["y"])))
    if ctx.anchor is None:
        month, day = _HOLIDAYS[name]
        return _under(f"XXXX-{month:02d}-{day:02d}" if day else f"XXXX-{month:02d}-XX", G.DAY)
    a = ctx.anchor
    rel = (m["rel"] or "").lower()
    t = "past" if rel == "last" else "future" if rel == "next" else _tense(ctx.text, m.start(), m.end())
    this = _holiday_date(name, a.year)
    if t == "past" and this > a:
        return _day(_holiday_date(name, a.year - 1))
    if t == "future" and this < a:
        return _day(_holiday_date(name, a.year + 1))
    return _day(this)


# Clock times --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Clock:
    """A time of day whose date is settled once the neighbouring dates are known."""

    part: str  # "15:00", "03:42", "12:00", "NI"


def _h_clock(m: re.Match[str], ctx: _Ctx) -> _Clock | None:
    h = int(m["h"])
    mi = int(m["m"] or 0)
    ampm = (m["ampm"] or "").lower().replace(".", "").replace(" ", "")
    if h > 24 or mi > 59:
        return None
    if ampm:
        if h > 12 or h == 0:
            return None
        if ampm.startswith("p") and h != 12:
            h += 12
        elif ampm.startswith("a") and h == 12:
            h = 0
    elif not m["zone"]:
        left = ctx.text[max(0, m.start() - 12) : m.start()]
        if m["m"] is None or not re.search(
            r"(?i)\b(?:at|by|until|till|from|before|after|around|about)\s+$", left
        ):
            return None
    return _Clock(f"{h:02d}:{mi:02d}" if m["m"] or not ampm else f"{h:02d}")


def _h_clock_part(m: re.Match[str], ctx: _Ctx) -> _Clock | None:
    """A clock hour with the part of the day it falls in: "9 in the morning" is 09:00, "11 at
    night" 23:00, "2 at night" 02:00 (the small hours)."""
    h, mi, part = int(m["h"]), int(m["m"] or 0), m["part"].split()[-1].lower()
    if not 1 <= h <= 12 or mi > 59:
        return None
    left = ctx.text[max(0, m.start() - 12) : m.start()]
    if not re.search(r"(?i)\b(?:at|by|until|till|from|before|after|around|about|to|since)\s+$", left):
        return None  # "Flight 9 in the morning schedule" is no time
    if part == "morning":
        h = 0 if h == 12 else h
    elif part in ("afternoon", "evening") or (part == "night" and h >= 6):
        h = h if h == 12 else h + 12
    return _Clock(f"{h:02d}:{mi:02d}")


def _h_clock24(m: re.Match[str], ctx: _Ctx) -> _Clock | None:
    h, mi = int(m["h"]), int(m["m"])
    if h > 23 or mi > 59:
        return None
    return _Clock(f"{h:02d}:{mi:02d}")


def _h_clock_word(m: re.Match[str], ctx: _Ctx) -> _Clock:
    w = m.group().lower()
    return _Clock({"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[w])


# --------------------------------------------------------------------------------------------
# The recogniser table: (pattern, handler). Longest match wins; on equal length, earlier rows.

_I = "(?i:"  # scoped case-insensitivity; month and weekday names stay capitalised

_RECOGNISERS: tuple[tuple[str, Handler], ...] = (
    (r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)\b", _h_iso),
    (
        rf"(?:\b{_WEEKDAY},?\s+)?\b(?P<mon>{_MONTH})\s+(?P<d>{_DAYNUM}),?\s+(?P<y>{_YEAR4})\b",
        _h_full_date,
    ),
    (
        rf"(?:\b{_WEEKDAY},?\s+)?(?:{_I}the)\s+)?\b(?P<d>{_DAYNUM})\s+(?:{_I}of)\s+)?(?P<mon>{_MONTH}),?\s+"
        rf"(?P<y>{_YEAR4})\b",
        _h_full_date,
    ),
    (r"\b(?P<a>[01]?\d|[23]\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d)\b", _h_numeric_date),
    (rf"(?:\b{_WEEKDAY},?\s+)?\b(?P<mon>{_MONTH})\s+(?P<d>{_DAYNUM})\b(?!\s*(?:%|,\d|\.\d))", _h_month_day),
    (
        rf"(?:\b{_WEEKDAY},?\s+)?(?:{_I}the)\s+)?\b(?P<d>{_DAYNUM})\s+(?:{_I}of)\s+)?(?P<mon>{_MONTH})(?!\s+\d)",
        _h_month_day,
    ),
    (rf"\b(?P<mon>{_MONTH}),?\s+(?:{_I}of)\s+)?(?P<y>{_YEAR4})\b", _h_month_year),
    (rf"\b{_MONTH_ALONE}", _h_month),
    (rf"\b{_YEAR4}\b", _h_year),
    (r"(?<=\d{4}[-–])\d\d\b(?![-–/.,]?\d)", _h_year_tail),
    (
        rf"(?:\b(?P<the>{_I}the))\s+)?(?:\b(?P<part>{_I}early|mid|late))[- ]?)?"
        rf"(?:\b(?P<full>(?:1[0-9]|20)\d0)|(?P<apos>['’])(?P<two>\d0)|\b(?P<two2>\d0))['’]?s\b",
        _h_decade,
    ),
    (
        rf"{_I}(?:the\s+)?(?:(?P<part>early|mid|late)[- ])?"
        rf"(?P<n>\d{{1,2}}(?:st|nd|rd|th)|[a-z]+(?:[- ]first)?)"
        rf"[- ]century)\b",
        _h_century,
    ),
    (
        rf"(?:\b(?P<y0>{_YEAR4})\s+)?\b(?i:the\s+)?(?i:(?P<q>first|second|third|fourth|final|1st|2nd|3rd|4th)"
        rf"[- ]quarter)(?:\s+(?i:of)\s+(?P<y>{_YEAR4}|(?i:(?:last|this|next|the)\s+year)))?",
        _h_quarter,
    ),
    (rf"\b(?:Q(?P<q2>[1-4])|(?P<q>[1-4])Q)(?:\s*(?P<y>{_YEAR4}|'?\d\d)\b)?\b", _h_quarter),
    (
        rf"(?:\b(?P<y0>{_YEAR4})\s+)?\b(?i:the\s+)?(?i:(?P<h>first|second|1st|2nd|latter|back)"
        rf"[- ]half)\s+(?i:of)\s+(?P<y>{_YEAR4}|(?i:(?:last|this|next|the)\s+year))",
        _h_half,
    ),
    (
        rf"(?:\b(?P<y0>{_YEAR4})\s+)?\b(?:{_I}(?P<h>first|second)-half))(?=\s+(?:{_I}results|earnings|profits?"
        rf"|sales|revenues?|loss(?:es)?|growth|net|output|deliveries)))",
        _h_half,
    ),
    (rf"\bH(?P<h2>[12])(?:\s*(?P<y>{_YEAR4}|'?\d\d)\b)?\b", _h_half),
    (
        rf"\b(?:(?P<rel>{_I}last|next|this|coming|past|previous))\s+|(?P<the>{_I}the))\s+)?(?P<s>{_I}{_SEASON}))"
        rf"(?:,?\s+(?i:of\s+)?(?P<y>{_YEAR4})\b)?",
        _h_season,
    ),
    (rf"\b(?i:fiscal)\s+(?i:year\s+)?(?P<y>{_YEAR4}|'\d\d)\b|\bFY\s?'?(?P<y2>\d{{4}}|\d\d)\b", _h_fiscal),
    (
        rf"\b(?:(?P<rel>{_I}last|next|this|coming))\s+)?(?P<wd>{_WEEKDAY})(?:['’]s)?"
        rf"(?:\s+(?P<pod>{_I}morning|afternoon|evening|night))\b)?",
        _h_weekday,
    ),
    (
        rf"\b{_I}(?P<w>today|tonight|yesterday|tomorrow|last night|this (?:morning|afternoon|evening))"
        rf"(?:\s+(?P<pod>morning|afternoon|evening|night)\b)?)\b",
        _h_deictic_day,
    ),
    (
        rf"\b(?P<rel>{_I}last|next|this|coming|past|previous|current|that|the\s+(?:coming|past|previous|"
        rf"following|last|next|current|same|preceding)))\s+(?P<u>{_I}week|weekend|month|year|quarter|decade|"
        rf"century|day|half)\b|{_MONTH_FULL}\b)",
        _h_relative,
    ),
    (rf"\b{_I}the\s+(?P<u>year|month|week|quarter|decade))\b", _h_the_unit),
    (
        rf"\b{_I}(?P<pos>earlier|later|early|late|mid)[- ](?P<det>this|that|last|next)\s+"
        rf"(?P<u>week|month|year|quarter|decade))\b",
        _h_earlier_later_this,
    ),
    (
        rf"\b{_I}(?:(?P<q>{_QUANT}|some)\s+)?(?:more\s+)?(?P<u>{_UNIT})s?\s+ago)\b",
        _h_ago,
    ),
    (
        rf"\b{_I}(?P<q>{_QUANT})\s+(?P<u>day|week|month|year)s?\s+(?P<dir>later|earlier|afterwards?))\b",
        _h_later,
    ),
    (rf"\b{_I}since\s+then)\b", _h_since_then),
    (
        rf"\b{_I}(?P<q>{_QUANT})(?:\s+(?:more|additional|straight|consecutive|full|long|short|whole|extra))?\s+"
        rf"(?P<u>{_UNIT})s?(?P<half>\s+and\s+a\s+half)?)(?:['’](?=\s))?(?![-\w]|\s+old\b|\s+ago\b)",
        _h_duration,
    ),
    (
        rf"\b{_I}(?P<q>{_NUM})\s+and\s+a\s+half\s+(?P<u>{_UNIT})s?)\b(?!\s+ago)",
        _h_and_a_half,
    ),
    (
        rf"\b{_I}(?P<q>{_NUM})-(?P<u>second|minute|hour|day|week|month|year|decade|century))\b(?!-old|-\w)",
        _h_duration_adj,
    ),
    (rf"\b{_I}half\s+an?\s+(?P<u>hour|day|week|month|year|decade|century))\b", _h_duration_half),
    (
        rf"\b{_I}(?P<q>{_NUM}))(?=\s*(?:-|–|to|and|or)\s*{_I}{_NUM})\s+(?P<u>{_UNIT})s?\b)",
        _h_duration_first,
    ),
    (rf"\b{_I}(?P<u>seconds|minutes|hours|days|weeks|months|years|decades|centuries))\b", _h_bare_plural),
    (
        rf"\b{_I}(?:the\s+)?(?:recent|past|last|coming|next|previous|following|ensuing|upcoming)\s+"
        rf"(?:few\s+|several\s+|couple\s+of\s+|many\s+)?(?P<u>days|weeks|months|years|decades))\b",
        _h_vague_span,
    ),
    (
        rf"\b{_I}(?:the\s+)?(?:past|last|next|coming|previous|following|first|final|ensuing|initial)\s+"
        rf"(?P<q>{_NUM})\s+(?P<u>{_UNIT})s?)\b",
        _h_span_n,
    ),
    (r"\b(?P<h>\d{1,2}):(?P<m>\d\d):(?P<s>\d\d)\b(?!\s*(?:[ap]\.?m\b|[AP]\.?M\b))", _h_race_time),
    (
        r"\b(?P<h>\d{1,2})(?::(?P<m>[0-5]\d))?(?:\s*(?P<ampm>[ap]\.\s?m\.|[ap]m\b|[AP]\.M\.|[AP]M\b|[ap]\.m\b)"
        r"|(?=\s*(?P<zone>GMT|UTC|[ECMP][SD]?T|BST|CET)\b))(?:\s*(?:GMT|UTC|[ECMP][SD]?T|BST|CET)\b)?",
        _h_clock,
    ),
    # "left at 18:40": a 24-hour time after "at", "by", "until" ... (the handler checks the word).
    (
        r"\b(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?P<ampm>)(?P<zone>)(?!\d|:\d|\s*(?:[ap]\.?m\b|[AP]\.?M\b))",
        _h_clock,
    ),
    # "shortly before 9 in the morning", "about 11 at night": the part of the day says am or pm.
    (
        r"\b(?P<h>\d{1,2})(?::(?P<m>[0-5]\d))?\s+(?:o'clock\s+)?"
        r"(?P<part>in\s+the\s+(?:morning|afternoon|evening)|at\s+night)\b",
        _h_clock_part,
    ),
    # "at 6.40pm": minutes after a full stop only with am or pm.
    (r"\b(?P<h>\d{1,2})\.(?P<m>[0-5]\d)\s*(?P<ampm>[ap]\.\s?m\.|[ap]m\b|[AP]M\b)(?P<zone>)", _h_clock),
    (r"\b(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s*(?:GMT|UTC|hours|hrs)\b", _h_clock24),
    (rf"\b{_I}noon|midnight|midday)\b", _h_clock_word),
    (
        rf"\b{_I}daily|weekly|monthly|quarterly|annually|yearly|hourly|nightly|biannually|biennially|"
        rf"semiannually|fortnightly)\b",
        _h_set_word,
    ),
    (
        rf"\b{_I}(?:every|each)\s+(?:(?P<q>other|{_NUM})\s+)?)(?P<w>{_I}(?:{_UNIT}|season|weekend|morning|"
        rf"afternoon|evening|night|{_SEASON})s?)|{_WEEKDAY}|{_MONTH_FULL})\b",
        _h_set_every,
    ),
    (
        rf"\b{_I}(?:per|a)\s+(?P<u>year|month|week|day|hour|minute|quarter))\b(?=\s*[,.;)]|\s+(?:for|in|to|and|on|at)\b)",
        _h_per,
    ),
    (
        rf"\b{_I}now|right now|currently|nowadays|presently|at present|these days|at the moment"
        rf"|the present day)\b",
        _h_now,
    ),
    (
        rf"\b{_I}the\s+past|recently|lately|at\s+the\s+time|at\s+that\s+time|back\s+then|in\s+those\s+days|"
        rf"formerly)\b(?!\s+(?:of|few|several|many|couple|\d))",
        _h_past_ref,
    ),
    (
        rf"\b{_I}the\s+(?:near\s+|distant\s+)?future|soon|someday|one\s+day\s+soon|in\s+due\s+course)\b",
        _h_future_ref,
    ),
    (
        rf"\b(?:(?P<rel>{_I}last|next|this))\s+)?(?P<h>New Year['’]s (?:Day|Eve)|Christmas(?: Eve| Day)?"
        rf"|Boxing Day|Valentine['’]s Day|Halloween|Independence Day|Bastille Day|St\. Patrick['’]s Day"
        rf"|Thanksgiving(?: Day)?|"
        rf"Labor Day|Memorial Day)(?:,?\s+(?P<y>{_YEAR4})\b)?",
        _h_holiday,
    ),
)

# Scanning every pattern over a whole article is slow; each recogniser instead runs only in
# windows around the words it cannot match without. One scan of the lower-cased text finds
# all trigger words; each group says how far a match may reach before and after its word.
# Capitalised group names (month and weekday names) only count capitalised words.
_TRIGGER_GROUPS: dict[str, tuple[tuple[str, ...], int, int]] = {
    "unit": (("second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
              "fortnight", "fortnights", "month", "months", "quarter", "quarters", "year", "years", "decade",
              "decades", "century", "centuries", "weekend", "weekends"), 32, 20),
    "Month": (tuple(_MONTHS) + ("sept",), 36, 28),
    "Weekday": (tuple(_WEEKDAYS) + tuple(w + "s" for w in _WEEKDAYS), 16, 24),
    "season": (("spring", "summer", "autumn", "fall", "winter", "springs", "summers", "winters"), 16, 24),
    "century": (("century", "centuries"), 32, 12),
    "quarter": (("quarter", "quarters"), 28, 32),
    "half": (("half",), 32, 32),
    "fiscal": (("fiscal", "fy"), 4, 24),
    "deictic": (
        ("today", "tonight", "yesterday", "tomorrow", "night", "morning", "afternoon", "evening"), 8, 24
    ),
    "ago": (("ago",), 48, 4),
    "later": (("later", "earlier", "afterward", "afterwards"), 48, 4),
    "since": (("since",), 2, 12),
    "clockword": (("noon", "midnight", "midday"), 2, 10),
    "zone": (("gmt", "utc", "hours", "hrs"), 12, 4),
    "set": (tuple(_SET_WORDS) + ("every", "each"), 20, 32),
    "now": (("now", "currently", "nowadays", "presently", "present", "days", "moment"), 12, 16),
    "pastref": (("past", "recently", "lately", "time", "then", "days", "formerly"), 12, 16),
    "futureref": (("future", "soon", "someday", "course"), 20, 4),
    "holiday": (("christmas", "year", "valentine", "halloween", "independence", "bastille", "patrick",
                 "thanksgiving", "labor", "memorial", "boxing"), 8, 24),
}  # fmt: skip
_TRIGGER_INDEX: dict[str, list[tuple[str, int, int]]] = {}
for _group, (_words, _back, _ahead) in _TRIGGER_GROUPS.items():
    for _w in _words:
        _TRIGGER_INDEX.setdefault(_w, []).append((_group, _back, _ahead))
_TRIGGER_SCAN = re.compile(
    r"\d+|(?<![a-z])(?:" + "|".join(sorted(_TRIGGER_INDEX, key=len, reverse=True)) + r")(?![a-z])"
)
_DIGIT_REACH = (28, 24)

_TRIGGERS: dict[Handler, tuple[str, ...]] = {
    _h_iso: ("digit",), _h_full_date: ("digit",), _h_numeric_date: ("digit",), _h_month_day: ("digit",),
    _h_month_year: ("digit",), _h_month: ("Month",), _h_year: ("digit",), _h_year_tail: ("digit",),
    _h_decade: ("digit",), _h_century: ("century",), _h_quarter: ("quarter", "digit"),
    _h_half: ("half", "digit"), _h_season: ("season",), _h_fiscal: ("fiscal",), _h_weekday: ("Weekday",),
    _h_deictic_day: ("deictic",), _h_relative: ("unit", "Month"), _h_the_unit: ("unit",),
    _h_earlier_later_this: ("unit",), _h_ago: ("ago",), _h_later: ("later",), _h_since_then: ("since",),
    _h_duration: ("unit",), _h_and_a_half: ("half",), _h_duration_adj: ("unit",), _h_duration_half: ("half",),
    _h_duration_first: ("unit",), _h_bare_plural: ("unit",), _h_vague_span: ("unit",), _h_span_n: ("unit",),
    _h_race_time: ("digit",), _h_clock: ("digit",), _h_clock_part: ("digit",), _h_clock24: ("zone",), _h_clock_word: ("clockword",),
    _h_set_word: ("set",), _h_set_every: ("set",), _h_per: ("unit",), _h_now: ("now",),
    _h_holiday: ("holiday",), _h_past_ref: ("pastref",), _h_future_ref: ("futureref",),
}  # fmt: skip

_COMPILED: tuple[tuple[re.Pattern[str], Handler, tuple[str, ...]], ...] = tuple(
    (re.compile(p), h, _TRIGGERS.get(h, ())) for p, h in _RECOGNISERS
)


# --------------------------------------------------------------------------------------------
# Prefix and suffix words folded into a mention

_FUZZY_PREFIX = re.compile(
    r"(?i)(?:\b(?P<a>early|late|mid)(?:-|\s+)(?:in\s+)?"
    r"|\b(?:the\s+)?(?:very\s+)?(?P<b>end|start|beginning|middle|close|early\s+part|latter\s+part|later\s+part"
    r"|first\s+part|last\s+part|first\s+days|last\s+days|first\s+weeks|final\s+weeks|last\s+weeks)\s+of\s+"
    r"(?:the\s+)?)$"
)
_FUZZY_WORD = {
    "early": "early", "late": "late", "mid": "mid", "end": "end", "start": "start",
    "beginning": "start", "middle": "mid", "close": "end", "early part": "early",
    "latter part": "late", "later part": "late", "first part": "early", "last part": "late",
    "first days": "start", "last days": "end", "first weeks": "start", "final weeks": "end",
    "last weeks": "end",
}  # fmt: skip
_FUZZY_OK = (G.YEAR, G.MONTH, G.QUARTER, G.HALF, G.SEASON, G.DECADE, G.CENTURY, G.WEEK)

_BOUND_PREFIX = re.compile(
    r"(?i)\b(?P<w>since|after|before|by|until|till|through|not\s+before|not\s+until|no\s+earlier\s+than|"
    r"no\s+later\s+than|not\s+later\s+than|earlier\s+than|later\s+than|prior\s+to|ahead\s+of|"
    r"starting(?:\s+in|\s+from)?|beginning\s+in|as\s+early\s+as|as\s+late\s+as|effective|up\s+to|"
    r"no\s+sooner\s+than)\s+$"
)
_BOUND_MOD = {
    "since": "ON_OR_AFTER", "after": "AFTER", "before": "BEFORE", "by": "ON_OR_BEFORE",
    "until": "ON_OR_BEFORE", "till": "ON_OR_BEFORE", "through": "ON_OR_BEFORE",
    "not before": "ON_OR_AFTER", "not until": "ON_OR_AFTER", "no earlier than": "ON_OR_AFTER",
    "no later than": "ON_OR_BEFORE", "not later than": "ON_OR_BEFORE", "earlier than": "BEFORE",
    "later than": "AFTER", "prior to": "BEFORE", "ahead of": "BEFORE",
    "starting": "ON_OR_AFTER", "starting in": "ON_OR_AFTER", "starting from": "ON_OR_AFTER",
    "beginning in": "ON_OR_AFTER", "as early as": "ON_OR_AFTER", "as late as": "ON_OR_BEFORE",
    "effective": "ON_OR_AFTER", "up to": "ON_OR_BEFORE", "no sooner than": "ON_OR_AFTER",
}  # fmt: skip
_BOUND_SUFFIX = re.compile(
    r"(?i)^(?:,\s*)?\s+(?P<w>or\s+later|or\s+after|or\s+earlier|or\s+before|at\s+the\s+earliest|"
    r"at\s+the\s+latest|and\s+beyond|onwards?|and\s+later|or\s+sooner)\b"
)
_SUFFIX_MOD = {
    "or later": "ON_OR_AFTER", "or after": "ON_OR_AFTER", "at the earliest": "ON_OR_AFTER",
    "and beyond": "ON_OR_AFTER", "onward": "ON_OR_AFTER", "onwards": "ON_OR_AFTER",
    "and later": "ON_OR_AFTER", "or earlier": "ON_OR_BEFORE", "or before": "ON_OR_BEFORE",
    "at the latest": "ON_OR_BEFORE", "or sooner": "ON_OR_BEFORE",
}  # fmt: skip
_QUANT_PREFIX = re.compile(
    r"(?i)\b(?P<w>about|around|approximately|roughly|some|nearly|almost|more\s+than|over|less\s+than|under|"
    r"fewer\s+than|at\s+least|at\s+most|no\s+more\s+than|up\s+to|just\s+over|just\s+under|well\s+over|"
    r"circa|an\s+estimated|upwards\s+of|not\s+quite|barely|just)\s+$"
)
_QUANT_MOD = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "circa": "APPROX", "an estimated": "APPROX", "nearly": "LESS_THAN",
    "almost": "LESS_THAN", "not quite": "LESS_THAN", "less than": "LESS_THAN", "under": "LESS_THAN",
    "fewer than": "LESS_THAN", "just under": "LESS_THAN", "more than": "MORE_THAN",
    "over": "MORE_THAN", "just over": "MORE_THAN", "well over": "MORE_THAN",
    "upwards of": "MORE_THAN", "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "barely": "EQUAL_OR_MORE",
    "just": "EQUAL_OR_MORE",
}  # fmt: skip
_AGO_MOD = {"MORE_THAN": "BEFORE", "EQUAL_OR_MORE": "ON_OR_BEFORE", "LESS_THAN": "AFTER",
            "EQUAL_OR_LESS": "ON_OR_AFTER", "APPROX": "APPROX"}  # fmt: skip
_RANGE_GAP = re.compile(r"(?i)^\s*(?:-|–|—|to|until|till|through|thru|and|or)\s*$")
_RANGE_OPEN = re.compile(r"(?i)\b(?:from|between)\s+(?:the\s+)?$")


def _bounded(tv: TimeValue, mod: str) -> TimeValue:
    e, last = tv.earliest, tv.latest
    if mod == "ON_OR_AFTER":
        return replace(tv, mod=mod, latest=None)
    if mod == "ON_OR_BEFORE":
        return replace(tv, mod=mod, earliest=None)
    if mod == "AFTER":
        return replace(tv, mod=mod, earliest=last + timedelta(days=1) if last else None, latest=None)
    if mod == "BEFORE":
        return replace(tv, mod=mod, earliest=None, latest=e - timedelta(days=1) if e else None)
    return replace(tv, mod=mod)


# --------------------------------------------------------------------------------------------
# The finder


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    rank: int
    value: TimeValue | Resolver | _Clock


def _candidates(text: str, anchor: date | None) -> list[_Cand]:
    ctx = _Ctx(text, anchor)
    size = len(text)
    windows = _trigger_windows(text, size)
    out: list[_Cand] = []
    for rank, (pattern, handler, triggers) in enumerate(_COMPILED):
        for lo, hi in _merge([w for t in triggers for w in windows.get(t, ())]):
            for m in pattern.finditer(text, lo, hi):
                if m.end() == m.start() or (m.end() >= hi and hi < size):
                    continue
                try:
                    v = handler(m, ctx)
                except (OverflowError, ValueError):
                    v = None  # a date past year 1 or 9999 ("yesterday" on 0001-01-01)
                if v is not None:
                    out.append(_Cand(m.start(), m.end(), rank, v))
    return out


def _trigger_windows(text: str, size: int) -> dict[str, list[tuple[int, int]]]:
    """For each trigger group, the stretches of text around its words."""
    out: dict[str, list[tuple[int, int]]] = {}
    back_d, ahead_d = _DIGIT_REACH
    for m in _TRIGGER_SCAN.finditer(text.lower()):
        s, e = m.span()
        word = m.group()
        if word[0].isdigit():
            out.setdefault("digit", []).append((max(0, s - back_d), min(size, e + ahead_d)))
            continue
        for group, back, ahead in _TRIGGER_INDEX[word]:
            if group[0].isupper() and not text[s].isupper():
                continue
            out.setdefault(group, []).append((max(0, s - back), min(size, e + ahead)))
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if not spans:
        return []
    spans.sort()
    out: list[tuple[int, int]] = []
    lo, hi = spans[0]
    for a, b in spans[1:]:
        if a <= hi:
            hi = max(hi, b)
        else:
            out.append((lo, hi))
            lo, hi = a, b
    out.append((lo, hi))
    return out


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest first, then by table order; keep those that overlap nothing kept.

    Kept characters are marked in a bytearray, so each test costs the candidate's length,
    not the number kept: selection is linear in the text, however many dates it holds.
    """
    taken: list[_Cand] = []
    if not cands:
        return taken
    used = bytearray(max(c.end for c in cands))
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.rank, c.start)):
        if used.find(1, c.start, c.end) == -1:
            taken.append(c)
            used[c.start : c.end] = b"\x01" * (c.end - c.start)
    taken.sort(key=lambda c: c.start)
    return taken


def find_times(text: str, anchor: date | None = None) -> tuple[TimeMention, ...]:
    """Every time expression in ``text``, normalised to TIMEX3, sorted, non-overlapping.

    ``anchor`` is the publication date that relative expressions ("Friday", "last year") are
    resolved against; without it they keep TimeML's underspecified values and no interval.
    Bound and fuzzy words ("since", "by", "early", "the end of") are part of the mention and
    show in ``mod`` and the interval.
    """
    chosen = _select(_candidates(text, anchor))
    state = _State(anchor)
    spans: list[list[int]] = []
    values: list[TimeValue | _Clock] = []
    prev_end = 0
    for c in chosen:
        v = c.value
        if callable(v):
            try:
                v = v(state)
            except (OverflowError, ValueError):
                continue  # resolved past year 1 or 9999
            if v is None:
                continue
        start = c.start
        if isinstance(v, TimeValue) and v.type == "DATE" and v.granularity in _FUZZY_OK and v.mod is None:
            fm = _FUZZY_PREFIX.search(text, max(prev_end, start - 40), start)
            if fm:
                word = re.sub(r"\s+", " ", (fm["a"] or fm["b"]).lower())
                v = _narrow(v, _FUZZY_WORD[word])
                start = fm.start()
        if (
            isinstance(v, TimeValue)
            and v.type in ("DATE", "TIME")
            and v.value[:1].isdigit()
            and v.mod in (None, "START", "MID", "END")
            and v.earliest is not None
        ):
            state.ref = v
        spans.append([start, c.end])
        values.append(v)
        prev_end = c.end

    _apply_bounds(text, spans, values, anchor)
    _settle_clocks(text, spans, values, anchor, state)
    return tuple(
        TimeMention(s, e, text[s:e], v)
        for (s, e), v in zip(spans, values, strict=True)
        if isinstance(v, TimeValue)
    )


def _apply_bounds(
    text: str, spans: list[list[int]], values: list[TimeValue | _Clock], anchor: date | None
) -> None:
    """Fold bound words and quantifiers next to a mention into it (in place)."""
    n = len(values)
    for i in range(n):
        v = values[i]
        if not isinstance(v, TimeValue):
            continue
        s, e = spans[i]
        lo = spans[i - 1][1] if i else 0
        hi = spans[i + 1][0] if i + 1 < n else len(text)
        linked_next = i + 1 < n and _RANGE_GAP.match(text[e : spans[i + 1][0]]) is not None
        linked_prev = i > 0 and _RANGE_GAP.match(text[spans[i - 1][1] : s]) is not None
        if v.type == "DURATION":
            qm = _QUANT_PREFIX.search(text, max(lo, s - 20), s)
            if qm and v.mod is None and not text.startswith(("the ", "The "), s):
                values[i] = replace(v, mod=_QUANT_MOD[re.sub(r"\s+", " ", qm["w"].lower())])
                spans[i][0] = qm.start()
            continue
        if v.type not in ("DATE", "TIME"):
            continue
        if re.search(r"(?i)\bago$", text[s:e]):
            qm = _QUANT_PREFIX.search(text, max(lo, s - 20), s)
            if qm:
                mod = _AGO_MOD.get(_QUANT_MOD[re.sub(r"\s+", " ", qm["w"].lower())])
                if mod:
                    tv = replace(v, mod=mod)
                    if mod == "BEFORE":
                        tv = replace(tv, earliest=None)
                    elif mod == "AFTER" and anchor is not None:
                        tv = replace(tv, latest=anchor)
                    values[i] = tv
                    spans[i][0] = qm.start()
            continue
        if linked_prev or (linked_next and _RANGE_OPEN.search(text, max(lo, s - 12), s)):
            continue  # one end of a range: find_ranges reads it whole
        bm = _BOUND_PREFIX.search(text, max(lo, s - 24), s)
        if bm and not linked_next:
            word = re.sub(r"\s+", " ", bm["w"].lower())
            values[i] = _bounded(v, _BOUND_MOD[word])
            spans[i][0] = bm.start()
            continue
        sm = _BOUND_SUFFIX.match(text[e:hi])
        if sm:
            word = re.sub(r"\s+", " ", sm["w"].lower())
            values[i] = _bounded(v, _SUFFIX_MOD[word])
            spans[i][1] = e + sm.end()
            continue
        am = re.search(
            r"(?i)\b(?:around|about|circa|approximately|roughly|c\.)\s+$", text[max(lo, s - 16) : s]
        )
        if am and v.mod is None and v.granularity in (G.YEAR, G.MONTH, G.DECADE, G.DAY, G.SEASON):
            values[i] = replace(v, mod="APPROX")
            spans[i][0] = max(lo, s - 16) + am.start()


def _settle_clocks(
    text: str, spans: list[list[int]], values: list[TimeValue | _Clock], anchor: date | None, state: _State
) -> None:
    """Give each clock time its day: a day-level date in the same sentence, else the latest
    day-level date before it, else the anchor."""
    last_day: TimeValue | None = None
    for i, v in enumerate(values):
        if isinstance(v, TimeValue):
            if v.granularity in (G.DAY, G.TIME) and v.value[:1].isdigit() and v.earliest == v.latest:
                last_day = v
            continue
        s, e = spans[i]
        day: date | None = None
        for j in (i + 1, i - 1):
            if 0 <= j < len(values):
                w = values[j]
                a, b = spans[j]
                gap = text[min(e, b) : max(s, a)]
                if (
                    isinstance(w, TimeValue)
                    and w.granularity in (G.DAY, G.TIME)
                    and w.earliest is not None
                    and w.earliest == w.latest
                    and len(gap) < 25
                    and not re.search(r"[.!?;]", gap)
                ):
                    day = w.earliest
                    break
        if day is None and last_day is not None:
            day = last_day.earliest
        if day is None:
            day = anchor
        prefix = day.isoformat() if day else "XXXX-XX-XX"
        values[i] = TimeValue("TIME", f"{prefix}T{v.part}", None, day, day, G.TIME)


def find_ranges(
    text: str, anchor: date | None = None, mentions: tuple[TimeMention, ...] | None = None
) -> tuple[TimeMention, ...]:
    """Pairs of dates joined as a range ("2009-2010", "from 2015 to 2020", "between January
    2024 and March 2025"), each as one mention spanning both ends.

    The value is the ISO 8601 interval of the two TIMEX3 values ("2015/2020"); the interval
    runs from the first end's earliest day to the second end's latest day.
    """
    if mentions is None:
        mentions = find_times(text, anchor)
    out: list[TimeMention] = []
    i = 0
    while i + 1 < len(mentions):
        a, b = mentions[i], mentions[i + 1]
        gap = text[a.end : b.start]
        g = _RANGE_GAP.match(gap)
        opener = _RANGE_OPEN.search(text, max(0, a.start - 12), a.start)
        ok = (
            g is not None
            and a.time.type == "DATE"
            and b.time.type == "DATE"
            and (opener is not None or re.fullmatch(r"\s*(?:-|–|—|to|through|until)\s*", gap))
            and (opener is None or "between" not in opener.group().lower() or "and" in gap.lower())
            and not (a.time.latest and b.time.earliest and b.time.earliest < a.time.earliest)
        )
        if ok:
            start = opener.start() if opener else a.start
            tv = TimeValue(
                "DATE",
                f"{a.time.value}/{b.time.value}",
                None,
                a.time.earliest,
                b.time.latest,
                max(a.time.granularity, b.time.granularity, key=_GRAN_ORDER.index),
            )
            out.append(TimeMention(start, b.end, text[start : b.end], tv))
            i += 2
            continue
        i += 1
    return tuple(out)


_GRAN_ORDER = [
    G.UNKNOWN,
    G.TIME,
    G.DAY,
    G.WEEK,
    G.MONTH,
    G.SEASON,
    G.QUARTER,
    G.HALF,
    G.YEAR,
    G.DECADE,
    G.CENTURY,
]


def with_ranges(text: str, anchor: date | None = None) -> tuple[TimeMention, ...]:
    """``find_times``, with the two ends of each range replaced by one range mention."""
    mentions = find_times(text, anchor)
    ranges = find_ranges(text, anchor, mentions)
    if not ranges:
        return mentions
    kept = [m for m in mentions if not any(r.start <= m.start and m.end <= r.end for r in ranges)]
    return tuple(sorted([*kept, *ranges], key=lambda m: (m.start, m.end)))


def find_times_from(
    text: str, start: int, anchor: date | None = None, *, ranges: bool = False
) -> tuple[TimeMention, ...]:
    """Time expressions of ``text[start:]`` (an article body after its front matter), with
    offsets into ``text``; with ``ranges``, each range is one mention (see :func:`with_ranges`)."""
    found = (with_ranges if ranges else find_times)(text[start:], anchor)
    return tuple(TimeMention(m.start + start, m.end + start, m.text, m.time) for m in found)
