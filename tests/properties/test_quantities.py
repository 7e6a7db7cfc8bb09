"""quantities: any text gives finite, in-range figures."""

from __future__ import annotations

import math

from hypothesis import given

from claimcheck.quantities import find_quantities

from .strategies import article_text


@given(article_text())
def test_any_text_gives_finite_quantities_inside_it(text):
    found = find_quantities(text)
    last_end = -1
    for q in found:
        assert 0 <= q.start < q.end <= len(text) and text[q.start : q.end] == q.text
        assert math.isfinite(q.value)
        assert q.start >= last_end
        last_end = q.end
