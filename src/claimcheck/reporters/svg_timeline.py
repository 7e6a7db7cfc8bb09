"""A story's timeline as inline SVG, for the HTML report: one lane per report (article), its
dated claims on one time axis, its publication date, and the dates and figures that conflict
marked, so a reader sees at a glance which outlet said what when.

Plain SVG with ``<title>`` tooltips: it draws without scripts, fonts or outside resources.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from claimcheck.model import Article, Claim, Finding
from claimcheck.reporters.records import claim_quantity
from claimcheck.reporters.table import clean

WIDTH = 1000
LEFT = 190  # lane labels
RIGHT = 30
TOP = 34  # axis labels
LANE = 42
BOTTOM = 16
CONFLICT = "#c62828"
CLAIM = "#5c6bc0"
PUBLISHED = "#2e7d32"


@dataclass(frozen=True, slots=True)
class Mark:
    """One thing on a lane: a dated claim (a dot, or a bar over a month or a year), a
    conflicting one (red, labelled with its date or figure), or the publication date."""

    earliest: date
    latest: date
    label: str  # shown next to conflicting marks
    tooltip: str
    conflict: bool = False
    published: bool = False


def _e(text: str) -> str:
    # Control characters are not allowed in HTML or SVG: shown as U+FFFD (issue 10 row 19).
    return escape(clean(text), quote=True)


def lane_marks(
    article: Article, claims: tuple[Claim, ...], findings: tuple[Finding, ...]
) -> tuple[Mark, ...]:
    """The marks of one report: its publication date, then its dated claims (conflicting ones
    last, so they are drawn on top). A conflicting claim without a date sits at the
    publication date, where the report said it."""
    differing: dict[tuple[int, int], str] = {}
    for finding in findings:
        for index, claim in enumerate(finding.claims):
            if claim.doc == article.doc:
                differs = finding.differences[index] if index < len(finding.differences) else ""
                differing.setdefault((claim.start, claim.end), differs)
    marks: list[Mark] = []
    if article.published:
        when = article.published.isoformat()
        marks.append(Mark(article.published, article.published, when, f"published {when}", published=True))
    seen: set[tuple[int, int]] = set()
    ordinary: list[Mark] = []
    conflicting: list[Mark] = []
    for claim in claims:
        key = (claim.start, claim.end)
        if key in seen:
            continue
        event = claim.event_time
        conflict = key in differing
        earliest = latest = None
        if event is not None:
            span = event.mention.time
            earliest = span.earliest or span.latest
            latest = span.latest or span.earliest
        elif conflict and article.published:
            earliest = latest = article.published
        if earliest is None or latest is None:
            continue
        seen.add(key)
        amount = claim_quantity(claim)
        label = differing.get(key) or (event.mention.text if event is not None else "")
        if not label and amount is not None:
            label = amount.quantity.text
        sentence = " ".join(claim.text.split())
        when = event.mention.text if event is not None else "undated"
        tooltip = f"{when}: {sentence}"
        mark = Mark(earliest, latest, label, tooltip, conflict=conflict)
        (conflicting if conflict else ordinary).append(mark)
    return (*marks, *ordinary, *conflicting)


def _shift(day: date, days: int) -> date:
    """``day`` moved by ``days``, held within the calendar (a claim about year 1 must not
    break the page)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.min if days < 0 else date.max


def _ticks(first: date, last: date) -> list[tuple[date, str]]:
    span = (last - first).days
    ticks: list[tuple[date, str]] = []
    if span <= 45:
        step = 1 if span <= 10 else 7
        day = first
        while day <= last:
            ticks.append((day, f"{day.day} {day:%b}"))
            day = _shift(day, step)
            if day == date.max:
                break
    elif span <= 3 * 366:
        every = 1 if span <= 400 else 3
        month = date(first.year, first.month, 1)
        while month <= last:
            if month >= first and (month.month - 1) % every == 0:
                ticks.append((month, f"{month:%b %Y}"))
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    else:
        years = last.year - first.year
        every = next(n for n in (1, 2, 5, 10, 20, 50, 100, 1000) if years / n <= 12)
        for year in range(first.year, last.year + 1):
            if year % every == 0 and date(year, 1, 1) >= first:
                ticks.append((date(year, 1, 1), str(year)))
    return ticks


def focus(lanes: list[tuple[str, tuple[Mark, ...]]]) -> tuple[date, date] | None:
    """The period the axis shows: the conflicting dates and the publication dates, widened by
    their own span (at least two weeks) on each side; other claims ("within five years", "in
    1917") would otherwise squeeze the conflict into a pixel. Without either, every mark."""
    marks = [m for _, ms in lanes for m in ms]
    anchors = [m for m in marks if m.conflict or m.published] or marks
    if not anchors:
        return None
    first = min(m.earliest for m in anchors)
    last = max(m.latest for m in anchors)
    widen = max(timedelta(days=14), last - first)
    low, high = _shift(first, -widen.days), _shift(last, widen.days)
    shown = [m for m in marks if m.latest >= low and m.earliest <= high]
    return max(low, min(m.earliest for m in shown)), min(high, max(m.latest for m in shown))


def render(story_id: str, lanes: list[tuple[str, tuple[Mark, ...]]]) -> str:
    """The SVG of a story: ``lanes`` are (report label, marks), one row each, top to bottom."""
    window = focus(lanes)
    if window is None:
        return ""
    first, last = window
    lanes = [
        (label, tuple(m for m in marks if m.latest >= first and m.earliest <= last)) for label, marks in lanes
    ]
    pad = max(1, (last - first).days // 20)
    first, last = _shift(first, -pad), _shift(last, pad)
    span = max(1, (last - first).days)
    usable = WIDTH - LEFT - RIGHT

    def x(day: date) -> float:
        return LEFT + usable * (day - first).days / span

    height = TOP + LANE * len(lanes) + BOTTOM
    parts = [
        f'<svg class="timeline" id="timeline-{_e(story_id)}" role="img" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-label="Timeline of the reports of this story">',
        "<title>When each report said what: one row per report, red marks the dates and figures "
        "that conflict, green diamonds the publication dates</title>",
    ]
    axis_y = TOP - 8
    parts.append(f'<line x1="{LEFT}" y1="{axis_y}" x2="{WIDTH - RIGHT}" y2="{axis_y}" stroke="#999"/>')
    for day, text in _ticks(first, last):
        tx = x(day)
        parts.append(
            f'<line x1="{tx:.1f}" y1="{axis_y - 4}" x2="{tx:.1f}" y2="{height - BOTTOM}" stroke="#eee"/>'
            f'<text x="{tx:.1f}" y="{axis_y - 8}" font-size="11" text-anchor="middle" fill="#555">{_e(text)}</text>'
        )
    for row, (label, marks) in enumerate(lanes):
        y = TOP + LANE * row + LANE / 2
        short = label if len(label) <= 28 else label[:27] + "…"
        parts.append(
            f'<g class="lane"><title>{_e(label)}</title>'
            f'<text x="{LEFT - 10}" y="{y + 4:.1f}" font-size="12" text-anchor="end" fill="#222">{_e(short)}</text>'
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ddd" stroke-dasharray="3 3"/></g>'
        )
        conflicts = 0
        for mark in marks:
            parts.append(_mark_svg(mark, x, y, below=conflicts % 2 == 1, first=first, last=last))
            conflicts += mark.conflict
    parts.append("</svg>")
    return "".join(parts)


def _mark_svg(mark: Mark, x, y: float, below: bool, first: date, last: date) -> str:
    # Bars are clipped to the axis; labels alternate above and below so neighbours stay legible.
    start, end = x(max(mark.earliest, first)), x(_shift(min(mark.latest, last), 1))
    tooltip = f"<title>{_e(mark.tooltip)}</title>"
    if mark.published:
        cx = x(mark.earliest)
        points = f"{cx:.1f},{y - 7:.1f} {cx + 7:.1f},{y:.1f} {cx:.1f},{y + 7:.1f} {cx - 7:.1f},{y:.1f}"
        return f'<polygon class="published" points="{points}" fill="{PUBLISHED}">{tooltip}</polygon>'
    colour = CONFLICT if mark.conflict else CLAIM
    css = "conflict" if mark.conflict else "claim"
    radius = 6 if mark.conflict else 3.5
    shape = (
        f'<rect class="{css}" x="{start:.1f}" y="{y - radius / 2:.1f}" width="{end - start:.1f}" '
        f'height="{radius:.1f}" rx="2" fill="{colour}" fill-opacity="{0.85 if mark.conflict else 0.35}">{tooltip}</rect>'
        if end - start > 2 * radius
        else ""
    )
    centre = (start + end) / 2 if shape else start
    dot = f'<circle class="{css}" cx="{centre:.1f}" cy="{y:.1f}" r="{radius}" fill="{colour}">{tooltip}</circle>'
    label = ""
    if mark.conflict and mark.label:
        text = mark.label if len(mark.label) <= 24 else mark.label[:23] + "…"
        label = (
            f'<text class="conflict-label" x="{centre + 9:.1f}" y="{y + 15 if below else y - 8:.1f}" font-size="11" '
            f'font-weight="600" fill="{CONFLICT}">{_e(text)}</text>'
        )
    return shape + dot + label
