from dataclasses import replace

from claimcheck.reporters.highlight import differing_span, find_phrase, split_text

from .sample_report import FINDINGS


def _marked(finding, index):
    return split_text(finding.claims[index].text, differing_span(finding, index))[1]


def test_the_difference_is_found_case_insensitively():
    finding = replace(FINDINGS[1], differences=("SPIN OFF", "Reintegrate"))
    assert _marked(finding, 0) == "spin off"
    assert _marked(finding, 1) == "reintegrate"


def test_without_differences_a_quantity_finding_marks_the_quantities():
    assert _marked(FINDINGS[2], 0) == "about 35,000 people"
    assert _marked(FINDINGS[2], 1) == "more than 40,000 employees"


def test_an_unfound_difference_falls_back_to_the_event_time_for_a_date_finding():
    finding = replace(FINDINGS[0], differences=("2024-01", "2024-03"))
    assert _marked(finding, 0) == "January 2024"
    assert _marked(finding, 1) == "March 2024"  # the event time, not the report time "February"


def test_a_lemma_matches_an_inflected_word():
    assert find_phrase("The IPO was cancelled on Friday.", "cancel") == (12, 21)


def test_a_phrase_inside_a_word_is_not_a_match():
    assert find_phrase("The ship sailed.", "hip") is None


def test_nothing_to_mark_leaves_the_text_whole():
    assert find_phrase("Nothing here.", "absent phrase") is None
    assert split_text("Nothing here.", None) == ("Nothing here.", "", "")
