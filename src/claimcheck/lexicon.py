"""Closed word lists shared by extraction and the rules (general English news, no names)."""

from __future__ import annotations

# Verbs whose number measures their subject: "the toll rose to 19", "the fleet totals 310".
MEASURE_VERBS = frozenset(
    "be rise fall reach total stand climb increase decrease grow drop hit top number amount jump "
    "surge soar plunge slip decline edge double triple".split()
)
