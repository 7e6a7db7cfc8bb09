"""Property-based tests (hypothesis) over what an article can hold: arbitrary text and front
matter never make ingest, temporal, quantities or extraction raise, and what they produce
stays valid JSON, CSV and XML.

The default run (CI) tries at least 2,000 generated inputs per target with a fixed seed, so
a green run stays green; CLAIMCHECK_FUZZ_EXAMPLES=N tries N per target with fresh random
inputs (``python3 benchmarks/fuzz.py`` runs that longer profile).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("CLAIMCHECK_FUZZ_EXAMPLES", "0") or 0)

# What both profiles share: reproducible, no example database, no deadline on slow parses.
_COMMON = {
    "database": None,
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
    "print_blob": True,
}
settings.register_profile("claimcheck-ci", max_examples=2_000, derandomize=True, **_COMMON)
settings.register_profile("claimcheck-long", max_examples=max(EXAMPLES, 1), derandomize=False, **_COMMON)
settings.load_profile("claimcheck-long" if EXAMPLES else "claimcheck-ci")
