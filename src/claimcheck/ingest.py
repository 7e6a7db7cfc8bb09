"""Paths -> Articles: front matter, paragraphs, offsets into the decoded file.

A paragraph is a block between blank lines, or a single line where the text puts one
paragraph per line; wrapped lines (a line that does not end a sentence, followed by one
starting in lower case) are joined. Headlines, kickers and section headings are paragraphs of
their own. Fact-box lines ("Capacity: 45,000 seats.") keep their label as context.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
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
_FACT_LABEL = re.compile(r"^([A-Z][\w'’&/() -]{0,48}?):\s+(?=\S)")


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
            inside = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUFFIXES and not _hidden(p, path)
            )
            if not inside:
                problems.append(
                    FileProblem(
                        given, "folder holds no .md, .markdown or .txt articles; point at article files"
                    )
                )
            found.extend(str(p) if given != "." else str(p.relative_to(".")) for p in inside)
        elif path.is_file():
            found.append(given)
        else:
            problems.append(FileProblem(given, "no such file or folder; check the path"))
    return tuple(dict.fromkeys(found)), tuple(problems)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def load_articles(
    paths: Sequence[str], stdin_text: str | None = None
) -> tuple[tuple[Article, ...], tuple[FileProblem, ...]]:
    """Read every article under ``paths``; unreadable files are returned as problems.

    Raises InputError when nothing at all could be read, naming the first problem.
    """
    files, problems = collect_paths(paths)
    articles: list[Article] = []
    all_problems = list(problems)
    for doc in files:
        try:
            if doc == STDIN:
                text = stdin_text if stdin_text is not None else ""
            else:
                text = decode(Path(doc).read_bytes(), doc)
            articles.append(parse_article(doc, text))
        except InputError as err:
            all_problems.append(FileProblem(doc, str(err)))
        except OSError as err:
            all_problems.append(FileProblem(doc, f"cannot read file ({err.strerror}); check its permissions"))
    if not articles:
        if all_problems:
            first = all_problems[0]
            more = f" (and {len(all_problems) - 1} more)" if len(all_problems) > 1 else ""
            raise InputError(f"{first.doc}: {first.message}{more}")
        raise InputError("no articles given; pass article files or folders")
    return tuple(articles), tuple(all_problems)


def decode(data: bytes, doc: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not a text article; pass .md or .txt files")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            f"not UTF-8 (byte {err.start}); re-save the file as UTF-8, e.g. iconv -f latin1 -t utf-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_article(doc: str, text: str) -> Article:
    if not text.strip():
        raise InputError("empty file; it holds no article text")
    meta: dict[str, object] = {}
    body_start = 0
    match = _FRONT_MATTER.match(text)
    if text.startswith("---") and match is None and text[3:4] in ("\n", " ", "\t", "\r"):
        raise InputError("front matter opened with '---' is never closed; add a closing '---' line")
    if match:
        try:
            loaded = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            where = f" at line {mark.line + 2}" if mark is not None else ""
            raise InputError(f"malformed front matter{where}; fix the YAML between the '---' lines") from None
        if not isinstance(loaded, dict):
            raise InputError("front matter is not a mapping of keys to values; use 'key: value' lines")
        meta = {str(k).lower(): v for k, v in loaded.items()}
        body_start = match.end()
    published = _published(meta.get("published", meta.get("date")))
    paragraphs = tuple(split_paragraphs(text, body_start))
    if not paragraphs:
        raise InputError("no article text after the front matter")
    return Article(
        doc=doc,
        text=text,
        title=_text_or_none(meta.get("title")),
        source=_text_or_none(meta.get("source")),
        published=published,
        url=_text_or_none(meta.get("url")),
        paragraphs=paragraphs,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def _text_or_none(value: object) -> str | None:
    return None if value is None else str(value).strip() or None


def _published(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise InputError(f"front matter 'published: {value}' is not a date; write it as YYYY-MM-DD") from None


def _lines(text: str, start: int) -> Iterable[tuple[int, int, str]]:
    """(line number, offset, line) for each line from ``start``."""
    line_no = text.count("\n", 0, start) + 1
    offset = start
    for line in text[start:].split("\n"):
        yield line_no, offset, line
        offset += len(line) + 1
        line_no += 1


def split_paragraphs(text: str, body_start: int = 0) -> Iterable[Paragraph]:
    # Comments (suppression directives) are blanked, keeping every offset in place.
    visible = _HTML_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    pending: list[tuple[int, int, str]] = []  # (line, start, content) of the current paragraph
    index = 0

    def flush() -> Paragraph | None:
        nonlocal index
        if not pending:
            return None
        line, start, _ = pending[0]
        _, last_start, last = pending[-1]
        end = last_start + len(last)
        raw = text[start:end]
        paragraph = _make_paragraph(index, start, end, line, raw)
        pending.clear()
        index += 1
        return paragraph

    for line_no, offset, line in _lines(visible, body_start):
        stripped = line.strip()
        if not stripped or set(stripped) <= set("-=*_#"):
            if (p := flush()) is not None:
                yield p
            continue
        lead = len(line) - len(line.lstrip())
        prefix = _MARKDOWN_PREFIX.match(line[lead:])
        lead += prefix.end() if prefix else 0
        content = line[lead:].rstrip()
        if pending and not _continues(pending[-1][2], content) and (p := flush()) is not None:
            yield p
        pending.append((line_no, offset + lead, content))
    if (p := flush()) is not None:
        yield p


def _continues(previous: str, current: str) -> bool:
    """A wrapped line: the previous one does not end a sentence and this one starts in lower case."""
    return not _SENTENCE_END.search(previous) and current[:1].islower()


def _make_paragraph(index: int, start: int, end: int, line: int, raw: str) -> Paragraph:
    label = None
    label_end = 0
    stripped = raw.strip()
    headline = not _SENTENCE_END.search(stripped) or stripped.endswith(":")
    match = _FACT_LABEL.match(raw)
    if match and len(match.group(1).split()) <= 5 and not stripped.endswith(":"):
        label = match.group(1).strip()
        label_end = match.end()
        headline = False
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
