"""JUnit XML for CI test tabs: one test case per article, failing on its warnings and errors.

A test case gets at most one ``<failure>`` (what most CI parsers show); when an article has
several failing findings, the failure lists them all. Info findings, and findings a baseline
accepts under ``check``, go to ``<system-out>`` instead: visible, never failing.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from claimcheck.model import Finding, Report
from claimcheck.reporters.options import ReportOptions
from claimcheck.reporters.records import location

# characters XML 1.0 cannot hold at all, even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def finding_details(finding: Finding) -> str:
    lines = [f"[{finding.severity}] {finding.rule} ({finding.kind}): {finding.message}"]
    lines += [f"  {location(c)}: {c.text}" for c in finding.claims]
    return "\n".join(lines)


def render(report: Report, options: ReportOptions) -> str:
    suite = ET.Element("testsuite", name="claimcheck")
    failures = errors = 0
    for article in report.articles:
        case = ET.SubElement(suite, "testcase", classname="claimcheck", name=_x(article.doc), time="0")
        involved = [f for f in report.findings if any(c.doc == article.doc for c in f.claims)]
        failing = [f for f in involved if options.fails(f)]
        if failing:
            failures += 1
            first = failing[0]
            message = (
                first.message if len(failing) == 1 else f"{len(failing)} discrepancies: {first.message} ..."
            )
            rules = ",".join(dict.fromkeys(f.rule for f in failing))
            failure = ET.SubElement(case, "failure", message=_x(message), type=_x(rules))
            failure.text = _x("\n\n".join(finding_details(f) for f in failing))
        passing = [f for f in involved if not options.fails(f)]
        if passing:
            out = ET.SubElement(case, "system-out")
            out.text = _x("\n\n".join(finding_details(f) for f in passing))
    for problem in report.problems:
        errors += 1
        case = ET.SubElement(suite, "testcase", classname="claimcheck", name=_x(problem.doc), time="0")
        error = ET.SubElement(case, "error", message=_x(problem.message), type="file-problem")
        error.text = _x(f"{problem.doc}: {problem.message}")
    tests = len(report.articles) + len(report.problems)
    for key, value in (
        ("tests", tests),
        ("failures", failures),
        ("errors", errors),
        ("skipped", 0),
        ("time", 0),
    ):
        suite.set(key, str(value))
    root = ET.Element(
        "testsuites", name="claimcheck", tests=str(tests), failures=str(failures), errors=str(errors)
    )
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
