"""Stories: related articles grouped, and findings found story by story in sorted order."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
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


def test_a_folder_of_one_story_is_one_story_though_every_report_gives_its_names():
    """Names in most articles say little of which story (a country in a national corpus), unless
    they travel together: then they are the names of the story most of the articles tell."""
    folder = [_profile(f"r{n}.md", "tessmere foods", "oldhaven", f"witness {n}") for n in range(6)]
    assert len(stories.related_pairs(folder)) == 15
    # A story told by most of a corpus: its reports are related, the other articles are not.
    corpus = folder + [_profile(f"other{n}.md", f"body {n}", f"town {n}") for n in range(3)]
    assert stories.related_pairs(corpus) == stories.related_pairs(folder)
    # A country and its capital, each in most articles of a national corpus, part company.
    national = [
        _profile(f"n{n}.md", *(("ardlow",) if n % 3 else ()), *(("quenwick",) if n % 3 != 1 else ()), f"topic {n}")
        for n in range(9)
    ]
    assert stories.related_pairs(national) == frozenset()
    # A company and its town named week after week for a year of an archive are no one story.
    archive = [
        _profile(f"a{n}.md", "tessmere foods", "oldhaven", f"topic {n}", day=date(2025, 1, 6) + timedelta(weeks=n))
        for n in range(60)
    ]
    assert stories.related_pairs(archive) == frozenset()
    # Reports of one story published weeks apart are still two stories.
    late = [_profile("late.md", "tessmere foods", "oldhaven", day=date(2025, 5, 1))]
    assert not any("late.md" in pair for pair in stories.related_pairs(folder + late))


def test_one_story_told_by_many_reports_is_checked_across_its_reports(tmp_path, default_config):
    """Twelve reports of one event all name its company and its town; two give it other days."""
    for n in range(12):
        day = "Tuesday, 4 March" if n == 7 else "Monday, 3 March"
        (tmp_path / f"report{n:02d}.md").write_text(
            f"---\ntitle: Fire at Tessmere Foods\npublished: 2025-03-0{5 + n % 3}\nsource: Outlet {n}\n---\n\n"
            f"A fire destroyed the Tessmere Foods bakery in Oldhaven on {day}.\n\n"
            f"Witness {'ABCDEFGHIJKL'[n]}ander said the smoke could be seen from the harbour.\n",
            encoding="utf-8",
        )
    report = pipeline.run([str(tmp_path)], default_config, RunOptions(jobs=1))
    clashing = [f for f in report.findings if "report07.md" in {c.doc.rsplit("/", 1)[-1] for c in f.claims}]
    assert clashing and all(f.kind == "date-conflict" for f in clashing)


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


def test_a_new_article_is_the_only_file_read_and_rechecks_only_its_story(
    tmp_path, default_config, monkeypatch
):
    monkeypatch.setattr(pipeline, "RACY_SECONDS", 0)  # the files were written a moment ago
    folder = tmp_path / "articles"
    shutil.copytree(NEWSDEV, folder)
    newest = sorted(folder.iterdir())[-1]
    held_back = tmp_path / newest.name
    newest.rename(held_back)
    options = RunOptions(cache_path=str(tmp_path / "cache.sqlite"), jobs=1)
    pipeline.run([str(folder)], default_config, options)

    read, checked = [], []
    real_read, real_check = pipeline.read_article, pipeline.findings_in_story

    def counting_read(doc, *args):
        read.append(doc)
        return real_read(doc, *args)

    def counting_check(claims, *args):
        checked.append({c.doc for c in claims})
        return real_check(claims, *args)

    monkeypatch.setattr(pipeline, "read_article", counting_read)
    monkeypatch.setattr(pipeline, "findings_in_story", counting_check)
    held_back.rename(newest)
    incremental = pipeline.run([str(folder)], default_config, options)
    assert read == [str(newest)]
    assert checked and all(str(newest) in docs for docs in checked)
    monkeypatch.undo()
    assert incremental.findings == pipeline.run([str(folder)], default_config, RunOptions(jobs=1)).findings


def test_a_changed_file_is_read_again(tmp_path, default_config):
    folder = tmp_path / "articles"
    shutil.copytree(NEWSDEV, folder)
    options = RunOptions(cache_path=str(tmp_path / "cache.sqlite"), jobs=1)
    before = pipeline.run([str(folder)], default_config, options)
    first = sorted(folder.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nThe board met on Tuesday.\n", encoding="utf-8")
    after = pipeline.run([str(folder)], default_config, options)
    assert len(after.claims) > len(before.claims)
    assert after.findings == pipeline.run([str(folder)], default_config, RunOptions(jobs=1)).findings
    assert [a.title for a in after.articles] == [a.title for a in before.articles]


def test_a_file_changed_a_moment_ago_is_not_indexed(tmp_path, default_config, monkeypatch):
    """Another edit within the file system's time resolution could keep its stamp."""
    monkeypatch.setattr(pipeline, "RACY_SECONDS", 3600)  # "a moment" however slow the machine
    folder = tmp_path / "articles"
    shutil.copytree(NEWSDEV, folder)
    options = RunOptions(cache_path=str(tmp_path / "cache.sqlite"), jobs=1)
    pipeline.run([str(folder)], default_config, options)
    read = []
    real_read = pipeline.read_article

    def counting_read(doc, *args):
        read.append(doc)
        return real_read(doc, *args)

    monkeypatch.setattr(pipeline, "read_article", counting_read)
    pipeline.run([str(folder)], default_config, options)
    assert len(read) == len(list(folder.iterdir()))


def test_reports_giving_a_slot_one_and_the_same_value_are_not_paired_for_it():
    from claimcheck.rules.matching import Lexicon, shared_slots

    docs = [f"r{n}.md" for n in range(6)]
    lexicon = Lexicon(related_docs=frozenset((a, b) for a in docs for b in docs if a < b))
    by_doc = {doc: {"toll": [12]} for doc in docs}
    by_doc["r4.md"] = {"toll": [19]}  # another value
    by_doc["r5.md"] = {"toll": [12, 15]}  # two values: compared with every report
    pairs = list(shared_slots(by_doc, lexicon, value=lambda v: v))
    assert sorted((a, b) for a, b in pairs) == sorted(
        [([12], [19])] * 4 + [([12], [12, 15])] * 4 + [([19], [12, 15])]
    )
    # Without ``value``, every related pair of reports that both give the slot.
    assert len(list(shared_slots(by_doc, lexicon))) == 15
