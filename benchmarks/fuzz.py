"""The property-based suite's long profile: N fresh random inputs per target (default 20,000).

    python3 benchmarks/fuzz.py            # 20,000 per target, new random inputs each run
    python3 benchmarks/fuzz.py 100000

CI runs the same tests with 2,000 inputs per target and a fixed seed (tests/properties).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    examples = argv[0] if argv else "20000"
    env = {**os.environ, "CLAIMCHECK_FUZZ_EXAMPLES": examples}
    command = [sys.executable, "-m", "pytest", "-q", "tests/properties", "--hypothesis-show-statistics"]
    return subprocess.run(command, cwd=REPO, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
