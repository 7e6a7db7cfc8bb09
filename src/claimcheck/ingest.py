"""Paths -> Articles: front matter, paragraphs, offsets into the decoded file.

A paragraph is a block between blank lines, or a single line where the text puts one
paragraph per line; wrapped lines (a line that does not end a sentence, followed by one
starting in lower case) are joined. Headlines, kickers and section headings are paragraphs of
their own. Fact-box lines ("Capacity: 45,000 seats.") keep their label as context.

An article is untrusted input, so reading it is bounded (:class:`Limits`): its size, its
front matter's size and YAML aliases, and a paragraph's length (a longer one is split at
sentence ends, never dropped). A file that breaks a limit, or cannot be read at all, becomes
a :class:`FileProblem` naming it; the other files are still read.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import yaml

from claimcheck.errors import InputError
from claimcheck.model import Article, FileProblem, Paragraph

SUFFIXES = (".md", ".markdown", ".txt")
STDIN = "-"

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MARKDOWN_PREFIX = re.compile(r"^(?:#{1,6}\s+|>\s?|[-*+]\s+(?!\S*:\s)|\d+[.)]\s+)")
_SENTENCE_END = re.compile(r"[.!?…:;\"'”’)\]]\s*$")
# "Capacity: 45,000 seats." -- a short capitalised label, a colon, then content.
# A wire dateline opening a paragraph: the place in capitals, then a region, a date or the
# agency, then a dash ("BREVIK, July 21 (Meridian Wire) - ", "DUNMORE, Sanreya - ",
# "LONDON (Reuters) - ", "WASHINGTON — ").
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,3})"
    r"(?:(?P<region>,\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2})?"
    r"(?P<date>,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})?"
    r"(?P<agency>\s*\([^()]{2,60}\))?)"
    r"\s*[-–—]{1,2}\s+(?=[A-Z\"“'])"
)
_FACT_LABEL = re.compile(r"^([A-Z][\w'’&/() -]{0,48}?):\s+(?=\S)")
# Where a long paragraph may be split: after a sentence end, else at a line break or a space.
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\S.*")
# A byte-order mark names the encoding; UTF-32's little-endian mark starts with UTF-16's.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Limits:
    """How much of an untrusted article is read; ``[settings]`` in rules.toml can raise them."""

    max_article_mb: int = 64  # a larger file is reported, not read
    max_front_matter_kb: int = 64
    max_front_matter_aliases: int = 16  # YAML aliases (``*name``): each may copy a whole subtree
    max_paragraph_chars: int = 100_000  # a longer paragraph is split; spaCy refuses 1,000,000

    @property
    def max_article_bytes(self) -> int:
        return self.max_article_mb * 1024 * 1024


DEFAULT_LIMITS = Limits()


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader with dates left as text (``published`` is checked by
    :func:`_published`, so ``2025-02-30`` is a clear problem, not a crash) and a bound on
    aliases (nine levels of nine references expand to gigabytes)."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    max_aliases = DEFAULT_LIMITS.max_front_matter_aliases
    aliases_seen = 0

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            self.aliases_seen += 1
            if self.aliases_seen > self.max_aliases:
                raise InputError(
                    f"front matter uses more than {self.max_aliases} YAML aliases; "
                    "write the values out, or raise [settings] max_front_matter_aliases"
                )
        return super().compose_node(parent, index)


def collect_paths(paths: Sequence[str]) -> tuple[tuple[str, ...], tuple[FileProblem, ...]]:
    """Expand folders (recursively) into article files; missing paths become problems."""
    found: list[str] = []
    problems: list[FileProblem] = []
    for given in paths:
        if given == STDIN:
            found.append(STDIN)
            continue
        path = Path(given)
        if path.is_dir():
            inside = _articles_in(str(path))
            if not inside:
                problems.append(
                    FileProblem(
                        given, "folder holds no .md, .markdown or .txt articles; point at article files"
                    )
                )
            found.extend(inside)
        elif path.is_file():
            found.append(given)
        elif path.exists():
            problems.append(FileProblem(given, f"{_file_kind(path)}, not a regular file; pass article files"))
        else:
            problems.append(FileProblem(given, "no such file or folder; check the path"))
    return tuple(dict.fromkeys(found)), tuple(problems)


def _file_kind(path: Path) -> str:
    mode = path.stat().st_mode
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file or folder"


def _articles_in(folder: str) -> list[str]:
    """The article files under ``folder`` (a normalised path, as ``str(Path(...))`` gives),
    in the order ``sorted`` gives their ``Path`` objects, leaving out hidden files and
    folders (a name starting with a dot) and not following links to folders. Paths are as
    ``Path`` would write them ("corpus/a.md"; "a.md" under "."). Strings and ``os.scandir``
    rather than ``Path.rglob``: listing a 10,000-article archive is part of every warm run."""
    found: list[str] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
            elif os.path.splitext(entry.name)[1].lower() in SUFFIXES and entry.is_file():
                found.append(entry.path[2:] if folder == "." else entry.path)
    return sorted(found, key=lambda p: p.split(os.sep))


def load_articles(
    paths: Sequence[str],
    stdin_text: str | bytes | None = None,
    limits: Limits = DEFAULT_LIMITS,
    read: Callable[[str, str | bytes | None, Limits], Article] | None = None,
) -> tuple[tuple[Article, ...], tuple[FileProblem, ...]]:
    """Read every article under ``paths``; unreadable files are returned as problems.

    ``stdin_text`` is what '-' reads: bytes are decoded exactly as a file's are. ``read``
    (default :func:`read_article`) reads one; the pipeline's file index gives one that skips
    unchanged files. Raises InputError when nothing at all could be read, naming the first problem.
    """
    files, problems = collect_paths(paths)
    articles: list[Article] = []
    all_problems = list(problems)
    for doc in files:
        try:
            articles.append((read or read_article)(doc, stdin_text, limits))
        except InputError as err:
            all_problems.append(FileProblem(doc, str(err)))
        except OSError as err:
            all_problems.append(FileProblem(doc, f"cannot read file ({err.strerror}); check its permissions"))
        except Exception as err:  # one article never stops the run
            all_problems.append(
                FileProblem(doc, f"cannot be read: internal error ({type(err).__name__}); please report it")
            )
    if not articles:
        if all_problems:
            first = all_problems[0]
            more = f" (and {len(all_problems) - 1} more)" if len(all_problems) > 1 else ""
            raise InputError(f"{first.doc}: {first.message}{more}")
        raise InputError("no articles given; pass article files or folders")
    return tuple(articles), tuple(all_problems)


def read_article(doc: str, stdin_text: str | bytes | None = None, limits: Limits = DEFAULT_LIMITS) -> Article:
    """One article from a path, or from ``stdin_text`` when ``doc`` is '-'."""
    if doc == STDIN:
        data = stdin_text if stdin_text is not None else b""
    else:
        size = Path(doc).stat().st_size
        if size > limits.max_article_bytes:
            raise _too_large(size, limits)
        with open(doc, "rb") as stream:
            data = stream.read(limits.max_article_bytes + 1)
    if len(data) > limits.max_article_bytes:
        raise _too_large(len(data), limits)
    text = data if isinstance(data, str) else decode(data, doc)
    return parse_article(doc, text, limits)


def _too_large(size: int, limits: Limits) -> InputError:
    return InputError(
        f"{size / 1024 / 1024:.1f} MB, over the {limits.max_article_mb} MB limit for an article; "
        "split it, or raise [settings] max_article_mb"
    )


def decode(data: bytes, doc: str) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as err:
                raise InputError(
                    f"not valid {codec.upper()} (byte {err.start + len(bom)}); re-save the file as UTF-8"
                ) from None
            break
    else:
        if b"\x00" in data:
            raise InputError("binary file, not a text article; pass .md or .txt files")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise InputError(
                f"not UTF-8 (byte {err.start}); re-save the file as UTF-8, e.g. iconv -f latin1 -t utf-8"
            ) from None
    if "\x00" in text:
        raise InputError("holds NUL characters, not a text article; pass .md or .txt files")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_article(doc: str, text: str, limits: Limits = DEFAULT_LIMITS) -> Article:
    if not text.strip():
        raise InputError("empty file; it holds no article text")
    meta: dict[str, object] = {}
    body_start = 0
    match = _front_matter(text, limits)
    if match:
        meta = _load_front_matter(match.group(1), limits)
        body_start = match.end()
    published = _published(meta.get("published", meta.get("date")))
    paragraphs = tuple(split_paragraphs(text, body_start, limits.max_paragraph_chars))
    if not paragraphs:
        raise InputError("no article text after the front matter")
    return Article(
        doc=doc,
        text=text,
        title=_text_or_none(meta.get("title"), "title"),
        source=_text_or_none(meta.get("source"), "source"),
        published=published,
        url=_text_or_none(meta.get("url"), "url"),
        paragraphs=paragraphs,
        content_hash=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
    )


def _front_matter(text: str, limits: Limits) -> re.Match[str] | None:
    if not (text.startswith("---") and text[3:4] in ("\n", " ", "\t", "\r")):
        return None
    # Only the allowed size is searched for the closing line: the regex never scans a whole book.
    allowed = limits.max_front_matter_kb * 1024
    match = _FRONT_MATTER.match(text[: allowed + 8])
    if match is None:
        if len(text) > allowed + 8 and _FRONT_MATTER.match(text) is not None:
            raise InputError(
                f"front matter is over {limits.max_front_matter_kb} KB; shorten it, "
                "or raise [settings] max_front_matter_kb"
            )
        raise InputError("front matter opened with '---' is never closed; add a closing '---' line")
    return match


def _load_front_matter(source: str, limits: Limits) -> dict[str, object]:
    loader = None
    try:
        loader = _FrontMatterLoader(source)  # its reader refuses control characters at once
        loader.max_aliases = limits.max_front_matter_aliases
        loaded = loader.get_single_data() or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise InputError(f"malformed front matter{where}; fix the YAML between the '---' lines") from None
    except RecursionError:
        raise InputError("front matter is nested too deeply; use 'key: value' lines") from None
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(loaded, dict):
        raise InputError("front matter is not a mapping of keys to values; use 'key: value' lines")
    return {str(k).lower(): v for k, v in loaded.items() if isinstance(k, str | int | float | bool)}


def _text_or_none(value: object, key: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | dict):
        raise InputError(f"front matter '{key}' is a {type(value).__name__}, not text; write '{key}: text'")
    return str(value).strip() or None


def _published(value: object) -> date | None:
    if value is None or value == "":
        return None
    shown = " ".join(str(value).split())[:40]
    problem = InputError(f"front matter 'published: {shown}' is not a date; write it as YYYY-MM-DD")
    if not isinstance(value, str | date):
        raise problem
    text = str(value).strip()
    try:
        if _ISO_DAY.fullmatch(text):
            return date.fromisoformat(text)
        if _ISO_DATETIME.fullmatch(text):
            return datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")).date()
    except ValueError:
        raise problem from None
    raise problem


def _lines(text: str, start: int) -> Iterable[tuple[int, int, str]]:
    """(line number, offset, line) for each line from ``start``."""
    line_no = text.count("\n", 0, start) + 1
    offset = start
    for line in text[start:].split("\n"):
        yield line_no, offset, line
        offset += len(line) + 1
        line_no += 1


def split_paragraphs(
    text: str, body_start: int = 0, max_chars: int = DEFAULT_LIMITS.max_paragraph_chars
) -> Iterable[Paragraph]:
    # Comments (suppression directives) are blanked, keeping every offset in place.
    visible = _HTML_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    pending: list[tuple[int, int, str]] = []  # (line, start, content) of the current paragraph
    headings: set[int] = set()  # starts of markdown headings ("# ..."): headlines, whatever their words
    index = 0

    def flush() -> list[Paragraph]:
        nonlocal index
        if not pending:
            return []
        line, start, _ = pending[0]
        _, last_start, last = pending[-1]
        end = last_start + len(last)
        raw = text[start:end]
        pending.clear()
        pieces = []
        at, counted = line, 0  # line numbers counted on as the pieces go, not from the start
        for lo, hi in _pieces(raw, max_chars):
            if lo == 0:
                pieces.append(_make_paragraph(index, start, start + hi, line, raw[:hi], start in headings))
            else:
                # A continuation of a split paragraph: no label, no headline.
                at += raw.count("\n", counted, lo)
                counted = lo
                pieces.append(Paragraph(index, start + lo, start + hi, at, raw[lo:hi]))
            index += 1
        return pieces

    for line_no, offset, line in _lines(visible, body_start):
        stripped = line.strip()
        if not stripped or set(stripped) <= set("-=*_#"):
            yield from flush()
            continue
        lead = len(line) - len(line.lstrip())
        prefix = _MARKDOWN_PREFIX.match(line[lead:])
        lead += prefix.end() if prefix else 0
        content = line[lead:].rstrip()
        heading = bool(prefix) and line.lstrip().startswith("#")
        # a markdown heading is one line: it neither continues a paragraph nor is continued
        if pending and (heading or pending[0][1] in headings or not _continues(pending[-1][2], content)):
            yield from flush()
        if heading:
            headings.add(offset + lead)
        pending.append((line_no, offset + lead, content))
    yield from flush()


def _pieces(raw: str, limit: int) -> Iterator[tuple[int, int]]:
    """``raw`` as (start, end) pieces of at most ``limit`` characters, cut after the last
    sentence end in the second half of each piece, else at whitespace, else anywhere; each
    scan covers at most one piece, so splitting is linear in the paragraph's length."""
    start = 0
    while len(raw) - start > limit:
        hi = start + limit
        lo = start + limit // 2
        cut = 0
        for pattern in (_SENTENCE_BREAK, _SPACE):
            for found in pattern.finditer(raw, lo, hi):
                cut = found.end()
            if cut:
                break
        cut = min(cut, hi) if cut > start else hi
        yield start, _rstrip_at(raw, start, cut)
        start = cut
        while start < len(raw) and raw[start].isspace():
            start += 1
    if start < len(raw):
        yield start, len(raw)


def _rstrip_at(raw: str, start: int, end: int) -> int:
    while end > start + 1 and raw[end - 1].isspace():
        end -= 1
    return end


def _continues(previous: str, current: str) -> bool:
    """A wrapped line: the previous one does not end a sentence and this one starts in lower case."""
    return not _SENTENCE_END.search(previous) and current[:1].islower()


def _dateline(raw: str) -> re.Match[str] | None:
    """The dateline opening ``raw``, if any: a place alone before the dash needs four capitals
    or more ("WASHINGTON - "; not "UK - France talks")."""
    found = _DATELINE.match(raw)
    if found is None or found["region"] or found["date"] or found["agency"] or len(found["place"]) >= 4:
        return found
    return None


def _make_paragraph(index: int, start: int, end: int, line: int, raw: str, heading: bool = False) -> Paragraph:
    label = None
    label_end = 0
    stripped = raw.strip()
    headline = heading or not _SENTENCE_END.search(stripped) or stripped.endswith(":")
    match = _FACT_LABEL.match(raw)
    # ("# Storm Ilka: four dead as ..." is a headline, not a fact-box line)
    if match and len(match.group(1).split()) <= 5 and not stripped.endswith(":") and not heading:
        label = match.group(1).strip()
        label_end = match.end()
        headline = False
    elif (dateline := _dateline(raw)) is not None and not headline:
        # "PORT BELMONTE, Sept 15 (Meridian Wire) - Typhoon Marisol made landfall ...": the
        # dateline says where and when the report was filed; the sentence starts after it
        label_end = dateline.end()
    return Paragraph(
        index=index,
        start=start,
        end=end,
        line=line,
        text=raw,
        label=label,
        label_end=label_end,
        headline=headline,
    )
