"""The HTML report in a real browser: Debian's chromium, headless, renders the report of a
cross-source story without console errors (a blocked outside resource would be one), and a
screenshot shows its timeline drawn, with scripts enabled and disabled. Skipped when no
chromium is installed (`.ci/run` installs it)."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from claimcheck.ingest import load_articles
from claimcheck.pipeline import analyse
from claimcheck.reporters import REPORTERS, ReportOptions
from claimcheck.reporters.svg_timeline import CONFLICT, PUBLISHED

STORY = Path(__file__).resolve().parent.parent / "golden" / "cross-source" / "articles"
BROWSER = next((shutil.which(name) for name in ("chromium", "chromium-browser") if shutil.which(name)), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="chromium is not installed")
WIDTH, HEIGHT = 1100, 900


def chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    command = [
        BROWSER,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
        f"--window-size={WIDTH},{HEIGHT}",
        *extra,
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of RGB(A) bytes of a non-interlaced 8-bit PNG (as chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, [], None
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0
    channels = 4 if colour == 6 else 3
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                guess = left + up - corner
                best = min(
                    (abs(guess - left), 0, left), (abs(guess - up), 1, up), (abs(guess - corner), 2, corner)
                )
                line[i] = (line[i] + best[2]) & 255
        rows.append(bytes(line))
        previous = line
    return width, channels, rows


def count_colour(png: Path, hex_colour: str) -> int:
    want = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    width, channels, rows = png_pixels(png.read_bytes())
    return sum(
        1
        for row in rows
        for x in range(width)
        if all(abs(row[x * channels + c] - want[c]) <= 6 for c in range(3))
    )


@pytest.fixture(scope="module")
def page(tmp_path_factory, default_config, extractor) -> Path:
    articles, problems = load_articles(sorted(str(p) for p in STORY.glob("fire-*.md")))
    report = analyse(articles, extractor(articles), default_config, problems)
    assert len({c.doc for f in report.findings for c in f.claims}) == 3, "a cross-source story"
    folder = tmp_path_factory.mktemp("html")
    path = folder / "report.html"
    path.write_text(REPORTERS["html"](report, ReportOptions()), encoding="utf-8")
    return path


@pytest.mark.parametrize("script", ["with its script", "without"])
def test_chromium_renders_the_story_timeline_without_console_errors(page, tmp_path, script):
    if script == "without":
        # Headless chromium takes no screenshot with scripts switched off
        # (--blink-settings=scriptEnabled=false), so the page goes without its script instead.
        text = page.read_text(encoding="utf-8")
        stripped = re.sub(r"<script>.*?</script>", "", text, flags=re.S)
        assert stripped != text
        page = tmp_path / "no-script.html"
        page.write_text(stripped, encoding="utf-8")
    screenshot = tmp_path / "shot.png"
    result = chromium(page, tmp_path / "profile", f"--screenshot={screenshot}")
    assert screenshot.is_file(), result.stderr[-2000:]
    console = [line for line in result.stderr.splitlines() if "CONSOLE" in line]
    assert console == [], console
    # The timeline is the first drawing on the page: its conflict marks and publication dates.
    assert count_colour(screenshot, CONFLICT) > 200
    assert count_colour(screenshot, PUBLISHED) > 50
