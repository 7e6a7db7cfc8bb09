"""One self-contained HTML page for an editor: findings grouped by story (articles linked by
a finding), then by article, most severe first; each story opens with its reports (title,
outlet, date, link) and a timeline of what each said when (inline SVG). Inline CSS, and a
script only for the filters: the page loads nothing from anywhere and reads the same with
scripts disabled."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from claimcheck.model import Article, Claim, Finding, Report, Severity
from claimcheck.reporters import svg_timeline
from claimcheck.reporters.highlight import differing_span, split_text
from claimcheck.reporters.options import ReportOptions
from claimcheck.reporters.records import location
from claimcheck.reporters.table import clean, summary_line

# the policy forbids every outside resource, so a page opened from a mail or a CI artefact
# cannot fetch (or leak) anything even if some text slipped through unescaped
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 1rem 2rem;
       color: #1d1d1f; background: #fff; }
h1 { font-size: 1.4rem; margin-bottom: .2rem; }
.summary { color: #444; }
.problems li { color: #8a5a00; }
.filters { display: flex; gap: 1.5rem; align-items: center; flex-wrap: wrap; padding: .6rem 0;
           border-bottom: 1px solid #ddd; margin-bottom: 1rem; }
.finding { border: 1px solid #ddd; border-left: 6px solid #888; border-radius: 6px; margin: 0 0 1rem;
           padding: .6rem 1rem; }
.finding.error { border-left-color: #c62828; }
.finding.warning { border-left-color: #ef8f00; }
.finding.info { border-left-color: #1565c0; }
.finding.accepted { opacity: .6; }
.finding header { display: flex; gap: .6rem; align-items: baseline; flex-wrap: wrap; }
.severity { font-weight: 700; text-transform: uppercase; font-size: .8rem; }
.error .severity { color: #c62828; }
.warning .severity { color: #b36b00; }
.info .severity { color: #1565c0; }
.rule { font-weight: 600; } .kind, .status { color: #666; font-size: .85rem; }
.claims { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 1rem; }
.claim { background: #fafafa; border-radius: 4px; padding: .5rem .7rem; }
.location { font: .8rem ui-monospace, monospace; color: #555; }
.claim blockquote { margin: .3rem 0; }
.source { font-size: .85rem; color: #666; font-style: italic; }
mark { background: #ffe27a; padding: 0 .1em; }
[hidden] { display: none !important; }
.story { margin: 1.5rem 0 2.5rem; }
.story > h2 { font-size: 1.2rem; margin: 0 0 .3rem; border-bottom: 2px solid #1d1d1f; }
.reports { list-style: none; padding: 0; margin: .3rem 0 .6rem; display: flex; flex-wrap: wrap;
           gap: .3rem 1.5rem; font-size: .9rem; }
.reports .outlet { font-weight: 600; } .reports time, .reports .doc { color: #666; }
.timeline { display: block; margin: .4rem 0 1rem; border: 1px solid #eee; border-radius: 6px;
            background: #fcfcfc; }
.legend { font-size: .8rem; color: #666; margin-top: -.6rem; }
.legend .conflict { color: #c62828; font-weight: 600; } .legend .published { color: #2e7d32; font-weight: 600; }
.article > h3, .between > h3 { font-size: 1rem; margin: 1rem 0 .5rem; color: #333; }
"""

SCRIPT = """
(function () {
  var severity = document.getElementById("filter-severity");
  var rule = document.getElementById("filter-rule");
  var onlyNew = document.getElementById("filter-new");
  var count = document.getElementById("shown");
  if (!severity || !rule || !count) { return; }
  function apply() {
    var shown = 0;
    document.querySelectorAll(".finding").forEach(function (el) {
      var hide = (severity.value && el.dataset.severity !== severity.value) ||
                 (rule.value && el.dataset.rule !== rule.value) ||
                 (onlyNew && onlyNew.checked && el.dataset.status !== "new");
      el.hidden = hide;
      if (!hide) { shown += 1; }
    });
    count.textContent = String(shown);
  }
  [severity, rule, onlyNew].forEach(function (el) { if (el) { el.addEventListener("change", apply); } });
  apply();
})();
"""


def _e(text: str | None) -> str:
    # Control characters are not allowed in HTML: shown as U+FFFD, like the terminal table does.
    return escape(clean(text or ""), quote=True)


def sentence_html(finding: Finding, index: int) -> str:
    before, part, after = split_text(finding.claims[index].text, differing_span(finding, index))
    marked = f"<mark>{_e(part)}</mark>" if part else ""
    return f"{_e(before)}{marked}{_e(after)}"


def finding_html(finding: Finding, options: ReportOptions) -> str:
    status = options.status(finding)
    classes = " ".join(c for c in ("finding", str(finding.severity), status) if c)
    claims = []
    for index, claim in enumerate(finding.claims):
        source = f'<div class="source">according to {_e(claim.source)}</div>' if claim.source else ""
        if len({c.doc for c in finding.claims}) > 1 and claim.outlet:
            when = f", {claim.published.isoformat()}" if claim.published else ""
            source += f'<div class="source">reported by {_e(claim.outlet)}{when}</div>'
        claims.append(
            '<div class="claim">'
            f'<div class="location">{_e(location(claim))}</div>'
            f"<blockquote>{sentence_html(finding, index)}</blockquote>{source}</div>"
        )
    status_html = f'<span class="status">{_e(status)}</span>' if status else ""
    return (
        f'<section class="{_e(classes)}" data-severity="{_e(str(finding.severity))}" '
        f'data-rule="{_e(finding.rule)}" data-status="{_e(status or "new")}" '
        f'data-fingerprint="{_e(finding.fingerprint)}">\n'
        f'<header><span class="severity">{_e(str(finding.severity))}</span>'
        f'<span class="rule">{_e(finding.rule)}</span><span class="kind">({_e(finding.kind)})</span>'
        f"{status_html}</header>\n"
        f'<p class="message">{_e(finding.message)}</p>\n'
        f'<div class="claims">{"".join(claims)}</div>\n</section>'
    )


@dataclass(frozen=True, slots=True)
class Story:
    """Articles linked, directly or through others, by findings that compare them."""

    articles: tuple[Article, ...]  # by publication date (undated last), then as given
    findings: tuple[Finding, ...]


def stories(report: Report) -> tuple[Story, ...]:
    """Findings grouped by story, most severe story first (then as the report orders them)."""
    parent: dict[str, str] = {}

    def root(doc: str) -> str:
        while parent.setdefault(doc, doc) != doc:
            parent[doc] = parent[parent[doc]]
            doc = parent[doc]
        return doc

    for finding in report.findings:
        docs = [c.doc for c in finding.claims]
        for doc in docs[1:]:
            parent[root(doc)] = root(docs[0])
        root(docs[0])
    known = {a.doc: a for a in report.articles}
    order = {a.doc: n for n, a in enumerate(report.articles)}
    grouped: dict[str, list[Finding]] = {}
    for finding in report.findings:
        grouped.setdefault(root(finding.claims[0].doc), []).append(finding)
    result = []
    for members in grouped.values():
        docs = sorted({c.doc for f in members for c in f.claims}, key=lambda d: (order.get(d, len(order)), d))
        articles = tuple(known.get(doc) or Article(doc=doc, text="") for doc in docs)
        articles = tuple(sorted(articles, key=lambda a: (a.published is None, a.published or 0)))
        result.append(Story(articles, tuple(by_severity(members))))
    return tuple(sorted(result, key=lambda s: -max(f.severity.rank for f in s.findings)))


def by_severity(findings: list[Finding] | tuple[Finding, ...]) -> list[Finding]:
    return sorted(findings, key=lambda f: -f.severity.rank)


def _link(article: Article) -> str:
    title = _e(article.title or article.doc)
    url = (article.url or "").strip()
    if url.lower().startswith(("https://", "http://")):  # never javascript: or data: from front matter
        return f'<a href="{_e(url)}" rel="noopener noreferrer">{title}</a>'
    return title


def report_item(article: Article) -> str:
    outlet = f'<span class="outlet">{_e(article.source)}</span> ' if article.source else ""
    when = (
        f'<time datetime="{article.published.isoformat()}">{article.published.isoformat()}</time> '
        if article.published
        else ""
    )
    return f'<li>{outlet}{when}{_link(article)} <span class="doc">{_e(article.doc)}</span></li>'


def lane_label(article: Article) -> str:
    parts = [article.source or article.doc.rsplit("/", 1)[-1]]
    if article.published:
        parts.append(article.published.isoformat())
    return ", ".join(parts)


def story_html(
    number: int, story: Story, claims_by_doc: dict[str, tuple[Claim, ...]], options: ReportOptions
) -> str:
    first = story.articles[0]
    title = first.title or first.doc
    outlets = len({a.source or a.doc for a in story.articles})
    heading = f"{len(story.articles)} report{'s' if len(story.articles) != 1 else ''}"
    if outlets > 1:
        heading += f" from {outlets} outlets"
    lanes = [
        (lane_label(a), svg_timeline.lane_marks(a, claims_by_doc.get(a.doc, ()), story.findings))
        for a in story.articles
    ]
    timeline = svg_timeline.render(str(number), lanes)
    parts = [
        f'<section class="story" id="story-{number}">',
        f"<h2>{_e(title)}</h2>",
        f'<p class="summary">{heading}, {len(story.findings)} finding{"s" if len(story.findings) != 1 else ""}</p>',
        f'<ul class="reports">{"".join(report_item(a) for a in story.articles)}</ul>',
        timeline,
        '<p class="legend">Timeline: one row per report; <span class="conflict">red</span>, the '
        'dates and figures that conflict; <span class="published">green diamonds</span>, when each '
        "report was published; blue, its other dated claims. Hover a mark for its sentence.</p>"
        if timeline
        else "",
    ]
    groups: list[tuple[str, list[Finding]]] = []
    between = [f for f in story.findings if len({c.doc for c in f.claims}) > 1]
    if between:
        groups.append(('<div class="between"><h3>Between reports</h3>', between))
    for article in story.articles:
        own = [f for f in story.findings if all(c.doc == article.doc for c in f.claims)]
        if own:
            groups.append((f'<div class="article"><h3>In {_link(article)}</h3>', own))
    # The group holding the most severe finding first; within a group, most severe first.
    for opening, members in sorted(groups, key=lambda g: -max(f.severity.rank for f in g[1])):
        parts.append(opening)
        parts.extend(finding_html(f, options) for f in members)
        parts.append("</div>")
    parts.append("</section>")
    return "\n".join(parts)


def filters_html(report: Report, options: ReportOptions) -> str:
    severities = [
        s
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if any(f.severity is s for f in report.findings)
    ]
    rules = sorted({f.rule for f in report.findings})
    severity_options = "".join(f'<option value="{_e(str(s))}">{_e(str(s))}</option>' for s in severities)
    rule_options = "".join(f'<option value="{_e(r)}">{_e(r)}</option>' for r in rules)
    only_new = (
        '<label><input type="checkbox" id="filter-new"> only new findings</label>' if options.checking else ""
    )
    return (
        '<div class="filters">'
        '<label>Severity <select id="filter-severity"><option value="">all</option>'
        f"{severity_options}</select></label>"
        f'<label>Rule <select id="filter-rule"><option value="">all</option>{rule_options}</select></label>'
        f"{only_new}"
        f'<span><span id="shown">{len(report.findings)}</span> of {len(report.findings)} shown</span>'
        "</div>"
    )


def render(report: Report, options: ReportOptions) -> str:
    problems = ""
    if report.problems:
        items = "".join(f"<li>{_e(p.doc)}: {_e(p.message)}</li>" for p in report.problems)
        problems = f'<ul class="problems">{items}</ul>\n'
    # Only the articles of a finding get a timeline: an archive's other claims stay unread.
    shown = {claim.doc for finding in report.findings for claim in finding.claims}
    claims_by_doc: dict[str, tuple[Claim, ...]] = {}
    for claim in report.claims:
        if claim.doc in shown:
            claims_by_doc[claim.doc] = (*claims_by_doc.get(claim.doc, ()), claim)
    findings = "\n".join(
        story_html(n, story, claims_by_doc, options) for n, story in enumerate(stories(report), 1)
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>claimcheck report</title>\n"
        f"<style>{STYLE}</style>\n"
        # Without scripts the filters could not work: hide them, every finding is shown anyway.
        "<noscript><style>.filters { display: none; }</style></noscript>\n</head>\n<body>\n"
        "<h1>claimcheck report</h1>\n"
        f'<p class="summary">{_e(summary_line(report, options))}</p>\n'
        f"{problems}"
        f"{filters_html(report, options) if report.findings else ''}\n"
        f"<main>\n{findings}\n</main>\n"
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )
