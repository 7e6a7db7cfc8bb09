"""Numbers, money, percentages and measures in English news text, and whether two can both hold.

``find_quantities`` reads every numeric expression of a text into a ``Quantity``: digits
("11,000", "1.1"), scale words and abbreviations ("600 million", "$1.1bn", "2k"), number words
("twenty-five", "a dozen", "half a million"), currencies before or after the number, percentages,
measures with their unit, and the approximation and bound words around them ("around", "at
least", "up to", "or more"). Years, times, dates, phone numbers and model names ("Boeing 737")
are not quantities. Pure regular expressions, compiled at import: this runs over every sentence.

``can_both_hold`` answers the question the rules ask: can two statements of the same attribute
both be true? Each quantity becomes the interval of values it admits (rounding at the precision
written, approximation, bounds) and two quantities can both hold when their intervals meet.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from claimcheck.model import Bound, Quantity

# "around 11,000" admits 10% either side; the same for every approximation word, because news
# writers do not use "about" and "nearly" with any consistent precision.
APPROXIMATE_TOLERANCE = 0.10
_FLOAT_SLACK = 1e-9

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

# Number words and their values ("seven": 7), read by tallies too.
SMALL_NUMBERS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALE_WORDS = {
    "thousand": Decimal(10) ** 3,
    "lakh": Decimal(10) ** 5,
    "million": Decimal(10) ** 6,
    "crore": Decimal(10) ** 7,
    "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
}
_SCALE_ABBREVIATIONS = {
    "k": Decimal(10) ** 3,
    "K": Decimal(10) ** 3,
    "m": Decimal(10) ** 6,
    "M": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6,
    "b": Decimal(10) ** 9,
    "B": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "bln": Decimal(10) ** 9,
    "tn": Decimal(10) ** 12,
    "trn": Decimal(10) ** 12,
}
_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
}

_CURRENCY_SYMBOLS = {
    "US$": "USD",
    "U.S.$": "USD",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "S$": "SGD",
    "R$": "BRL",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "Rs": "INR",
    "Rs.": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
}
_CURRENCY_CODES = (
    "EUR", "USD", "GBP", "JPY", "CHF", "CNY", "RMB", "INR", "AUD", "CAD", "NZD", "HKD",
    "SGD", "SEK", "NOK", "DKK", "KRW", "BRL", "ZAR", "MXN", "RUB", "TRY", "PLN",
)  # fmt: skip
_CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "franc": "CHF",
    "francs": "CHF",
    "rupee": "INR",
    "rupees": "INR",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "korean won": "KRW",  # bare "won" is too often the verb ("10 won, 3 lost")
    "south korean won": "KRW",
    "reais": "BRL",
    "rand": "ZAR",
    "krona": "SEK",
    "kronor": "SEK",
    "krone": "NOK",
    "kroner": "NOK",
    "lira": "TRY",
    "zloty": "PLN",
    "zlotys": "PLN",
    # English for the krona, krone and koruna: which one the story says, not the word
    "crown": "crown",
    "crowns": "crown",
    "peso": "peso",
    "pesos": "peso",
    "dinar": "dinar",
    "dinars": "dinar",
    "dirham": "dirham",
    "dirhams": "dirham",
    "shilling": "shilling",
    "shillings": "shilling",
}
# A nationality before "dollars", "francs", "kroner" names the currency.
_CURRENCY_NATIONALITIES = {
    ("us", "dollar"): "USD",
    ("u.s.", "dollar"): "USD",
    ("american", "dollar"): "USD",
    ("canadian", "dollar"): "CAD",
    ("australian", "dollar"): "AUD",
    ("new zealand", "dollar"): "NZD",
    ("hong kong", "dollar"): "HKD",
    ("singapore", "dollar"): "SGD",
    ("swiss", "franc"): "CHF",
    ("danish", "krone"): "DKK",
    ("norwegian", "krone"): "NOK",
    ("swedish", "krona"): "SEK",
}

# canonical unit -> (dimension, factor to the dimension's base unit, offset)
_UNITS: dict[str, tuple[str, float, float]] = {
    "mm": ("length", 0.001, 0.0),
    "cm": ("length", 0.01, 0.0),
    "m": ("length", 1.0, 0.0),
    "km": ("length", 1000.0, 0.0),
    "in": ("length", 0.0254, 0.0),
    "ft": ("length", 0.3048, 0.0),
    "yd": ("length", 0.9144, 0.0),
    "mi": ("length", 1609.344, 0.0),
    "nmi": ("length", 1852.0, 0.0),
    "m2": ("area", 1.0, 0.0),
    "km2": ("area", 1e6, 0.0),
    "ha": ("area", 1e4, 0.0),
    "acre": ("area", 4046.8564224, 0.0),
    "ft2": ("area", 0.09290304, 0.0),
    "mi2": ("area", 2589988.110336, 0.0),
    "ml": ("volume", 0.001, 0.0),
    "l": ("volume", 1.0, 0.0),
    "m3": ("volume", 1000.0, 0.0),
    "ft3": ("volume", 28.316846592, 0.0),
    "gal": ("volume", 3.785411784, 0.0),
    "bbl": ("volume", 158.987294928, 0.0),
    "mg": ("mass", 1e-6, 0.0),
    "g": ("mass", 0.001, 0.0),
    "kg": ("mass", 1.0, 0.0),
    "t": ("mass", 1000.0, 0.0),
    "lb": ("mass", 0.45359237, 0.0),
    "oz": ("mass", 0.028349523125, 0.0),
    "m/s": ("speed", 1.0, 0.0),
    "km/h": ("speed", 1 / 3.6, 0.0),
    "mph": ("speed", 0.44704, 0.0),
    "kn": ("speed", 1852 / 3600, 0.0),
    "°C": ("temperature", 1.0, 0.0),
    "°F": ("temperature", 5 / 9, -160 / 9),
    "deg": ("degree", 1.0, 0.0),  # angle or temperature of unknown scale: only equals itself
    "s": ("duration", 1.0, 0.0),
    "min": ("duration", 60.0, 0.0),
    "h": ("duration", 3600.0, 0.0),
    "day": ("duration", 86400.0, 0.0),
    "week": ("duration", 604800.0, 0.0),
    "month": ("duration", 2629746.0, 0.0),
    "year": ("duration", 31556952.0, 0.0),
    "Wh": ("energy", 3600.0, 0.0),
    "kWh": ("energy", 3.6e6, 0.0),
    "MWh": ("energy", 3.6e9, 0.0),
    "GWh": ("energy", 3.6e12, 0.0),
    "TWh": ("energy", 3.6e15, 0.0),
    "W": ("power", 1.0, 0.0),
    "kW": ("power", 1e3, 0.0),
    "MW": ("power", 1e6, 0.0),
    "GW": ("power", 1e9, 0.0),
    "hp": ("power", 745.69987158227022, 0.0),
    "kB": ("data", 1e3, 0.0),
    "MB": ("data", 1e6, 0.0),
    "GB": ("data", 1e9, 0.0),
    "TB": ("data", 1e12, 0.0),
    "PB": ("data", 1e15, 0.0),
    "magnitude": ("magnitude", 1.0, 0.0),  # of an earthquake: "a magnitude 6.2 quake", "5.7-magnitude"
}

# Written-out unit names, singular; plurals are derived. Matched case-insensitively.
_UNIT_NAMES = {
    "mm": ("millimetre", "millimeter"),
    "cm": ("centimetre", "centimeter"),
    "m": ("metre", "meter"),
    "km": ("kilometre", "kilometer"),
    "in": ("inch",),
    "ft": ("foot",),
    "yd": ("yard",),
    "mi": ("mile",),
    "nmi": ("nautical mile",),
    "m2": ("square metre", "square meter", "sq metre", "sq meter"),
    "km2": ("square kilometre", "square kilometer", "sq kilometre", "sq kilometer"),
    "mi2": ("square mile", "sq mile"),
    "ft2": ("square foot", "sq foot"),
    "ha": ("hectare",),
    "acre": ("acre",),
    "ml": ("millilitre", "milliliter"),
    "l": ("litre", "liter"),
    "m3": ("cubic metre", "cubic meter"),
    "ft3": ("cubic foot",),
    "gal": ("gallon",),
    "bbl": ("barrel",),
    "mg": ("milligram", "milligramme"),
    "g": ("gram", "gramme"),
    "kg": ("kilogram", "kilogramme", "kilo"),
    "t": ("tonne", "ton", "metric ton", "metric tonne"),
    "oz": ("ounce",),
    "mph": ("mile per hour", "mile an hour"),
    "km/h": ("kilometre per hour", "kilometer per hour", "kilometre an hour", "kilometer an hour"),
    "m/s": ("metre per second", "meter per second"),
    "kn": ("knot",),
    "°C": ("degree celsius", "degree centigrade", "degree c"),
    "°F": ("degree fahrenheit", "degree f"),
    "deg": ("degree",),
    "s": ("second",),
    "min": ("minute",),
    "h": ("hour",),
    "day": ("day",),
    "week": ("week",),
    "month": ("month",),
    "year": ("year",),
    "Wh": ("watt hour",),
    "kWh": ("kilowatt hour",),
    "MWh": ("megawatt hour",),
    "GWh": ("gigawatt hour",),
    "TWh": ("terawatt hour",),
    "W": ("watt",),
    "kW": ("kilowatt",),
    "MW": ("megawatt",),
    "GW": ("gigawatt",),
    "hp": ("horsepower",),
    "kB": ("kilobyte",),
    "MB": ("megabyte",),
    "GB": ("gigabyte",),
    "TB": ("terabyte",),
    "PB": ("petabyte",),
    "magnitude": ("magnitude",),
}
# Unit symbols, case-sensitive, written attached or after one space.
_UNIT_SYMBOLS = {
    "mm": "mm",
    "cm": "cm",
    "km": "km",
    "mi": "mi",
    "ft": "ft",
    "yd": "yd",
    "sq m": "m2",
    "sq km": "km2",
    "sq ft": "ft2",
    "sq mi": "mi2",
    "m2": "m2",
    "m²": "m2",
    "km2": "km2",
    "km²": "km2",
    "ha": "ha",
    "ml": "ml",
    "mL": "ml",
    "m3": "m3",
    "m³": "m3",
    "gal": "gal",
    "bbl": "bbl",
    "mg": "mg",
    "kg": "kg",
    "kgs": "kg",
    "lb": "lb",
    "lbs": "lb",
    "oz": "oz",
    "mph": "mph",
    "km/h": "km/h",
    "kmh": "km/h",
    "kph": "km/h",
    "m/s": "m/s",
    "°C": "°C",
    "ºC": "°C",
    "° C": "°C",
    "°F": "°F",
    "ºF": "°F",
    "° F": "°F",
    "°": "deg",
    "º": "deg",
    "sec": "s",
    "secs": "s",
    "min": "min",
    "mins": "min",
    "hr": "h",
    "hrs": "h",
    "yr": "year",
    "yrs": "year",
    "Wh": "Wh",
    "kWh": "kWh",
    "MWh": "MWh",
    "GWh": "GWh",
    "TWh": "TWh",
    "kW": "kW",
    "MW": "MW",
    "GW": "GW",
    "hp": "hp",
    "bhp": "hp",
    "kB": "kB",
    "KB": "kB",
    "MB": "MB",
    "GB": "GB",
    "TB": "TB",
    "PB": "PB",
}
# One-letter symbols are units only when written against the digits ("40t", "30C"): after a
# space they are too often something else. "m" is decided with the scale abbreviations.
_ATTACHED_UNIT_SYMBOLS = {"t": "t", "l": "l", "L": "l", "g": "g", "h": "h", "C": "°C", "F": "°F", "W": "W"}

# After "100m", these words say metres; any other word says million ("5m people").
_METRE_CONTEXT = frozenset((
    "high", "tall", "long", "wide", "deep", "away", "above", "below", "beneath", "underground",
    "under", "race", "sprint", "dash", "hurdles", "relay", "freestyle", "breaststroke",
    "backstroke", "butterfly", "medley",
))  # fmt: skip
# "a 42,000-seat stadium" gives the unit "seat"; these hyphenated words are not counted nouns.
_NOT_COUNTED_NOUNS = frozenset((
    "to", "and", "or", "of", "for", "in", "on", "at", "by", "up", "down", "off", "out", "all",
    "way", "time", "fold", "strong",
))  # fmt: skip
_FRACTION_WORDS = (
    "half|halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?|hundredths?"
)
# The denominator each fraction word names: "two-thirds" is two parts in three.
_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
    "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8,
    "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10, "hundredth": 100, "hundredths": 100,
}  # fmt: skip
# Counts written as an order of magnitude, and the values each admits. The ranges are wide on
# purpose: writers stretch them ("hundreds" for 120 or 1,500, "thousands" for 40,000), and a
# restatement of the same crowd must never read as a contradiction. Only a count outside the
# whole range ("a few" against "thousands") is one.
_FEW = (2, 12)  # "a few", "a handful"
_PLURAL_SCALES = {  # "dozens of", "hundreds of" ... alone
    "dozens": (12, 200),
    "hundreds": (100, 2_000),
    "thousands": (1_000, 1_000_000),  # "thousands" is not wrong for 40,000
    "millions": (1_000_000, 1_000_000_000),
    "billions": (1_000_000_000, 1_000_000_000_000),
}
_MULTIPLES = {"tens": (10, 200), "hundreds": (100, 2_000)}  # "tens of thousands": 10 to 200 thousand
_FEW_OF_SCALE = (1, 10)  # "a few hundred", "several thousand": one to ten of the scale
_VAGUE_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 10**6, "billion": 10**9}

# ---------------------------------------------------------------------------------------------
# Patterns
# ---------------------------------------------------------------------------------------------


def _alternation(surfaces) -> str:
    """Longest first, so "miles per hour" wins over "miles" and "sq mi" over "sq m"."""
    return "|".join(re.escape(s) for s in sorted(set(surfaces), key=lambda s: (-len(s), s)))


def _plural(name: str) -> str:
    words = name.split(" ")
    # The counted word of "mile per hour" and "degree celsius" comes first, of "square foot" last.
    head = 0 if (" per " in name or " an " in name or words[0] == "degree") else len(words) - 1
    irregular = {"foot": "feet", "inch": "inches", "horsepower": "horsepower"}
    words[head] = irregular.get(words[head], words[head] + "s")
    return " ".join(words)


_UNIT_NAME_TO_CANONICAL: dict[str, str] = {}
for _canonical, _names in _UNIT_NAMES.items():
    for _name in _names:
        _UNIT_NAME_TO_CANONICAL[_name] = _canonical
        _UNIT_NAME_TO_CANONICAL[_plural(_name)] = _canonical


def unit_name(word: str) -> str:
    """The unit a written unit name or symbol stands for ("metres": "m", "km": "km"), or ""."""
    return _UNIT_NAME_TO_CANONICAL.get(word.casefold(), "") or _UNIT_SYMBOLS.get(word, "")


def _spaced(surface: str) -> str:
    return re.escape(surface).replace(r"\ ", r"[\s-]+")


_U100 = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|"
    r"seven|eight|nine)\b)?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
    r"nineteen|one|two|three|four|five|six|seven|eight|nine|zero)\b"
)
_U1000 = rf"(?:(?:{_U100}|an?)[\s-]+hundred\b(?:\s+(?:and\s+)?{_U100})?|{_U100})"
_SCALE = r"(?:thousand|million|billion|trillion)\b"
_GROUP = rf"(?:{_U1000}|an?)[\s-]+{_SCALE}"
_NUMBER_WORDS = (
    rf"half\s+an?\s+(?:{_SCALE}|dozen\b)"
    rf"|(?:{_U100}|an?)\s+dozen\b"
    rf"|{_U100}\s+and\s+a\s+half\b(?:[\s-]+{_SCALE})?"
    rf"|{_GROUP}(?:,?\s+(?:and\s+)?{_GROUP})*(?:\s+(?:and\s+)?{_U1000})?"
    rf"|{_U1000}"
)
# The lookarounds before each branch let the engine give up on most positions and words cheaply:
# the full number-word pattern is tried only where a number word starts.
_NUMBER_WORD_START = (
    rf"(?:{'|'.join(SMALL_NUMBERS)}|an?\s+(?:hundred|thousand|million|billion|trillion|dozen)|half\s)"
)
_CORE = re.compile(
    r"(?=[\d.])(?<![\w.,:/])(?P<digits>(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+)"
    rf"|(?<![\w'’-])(?=[aefhnostzAEFHNOSTZ])(?=(?i:{_NUMBER_WORD_START}))(?P<words>(?i:{_NUMBER_WORDS}))"
    rf"|(?<![\w'’-])(?=[efnstEFNST])(?P<ordinal_word>(?i:{'|'.join(_ORDINAL_WORDS)})\b)"
)

# Spans that hold digits but no quantity: times, dates, seasons, phone numbers.
_NOT_QUANTITIES = re.compile(
    r"(?=\d)(?:\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?(?![a-z]))?"
    r"|\b\d{1,2}(?:\.\d{2})?\s*[ap]\.?m\.?(?![a-z])"
    r"|\b\d{1,2}\s*o'clock\b"
    r"|\b\d{1,4}/\d{1,2}(?:/\d{1,4})?\b"
    r"|\b\d{1,2}\.\d{1,2}\.\d{2,4}\b"
    r"|\b(?:1[89]\d\d|20\d\d)[-–/](?:\d{2}|\d{4})\b(?![-–/]\d)"
    r"|\b\d{4}-\d{2}-\d{2}\b"
    r"|(?<![\w.,])\d{3}-\d{4}\b)"
)
_PHONE = re.compile(
    r"(?=[\d+(])(?<![\w.,])(?P<lead>\+\d{1,3}[\s.-]?|\(\d{1,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4}(?![\w])"
)

_APPROXIMATE_WORDS = (
    r"around|about|approximately|approx\.?|roughly|nearly|almost|some|an\s+estimated|estimated|"
    r"close\s+to|circa|c\.|ca\.|more\s+or\s+less|in\s+the\s+region\s+of|(?:in|on)\s+the\s+order\s+of|"
    r"the\s+best\s+part\s+of|something\s+like|getting\s+on\s+for|just\s+about|~"
)
_INTENSIFIER = r"(?:(?:just|well|slightly|a\s+little|a\s+bit|far|much|significantly|considerably)\s+)?"
_PRE_MODIFIERS = re.compile(
    r"(?i:(?<![\w.])"
    r"(?:(?P<range>between|from)\s+)?"
    rf"(?:(?P<approximate>{_APPROXIMATE_WORDS})\s*)?"
    r"(?:(?:"
    r"(?P<at_least>at\s+least|no\s+(?:fewer|less)\s+than|not\s+(?:fewer|less)\s+than|a\s+minimum\s+of|"
    r"at\s+a\s+minimum)"
    r"|(?P<at_most>up\s+to|at\s+(?:the\s+)?most|no\s+more\s+than|not\s+more\s+than|a\s+maximum\s+of|"
    r"as\s+(?:many|much)\s+as|not\s+exceeding)"
    rf"|(?P<more_than>{_INTENSIFIER}(?:more\s+than|over|above|greater\s+than|higher\s+than|"
    r"in\s+excess\s+of|upwards?\s+of|exceeding|north\s+of))"
    rf"|(?P<less_than>{_INTENSIFIER}(?:less\s+than|fewer\s+than|under|below|lower\s+than))"
    r")\s+)?"
    rf"(?:(?P<approximate2>{_APPROXIMATE_WORDS})\s*)?"
    r")\Z"
)
_MODIFIER_GROUPS = ("approximate", "at_least", "at_most", "more_than", "less_than", "approximate2")
_NUMBER_SIGN = re.compile(r"(?:(?<=[\s(])|^)(?P<sign>[-−+]|minus\s+)\Z")
_NUMBER_LABEL = re.compile(r"(?:\b(?:[Nn]o|[Nn]os|[Nn]r)\.|#)\s?\Z")
_CURRENCY_BEFORE = re.compile(
    rf"(?<![A-Za-z$])(?P<currency>{_alternation((*_CURRENCY_SYMBOLS, *_CURRENCY_CODES))})\s?\Z"
)
_SCALE_AFTER = re.compile(
    r"(?:[\s-]+(?P<word>(?i:thousand|million|billion|trillion|lakh|crore))\b"
    r"|\s?(?P<abbreviation>bn|mn|mln|bln|tn|trn)(?![A-Za-z0-9])"
    r"|(?P<attached>[kKmMbB])(?![A-Za-z0-9]))"
)
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b")
_PERCENT_AFTER = re.compile(
    r"(?P<percent>\s?%|[\s-]?(?i:per[\s-]?cent|percent|pct)\b|pc\b)"
    r"|[\s-]+(?P<points>(?i:percentage[\s-]+points?))\b"
    r"|(?:[\s-]+(?i:basis[\s-]+points?)\b|\s?bps?\b)(?P<basis>)"
)
_NATIONALITY = (
    r"(?:US|U\.S\.|American|Canadian|Australian|New\s+Zealand|Hong\s+Kong|Singapore|Swiss|Danish|"
    r"Norwegian|Swedish)"
)
_CURRENCY_AFTER = re.compile(
    rf"(?P<space>[\s-]+)(?:(?P<nationality>{_NATIONALITY})\s+)?"
    rf"(?P<word>(?i:{_alternation(_CURRENCY_WORDS)}))\b"
    rf"|\s?(?P<code>{'|'.join(_CURRENCY_CODES)})\b"
)
# "km/h" is also written "km / h" (tokenised text).
_SYMBOL_ALTERNATION = _alternation(_UNIT_SYMBOLS).replace("/", r"\s*/\s*")
_UNIT_NAME_PATTERN = "|".join(_spaced(s) for s in sorted(_UNIT_NAME_TO_CANONICAL, key=len, reverse=True))
_UNIT_AFTER = re.compile(
    rf"[\s-]+(?P<name>(?i:{_UNIT_NAME_PATTERN}))"
    r"(?![A-Za-z0-9])"
    rf"|[\s-]?(?P<symbol>{_SYMBOL_ALTERNATION})(?![A-Za-z0-9²³])"
    rf"|(?P<attached>{_alternation(_ATTACHED_UNIT_SYMBOLS)})(?![A-Za-z0-9])"
)
_SCALE_NAME_BEFORE = re.compile(r"(?i:\bmagnitude[\s-]+)\Z")
_COUNTED_NOUN = re.compile(r"-(?P<noun>[a-z]{2,})\b")
_FRACTION_AFTER = re.compile(rf"[\s-]+(?i:{_FRACTION_WORDS})\b")
# "a third of", "two-thirds of", "half of": a share of what follows "of". "A quarter of an
# hour" and "half of a mile" are measures, not shares.
_FRACTION_SHARE = re.compile(
    r"(?<![\w'’-])(?i:(?:(?P<numerator>an?|one|two|three|four|five|six|seven|eight|nine)[\s-]+)?"
    rf"(?P<denominator>{_FRACTION_WORDS}))(?=\s+of\s)(?!\s+of\s+(?i:an?|one)\b)"
)
# "cut by nearly a quarter", "fell by a third", "shrink by as much as half": the size of a
# change, a share of what changed.
_FRACTION_BY = re.compile(
    r"(?<=\bby\s)(?:(?i:nearly|almost|about|around|roughly|some|more\s+than|less\s+than|over|under|"
    r"just\s+over|just\s+under|as\s+much\s+as|up\s+to)\s+)?"
    r"(?i:(?:(?P<numerator>an?|one|two|three|four|five|six|seven|eight|nine)[\s-]+)?"
    rf"(?P<denominator>{_FRACTION_WORDS}))\b(?!\s+of\b|[\s-]+(?:point|percentage|hour|year|month|century|mile|kilo))"
)
# "Half" after these is a period or a side ("the second half of 2024") or the end of a number
# ("a decade and a half of"), not a share.
_HALF_NOT_A_SHARE = re.compile(
    r"(?i:\b(?:the|first|second|third|fourth|final|last|latter|former|other|opening|closing|back|front|"
    r"top|bottom|upper|lower|better|bigger|larger|greater|northern|southern|eastern|western|and)[\s-]+"
    r"(?:an?\s+)?)\Z"
)
_RATIO_TERM = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|a\s+hundred|a\s+thousand"
    r"|\d{1,3}(?:,\d{3})+|\d{1,7})"
)
# "one in five adults", "3 out of 4", "one in every 100": a share of what is counted after it.
_RATIO_SHARE = re.compile(
    rf"(?<![\w'’.,$€£#/-])(?i:(?P<part>{_RATIO_TERM})\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<whole>{_RATIO_TERM}))"
    r"(?![\w'’%-]|[.,/:]\d)"
)
_VAGUE_COUNT = re.compile(
    r"(?<![\w'’-])(?i:"
    r"(?P<multiple>tens|hundreds)\s+of\s+(?P<of_scale>thousands|millions|billions)"
    r"|(?P<few_of>a\s+few|several)\s+(?P<scale>dozen|hundred|thousand|million|billion)"
    r"(?:\s+(?P<then>thousand|million|billion))?"
    r"|(?P<plural>dozens|hundreds|thousands|millions|billions)"
    r"|(?P<few>a\s+(?:few|handful)))\b"
)
_QUITE_BEFORE = re.compile(r"(?i:\b(?:quite|not)\s+)\Z")  # "quite a few" is many
_COMPARATIVE_AFTER = re.compile(r"(?i:\s+(?:more|fewer|less|other|extra)\b)")
_OF = re.compile(r"\s+of\b")
_POST_MODIFIERS = re.compile(
    r"(?i:\s+or\s+(?P<at_least>more|above|over|higher|greater)\b"
    r"|\s+(?:and|or)\s+(?:up|upwards)\b(?P<at_least2>)"
    r"|\s+or\s+(?P<at_most>fewer|less|below|under|lower)\b"
    r"|(?P<approximate>\s+or\s+so\b|[\s-]odd\b|-ish\b|-something\b)"
    r"|(?P<plus>\+|-plus\b))"
)
_RANGE_CONNECTOR = re.compile(r"\s*[-–—]\s*(?P<dash>)|\s+to\s+|\s+and\s+(?P<and>)")
_LIST_CONNECTOR = re.compile(r"\s*(?:,|and|or|&)\s*")
_SUPERLATIVE_AFTER = re.compile(
    r"[\s-]+(?:most\s+[a-z]+|least\s+[a-z]+|worst|(?!(?:test|interest|contest|protest|request|harvest|"
    r"forest|arrest|west|rest|nest|guest|quest|chest|crest|digest|honest|modest|invest|manifest|priest|"
    r"suggest)\b)[a-z]+est)\b"
)
_ONE_BEFORE = re.compile(r"(?i:\b(?:no|the|this|that|any|every|each|which|another|such)\s+)\Z")
_ONE_AFTER = re.compile(r"(?i:\s+(?:of|another|by\s+one|after\s+another|on\s+one)\b|['’]s\b)")
_WEIGHING = re.compile(r"(?i:weigh|heav)")
_CAPITALISED_WORD_BEFORE = re.compile(
    r"(?<![\w'’.-])(?P<word>[A-Z][A-Za-z]*|[a-z]+[A-Z][A-Za-z]*)[ \u00a0]\Z"
)
_SENTENCE_OPENERS = frozenset(".!?:;\n\r*#•|>–—-")
_DIGIT = re.compile(r"\d")
_PHONE_SEPARATOR = re.compile(r"\d[\s.-]+(?=\d)")
_FIRST_NUMERAL = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
_SCALE_WORD_IN = re.compile(r"(?i:\b(thousand|million|billion|trillion|lakh|crore)\b)")

# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Reading:
    """One numeric expression while its neighbours may still lend it a unit or scale."""

    start: int
    end: int
    core_end: int  # end of the number itself, before any scale, unit or modifier
    number: Decimal  # as written ("1.1" of "1.1 billion"), sign included
    scale: Decimal = Decimal(1)
    factor: Decimal = Decimal(1)  # basis points are stored as percentage points
    unit: str | None = None
    kind: str = "count"
    approximate: bool = False
    bound: Bound = Bound.EXACT
    scaled: bool = False  # a scale word or abbreviation is written on this number
    unit_written: bool = False  # a unit, percent sign or currency is written on this number
    currency_before: bool = False
    modified: bool = False  # an approximation or bound word precedes it
    range_word: str | None = None  # "between" or "from" before it
    year_like: bool = False
    model_like: bool = False

    @property
    def value(self) -> float:
        return float(self.number * self.scale * self.factor)


def find_quantities(text: str, skip: tuple[tuple[int, int], ...] = ()) -> tuple[Quantity, ...]:
    """Every numeric expression in ``text``, sorted and non-overlapping.

    Expressions overlapping a ``skip`` span (time expressions another stage found) are left out;
    their text is also never read as a modifier of a neighbouring number.
    """
    blocked = _blocked_spans(text, skip)
    worded = _worded_readings(text, blocked)
    blocked = _merged([*blocked, *((r.start, r.end) for r in worded)])
    block_starts = [s for s, _ in blocked]
    readings: list[_Reading] = []
    floor = 0  # nothing before this offset belongs to the next expression
    for match in _CORE.finditer(text):
        start, end = match.span()
        if match.start() < floor:
            continue
        index = bisect_right(block_starts, start) - 1
        if index >= 0 and blocked[index][1] > start:
            continue
        if index + 1 < len(blocked) and blocked[index + 1][0] < end:
            continue
        limit = max(floor, blocked[index][1] if index >= 0 else 0)
        reading = _read(text, match, limit)
        if reading is not None:
            readings.append(reading)
            floor = reading.end
    readings = sorted([*readings, *worded], key=lambda r: r.start)
    readings = _join_ranges(text, readings)
    readings = _mark_model_lists(text, readings)
    quantities = []
    last_end = -1
    for r in readings:
        if r.year_like and not r.unit_written and not r.scaled:
            continue
        if r.model_like or r.start < last_end or _overlaps(r.start, r.end, skip):
            continue
        if not math.isfinite(r.value):
            continue  # '9' x 320 overflows a float: no figure can be compared with it
        quantities.append(
            Quantity(
                start=r.start,
                end=r.end,
                text=text[r.start : r.end],
                value=r.value,
                unit=r.unit,
                approximate=r.approximate,
                bound=r.bound,
                kind=r.kind,
            )
        )
        last_end = r.end
    return tuple(quantities)


def _blocked_spans(text: str, skip: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    spans = list(skip)
    if _DIGIT.search(text):
        spans.extend(m.span() for m in _NOT_QUANTITIES.finditer(text))
        for m in _PHONE.finditer(text):
            digits = sum(c.isdigit() for c in m.group())
            separators = len(_PHONE_SEPARATOR.findall(m.group()))
            if digits >= 7 and (m.group("lead") or separators >= 2):
                spans.append(m.span())
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with the overlapping and touching ones joined."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _overlaps(start: int, end: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _read(text: str, match: re.Match[str], limit: int) -> _Reading | None:
    start, core_end = match.span()
    if match.group("ordinal_word"):
        return _read_ordinal_word(text, match)
    if match.group("digits"):
        if start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha():
            return None  # "COVID-19", "F-35", "mid-2025", "top-10"
        if re.match(r"[.:]\d", text[core_end : core_end + 2]):
            return None  # "2.0.1", "3:42"
        if _NUMBER_LABEL.search(text, max(limit, start - 5), start):
            return None  # "No. 10", "#1"
        written = match.group("digits")
        number = Decimal(written.replace(",", ""))
        if _ORDINAL_SUFFIX.match(text, core_end) and "." not in written and "," not in written:
            suffix_end = _ORDINAL_SUFFIX.match(text, core_end).end()
            return _Reading(start, suffix_end, core_end, number, kind="ordinal", unit_written=True)
        year_like = len(written) == 4 and 1800 <= number <= 2100 and "." not in written
        if year_like and re.match(r"['’]?s\b", text[core_end : core_end + 2]):
            return None  # "the 1990s"
    else:
        written = match.group("words")
        number = _number_words_value(written)
        year_like = False
        if written.lower() == "one" and (
            _ONE_BEFORE.search(text, max(limit, start - 12), start)
            or _ONE_AFTER.match(text, core_end)
            or (text[core_end : core_end + 1] == "-" and not _UNIT_AFTER.match(text, core_end))
        ):
            return None  # "no one", "one of", "one-off"
        if written[0].isupper() and not _starts_sentence(text, start):
            return None  # "Formula One", "the Big Four"
    if _FRACTION_AFTER.match(text, core_end):
        return None  # "two-thirds", "one quarter": fractions are not read

    # Sign and currency before the number.
    number_start = start
    sign = _NUMBER_SIGN.search(text, max(limit, start - 6), start)
    if sign and match.group("digits"):
        number = -number
        number_start = sign.start()
    currency = None
    currency_match = _CURRENCY_BEFORE.search(text, max(limit, number_start - 6), number_start)
    if currency_match:
        currency = _CURRENCY_SYMBOLS.get(currency_match.group("currency"), currency_match.group("currency"))
        if currency == "RMB":
            currency = "CNY"
        number_start = currency_match.start()

    # Scale: "600 million", "€600m", "$1.1bn", "2k".
    pos = core_end
    scale = Decimal(1)
    scaled = False
    kind = "count"
    unit: str | None = None
    factor = Decimal(1)
    unit_written = False
    if match.group("digits"):
        scale_match = _SCALE_AFTER.match(text, pos)
        if scale_match:
            attached = scale_match.group("attached")
            if attached is None:
                key = (scale_match.group("word") or scale_match.group("abbreviation")).lower()
                scale = _SCALE_WORDS.get(key) or _SCALE_ABBREVIATIONS[key]
                scaled = True
                pos = scale_match.end()
            elif attached in "kKM" or (attached in "bBm" and _is_money_context(text, scale_match, currency)):
                scale = _SCALE_ABBREVIATIONS[attached]
                scaled = True
                pos = scale_match.end()
            elif attached == "m":
                if _reads_as_million(text, scale_match.end()):
                    scale = _SCALE_ABBREVIATIONS["m"]
                    scaled = True
                else:
                    kind, unit, unit_written = "measure", "m", True
                pos = scale_match.end()
    else:
        scaled = bool(_SCALE_WORD_IN.search(written))

    # What is counted: percent, currency, measure, or a hyphenated noun.
    if not unit_written:
        percent = _PERCENT_AFTER.match(text, pos)
        currency_after = _CURRENCY_AFTER.match(text, pos)
        measure = _UNIT_AFTER.match(text, pos)
        if percent and currency is None:
            kind, unit_written, pos = "percent", True, percent.end()
            if percent.group("percent"):
                unit = "%"
            else:
                unit = "pp"
                if percent.group("basis") is not None:
                    factor = Decimal("0.01")
        elif currency is None and currency_after and not _is_pound_weight(text, currency_after, limit):
            currency = _currency_after(currency_after)
            unit_written, pos = True, currency_after.end()
        elif currency_after and currency is None:
            kind, unit, unit_written, pos = "measure", "lb", True, currency_after.end()
        elif measure and currency is None:
            name = measure.group("name")
            if name is not None:
                unit = _UNIT_NAME_TO_CANONICAL[re.sub(r"[\s-]+", " ", name.lower())]
            elif measure.group("symbol") is not None:
                unit = _UNIT_SYMBOLS[re.sub(r"\s*/\s*", "/", measure.group("symbol"))]  # "km / h"
            else:
                unit = _ATTACHED_UNIT_SYMBOLS[measure.group("attached")]
            kind, unit_written, pos = "measure", True, measure.end()
        elif currency is None:
            noun = _COUNTED_NOUN.match(text, pos)
            if noun and noun.group("noun") not in _NOT_COUNTED_NOUNS and not _POST_MODIFIERS.match(text, pos):
                unit, pos = noun.group("noun"), noun.end()
    if currency is not None:
        kind, unit, unit_written = "money", currency, True
    elif not unit_written and _SCALE_NAME_BEFORE.search(text, max(limit, number_start - 12), number_start):
        kind, unit, unit_written = "measure", "magnitude", True  # "a magnitude 6.2 earthquake"

    # Modifiers after: "or more", "30-odd", "30+".
    approximate = False
    bound = Bound.EXACT
    post = _POST_MODIFIERS.match(text, pos)
    if post:
        pos = post.end()
        if post.group("at_least") or post.group("at_least2") is not None or post.group("plus"):
            bound = Bound.AT_LEAST
        elif post.group("at_most"):
            bound = Bound.AT_MOST
        else:
            approximate = True
    if pos < len(text) and (text[pos].isalnum() or text[pos] in "²³"):
        return None  # "5G", "3D", "4x4": a code, not a number

    # Modifiers before: "around", "at least", "between".
    before = _modifiers_before(text, limit, number_start)
    quantity_start = before.start
    range_word = before.range_word
    modified = before.modified
    approximate = approximate or before.approximate
    bound = before.bound or bound

    model_like = (
        match.group("digits") is not None
        and not modified
        and not unit_written
        and not scaled
        and re.fullmatch(r"\d+", match.group("digits")) is not None
        and _after_capitalised_word(text, quantity_start, limit)
    )
    return _Reading(
        start=quantity_start,
        end=pos,
        core_end=core_end,
        number=number,
        scale=scale,
        factor=factor,
        unit=unit,
        kind=kind,
        approximate=approximate,
        bound=bound,
        scaled=scaled,
        unit_written=unit_written,
        currency_before=currency_match is not None,
        modified=modified,
        range_word=range_word,
        year_like=year_like and bound is Bound.EXACT,
        model_like=model_like,
    )


@dataclass(frozen=True, slots=True)
class _Modifiers:
    """The approximation and bound words written before a number: "around", "more than", "between"."""

    start: int  # where the quantity starts: the first modifier word, else the number
    approximate: bool = False
    bound: Bound | None = None
    range_word: str | None = None  # "between" or "from"

    @property
    def modified(self) -> bool:
        return self.approximate or self.bound is not None


_PRE_BOUNDS = (
    ("at_least", Bound.AT_LEAST),
    ("at_most", Bound.AT_MOST),
    ("more_than", Bound.MORE_THAN),
    ("less_than", Bound.LESS_THAN),
)


def _modifiers_before(text: str, limit: int, number_start: int) -> _Modifiers:
    """The modifiers ending right before ``number_start``, never reaching back before ``limit``."""
    pre = _PRE_MODIFIERS.search(text, max(limit, number_start - 48), number_start)
    if not pre or pre.start() >= number_start:
        return _Modifiers(number_start)
    range_word = (pre.group("range") or "").lower() or None
    # "between" makes the bounds of a range and belongs to it; "from" starts a change.
    modifier_starts = [pre.start(g) for g in _MODIFIER_GROUPS if pre.group(g)]
    if range_word == "between":
        modifier_starts.append(pre.start())
    return _Modifiers(
        start=min(modifier_starts, default=number_start),
        approximate=bool(pre.group("approximate") or pre.group("approximate2")),
        bound=next((bound for name, bound in _PRE_BOUNDS if pre.group(name)), None),
        range_word=range_word,
    )


def _worded_readings(text: str, blocked: list[tuple[int, int]]) -> list[_Reading]:
    """Shares and vague counts written in words, sorted and non-overlapping.

    They are read before the numbers, whose pass then skips their spans: "one" of "one in five"
    and "hundred" of "a few hundred" are never read again as counts of their own.
    """
    block_ends = [e for _, e in blocked]
    found = [
        read(text, match, _limit(block_ends, match.start()))
        for pattern, read in _WORDED_READERS
        for match in pattern.finditer(text)
    ]
    readings: list[_Reading] = []
    for reading in sorted((r for r in found if r is not None), key=lambda r: (r.start, -r.end)):
        if readings and reading.start < readings[-1].end:
            continue
        if _overlaps(reading.start, reading.end, tuple(blocked)):
            continue
        readings.append(reading)
    return readings


def _limit(block_ends: list[int], start: int) -> int:
    """The end of the last blocked span before ``start``: modifiers are never read from inside it."""
    return max((e for e in block_ends if e <= start), default=0)


_DETERMINER_AFTER_OF = re.compile(
    r"(?i)\s+of\s+(?:the|its|their|his|her|our|your|this|that|these|those|all)\b"
)


def _read_fraction_share(text: str, match: re.Match[str], limit: int) -> _Reading | None:
    """ "a third of", "nearly two-thirds of", "half of": a share, as a percentage."""
    numerator_word = (match.group("numerator") or "").lower()
    denominator = _DENOMINATORS[match.group("denominator").lower()]
    if not numerator_word and denominator != 2:
        return None  # a bare "third" is a rank
    half = match.start("denominator")
    if denominator == 2 and _HALF_NOT_A_SHARE.search(text, max(0, half - 20), half):
        return None  # "the second half of", "a year and a half of"
    if _capitalised_inside_sentence(text, match.start()):
        return None
    numerator = SMALL_NUMBERS.get(numerator_word, 1)  # "a", "an" or none: one part
    if numerator >= denominator:
        return None  # "two halves of" names parts, not a share
    if (
        match.group("denominator").lower() == "quarters"
        and text[match.start("denominator") - 1] != "-"
        and not _DETERMINER_AFTER_OF.match(text, match.end())
    ):
        return None  # "two quarters of decline" is half a year; "three-quarters of seats",
        # "three quarters of the staff" are shares
    return _share_reading(text, match.start(), match.end(), Decimal(numerator) / denominator, limit)


def _read_ratio_share(text: str, match: re.Match[str], limit: int) -> _Reading | None:
    """ "one in five adults", "3 out of 4": a share, as a percentage."""
    part, whole = _ratio_term(match.group("part")), _ratio_term(match.group("whole"))
    if part is None or whole is None or not 0 < part < whole:
        return None  # "2 in 2019" is a count and a year
    if _capitalised_inside_sentence(text, match.start()) or _measured_after(text, match.end()):
        return None  # "one in 10 days" is a frequency; "3 in 5 km" a distance
    return _share_reading(text, match.start(), match.end(), part / whole, limit)


def _ratio_term(written: str) -> Decimal | None:
    """The value of one term of a ratio; None for a year ("64 in 1987")."""
    if not written[0].isdigit():
        return _number_words_value(written)
    number = Decimal(written.replace(",", ""))
    if len(written) == 4 and 1800 <= number <= 2100:
        return None
    return number


def _share_reading(text: str, start: int, end: int, share: Decimal, limit: int) -> _Reading:
    """A share written as a fraction or ratio, as the percentage it stands for (three figures).

    A fraction in prose is a rounded share ("a third" for 31% or 35%), so it is approximate.
    """
    percent = Decimal(f"{float(share * 100):.3g}")
    before = _modifiers_before(text, limit, start)
    return _Reading(
        start=before.start,
        end=end,
        core_end=end,
        number=percent,
        unit="%",
        kind="percent",
        approximate=True,
        bound=before.bound or Bound.EXACT,
        scaled=True,
        unit_written=True,
        modified=before.modified,
        range_word=before.range_word,
    )


def _read_vague_count(text: str, match: re.Match[str], limit: int) -> _Reading | None:
    """ "a few", "dozens of", "tens of thousands of": a count known to its order of magnitude.

    The value is the low end of the range (``vague_count_range``) the words admit.
    """
    start, end = match.span()
    if _capitalised_inside_sentence(text, start):
        return None  # "the Hundreds" as a name
    if match.group("few") and _QUITE_BEFORE.search(text, max(0, start - 8), start):
        return None  # "quite a few" is many, "not a few" some
    if _COMPARATIVE_AFTER.match(text, end) or _measured_after(text, end):
        return None  # "thousands more", "a few days", "millions of dollars": not a plain count
    low, _ = _vague_range(match)
    before = _modifiers_before(text, limit, start)
    return _Reading(
        start=before.start,
        end=end,
        core_end=end,
        number=Decimal(low),
        approximate=before.approximate,
        bound=before.bound or Bound.EXACT,
        scaled=True,
        unit_written=True,
        modified=before.modified,
        range_word=before.range_word,
    )


def _vague_range(match: re.Match[str]) -> tuple[int, int]:
    """The lowest and highest counts a ``_VAGUE_COUNT`` match admits."""
    if match.group("multiple"):
        low, high = _MULTIPLES[match.group("multiple").lower()]
        scale = _PLURAL_SCALES[match.group("of_scale").lower()][0]
        return low * scale, high * scale
    if match.group("few_of"):
        scale = _VAGUE_SCALES[match.group("scale").lower()]
        if match.group("then"):
            scale *= _VAGUE_SCALES[match.group("then").lower()]
        return _FEW_OF_SCALE[0] * scale, _FEW_OF_SCALE[1] * scale
    if match.group("plural"):
        return _PLURAL_SCALES[match.group("plural").lower()]
    return _FEW


def _measured_after(text: str, pos: int) -> bool:
    """A unit, currency or percent follows, directly or after "of": "a few days", "millions of
    dollars". Those are measures or money, left unread rather than read as counts."""
    of = _OF.match(text, pos)
    positions = (pos, of.end()) if of else (pos,)
    return any(
        pattern.match(text, at)
        for at in positions
        for pattern in (_UNIT_AFTER, _CURRENCY_AFTER, _PERCENT_AFTER)
    )


def _capitalised_inside_sentence(text: str, start: int) -> bool:
    """ "Half of" opens a sentence; "the Big Four in Five" mid-sentence is a name."""
    return text[start].isupper() and not _starts_sentence(text, start)


# "a quarter point", "half a percentage point", "three-quarters of a point": a move in rates
# or prices in words, as percentage points (as basis points are).
_POINT_FRACTION = re.compile(
    r"(?i)\b(?:(?P<article>a|one)[\s-]+)?(?P<fraction>quarter|half|three[\s-]quarters?)"
    r"(?:[\s-]+of)?(?:[\s-]+an?)?[\s-]+(?:percentage[\s-]+)?point\b"
)
_POINT_VALUES = {"quarter": Decimal("0.25"), "half": Decimal("0.5")}


def _read_point_fraction(text: str, match: re.Match[str], limit: int) -> _Reading | None:
    fraction = match.group("fraction").lower()
    value = _POINT_VALUES.get(fraction, Decimal("0.75"))
    return _Reading(
        start=match.start(),
        end=match.end(),
        core_end=match.end(),
        number=value,
        unit="pp",
        kind="percent",
        unit_written=True,
    )


_WORDED_READERS = (
    (_FRACTION_SHARE, _read_fraction_share),
    (_FRACTION_BY, _read_fraction_share),
    (_RATIO_SHARE, _read_ratio_share),
    (_VAGUE_COUNT, _read_vague_count),
    (_POINT_FRACTION, _read_point_fraction),
)


def ordinal_value(word: str) -> int | None:
    """The number an ordinal gives ("third": 3, "21st": 21), or None."""
    word = word.casefold()
    if word in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[word]
    found = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", word)
    return int(found.group(1)) if found else None


def _read_ordinal_word(text: str, match: re.Match[str]) -> _Reading | None:
    """Word ordinals count only as ranks ("third-largest"); alone they are too often not numbers."""
    if not _SUPERLATIVE_AFTER.match(text, match.end()):
        return None
    number = Decimal(_ORDINAL_WORDS[match.group("ordinal_word").lower()])
    return _Reading(match.start(), match.end(), match.end(), number, kind="ordinal", unit_written=True)


def _number_words_value(words: str) -> Decimal:
    tokens = re.findall(r"[a-z]+", words.lower())
    if tokens[0] == "half":
        return _sum_number_words(tokens[1:]) / 2
    if "half" in tokens:  # "one and a half million"
        at = tokens.index("and")
        head = _sum_number_words(tokens[:at]) + Decimal("0.5")
        for token in tokens[at + 3 :]:
            head *= _SCALE_WORDS[token]
        return head
    return _sum_number_words(tokens)


def _sum_number_words(tokens: list[str]) -> Decimal:
    total = current = Decimal(0)
    for token in tokens:
        if token in ("a", "an"):
            current += 1
        elif token in SMALL_NUMBERS:
            current += SMALL_NUMBERS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token == "dozen":
            current = (current or 1) * 12
        elif token in _SCALE_WORDS:
            total += (current or 1) * _SCALE_WORDS[token]
            current = Decimal(0)
    return total + current


def _is_money_context(text: str, scale_match: re.Match[str], currency: str | None) -> bool:
    return currency is not None or _CURRENCY_AFTER.match(text, scale_match.end()) is not None


def _reads_as_million(text: str, pos: int) -> bool:
    """After "5m": five million before "people", metres before "sprint" or in "a 30m-high wall"."""
    if _CURRENCY_AFTER.match(text, pos):
        return True
    following = re.match(r"\s+([a-z]+)\b", text[pos : pos + 40])
    return following is not None and following.group(1) not in _METRE_CONTEXT


def _currency_after(match: re.Match[str]) -> str:
    if match.group("code"):
        return "CNY" if match.group("code") == "RMB" else match.group("code")
    word = re.sub(r"\s+", " ", match.group("word").lower())
    nationality = match.group("nationality")
    if nationality:
        singular = word.rstrip("s") if word.endswith(("dollars", "francs")) else word
        singular = {"kroner": "krone", "kronor": "krona"}.get(singular, singular)
        key = (re.sub(r"\s+", " ", nationality.lower()), singular)
        if key in _CURRENCY_NATIONALITIES:
            return _CURRENCY_NATIONALITIES[key]
    return _CURRENCY_WORDS[word]


def _is_pound_weight(text: str, match: re.Match[str], limit: int) -> bool:
    """Pounds of weight, not sterling: "a 200-pound man", "5 pounds of sugar", "weighing 20 pounds"."""
    word = (match.group("word") or "").lower()
    if not word.startswith("pound") or word == "pounds sterling":
        return False
    if match.group("space") == "-" or re.match(r"\s+of\b", text[match.end() : match.end() + 4]):
        return True
    return _WEIGHING.search(text, max(limit, match.start() - 40), match.start()) is not None


def _starts_sentence(text: str, index: int) -> bool:
    j = index - 1
    while j >= 0 and text[j] in " \t\u00a0\"'“‘([":
        j -= 1
    return j < 0 or text[j] in _SENTENCE_OPENERS


def _after_capitalised_word(text: str, start: int, limit: int) -> bool:
    """A number naming a thing, not counting: "the Model 3", "Article 50", "Boeing 737"."""
    before = _CAPITALISED_WORD_BEFORE.search(text, max(limit, start - 40), start)
    return before is not None and not _starts_sentence(text, before.start())


def _join_ranges(text: str, readings: list[_Reading]) -> list[_Reading]:
    """Both ends of a range share scale and unit: "€5-10 million", "between 10 and 15%", "3 to 5 miles"."""
    joined = list(readings)
    for i in range(len(joined) - 1):
        first, second = joined[i], joined[i + 1]
        connector = _RANGE_CONNECTOR.fullmatch(text, first.end, second.start)
        if connector is None or second.modified or second.range_word or first.kind == "ordinal":
            continue
        if connector.group("and") is not None and first.range_word != "between":
            continue
        elided = not first.unit_written
        if elided and second.unit_written:
            first = replace(
                first, kind=second.kind, unit=second.unit, factor=second.factor, unit_written=True
            )
        if first.currency_before and not second.unit_written:
            second = replace(second, kind=first.kind, unit=first.unit, unit_written=True)
        if not first.scaled and second.scaled and first.number <= second.number:
            first = replace(first, scale=second.scale, scaled=True)
        is_range = first.range_word == "between" or (
            first.range_word != "from" and (connector.group("dash") is not None or elided)
        )
        if (
            is_range
            and first.value < second.value
            and first.kind == second.kind
            and first.unit == second.unit
        ):
            if first.bound is Bound.EXACT:
                first = replace(first, bound=Bound.AT_LEAST)
            if second.bound is Bound.EXACT:
                second = replace(second, bound=Bound.AT_MOST)
            if first.approximate:
                second = replace(second, approximate=True)
        joined[i], joined[i + 1] = first, second
    return joined


def _mark_model_lists(text: str, readings: list[_Reading]) -> list[_Reading]:
    """A bare number listed right after a model number is one too: "the Model 3, 5 and Zest"."""
    marked = list(readings)
    for i in range(1, len(marked)):
        previous, current = marked[i - 1], marked[i]
        if (
            previous.model_like
            and not current.modified
            and not current.unit_written
            and not current.scaled
            and current.number == current.number.to_integral_value()
            and _LIST_CONNECTOR.fullmatch(text, previous.end, current.start)
        ):
            marked[i] = replace(current, model_like=True)
    return marked


# ---------------------------------------------------------------------------------------------
# Comparing
# ---------------------------------------------------------------------------------------------


def unit_word(word: str) -> bool:
    """The name of a unit, currency or share ("metre", "kilogram", "basis point", "percent"):
    no attribute, only how a figure is written."""
    return word in _UNIT_WORD_SET


_UNIT_WORD_SET = frozenset(
    {name for names in _UNIT_NAMES.values() for name in names}
    | {"percent", "per cent", "cent", "percentage", "percentage point", "basis point", "point", "pc", "pct"}
    | {"metre", "meter", "foot", "feet", "mile", "kilometre", "kilometer", "euro", "dollar", "pound"}
)


def can_both_hold(a: Quantity, b: Quantity, tolerance: float = 0.0) -> bool:
    """Whether two quantities of the same measured attribute can both be true.

    Quantities that cannot be compared (other kinds, other currencies, unconvertible units) can
    both hold: nothing contradicts. Otherwise each becomes the interval of values it admits and
    the two can both hold when the intervals meet, or come within ``tolerance`` (relative to the
    larger magnitude) of meeting.
    """
    if not _comparable(a, b):
        return True
    lo_a, lo_a_closed, hi_a, hi_a_closed, value_a = _interval(a)
    lo_b, lo_b_closed, hi_b, hi_b_closed, value_b = _interval(b)
    if lo_a > lo_b:
        lo, lo_closed = lo_a, lo_a_closed
    elif lo_b > lo_a:
        lo, lo_closed = lo_b, lo_b_closed
    else:
        lo, lo_closed = lo_a, lo_a_closed and lo_b_closed
    if hi_a < hi_b:
        hi, hi_closed = hi_a, hi_a_closed
    elif hi_b < hi_a:
        hi, hi_closed = hi_b, hi_b_closed
    else:
        hi, hi_closed = hi_a, hi_a_closed and hi_b_closed
    if lo < hi:
        return True
    magnitude = max(abs(value_a), abs(value_b))
    if lo_closed and hi_closed and lo - hi <= _FLOAT_SLACK * magnitude:
        return True  # closed ends that meet, up to floating-point error from unit conversion
    return tolerance > 0 and lo - hi <= tolerance * magnitude


_VARYING_DIMENSIONS = frozenset({"speed", "temperature"})


def varies(q: Quantity) -> bool:
    """A measure of something that changes from moment to moment (a speed, a temperature)."""
    return q.kind == "measure" and q.unit in _UNITS and _UNITS[q.unit][0] in _VARYING_DIMENSIONS


def dimension(q: Quantity) -> str:
    """What a measure measures ("length", "mass", "duration"), "" for other figures."""
    return _UNITS[q.unit][0] if q.kind == "measure" and q.unit in _UNITS else ""


def same_dimension(a: Quantity, b: Quantity) -> bool:
    """Two figures of one kind and dimension (two lengths, two sums in one currency)."""
    return _comparable(a, b) and (a.kind != "measure" or a.unit in _UNITS)


def _comparable(a: Quantity, b: Quantity) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == "count":
        return a.unit is None or b.unit is None or a.unit == b.unit
    if a.kind == "measure" and a.unit in _UNITS and b.unit in _UNITS:
        return _UNITS[a.unit][0] == _UNITS[b.unit][0]
    return a.unit == b.unit


def _interval(q: Quantity) -> tuple[float, bool, float, bool, float]:
    """(low, low included, high, high included, value), in the dimension's base unit."""
    vague = vague_count_range(q)
    if vague is not None:
        return _vague_interval(vague, q.approximate, q.bound)
    factor, offset = 1.0, 0.0
    if q.kind == "measure" and q.unit in _UNITS:
        _, factor, offset = _UNITS[q.unit]
    value = q.value * factor + offset
    widen = APPROXIMATE_TOLERANCE * abs(value) if q.approximate else 0.0
    if q.bound is Bound.AT_LEAST:
        return value - widen, True, math.inf, False, value
    if q.bound is Bound.MORE_THAN:
        return value - widen, widen > 0, math.inf, False, value
    if q.bound is Bound.AT_MOST:
        return -math.inf, False, value + widen, True, value
    if q.bound is Bound.LESS_THAN:
        return -math.inf, False, value + widen, widen > 0, value
    # A value written at a coarser precision stands for every value that rounds to it:
    # "1.1 billion" is anything from 1.05 up to (not including) 1.15 billion.
    half_step = _rounding_step(q.text, q.value, q.kind) * factor / 2
    return value - half_step - widen, True, value + half_step + widen, half_step == 0 or widen > 0, value


def vague_count_range(q: Quantity) -> tuple[int, int] | None:
    """The counts "a few", "dozens", "tens of thousands" admit, lowest and highest; None for a
    count written as a number, or any other quantity."""
    if q.kind != "count" or _DIGIT.search(q.text):
        return None
    match = _VAGUE_COUNT.search(q.text)
    return _vague_range(match) if match else None


def _vague_interval(
    span: tuple[int, int], approximate: bool, bound: Bound
) -> tuple[float, bool, float, bool, float]:
    """The interval of a vague count: its whole range, or one end of it under a bound ("more than
    a few" admits anything above two). The low end stands for the value when tolerances are
    measured, so "a few" against "thousands" is not excused by the size of "thousands"."""
    widen = APPROXIMATE_TOLERANCE if approximate else 0.0
    low, high = span[0] * (1 - widen), span[1] * (1 + widen)
    if bound in (Bound.AT_LEAST, Bound.MORE_THAN):
        return low, True, math.inf, False, low
    if bound in (Bound.AT_MOST, Bound.LESS_THAN):
        return -math.inf, False, high, True, high
    return low, True, high, True, low


@lru_cache(maxsize=8192)
def _rounding_step(text: str, value: float, kind: str) -> float:
    """The precision a quantity was written at, from its digits; 0 for exact counts ("42,000")."""
    if kind == "ordinal":
        return 0.0
    numeral = _FIRST_NUMERAL.search(text)
    if numeral is None:
        scale_words = [_SCALE_WORDS[w.lower()] for w in _SCALE_WORD_IN.findall(text)]
        if not scale_words or value == 0:
            return 0.0
        return min(float(max(scale_words)), 10.0 ** math.floor(math.log10(abs(value))))
    try:
        written = Decimal(numeral.group().replace(",", ""))
    except InvalidOperation:
        return 0.0
    exponent = written.as_tuple().exponent
    if not isinstance(exponent, int):
        return 0.0
    scale = abs(value / float(written)) if written else 1.0
    if kind in ("percent", "measure") or exponent < 0 or scale > 1.5:
        return 10.0**exponent * scale
    return 0.0


# ---------------------------------------------------------------------------------------------
# Display
# ---------------------------------------------------------------------------------------------

_BOUND_SIGNS = {
    Bound.EXACT: "",
    Bound.AT_LEAST: ">=",
    Bound.MORE_THAN: ">",
    Bound.AT_MOST: "<=",
    Bound.LESS_THAN: "<",
}


def normalised(q: Quantity) -> str:
    """A short canonical string: "EUR 600000000", "11000", ">=30", "~11000", "5 mi", "35%", "100-1000"."""
    number = _BOUND_SIGNS[q.bound] + ("~" if q.approximate else "") + _format_number(q.value)
    vague = vague_count_range(q)
    if vague is not None and q.bound is Bound.EXACT:
        number = ("~" if q.approximate else "") + "-".join(_format_number(float(v)) for v in vague)
    elif vague is not None and q.bound in (Bound.AT_MOST, Bound.LESS_THAN):
        number = _BOUND_SIGNS[q.bound] + ("~" if q.approximate else "") + _format_number(float(vague[1]))
    if q.kind == "money":
        return f"{q.unit} {number}"
    if q.kind == "ordinal":
        return f"#{number}"
    if q.unit == "%":
        return f"{number}%"
    if q.unit:
        return f"{number} {q.unit}"
    return number


def _format_number(value: float) -> str:
    if value.is_integer() and abs(value) < 1e18:
        return str(int(value))
    return f"{value:.12g}"
