"""Stories: related articles grouped, and findings found story by story in sorted order."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from claimcheck import pipeline, stories
from claimcheck.model import Claim
from claimcheck.pipeline import RunOptions

NEWSDEV = Path(__file__).parent / "golden" / "newsdev" / "articles"


def _profile(doc: str, *names: str, day: date | None = date(2025, 3, 3)) -> stories.Profile:
    return stories.Profile(doc, frozenset(names), day)


def test_stories_are_connected_groups_of_related_articles():
    profiles = (
        _profile("a.md", "draxley", "port celyn"),
        _profile("b.md", "vennor", "halden"),
        _profile("c.md", "draxley", "port celyn", "ministry"),
        _profile("d.md", "ministry", "port celyn"),  # related to c only: joins a through c
    )
    related = stories.related_pairs(profiles)
    assert related == frozenset({("a.md", "c.md"), ("c.md", "d.md")})
    groups = stories.group([p.doc for p in profiles], related)
    assert groups == (("a.md", "c.md", "d.md"), ("b.md",))
    partners = stories.partners(related)
    assert stories.within(groups[0], partners) == related


def test_a_profile_is_the_names_and_date_of_an_article():
    claim = Claim(doc="a.md", paragraph=0, line=1, column=1, start=0, end=1, text="x", entities=("x",))
    assert stories.profile("a.md", (claim,)) == stories.Profile("a.md", frozenset({"x"}), None)
    assert stories.profile("a.md", ()) is None


def test_a_large_run_without_cache_keeps_claims_in_a_file_and_reports_the_same(
    tmp_path, default_config, monkeypatch
):
    folder = tmp_path / "articles"
    shutil.copytree(NEWSDEV, folder)
    in_memory = pipeline.run([str(folder)], default_config, RunOptions(jobs=1))
    monkeypatch.setattr(pipeline, "SPILL_PARAGRAPHS", 1)
    spilled = pipeline.run([str(folder)], default_config, RunOptions(jobs=1))
    assert not isinstance(spilled.claims, tuple)
    assert spilled.findings == in_memory.findings
    assert len(spilled.claims) == len(in_memory.claims)
    assert tuple(spilled.claims) == in_memory.claims
