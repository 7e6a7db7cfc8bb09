import xml.etree.ElementTree as ET

from claimcheck.reporters import REPORTERS


def _suite(text):
    root = ET.fromstring(text.encode("utf-8"))
    suites = root.findall("testsuite")
    assert len(suites) == 1
    return root, suites[0]


def test_junit_has_a_case_per_article_and_per_problem(report, options):
    root, suite = _suite(REPORTERS["junit"](report, options))
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [
        "articles/ampère-ipo.md",
        "articles/wire.md",
        "articles/broken.md",
    ]
    assert all(c.get("classname") == "claimcheck" for c in cases)
    assert suite.get("name") == "claimcheck"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "2", "1")
    assert root.get("tests") == "3"


def test_junit_fails_on_warnings_and_errors_but_not_info(report, options):
    _, suite = _suite(REPORTERS["junit"](report, options))
    article_a, article_b, broken = suite.findall("testcase")
    failure_a = article_a.find("failure")
    # article A holds the error and the warning: one failure naming both rules
    assert failure_a.get("type") == "listing-date,unit-fate"
    assert "<b>&</b>" in failure_a.text  # the parser gives back the text escaping protected
    assert "headcount" not in failure_a.text
    assert "headcount" in article_a.find("system-out").text
    # article B holds the error (shared with A) and an info finding
    assert article_b.find("failure").get("type") == "listing-date"
    assert article_b.find("failure").get("message") == "The listing is dated January 2024 and March 2024."
    assert broken.find("error").get("type") == "file-problem"
    assert len(suite.findall("testcase/failure")) == 2


def test_junit_under_check_fails_only_on_new_findings(report, check_options):
    _, suite = _suite(REPORTERS["junit"](report, check_options))
    article_a = suite.findall("testcase")[0]
    assert article_a.find("failure").get("type") == "listing-date"
    assert "unit-fate" in article_a.find("system-out").text


def test_junit_of_no_findings_passes(empty_report, options):
    _, suite = _suite(REPORTERS["junit"](empty_report, options))
    assert suite.get("failures") == "0"
    assert suite.findall("testcase/failure") == []
    assert len(suite.findall("testcase")) == 2
