import re
from html import escape
from html.parser import HTMLParser

from claimcheck.reporters import REPORTERS


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.sections = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "section" and "finding" in dict(attrs).get("class", "").split():
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
        ("error", "listing-date"),  # between the two reports, most severe first
        ("info", "headcount"),
        ("warning", "unit-fate"),  # within the first report
    ]
    selects = [attrs["id"] for tag, attrs in page.tags if tag == "select"]
    assert selects == ["filter-severity", "filter-rule"]
    rule_values = [attrs["value"] for tag, attrs in page.tags if tag == "option" and attrs.get("value")]
    assert {"error", "warning", "info", "listing-date", "unit-fate", "headcount"} <= set(rule_values)


def test_html_loads_no_outside_resources(report, options):
    out = REPORTERS["html"](report, options)
    # links to the articles are anchors a reader may follow; nothing is loaded
    assert not re.search(r"""src\s*=\s*["']?\s*(https?:)?//""", out, re.IGNORECASE)
    for tag, attrs in _parse(out).tags:
        if "href" in attrs:
            assert tag == "a" and attrs["rel"] == "noopener noreferrer"
    assert not re.search(r"url\(|@import|<link\b", out, re.IGNORECASE)
    tags = {tag for tag, _ in _parse(out).tags}
    assert not tags & {"img", "iframe", "link", "object", "embed"}
    assert all("src" not in attrs for tag, attrs in _parse(out).tags if tag == "script")


def test_html_under_check_marks_status_and_offers_only_new(report, check_options):
    out = REPORTERS["html"](report, check_options)
    page = _parse(out)
    assert [(s["data-rule"], s["data-status"]) for s in page.sections] == [
        ("listing-date", "new"),
        ("headcount", "accepted"),
        ("unit-fate", "accepted"),
    ]
    assert 'id="filter-new"' in out


def test_control_characters_never_reach_html(report, options):
    """Row 19: NUL and control characters after the first 8 KiB reached HTML."""
    from .sample_report import hostile

    out = REPORTERS["html"](hostile(report, "A\x00B\x1b[31mC\x07D\x7fE\x85F"), options)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", out)
    assert "A\ufffdB" in out


def test_html_groups_findings_by_story_then_article_most_severe_first(report, options):
    from claimcheck.reporters.html_report import stories

    grouped = stories(report)
    assert all(
        [f.severity.rank for f in story.findings]
        == sorted((f.severity.rank for f in story.findings), reverse=True)
        for story in grouped
    )
    out = REPORTERS["html"](report, options)
    assert out.count('<section class="story"') == len(grouped)
    for story in grouped:
        for article in story.articles:
            if article.title:
                assert escape(article.title) in out


def test_html_draws_a_timeline_per_story_with_conflicts_and_publication_dates(report, options):
    out = REPORTERS["html"](report, options)
    svgs = re.findall(r"<svg class=\"timeline\".*?</svg>", out, re.S)
    assert svgs
    assert any('class="conflict"' in svg for svg in svgs)
    assert any('class="conflict-label"' in svg and ">January 2024<" in svg for svg in svgs)


def test_html_links_only_web_addresses_from_front_matter(options):
    from claimcheck.model import Article
    from claimcheck.reporters.html_report import _link

    safe = _link(Article(doc="a.md", text="", title="T", url="https://example.org/a?b=1&c=2"))
    assert safe == '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">T</a>'
    assert "href" not in _link(Article(doc="a.md", text="", title="T", url="javascript:alert(1)"))


def test_html_works_without_scripts(report, options):
    out = REPORTERS["html"](report, options)
    assert "<noscript><style>.filters { display: none; }</style></noscript>" in out
    assert "hidden" not in re.sub(r"<script>.*?</script>|\[hidden\][^}]*}", "", out, flags=re.S)


def test_timeline_copes_with_dates_at_the_ends_of_the_calendar():
    from datetime import date

    from claimcheck.reporters.svg_timeline import Mark, render

    marks = (
        Mark(date(1, 1, 1), date(1, 12, 31), "year 1", "in year 1", conflict=True),
        Mark(date(9999, 12, 31), date(9999, 12, 31), "", "published", published=True),
    )
    svg = render("x", [("Wire", marks)])
    assert svg.startswith("<svg") and 'class="conflict"' in svg
