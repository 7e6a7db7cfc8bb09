import re
from html.parser import HTMLParser

from claimcheck.reporters import REPORTERS


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.sections = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "section":
            self.sections.append(dict(attrs))


def _parse(text):
    collector = _Collector()
    collector.feed(text)
    return collector


def test_html_marks_the_differing_parts(report, options):
    out = REPORTERS["html"](report, options)
    assert "<mark>January 2024</mark>" in out
    assert "<mark>March 2024</mark>" in out
    assert "<mark>spin off</mark>" in out
    assert "<mark>about 35,000 people</mark>" in out


def test_html_escapes_article_text(report, options):
    out = REPORTERS["html"](report, options)
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in out
    assert "<b>" not in out
    assert "Société Nouvelle" in out


def test_html_has_filters_and_one_section_per_finding(report, options):
    page = _parse(REPORTERS["html"](report, options))
    assert [(s["data-severity"], s["data-rule"]) for s in page.sections] == [
        ("error", "listing-date"),
        ("warning", "unit-fate"),
        ("info", "headcount"),
    ]
    selects = [attrs["id"] for tag, attrs in page.tags if tag == "select"]
    assert selects == ["filter-severity", "filter-rule"]
    rule_values = [attrs["value"] for tag, attrs in page.tags if tag == "option" and attrs.get("value")]
    assert {"error", "warning", "info", "listing-date", "unit-fate", "headcount"} <= set(rule_values)


def test_html_loads_no_outside_resources(report, options):
    out = REPORTERS["html"](report, options)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", out, re.IGNORECASE)
    assert not re.search(r"url\(|@import|<link\b", out, re.IGNORECASE)
    tags = {tag for tag, _ in _parse(out).tags}
    assert not tags & {"img", "iframe", "link", "object", "embed"}
    assert all("src" not in attrs for tag, attrs in _parse(out).tags if tag == "script")


def test_html_under_check_marks_status_and_offers_only_new(report, check_options):
    out = REPORTERS["html"](report, check_options)
    page = _parse(out)
    assert [s["data-status"] for s in page.sections] == ["new", "accepted", "accepted"]
    assert 'id="filter-new"' in out


def test_control_characters_never_reach_html(report, options):
    """Row 19: NUL and control characters after the first 8 KiB reached HTML."""
    from .sample_report import hostile

    out = REPORTERS["html"](hostile(report, "A\x00B\x1b[31mC\x07D\x7fE\x85F"), options)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", out)
    assert "A\ufffdB" in out
