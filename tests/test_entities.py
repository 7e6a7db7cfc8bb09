import pytest

from claimcheck.entities import AliasTable, PersonIndex, acronym_definitions, fold

ALIASES = AliasTable.from_pairs([("initial public offering", ["ipo"]), ("chief executive officer", ["ceo"])])


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Renault SA", "renault"),
        ("the Renault Group", "renault"),
        ("Renault", "renault"),
        ("Renault's", "renault"),
        ("Siemens AG", "siemens"),
        ("Acme Holdings Inc.", "acme"),
        ("François Provost", "francois provost"),
        ("Francois Provost", "francois provost"),
        ("the IPO", "initial public offering"),
        ("an initial public offering", "initial public offering"),
        ("CEO", "chief executive officer"),
        ("Group", "group"),
    ],
)
def test_canonical_keys(name, key):
    assert ALIASES.canonical(name) == key


def test_fold_accents_case_and_punctuation():
    assert fold("  Zoë   Ångström–Smith ") == "zoe angstrom-smith"


def test_acronyms_defined_in_the_text():
    pairs = acronym_definitions("An initial public offering (IPO) and the European Central Bank (ECB) met.")
    assert ("initial public offering", "IPO") in pairs
    assert ("European Central Bank", "ECB") in pairs
    table = AliasTable.from_pairs([]).with_pairs(pairs)
    assert table.canonical("ECB") == "european central bank"


def test_surname_mentions_resolve_to_the_full_name_seen_before():
    people = PersonIndex()
    assert people.resolve("luca de meo") == "luca de meo"
    assert people.resolve("de meo") == "luca de meo"
    assert people.resolve("meo") == "luca de meo"
    assert people.resolve("provost") == "provost"
