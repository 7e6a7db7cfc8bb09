"""What an article says a named person is: an age ("Keroge, 27,", "the 43-year-old Dunmore")
or a post ("Kestrel Rail chief executive Harriet Olawale", "Maren Holt, an oceanographer",
"Brennock's chief executive, Graham Tullis").

News gives these in passing, in apposition or before the name, and reports of one story
disagree on them as often as on any figure. Each description found becomes a claim of its own
(``Claim.profile``) that the ``profile-conflict`` rule compares: two ages or two posts for one
person, or one post of one organisation held by two people.

Only a description the parse ties to the name counts, and only a post that WordNet says is a
kind of person ("executive", "oceanographer", "prosecutor"); a description marked as past or
changing ("former", "interim", "new") is no description of the person now and is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimcheck import semantics

# Modifiers that make a post a past, future or passing one: not what the person is now.
_NOT_NOW = frozenset(
    "former ex then late outgoing incoming new newly interim acting future retired one-time erstwhile "
    "caretaker designate elect previous".split()
)
# Words that rank a post below the one it names: a deputy minister is not the minister.
SECOND_RANKS = frozenset("deputy assistant vice associate under".split())
# Capitalised words of a post before a name ("Chief Financial Officer Marguerite Sallow"): they
# qualify the post, they name no organisation.
_POST_WORDS = frozenset(
    "chief deputy vice assistant associate senior principal managing executive financial operating "
    "technology technical medical commercial marketing information legal scientific general".split()
)
# Nouns ending a post that WordNet's one-word list may lack ("glaciologist", "volcanologist").
# Posts whose first WordNet sense is no person ("chair": a seat, "principal": a sum, "whip").
_POSTS_OF_OTHER_FIRST_SENSE = frozenset("chair co-chair cochair vice-chair principal whip convenor".split())
_PROFESSION_ENDING = re.compile(r"(?:ologist|ographer|icist|onomist|ician)$")
_AGE_BEFORE = re.compile(r"\b(\d{1,3})-year-old(?:\s+[\w'-]+){0,3},?\s*$")  # ("the 49-year-old head, X")
# Names the model may tag as a place are still read ("Strand, a 58-year-old heiress"): an age or
# a post is what makes a description, and only people have those.
_NOT_NAMES = frozenset({"DATE", "TIME", "NORP", "MONEY", "PERCENT", "CARDINAL", "QUANTITY", "ORDINAL"})
# The youngest and oldest ages read as ages: "Keroge, 27," (not "Smith, 2024," or "Lot, 3,").
_AGES = range(10, 111)


@dataclass(frozen=True, slots=True)
class Description:
    name: object  # the spaCy token heading the name
    kind: str  # "age" or "role"
    value: str  # "27", "chief executive"
    org: object | None = None  # the token heading the organisation the post is at, if named
    span: tuple[int, int] | None = None  # where an age's number stands in the parsed text
    first: int = 0  # the index of the name's first token

    @property
    def name_text(self) -> str:
        return self.name.doc[self.first : self.name.i + 1].text


def descriptions(sent) -> list[Description]:
    """Ages and posts the sentence gives for the names in it, and ages it gives for someone
    known by a post ("the 61-year-old driver", "the driver, a 54-year-old man")."""
    found = []
    for token in sent:
        bare = _bare_age(token)
        if bare is not None:
            found.append(Description(token, "age", bare[0], span=bare[1], first=token.i))
            continue
        if _described_by_post(token):
            age = _age(token, token.i)
            if age is not None:
                found.append(Description(token, "age", age[0], span=age[1], first=token.i))
            continue
        if not _name_head(token):
            continue
        start = name_start(token)
        age = _age(token, start)
        if age is not None:
            found.append(Description(token, "age", age[0], span=age[1], first=start))
        for words, org in _posts(token, start):
            found.append(Description(token, "role", " ".join(words), org, first=start))
    return found


def _bare_age(token) -> tuple[str, tuple[int, int]] | None:
    """"The 61-year-old" as the subject of a sentence: the person the story was just speaking
    of, known by age alone ("The 61-year-old, from Amberley Cross, showed no emotion")."""
    if token.lower_ != "old" or token.dep_ not in ("nsubj", "nsubjpass") or token.i < 4:
        return None
    doc = token.doc
    number, det = doc[token.i - 4], doc[token.i - 5] if token.i >= 5 else None
    if det is None or det.lower_ != "the" or det.i != token.sent.start:
        return None
    if [t.lower_ for t in doc[token.i - 3 : token.i]] != ["-", "year", "-"] or not number.text.isdigit():
        return None
    if int(number.text) not in _AGES:
        return None
    return number.text, (number.idx, number.idx + len(number))


def _name_head(token) -> bool:
    return (
        token.pos_ == "PROPN"
        and token.ent_type_ not in _NOT_NAMES
        and not (token.dep_ == "compound" and token.head.pos_ == "PROPN")
        and token.is_title
    )


# Words for people in general: "a 45-year-old man" and "a 62-year-old man" in one report of a
# crash are two men, while "the driver" or "the pilot" of a story is one person.
_ANYONE = frozenset(
    "man woman boy girl person child baby teenager youth adult people resident victim passenger "
    "worker patient pupil student member fan spectator neighbour neighbor friend relative".split()
)


def _described_by_post(token) -> bool:
    """A definite noun for someone the story knows by a post: "the driver", "the collector"."""
    return (
        token.pos_ == "NOUN"
        and token.tag_ == "NN"
        and token.lemma_.casefold() not in _ANYONE
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        and person_noun(token.lemma_.casefold(), operators=True)
    )


def name_start(head) -> int:
    """The first token of the name ``head`` ends ("Harriet" of "Harriet Olawale"), leaving out
    posts the model took for part of it ("Superintendent Gail Ormond", "Chief Inspector Ruth
    Abaye"). A post leads the name and leaves at least a first name and a surname, or the model
    tagged it as no part of the name: WordNet also lists famous people, so "Ruth" is a person
    noun too."""
    start = head.i
    while start > head.sent.start:
        before = head.doc[start - 1]
        if before.pos_ not in ("PROPN", "ADJ") or before.head.i != head.i and before.head.i < start:
            break
        if before.ent_type_ and head.ent_type_ and before.ent_type_ != head.ent_type_:
            break
        if before.pos_ == "ADJ" and before.lower_ != "chief":
            break
        start -= 1
    # the last post noun in the run that leaves a name after it ("Prime Minister | Oskar
    # Lindqvist"; not "Ruth" of "Ruth Abaye", a first name WordNet happens to list)
    posts = [
        i
        for i in range(start, head.i)
        if (person_noun(head.doc[i].lower_) or head.doc[i].lower_ == "chief")
        and (head.i - i >= 2 or not head.doc[i].ent_type_)
    ]
    return posts[-1] + 1 if posts else start


def _age(head, start: int) -> tuple[str, tuple[int, int]] | None:
    """The age given right after a name ("Keroge, 27,", "Vale, aged 52,", "Ames (61)") or
    before it ("the 43-year-old Dunmore"), with where its number stands."""
    doc = head.doc
    after = doc[head.i + 1 : head.i + 5]
    words = [t.lower_ for t in after]
    if len(words) >= 3 and words[0] in (",", "(") and after[1].like_num and words[2] in (",", ")", ".", ";"):
        number = after[1]
    elif len(words) >= 4 and words[0] == "," and words[1] == "aged" and after[2].like_num and words[3] in ",.;":
        number = after[2]
    elif (apposed := _apposed_age(head)) is not None:
        return apposed
    else:
        before = doc[max(head.sent.start, start - 12) : start]  # (a span's text, not the doc's)
        begin = before.start_char
        match = _AGE_BEFORE.search(before.text_with_ws)
        if match is None:
            return None
        value, span = match.group(1), (begin + match.start(1), begin + match.end(1))
        number = next((t for t in doc[max(0, start - 12) : start] if t.idx == span[0]), None)
        # the age must qualify this name, not another ("a 47-year-old woman from Cardle"), or
        # the noun the name is in apposition to ("the 49-year-old headteacher, Olwen Polglase")
        qualified = (head.i, head.head.i) if head.dep_ == "appos" else (head.i,)
        if number is None or not any(a.i in qualified for a in number.ancestors):
            return None
        return (value, span) if int(value) in _AGES else None
    value = number.text
    if not value.isdigit() or int(value) not in _AGES:
        return None
    return value, (number.idx, number.idx + len(number))


_AGE_IN_APPOSITION = re.compile(r"^(?:an?|the)\s+(\d{1,3})-year-old\b")


def _apposed_age(head) -> tuple[str, tuple[int, int]] | None:
    """An age in an apposition: "Strand, a 58-year-old shipping heiress"."""
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i:
            first = child.left_edge
            text = head.doc[first.i : child.i + 1].text
            match = _AGE_IN_APPOSITION.match(text)
            if match is not None and int(match.group(1)) in _AGES:
                return match.group(1), (first.idx + match.start(1), first.idx + match.end(1))
    return None


def _posts(head, start: int):
    """Posts written before the name ("chief executive Harriet Olawale"), after it in apposition
    ("Maren Holt, an oceanographer") or around it ("Brennock's chief executive, Graham Tullis")."""
    before = _words_before(head, start)
    if before is not None:
        yield before
    for child in head.children:
        after = head.doc[child.i + 1] if child.i + 1 < len(head.doc) else None
        if after is not None and after.pos_ == "PROPN":
            continue  # "Kestrel Rail chief executive Harriet Olawale": the post is hers
        if child.dep_ == "appos" and _common_noun(child):
            post = _post_of(child)
            if post is not None:
                yield post
    if head.dep_ == "appos" and _common_noun(head.head) and head.head.i < head.i:
        post = _post_of(head.head)
        if post is not None:
            yield post


def _words_before(head, start: int):
    """The post written right before a name, and the organisation named before it: "Kestrel
    Rail chief executive Harriet Olawale", "Civil Protection chief Marta Idrissova", "Interior
    Minister X". The post is the common nouns and adjectives next to the name (or capitalised
    post nouns: "Superintendent"); proper nouns before them name the organisation."""
    doc = head.doc
    words = []
    i = start - 1
    while i >= head.sent.start:
        token = doc[i]
        if token.text == "-" and i - 1 >= head.sent.start and doc[i - 1].lower_ in SECOND_RANKS:
            i -= 1  # "Vice-Chancellor"
            continue
        if not (token.head.i > token.i and token.head.i <= head.i) or not token.is_alpha:
            break
        capitalised_post = token.lower_ in _POST_WORDS or person_noun(token.lower_)
        if token.pos_ == "PROPN" and not capitalised_post or token.ent_type_ in ("ORG", "GPE", "NORP"):
            break
        if token.pos_ not in ("NOUN", "ADJ", "PROPN"):
            break
        words.insert(0, token)
        i -= 1
    if not words or not person_noun(words[-1].lower_):
        return None
    # "Deputy Agriculture Minister": a rank before the portfolio is the post's
    j = i
    while j >= head.sent.start and doc[j].pos_ == "PROPN" and doc[j].head.i <= head.i and doc[j].lower_ not in SECOND_RANKS:
        j -= 1
    if j < i and j >= head.sent.start and doc[j].lower_ in SECOND_RANKS and doc[j].head.i <= head.i:
        words.insert(0, doc[j])
    if any(t.lower_ in _NOT_NOW for t in words):
        return None
    org = None
    if i >= head.sent.start:
        token = doc[i]
        if token.tag_ == "POS":
            token = token.head if token.head.i < token.i else doc[i - 1]
        elif len(words) == 1 and words[0].is_title and _title_word(token):
            return (_word(token), _word(words[0])), None  # "Group Commander", "Station Manager"
        if token.pos_ == "PROPN" and token.ent_type_ not in _NOT_NAMES and token.ent_type_ != "PERSON":
            org = token
    return tuple(_word(t) for t in words), org


def _title_word(token) -> bool:
    """A capitalised common noun opening a title ("Group Commander", "Station Manager", "Wing
    Commander"), not the last word of a body's name ("Quillby Rail chief executive")."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > token.sent.start else None
    return (
        token.pos_ == "PROPN"
        and token.is_title
        and token.ent_type_ not in ("ORG", "GPE", "NORP", "LOC", "FAC")
        and (semantics.is_noun(token.lower_) or token.lower_ in semantics.verbs())  # ("group" is a verb too)
        and (before is None or before.pos_ not in ("PROPN", "NOUN"))
    )


def _post_of(noun):
    """A post named by a common noun and its modifiers: "Brennock Water's chief executive";
    "head of operations" is written "operations head"."""
    if noun.lower_ == "head":
        field = next(
            (g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"),
            None,
        )
        if field is None or field.pos_ != "NOUN":
            return None
        words = tuple(_word(t) for t in (*[c for c in field.lefts if c.dep_ == "compound"], field, noun) if t.is_alpha)
        return words, _organisation(noun)
    if not person_noun(noun.lower_) and not person_noun(noun.lemma_.casefold()):
        return None
    # (not "Norwegian", not the "old" of "a 58-year-old heiress")
    modifiers = [c for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod") and not c.ent_type_]
    if any(c.lower_ in _NOT_NOW for c in noun.lefts):
        return None
    words = tuple(_word(t) for t in (*modifiers, noun) if t.is_alpha)
    return words, _organisation(noun)


# Names the model may give a body that holds posts: it often takes a firm's name for a
# person's ("Arrin Snowsports' chief executive"), never for a country's or a people's.
_BODY_NAMES = frozenset({"ORG", "PERSON", ""})


def _organisation(post):
    """The body a post named by a common noun is at: its possessor ("Brennock Water's chief
    executive", "the federation's chair") or what it is "of" ("chief executive of the Aldermere
    Federation"). A place ("Norway's foreign minister") is left to the post's words, and so is a
    person ("the victim's lawyer")."""
    possessors = [c for c in post.children if c.dep_ == "poss"]
    named = next((c for c in possessors if c.ent_type_ == "ORG"), None)
    if named is not None or (named := next((c for c in possessors if _body(c)), None)) is not None:
        return named
    for child in post.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            body = next((g for g in child.children if g.dep_ == "pobj"), None)
            if body is not None and _body(body):
                return body
    return None


def _body(token) -> bool:
    """A name the model did not take for a place, or a common noun for no kind of person."""
    if token.pos_ == "PROPN":
        return token.ent_type_ in _BODY_NAMES
    return token.pos_ == "NOUN" and not person_noun(token.lemma_.casefold())


def _common_noun(token) -> bool:
    """A common noun, or one the model tagged as a name though written in lower case ("the
    deputy national statistician")."""
    return token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.is_lower)


def _word(token) -> str:
    return token.lower_


def person_noun(word: str, operators: bool = False) -> bool:
    """A noun for a kind of person ("executive", "oceanographer"): what a post's head must be.
    With ``operators``, also one WordNet puts under "operator" (a driver, a pilot's kin), which
    the posts of companies share ("the regional operator Kestrel Rail")."""
    return (
        semantics.is_a(word, "person")
        or word in _POSTS_OF_OTHER_FIRST_SENSE
        or (operators and semantics.is_a(word, "operator"))
        or bool(_PROFESSION_ENDING.search(word))
    )
