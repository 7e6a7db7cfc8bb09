"""Claims and findings to JSON and back, losslessly: the storage format of the cache.

Encoding walks the model's dataclasses field by field; decoding is driven by the type hints
of those same dataclasses, so a field added to ``model.py`` is carried without code here.
Only the shapes the model uses are understood (dataclasses, ``X | None``, ``tuple[X, ...]``,
``StrEnum``, ``date``, ``str``, ``int``, ``float``, ``bool``); anything else is a
:class:`SerialError` rather than a silent approximation. A decoder is built once per type
(:func:`_decoder`), so a warm run does not read type hints for every value it decodes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from collections.abc import Callable
from datetime import date
from enum import Enum
from functools import cache
from typing import Any

from claimcheck.errors import ClaimcheckError
from claimcheck.model import Article, Claim, Finding, Paragraph

FORMAT = "claimcheck.claims/1"
FINDINGS_FORMAT = "claimcheck.findings/1"
# The fields of Article and Paragraph in order; a field added to either makes another format.
_ARTICLE_FIELDS = tuple(f.name for f in dataclasses.fields(Article))
_PARAGRAPH_FIELDS = tuple(f.name for f in dataclasses.fields(Paragraph))
_PARAGRAPHS = _ARTICLE_FIELDS.index("paragraphs")
ARTICLE_FORMAT = (
    "claimcheck.article/1:"
    + hashlib.sha256(repr((_ARTICLE_FIELDS, _PARAGRAPH_FIELDS)).encode()).hexdigest()[:12]
)


class SerialError(ClaimcheckError):
    """Serialised claims or findings are malformed or of another format version."""


def claims_to_json(claims: tuple[Claim, ...]) -> str:
    """Serialise claims to a compact JSON document (every field, defaults included)."""
    document = {"format": FORMAT, "claims": [_encode(claim) for claim in claims]}
    return json.dumps(document, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def claims_from_json(s: str, doc: str | None = None) -> tuple[Claim, ...]:
    """Rebuild the claims written by :func:`claims_to_json`; raise SerialError when malformed.

    With ``doc``, every claim is attributed to that article path instead of the stored one.
    """
    claims = _payload(s, FORMAT, "claims")
    if doc is not None:
        for item in claims:
            if isinstance(item, dict):
                item["doc"] = doc
    return _decode_items(Claim, claims, "claims")


def findings_to_json(findings: tuple[Finding, ...]) -> str:
    """Serialise findings, their claims included, to a compact JSON document."""
    document = {"format": FINDINGS_FORMAT, "findings": [_encode(finding) for finding in findings]}
    return json.dumps(document, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def findings_from_json(s: str) -> tuple[Finding, ...]:
    """Rebuild the findings written by :func:`findings_to_json`; raise SerialError when malformed."""
    return _decode_items(Finding, _payload(s, FINDINGS_FORMAT, "findings"), "findings")


def article_to_json(article: Article) -> str:
    """Serialise an article as ingest made it, compactly: its fields in order, its paragraphs
    as rows of theirs (the cache's file index stores it without its text, and reads back ten
    thousand of them on every run, so no per-value decoding is done)."""
    fields = [_encode(getattr(article, name)) for name in _ARTICLE_FIELDS]
    fields[_PARAGRAPHS] = [[getattr(p, name) for name in _PARAGRAPH_FIELDS] for p in article.paragraphs]
    return json.dumps([ARTICLE_FORMAT, fields], ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def article_from_json(s: str) -> Article:
    """Rebuild the article written by :func:`article_to_json`; raise SerialError when malformed."""
    try:
        format, fields = json.loads(s)
        values = dict(zip(_ARTICLE_FIELDS, fields, strict=True))
        values["paragraphs"] = tuple(Paragraph(*row) for row in values["paragraphs"])
        if values["published"] is not None:
            values["published"] = date.fromisoformat(values["published"])
        article = Article(**values)
    except (ValueError, TypeError) as exc:
        raise SerialError(f"serialised article is malformed: {exc}") from None
    if format != ARTICLE_FORMAT:
        raise SerialError(f"serialised article is not in the {ARTICLE_FORMAT} format")
    return article


def _payload(s: str, format: str, name: str) -> list[Any]:
    try:
        document = json.loads(s)
    except json.JSONDecodeError as exc:
        raise SerialError(f"serialised {name} are not JSON: {exc}") from exc
    except RecursionError:
        raise SerialError(f"serialised {name} are nested too deeply") from None
    if not isinstance(document, dict) or document.get("format") != format:
        raise SerialError(f"serialised {name} are not in the {format} format")
    items = document.get(name)
    if not isinstance(items, list):
        raise SerialError(f"serialised {name} have no '{name}' list")
    return items


def _decode_items(cls: type, items: list[Any], name: str) -> tuple[Any, ...]:
    decode = _decoder(cls)
    decoded = []
    for index, item in enumerate(items):
        try:
            decoded.append(decode(item))
        except _Problem as problem:
            raise problem.at(f"{name}[{index}]") from None
    return tuple(decoded)


_PLAIN = (str, int, float, bool, type(None))


def _encode(value: Any) -> Any:
    cls = value.__class__
    if cls in _PLAIN:
        return value
    if cls is tuple:
        return [_encode(item) for item in value]
    names = _field_names(cls)
    if names is not None:
        return {name: _encode(getattr(value, name)) for name in names}
    # Enums first: a StrEnum is also a str and must be written as its plain value.
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if isinstance(value, str | int | float):
        return value
    raise SerialError(f"cannot serialise a {type(value).__name__} inside a claim or finding")


@cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """The fields of a dataclass type, in order; None for any other type."""
    if dataclasses.is_dataclass(cls):
        return tuple(f.name for f in dataclasses.fields(cls))
    return None


class _Problem(Exception):
    """A decoding failure deep in a value; the path to it is added on the way out."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.path: list[str] = []

    def at(self, where: str) -> SerialError:
        return SerialError(f"{where}{''.join(reversed(self.path))}: {self.message}")


Decoder = Callable[[Any], Any]


@cache
def _decoder(annotation: Any) -> Decoder:
    """One decoding function per type, built once: the type hints are read here, not per value."""
    origin = typing.get_origin(annotation)
    if origin is types.UnionType or origin is typing.Union:
        args = typing.get_args(annotation)
        arms = [arm for arm in args if arm is not type(None)]
        if len(arms) != 1:
            return _fails(f"cannot decode the union {annotation}")
        return _optional(_decoder(arms[0]), type(None) in args)
    if origin is tuple:
        args = typing.get_args(annotation)
        if len(args) != 2 or args[1] is not Ellipsis:
            return _fails(f"cannot decode the tuple type {annotation}")
        return _tuple_of(_decoder(args[0]))
    if dataclasses.is_dataclass(annotation):
        return _dataclass_decoder(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _enum_decoder(annotation)
    if annotation is date:
        return _decode_date
    if annotation is bool:
        return _decode_bool
    if annotation is int:
        return _decode_int
    if annotation is float:
        return _decode_float
    if annotation is str:
        return _decode_str
    return _fails(f"cannot decode the type {annotation}")


def _fails(message: str) -> Decoder:
    def decode(value: Any) -> Any:
        raise _Problem(message)

    return decode


def _optional(inner: Decoder, allows_none: bool) -> Decoder:
    def decode(value: Any) -> Any:
        if value is None:
            if allows_none:
                return None
            raise _Problem("null where a value is required")
        return inner(value)

    return decode


def _tuple_of(item: Decoder) -> Decoder:
    def decode(value: Any) -> Any:
        if value.__class__ is not list and not isinstance(value, list):
            raise _Problem(f"expected a list, got {type(value).__name__}")
        try:
            return tuple([item(element) for element in value])
        except _Problem as problem:
            # Only on failure: find which element it was.
            for index, element in enumerate(value):
                try:
                    item(element)
                except _Problem:
                    problem.path.append(f"[{index}]")
                    break
            raise

    return decode


def _dataclass_decoder(cls: type) -> Decoder:
    hints = typing.get_type_hints(cls)
    names = tuple(f.name for f in dataclasses.fields(cls))
    known = frozenset(names)
    # Field decoders are resolved on first use: a dataclass may (indirectly) contain itself.
    resolved: list[tuple[str, Decoder]] = []

    def decode(value: Any) -> Any:
        if not resolved:
            resolved.extend((name, _decoder(hints[name])) for name in names)
        if value.__class__ is not dict and not isinstance(value, dict):
            raise _Problem(f"expected an object for {cls.__name__}")
        if not known.issuperset(value):
            unknown = sorted(set(value) - known)
            raise _Problem(f"unknown {cls.__name__} field(s) {', '.join(unknown)}")
        # Missing fields fall back to the dataclass default (or fail in the constructor below).
        kwargs = {}
        for name, field_decoder in resolved:
            if name in value:
                try:
                    kwargs[name] = field_decoder(value[name])
                except _Problem as problem:
                    problem.path.append(f".{name}")
                    raise
        try:
            return cls(**kwargs)
        except TypeError as exc:
            raise _Problem(str(exc)) from exc

    return decode


def _enum_decoder(cls: type[Enum]) -> Decoder:
    members = {member.value: member for member in cls}

    def decode(value: Any) -> Any:
        try:
            return members[value]
        except (KeyError, TypeError):
            pass
        try:
            return cls(value)
        except ValueError as exc:
            raise _Problem(f"{value!r} is not a {cls.__name__}") from exc

    return decode


def _decode_date(value: Any) -> date:
    if not isinstance(value, str):
        raise _Problem("expected an ISO date string")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise _Problem(f"{value!r} is not an ISO date") from exc


def _decode_bool(value: Any) -> bool:
    if value is True or value is False:
        return value
    raise _Problem("expected true or false")


def _decode_int(value: Any) -> int:
    if value.__class__ is int or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise _Problem("expected an integer")


def _decode_float(value: Any) -> float:
    if value.__class__ is float:
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Problem("expected a number")
    return float(value)


def _decode_str(value: Any) -> str:
    if value.__class__ is str or isinstance(value, str):
        return value
    raise _Problem("expected a string")
