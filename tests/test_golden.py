"""End-to-end golden folders: tests/golden/<scenario>/{articles/, expected.json, gold.json}.

expected.json is the JSON report, regenerated on purpose with `pytest --update-golden` and
reviewed as a diff. gold.json holds the hand-labelled discrepancies, scored with the
project's scorer (tests/golden/score.py, a copy of the shared one).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.ingest import load_articles
from claimcheck.pipeline import analyse
from claimcheck.reporters import REPORTERS, ReportOptions

GOLDEN = Path(__file__).parent / "golden"
SCENARIOS = sorted(p.name for p in GOLDEN.iterdir() if (p / "articles").is_dir())


def _report_json(scenario: str, config, extractor) -> str:
    here = Path.cwd()
    os.chdir(GOLDEN / scenario)
    try:
        articles, problems = load_articles(["articles"])
        report = analyse(articles, extractor(articles), config, problems)
    finally:
        os.chdir(here)
    return REPORTERS["json"](report, ReportOptions())


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_golden_report(scenario, default_config, extractor, request, tmp_path):
    produced = _report_json(scenario, default_config, extractor)
    expected_path = GOLDEN / scenario / "expected.json"
    if request.config.getoption("--update-golden"):
        expected_path.write_text(produced, encoding="utf-8")
    elif not expected_path.exists():
        pytest.fail(f"{expected_path} is missing; run pytest --update-golden and review it")
    assert produced == expected_path.read_text(encoding="utf-8")
    assert produced == _report_json(scenario, default_config, extractor), (
        "same input must give the same bytes"
    )
    result = tmp_path / "report.json"
    result.write_text(produced, encoding="utf-8")
    scored = subprocess.run(
        [sys.executable, str(GOLDEN / "score.py"), str(GOLDEN / scenario / "gold.json"), str(result)],
        capture_output=True,
        text=True,
    )
    violated = int(scored.stdout.strip().splitlines()[-1].split("negatives violated ")[1])
    assert violated <= KNOWN_VIOLATIONS.get(scenario, 0), scored.stdout
    summary = scored.stdout.strip().splitlines()[-1]  # (a missed pair may quote the word "recall")
    recall = float(summary.split("recall ")[1].split("= ")[1].split(";")[0])
    assert recall >= MIN_RECALL[scenario], scored.stdout


# Recall floors: the seed and newsdev are fully found; the later scenarios hold cases the
# tool does not yet catch (see the note of the session that wrote them), so their floor is
# what is found now, to catch regressions. "heldout" was written without reading the code or
# running the tool (16 reports, 7 stories); it scored 3/14 when first run. "heldout2" was written
# the same way after the fixes its misses led to; it scored 1/16 when first run. "heldout3",
# written the same way at the end of that session and never used to change the code, scored
# 0/16 (precision 0/2): its floor only guards against violated negatives. "blind1" (19 reports,
# 9 stories, 50 contradictions, 61 look-alike consistent pairs) was written the same way before
# the events-and-slots work; it scored 2/50 (precision 2/3) on the code before that work and
# 4/50 on its first steps, then was used to find general causes: a regression check since.
# "blind2" (21 reports, 10 stories, 44 contradictions, 64 look-alike consistent pairs) was written
# the same way at the start and kept sealed until the events-and-slots work was done; its first
# run scored 5/44 at precision 5/10 (0 negatives violated); its false alarms then showed general
# causes ("per cent" read as an attribute, a price per share against a total, two parties'
# positions), fixed after that run, so it too is a regression check now. "blind3" (16 reports,
# 7 stories, 43 contradictions, 43 consistent pairs), written the same way after that, scored
# 0/43 with nothing flagged at its first run; it then showed that counts of finished events
# were taken for running counts, and counts of one event were never compared without a shared
# name: a regression check since, its floor guarding only against violated negatives.
# "blind4" (16 reports, 7 stories, 39 contradictions, 51 consistent pairs) was written the same
# way at the end and run once, after every change: 4/39, precision 5/9, 2 negatives violated
# (the code before the events work: 3/39, 5/7, 1). It has not been used to change the code.
# "blind5" (17 reports, 8 stories, 44 contradictions, 45 consistent pairs), written the same way,
# was run once after the last change to the code (what articles call their entities): 4/44,
# precision 5/8, 1 negative violated (the code before the events work: 1/44, 2/2). It then
# showed that the ages and posts news gives named people were never compared (profiles):
# a regression check since (9/44, 11/14). "blind6" (17 reports, 8 stories, 61 contradictions,
# 51 consistent pairs), written the same way, was run once before profiles were compared:
# 3/61, precision 3/4, 0 negatives violated; then used to find general causes. "blind7" (18
# reports, 8 stories, 70 contradictions, 67 consistent pairs), written the same way, was run
# once after the last change (profiles, lengths of events, denied events): 5/70, precision
# 6/8, 1 negative violated (the code at the start of that session: 3/70, 4/6, 1). Not used to
# change the code then; it was used afterwards to find general causes (a regression check
# since). "blind8" (18 reports, 8 stories, 70 contradictions, 62 consistent pairs), written
# the same way, was run once after the last change of that session (results, unanimity,
# headline passives, states held, sums before their noun, idioms): 4/70, precision 4/7, 1
# negative violated (the code at that session's start: 1/70, 1/4, 1). Its false alarms then
# showed two general causes (a correction note's retracted figure, distances of two places),
# fixed, so it is a regression check since. "blind9" (18 reports, 8 stories, 64 contradictions,
# 56 consistent pairs), written the same way, was run once after those fixes: 5/64, precision
# 5/8, 1 negative violated (the code at that session's start: 1/64, 1/4, 1). Its false alarms
# then showed general causes (numbered names, counts per season), fixed: a regression check since.
# "blind10" (12 reports, 6 stories, 43 contradictions, 39 consistent pairs), written the same
# way, was run once after the last change of that session: 7/43, precision 7/11, 2 negatives
# violated (the code at that session's start: 3/43, 3/7, 2). One of its false alarms was a bug
# of that session (a rate's period, "crowns a month", read as a length), fixed after the run.
# "blind11" (16 reports, 7 stories, 56 contradictions, 45 consistent pairs), written the same
# way, was run once at the start of the next session: 1/56, precision 2/4, 0 negatives violated.
# It was then used to find general causes (posts written before a name, votes "11 to 8", past
# occasions reported on two days), so it is a regression check since.
# "blind12" (15 reports, 7 stories, 60 contradictions, 44 consistent pairs), written the same
# way, was run once after the last accuracy change of that session: 7/60, precision 7/9, 2
# negatives violated (the code at that session's start: 7/60, 7/8, 2). One false alarm was a
# rule of that session (direction-conflict) taking a past episode in a clause of time ("when
# inflation first surged") for news; fixed after the run. It is the held-out set otherwise.
# After blind12's run, its misses and false alarms were used to refine direction-conflict, so it
# is a regression check since. "blind13" (12 reports, 6 stories, 51 contradictions, 43
# consistent pairs), written the same way, was run once after that: 5/51, precision 5/6, 0
# negatives violated (the code at that session's start: the same 5/51 at 5/6). It was used to
# find general causes in the next session (story figures, dates and statuses, posts, headline
# shorthand), so it is a regression check since. "blind14" (18 reports, 8 stories, 73
# contradictions, 52 consistent pairs), written the same way, was run once after that session's
# changes: 13/73, precision 14/30, 2 negatives violated (the code at that session's start: 9/73,
# 10/25, 1). Its false alarms then showed general causes (a running measure reported on two
# days, a hedged time of day: "shortly before 10 in the morning" / "09:42"), fixed: 12/73 at
# 13/28, 0 violated (one find had been a false date conflict whose sentences held a positive).
# "blind15" (19 reports, 9 stories, 84 contradictions, 55 consistent pairs), written the same
# way, was run once after those fixes: 11/84, precision 11/19, 0 negatives violated (the code at
# that session's start: 10/84, 10/17, 0), then (next session) studied for general causes: posts of
# one head told apart by their kind, a unit before a noun measuring the noun.
# Violated negatives a scenario is known to have, each explained:
# - blind3: its negative "The hearing lasted nine days" ~ "sat for nine days across two weeks"
#   holds the 14 vs 11 witnesses contradiction too (the scorer cannot tell the two apart);
# - blind4: the final held-out set, not used to change the code, keeps the two false alarms of
#   its first run ("No deaths have been reported" against a death reported later; one record
#   temperature dated "Monday" and "Monday afternoon" by two sentences). Any more fails.
# - blind5: written after one more change and run once: its one false alarm at first run (two
#   sentences giving the same departure time, 17:40, set against each other by date-conflict).
# - blind7: kept as its first run left it: a plan ("had planned to publish a full list ... on
#   Friday") set against what was done on Thursday, by date-conflict.
# (blind8's, two percentages of patients measuring two different safety outcomes, was fixed by a
# general cause found on blind17: a share of people is the share with its clause's property.)
# - blind10: the held-out set, kept as its first run left it but for the bug above: the
#   turnouts of two elections ("Turnout was 61 percent" / "Turnout at the 2024 provincial
#   election was 68 percent").
# - blind12: kept as its first run left it: two findings that are true contradictions join
#   sentences that also hold a consistent pair of the gold (a vote count's sentences hold two
#   overlapping durations; two posts of one person share sentences with "underground halted,
#   open pit continues"), which the scorer cannot tell apart. Story figures (session 4) found
#   one more true contradiction, seven stops against six, whose two sentences also hold two
#   consistent pairs of the gold (the cost, 312 million marks both times; 40 percent / two-fifths),
#   and the mine's 2024 output, 84,000 against 64,000 tonnes, whose sentences also give the
#   same workforce (a consistent pair of the gold).
# (blind9's one violated negative at its first run, the stops of two tram lines, "Line 4 ...
# will have 14 stops" / "The existing Line 2 ... has 22 stops", was a general cause, fixed.)
# (blind16's two: true clashes whose two sentences also hold a consistent pair's fragments: a
# departure date, "left Port ... on Saturday 7 March" / "set sail on 9 March", beside the
# passenger counts; a planning board's vote, "voted seven to two" / "by a narrow 5-4 majority",
# beside its decision's day, "on Thursday" / "on 16 April".)
KNOWN_VIOLATIONS = {
    "blind3": 1,
    "blind4": 2,
    "blind5": 1,
    "blind7": 1,
    "blind10": 1,
    "blind12": 5,
    "blind16": 2,
    # a true clash of investors' losses ("lost a combined $24 million when the company went into
    # administration in November 2022" / "lost $18.4 million when Brightfold collapsed in 2022")
    # whose sentences also hold a consistent pair (the month inside the year)
    "blind14": 1,
    # blind18 is kept as its first run left it (not yet studied): most of its nine share their
    # sentences with a finding on another pair (a paraphrased prize, "previously 1.65" / "used
    # to cost 1.65"), a few are false alarms (a patient's wait against "waited over a year").
    "blind18": 9,
    # blind19's four: the complaints a regulator had received by two days (40 "since
    # December", 65 "by Friday morning": a running count the rule takes for one); the odds of
    # the jackpot ("about one in 139 million" / "1 in 139,838,160"); the day picking began
    # ("on 8 September" / "in the second week of September", a date-granularity note); and a
    # senate's unanimous vote sharing its sentence with a council's vote, whose tally another
    # report gives otherwise (a true clash on another pair of the same sentences).
    "blind19": 4,
    # blind20's two: two people "treated by paramedics" / "paramedics checked two people ...
    # but no one was taken to hospital", read as one event asserted and denied (a false alarm at
    # its first run too); a deal's value sharing its sentence with a true clash of two values.
    # (A third at its first run, a forecast cost against the original budget its sentence also
    # gave, went with the currency sign read as part of its figure: "GBP2.7bn".)
    "blind20": 2,
    # blind22's two at its first run (kept as it left them, not studied): two sums one group would
    # spend on two things ("300,000 on new studios" / "around 120,000 upgrading the transmitter"),
    # a false alarm; and a play-off exit told twice in sentences that also hold a true clash.
    "blind22": 2,
    # blind27's two at its first run, each inside a true clash's sentences: a batsman's 64 told
    # twice; a fire's building named two ways where its start is dated 11pm Monday and 4am Tuesday.
    "blind27": 2,
    # blind28's two at its first run (not studied): a fare that "begins on Monday" in one report
    # and "started today" in a report published that Monday; a share of systems restored "so
    # far" (20 per cent) and "by Thursday" (85 per cent), progress told as a clash.
    "blind28": 2,
    # blind29's two at its first run (not studied): "about 5 kilometres" and "about three miles"
    # from the town (a unit conversion within the approximation); two chains' price cuts
    # announced on two days, taken for one announcement.
    "blind29": 2,
    # blind30's one at its first run (not studied): a ballot that closed "on 15 January" and "in
    # mid-January", taken for two dates.
    "blind30": 1,
}

MIN_RECALL = {
    "seed": 1.0,
    "newsdev": 1.0,
    "cross-source": 1.0,
    "domains": 0.6,
    "heldout": 0.55,
    "heldout2": 0.35,
    "heldout3": 0.31,
    "blind1": 0.38,
    "blind2": 0.29,
    "blind3": 0.09,
    "blind4": 0.28,
    "blind5": 0.36,
    "blind6": 0.19,
    "blind7": 0.18,
    "blind8": 0.14,
    "blind9": 0.17,
    "blind10": 0.25,
    "blind11": 0.33,
    "blind12": 0.21,
    "blind13": 0.23,
    "blind14": 0.21,
    "blind15": 0.27,
    # blind16 (18 reports, 8 stories, 70 contradictions, 61 consistent pairs), written sealed and
    # run once on this session's code after its first changes: 4/70, precision 4/7, 2 violated
    # (the session's starting code scored the same); then studied for general causes.
    "blind16": 0.14,
    # blind17 (24 reports, 9 stories, 82 contradictions, 65 consistent pairs), written sealed and
    # run once at the end of the session that used blind15 and blind16: 7/82, precision 7/16, 0
    # violated; the session's starting code scored exactly the same.
    "blind17": 0.2,
    # blind18 (19 reports, 8 stories, 83 contradictions, 77 consistent pairs), written sealed and
    # run once on the fifth session's final code (6b79857): 16/83, precision 11/17, 9 violated
    # (that session's starting code: 15/83, 11/19, 8). Not used to change the code.
    "blind18": 0.21,
    # blind19 (18 reports, 8 stories, 65 contradictions, 47 consistent pairs), written sealed and
    # run once on the sixth session's starting code (45f20ef): 1/65, precision 1/5, 2 violated.
    # Then studied for general causes (title-case headlines, posts' bodies, "put X at N").
    "blind19": 0.18,
    # blind20 (20 reports, 8 stories, 66 contradictions, 65 consistent pairs), written sealed and
    # run once on d5af12b (the sixth session after its first eight commits): 4/66, precision
    # 4/9, 3 violated (the session's starting code 45f20ef: 4/66, 4/10, 4). Then studied.
    "blind20": 0.12,
    # blind21 (20 reports, 8 stories, 69 contradictions, 62 consistent pairs), written sealed and
    # run once on 50b1ac0: 8/69, precision 8/11, 0 violated (the session's starting code
    # 45f20ef: 7/69, 7/9, 0). Then studied.
    "blind21": 0.17,
    # blind22 (18 reports, 8 stories, 66 contradictions, 49 consistent pairs), written sealed and
    # run once on the sixth session's final code (81735c1): 3/66, precision 3/6, 2 violated (the
    # session's starting code 45f20ef: 2/66, 2/5, 1). Not used to change the code.
    "blind22": 0.04,
    # blind23 (22 reports, 8 stories, 85 contradictions, 63 consistent pairs), written sealed and
    # run once on the seventh session's starting code (fc4af1c): 9/85, precision 9/11, 0 violated.
    # blind23's first run, then studied for general causes (courtesy titles, lemmas, the price of
    # a named thing, "$1.1m", a year read as a ratio): 12/85, precision 12/14.
    "blind23": 0.14,
    # blind24 (18 reports, 8 stories, 68 contradictions, 52 consistent pairs), written sealed and
    # run once on the seventh session's code after those changes: 7/68, precision 7/8, 0
    # violated (the session's starting code fc4af1c: 6/68, 6/7, 0). Studied in the eighth
    # session (the age of the one person an event befell, described by age in one place and
    # named in another): 10/68, 9/10, 0 violated.
    "blind24": 0.14,
    # blind25 (20 reports, 8 stories, 84 contradictions, 56 consistent pairs), written sealed and
    # run once on the seventh session's code after its changes (5406942): 12/84, precision 12/17,
    # 0 violated (the session's starting code fc4af1c: 12/84, 12/18, 0).
    "blind25": 0.14,
    # blind26 (20 reports, 8 stories, 89 contradictions, 53 consistent pairs), written sealed and
    # run once on 54fa865: 14/89, precision 15/20, 1 violated (fc4af1c: 13/89, 14/19, 1); then
    # studied (a day inside "the last weekend of September", "no one seriously hurt", a title of
    # address taken for a post, traders counted as the crowd): 14/89, 15/16, 0 violated.
    "blind26": 0.15,
    # blind27 (18 reports, 8 stories, 57 contradictions, 49 consistent pairs), written sealed and
    # run once on the seventh session's final code (610e13c): 13/57, precision 12/16, 2 violated,
    # exactly as the session's starting code fc4af1c. Studied in the eighth session (counts of
    # who was there by other verbs: "carrying 31" / "had 24 aboard"; "head coach" / "bowling
    # coach"): 16/57, 15/19, 2 violated.
    "blind27": 0.22,
    # blind28 (24 reports, 8 stories, 119 contradictions, 72 consistent pairs), written sealed and
    # run once on the eighth session's code after its story changes (4840d65's parent): 25/119,
    # precision 24/28, 2 violated, exactly as the session's starting code 12afe86. Not studied.
    "blind28": 0.21,
    # blind29 (19 reports, 8 stories, 85 contradictions, 75 consistent pairs), written sealed and
    # run once on the eighth session's final code (dc983be): 21/85, precision 19/21, 2 violated,
    # exactly as the session's starting code 12afe86. Not studied.
    "blind29": 0.24,
    # blind30 (24 reports, 8 stories, 95 contradictions, 71 consistent pairs), written sealed and
    # run once on the eighth session's final code (0d583a2): 15/95, precision 14/21, 1 violated,
    # exactly as the session's starting code 12afe86. Not studied. (Two of its seven unmatched
    # findings are planted ages, 49/53 and 48/52, paired with another sentence giving the same age.)
    "blind30": 0.15,
}


def test_seed_findings_are_explained(default_config, extractor):
    report = json.loads(_report_json("seed", default_config, extractor))
    kinds = {f["kind"] for f in report["findings"] if f["severity"] != "info"}
    assert kinds == {"exclusive-events"}
    for finding in report["findings"]:
        assert len(finding["claims"]) == 2 and finding["message"] and finding["fingerprint"]
        assert all(c["line"] >= 1 and c["text"] for c in finding["claims"])
