"""Claims to JSON and back, losslessly: the storage format of the claim cache.

Encoding walks the model's dataclasses field by field; decoding is driven by the type hints
of those same dataclasses, so a field added to ``model.py`` is carried without code here.
Only the shapes the model uses are understood (dataclasses, ``X | None``, ``tuple[X, ...]``,
``StrEnum``, ``date``, ``str``, ``int``, ``float``, ``bool``); anything else is a
:class:`SerialError` rather than a silent approximation.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date
from enum import Enum
from functools import cache
from typing import Any

from claimcheck.errors import ClaimcheckError
from claimcheck.model import Claim

FORMAT = "claimcheck.claims/1"


class SerialError(ClaimcheckError):
    """Serialised claims are malformed or of another format version."""


def claims_to_json(claims: tuple[Claim, ...]) -> str:
    """Serialise claims to a compact JSON document (every field, defaults included)."""
    document = {"format": FORMAT, "claims": [_encode(claim) for claim in claims]}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def claims_from_json(s: str) -> tuple[Claim, ...]:
    """Rebuild the claims written by :func:`claims_to_json`; raise SerialError when malformed."""
    try:
        document = json.loads(s)
    except json.JSONDecodeError as exc:
        raise SerialError(f"serialised claims are not JSON: {exc}") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SerialError(f"serialised claims are not in the {FORMAT} format")
    claims = document.get("claims")
    if not isinstance(claims, list):
        raise SerialError("serialised claims have no 'claims' list")
    return tuple(_decode(Claim, item, f"claims[{i}]") for i, item in enumerate(claims))


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    # Enums first: a StrEnum is also a str and must be written as its plain value.
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if value is None or isinstance(value, str | int | float):
        return value
    raise SerialError(f"cannot serialise a {type(value).__name__} inside a claim")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(annotation: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(annotation)
    if origin is types.UnionType or origin is typing.Union:
        if value is None:
            if type(None) not in typing.get_args(annotation):
                raise SerialError(f"{where}: null where a value is required")
            return None
        arms = [arm for arm in typing.get_args(annotation) if arm is not type(None)]
        if len(arms) != 1:
            raise SerialError(f"{where}: cannot decode the union {annotation}")
        return _decode(arms[0], value, where)
    if origin is tuple:
        args = typing.get_args(annotation)
        if len(args) != 2 or args[1] is not Ellipsis:
            raise SerialError(f"{where}: cannot decode the tuple type {annotation}")
        if not isinstance(value, list):
            raise SerialError(f"{where}: expected a list, got {type(value).__name__}")
        return tuple(_decode(args[0], item, f"{where}[{i}]") for i, item in enumerate(value))
    if dataclasses.is_dataclass(annotation):
        return _decode_dataclass(annotation, value, where)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        try:
            return annotation(value)
        except ValueError as exc:
            raise SerialError(f"{where}: {value!r} is not a {annotation.__name__}") from exc
    if annotation is date:
        if not isinstance(value, str):
            raise SerialError(f"{where}: expected an ISO date string")
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise SerialError(f"{where}: {value!r} is not an ISO date") from exc
    if annotation is bool:
        if not isinstance(value, bool):
            raise SerialError(f"{where}: expected true or false")
        return value
    if annotation is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise SerialError(f"{where}: expected an integer")
        return value
    if annotation is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise SerialError(f"{where}: expected a number")
        return float(value)
    if annotation is str:
        if not isinstance(value, str):
            raise SerialError(f"{where}: expected a string")
        return value
    raise SerialError(f"{where}: cannot decode the type {annotation}")


def _decode_dataclass(cls: type, value: Any, where: str) -> Any:
    if not isinstance(value, dict):
        raise SerialError(f"{where}: expected an object for {cls.__name__}")
    hints = _hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(value) - names)
    if unknown:
        raise SerialError(f"{where}: unknown {cls.__name__} field(s) {', '.join(unknown)}")
    # Missing fields fall back to the dataclass default (or fail in the constructor below).
    kwargs = {name: _decode(hints[name], value[name], f"{where}.{name}") for name in names & set(value)}
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise SerialError(f"{where}: {exc}") from exc
