import json

from claimcheck.reporters.records import claim_record, finding_record, location, report_record

from .sample_report import CLAIM_A1, CLAIM_A4, CLAIM_B1, FINDINGS

CLAIM_KEYS = [
    "doc",
    "paragraph",
    "line",
    "column",
    "start",
    "end",
    "text",
    "subject",
    "predicate",
    "object",
    "polarity",
    "modality",
    "time",
    "quantity",
    "source",
    "outlet",
    "published",
    "event",
    "slots",
]


def test_claim_record_has_the_documented_keys_in_order():
    record = claim_record(CLAIM_A1)
    assert list(record) == CLAIM_KEYS
    assert list(record["time"]) == [
        "text",
        "value",
        "type",
        "mod",
        "earliest",
        "latest",
        "granularity",
        "role",
    ]
    assert record["source"] == "Reuters"
    assert record["modality"] == "done"


def test_claim_record_shows_the_event_and_slots_it_was_compared_by():
    record = claim_record(CLAIM_A4)
    assert record["slots"] == ["employee"]
    assert record["event"] == ["employ"]


def test_claim_record_prefers_the_event_time_over_an_earlier_report_time():
    time = claim_record(CLAIM_B1)["time"]
    assert time["text"] == "March 2024"
    assert time["role"] == "event"
    assert (time["earliest"], time["latest"], time["granularity"]) == ("2024-03-01", "2024-03-31", "month")


def test_claim_record_flattens_the_first_quantity():
    record = claim_record(CLAIM_A4)
    assert record["time"] is None
    assert record["quantity"] == {
        "text": "about 35,000 people",
        "value": 35000.0,
        "unit": "employee",
        "kind": "count",
        "approximate": True,
        "bound": "exact",
        "attribute": "employee",
    }
    assert record["source"] is None


def test_finding_record_keys_and_values():
    record = finding_record(FINDINGS[0])
    assert list(record) == [
        "fingerprint",
        "rule",
        "kind",
        "severity",
        "message",
        "differences",
        "slot",
        "claims",
    ]
    assert record["severity"] == "error"
    assert record["differences"] == ["January 2024", "March 2024"]
    assert [c["doc"] for c in record["claims"]] == [CLAIM_A1.doc, CLAIM_B1.doc]


def test_report_record_is_json_ready_and_counts(report):
    record = report_record(report)
    assert list(record) == ["schema", "articles", "findings", "problems", "summary"]
    assert record["schema"] == "claimcheck.report/1"
    assert json.loads(json.dumps(record)) == record  # nothing that JSON would change
    first = record["articles"][0]
    assert list(first) == ["doc", "title", "source", "published", "url", "paragraphs", "claims"]
    assert (first["published"], first["paragraphs"], first["claims"]) == ("2024-02-14", 2, 4)
    assert record["articles"][1]["claims"] == 2
    assert record["problems"] == [{"doc": "articles/broken.md", "message": report.problems[0].message}]
    assert record["summary"] == {
        "findings": 3,
        "error": 1,
        "warning": 1,
        "info": 1,
        "articles": 2,
        "claims": 6,
    }


def test_report_record_marks_new_findings_only_in_check_mode(report):
    plain = report_record(report)
    assert all("status" not in f for f in plain["findings"])
    checked = report_record(report, frozenset({"fp-date-0001"}))
    assert [f["status"] for f in checked["findings"]] == ["new", "accepted", "accepted"]
    assert checked["summary"]["new"] == 1


def test_location_is_doc_line_column():
    assert location(CLAIM_B1) == "articles/wire.md:5:12"
