"""Closed word lists shared by extraction and the rules (general English news, no names)."""

from __future__ import annotations

# Verbs whose number measures their subject: "the toll rose to 19", "the fleet totals 310".
MEASURE_VERBS = frozenset(
    "be rise fall reach total stand climb increase decrease grow drop hit top number amount jump "
    "surge soar plunge slip decline edge double triple".split()
)

# Nouns a story uses to refer back to an organisation it has named: "the company said".
ORGANISATION_NOUNS = frozenset(
    "company firm group carmaker automaker airline carrier bank lender retailer insurer conglomerate "
    "manufacturer maker operator utility broadcaster publisher studio startup chain brand business "
    "corporation giant".split()
)
