"""Closed word lists shared by extraction and the rules (general English news, no names)."""

from __future__ import annotations

import re

# Verbs whose number measures their subject: "the toll rose to 19", "the fleet totals 310",
# "net profit came in at $312 million".
MEASURE_VERBS = frozenset(
    "be rise fall reach total stand climb increase decrease grow drop hit top number amount jump "
    "surge soar plunge slip decline edge double triple come".split()
)

# Nouns a story uses to refer back to an organisation it has named: "the company said".
ORGANISATION_NOUNS = frozenset(
    "company firm group carmaker automaker airline carrier bank lender retailer insurer conglomerate "
    "manufacturer maker operator utility broadcaster publisher studio startup chain brand business "
    "corporation giant".split()
)

# Nouns naming an event or undertaking: "the deal collapsed" says what happened to the deal,
# which "completed the deal" acts on. A closed list: endings such as "-tion" or "-ment" also
# make "station" and "government".
EVENT_NOUNS = frozenset(
    "deal bid offer plan talks negotiation merger takeover buyout acquisition purchase sale "
    "signing transfer move trade ipo listing flotation agreement settlement contract pact treaty "
    "truce ceasefire accord partnership alliance match game fixture race tournament contest vote "
    "ballot referendum election strike walkout launch project scheme programme program proposal "
    "reform trial hearing inquiry probe investigation festival concert show tour event ceremony "
    "summit meeting visit flight mission expansion construction redevelopment appointment "
    "approval review".split()
)


# Verbs too general to name an event by themselves ("made a profit", "had a role", "went
# ahead"): they match another verb only when the words are the same.
WEAK_VERBS = frozenset(
    "be have do say get make go take come give see know think put set keep hold let use find show "
    "tell call ask seem become look want need try turn bring run play work move help mean "
    "feel include involve provide follow continue remain stay begin start end happen occur".split()
)

# Verbs that say an event happened, went on, ended or how far it reached: the event is their
# subject ("the strike began", "talks collapsed", "evacuation orders cover 4,800 residents").
OCCURRENCE_VERBS = frozenset(
    "begin start end finish continue resume happen occur proceed last collapse fail succeed "
    "take place go ahead get under way cover affect involve break down fall apart fall through founder "
    "stall".split()
)
# Verbs that hold, move or stop an event, so their date is the event's: the event is their
# object ("held a vote", "completed the purchase", "called off the walkout"). Not decisions
# about it ("approved the merger"), which are events of their own.
STAGING_VERBS = frozenset(
    "hold stage conduct complete launch schedule postpone delay cancel call off halt "
    "stop suspend resume restart extend finalise finalize".split()
)

# Nouns naming a one-way relation between their possessor and what follows "of", "over" or
# "by", with the verb that states it: "Rovers' win over City" is "Rovers beat City",
# "Greystone's purchase of Vantor" is "Greystone bought Vantor".
NOMINAL_RELATIONS = {
    "win": "beat",
    "victory": "beat",
    "triumph": "beat",
    "defeat": "beat",
    "purchase": "buy",
    "acquisition": "acquire",
    "takeover": "take over",
    "buyout": "buy out",
}

# Verbs of saying: what they introduce is attributed, and their date is the statement's.
SPEECH_VERBS = frozenset(
    "say tell report add announce state claim confirm write note explain insist argue cite "
    "allege suggest warn reveal disclose estimate acknowledge admit".split()
)
# Verbs of a statement, whose date is that of the statement, made again whenever asked.
STATEMENT_VERBS = SPEECH_VERBS | frozenset("describe stress deny reiterate comment signal indicate".split())
# Verbs that say little without their object: "made her debut", "had a role".
LIGHT_VERBS = frozenset("have make take get do give hold keep put go come see play".split())
# "would last 72 hours", "is expected to last": "last" after these is the verb, not "the last
# 72 hours".
LAST_AS_VERB = re.compile(
    r"\b(?:will|would|could|can|may|might|must|should|shall|to|did|does|do|not|'ll)\s+last\s+$", re.I
)

# Verbs that state a party's position, not a fact: a figure wanted, offered or proposed is
# that party's figure ("the union wants 9%", "drivers were offered 4%").
POSITION_VERBS = frozenset(
    "want demand seek offer propose ask request bid counter table call push urge recommend".split()
)

# Irregular past forms, so a fact-box label ("Born:", "Sold:") meets its verb ("bear", "sell").
IRREGULAR_FORMS = {
    "born": "bear",
    "bore": "bear",
    "built": "build",
    "bought": "buy",
    "sold": "sell",
    "made": "make",
    "held": "hold",
    "won": "win",
    "lost": "lose",
    "left": "leave",
    "began": "begin",
    "begun": "begin",
    "broke": "break",
    "broken": "break",
    "chose": "choose",
    "chosen": "choose",
    "drove": "drive",
    "driven": "drive",
    "fell": "fall",
    "fallen": "fall",
    "flew": "fly",
    "flown": "fly",
    "found": "find",
    "fought": "fight",
    "froze": "freeze",
    "frozen": "freeze",
    "gave": "give",
    "given": "give",
    "grew": "grow",
    "grown": "grow",
    "hid": "hide",
    "hidden": "hide",
    "hung": "hang",
    "kept": "keep",
    "knew": "know",
    "known": "know",
    "laid": "lay",
    "led": "lead",
    "lent": "lend",
    "met": "meet",
    "paid": "pay",
    "ran": "run",
    "rose": "rise",
    "risen": "rise",
    "said": "say",
    "saw": "see",
    "seen": "see",
    "sent": "send",
    "shot": "shoot",
    "shut": "shut",
    "sought": "seek",
    "spent": "spend",
    "spoke": "speak",
    "spoken": "speak",
    "stole": "steal",
    "stolen": "steal",
    "struck": "strike",
    "swore": "swear",
    "sworn": "swear",
    "taught": "teach",
    "told": "tell",
    "took": "take",
    "taken": "take",
    "thought": "think",
    "threw": "throw",
    "thrown": "throw",
    "understood": "understand",
    "went": "go",
    "gone": "go",
    "wrote": "write",
    "written": "write",
    "wound": "wind",
    "withdrew": "withdraw",
    "withdrawn": "withdraw",
    "overtook": "overtake",
    "overtaken": "overtake",
    "undertook": "undertake",
    "undertaken": "undertake",
}


# Which way a predicate moves a measure. Of its subject: "profit rose", "sales were down",
# "prices held steady"; of its object: "raised its dividend", "cut rates", "kept the
# dividend unchanged".
_MOVES_SUBJECT = {
    "up": frozenset(
        "rise climb increase jump grow soar surge gain rocket advance rally improve expand double triple "
        "quadruple spike swell leap balloon mount rebound recover strengthen firm appreciate".split()
    )
    | frozenset({"be up", "edge up", "go up", "shoot up", "be higher", "tick up", "inch up"}),
    "down": frozenset(
        "fall drop decline slip slide plunge sink shrink tumble dip decrease contract slump ease retreat "
        "halve plummet dive crash weaken depreciate".split()
    )
    | frozenset({"be down", "edge down", "go down", "be lower", "tick down", "inch down"}),
    "steady": frozenset(
        {
            "be flat",
            "be unchanged",
            "be stable",
            "be steady",
            "remain unchanged",
            "remain stable",
            "remain steady",
            "remain flat",
            "stay flat",
            "stay unchanged",
            "stay stable",
            "hold steady",
            "hold stable",
        }
    ),
}
_MOVES_OBJECT = {
    "up": frozenset("raise lift boost increase hike double triple".split()),
    "down": frozenset("cut lower reduce trim slash halve decrease".split()),
    "steady": frozenset(
        {"keep unchanged", "leave unchanged", "keep steady", "hold unchanged", "keep stable", "hold"}
    ),
}
DIRECTION_WORDS = frozenset().union(*_MOVES_SUBJECT.values(), *_MOVES_OBJECT.values())


def direction_of(predicate: str, has_object: bool) -> tuple[str, bool] | None:
    """("up" | "down" | "steady", whether it is the object that moves) for a predicate that
    moves a measure, else None. A verb of both kinds moves its object when it has one ("raised
    its dividend") and its subject otherwise ("the dividend increased")."""
    if has_object:
        for direction, words in _MOVES_OBJECT.items():
            if predicate in words:
                return direction, True
    for direction, words in _MOVES_SUBJECT.items():
        if predicate in words:
            return direction, False
    return None
