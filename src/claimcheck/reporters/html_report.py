"""One self-contained HTML page: findings with their sentences side by side, filterable by
severity and rule. Inline CSS and script only; the page loads nothing from anywhere."""

from __future__ import annotations

from html import escape

from claimcheck.model import Finding, Report, Severity
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
    findings = "\n".join(finding_html(f, options) for f in report.findings)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>claimcheck report</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        "<h1>claimcheck report</h1>\n"
        f'<p class="summary">{_e(summary_line(report, options))}</p>\n'
        f"{problems}"
        f"{filters_html(report, options) if report.findings else ''}\n"
        f"<main>\n{findings}\n</main>\n"
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )
