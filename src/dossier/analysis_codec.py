"""Analyses and documents as JSON-able values and back, exactly (the spool's columns).

A cluster worker writes what it found to Parquet (``spool``) and ``dossier load`` reads it
back, possibly elsewhere and later, so the records of ``models`` must survive the trip
unchanged: ``decode(T, encode(x)) == x`` for every field, the ``key`` and ``review`` fields
that take no part in equality included. Encoding follows each dataclass's fields; decoding
follows their type hints, so a field added to a model needs no change here. Tuples become
lists. A mapping with tuple keys (an outlet home's region shares) becomes a sorted list of
``[*key, value]``, so that equal homes encode equally; homes are only compared, never
decoded. No spaCy here (nor ``analyze``, which loads it): the loading process may have no
model at all.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Mapping
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def encode(value: Any) -> Any:
    """``value`` (a model record, a tuple of them, or a plain value) as JSON-able data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [encode(item) for item in value]
    if isinstance(value, Mapping):
        keys = [encode(key) for key in value]
        rows = [
            [*(k if isinstance(k, list) else [k]), encode(item)]
            for k, item in zip(keys, value.values(), strict=True)
        ]
        return sorted(rows, key=lambda row: [("" if v is None else str(v)) for v in row])
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot encode a {type(value).__name__}")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def decode(kind: Any, data: Any) -> Any:
    """The value of type ``kind`` that ``encode`` turned into ``data``; a ``ValueError``
    when ``data`` does not have that shape."""
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if not isinstance(data, dict):
            raise ValueError(f"a {kind.__name__} must be an object, not {data!r}")
        hints = _hints(kind)
        return kind(**{name: decode(hints[name], item) for name, item in data.items()})
    origin = typing.get_origin(kind)
    if origin in (types.UnionType, typing.Union):
        options = typing.get_args(kind)
        if data is None and type(None) in options:
            return None
        (inner,) = (o for o in options if o is not type(None))  # the models' unions are X | None
        return decode(inner, data)
    if origin is tuple:
        if not isinstance(data, list):
            raise ValueError(f"a tuple must be a list, not {data!r}")
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], item) for item in data)
        if len(args) != len(data):
            raise ValueError(f"expected {len(args)} items, not {data!r}")
        return tuple(decode(a, item) for a, item in zip(args, data, strict=True))
    if kind is float and isinstance(data, int | float) and not isinstance(data, bool):
        return float(data)  # JSON writes 2.0 as 2.0, but an int given for a float stays equal
    if kind in (str, int, bool) and type(data) is kind:
        return data
    raise ValueError(f"expected {getattr(kind, '__name__', kind)}, not {data!r}")


def dumps(value: Any) -> str:
    """``value`` encoded as one JSON text (ASCII, so any string survives any reader)."""
    return json.dumps(encode(value), separators=(",", ":"), allow_nan=True)


def loads(kind: type[T], text: str) -> T:
    """The ``kind`` record that ``dumps`` wrote; ``ValueError`` on anything else."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, TypeError) as exc:  # TypeError: not a text at all
        raise ValueError(f"not JSON: {exc}") from None
    try:
        value: T = decode(kind, data)
    except (KeyError, TypeError) as exc:
        raise ValueError(f"not a {kind.__name__}: {exc!r}") from None
    return value
