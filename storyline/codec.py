"""JSON encoding of the records in :mod:`storyline.model`, for the store and the JSON outputs.

Records are frozen dataclasses of strings, numbers, spans and tuples of records, so one generic
encoder and a type-hint-driven decoder cover them all; a new field needs no codec change.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def to_json(value: Any) -> Any:
    """A JSON-ready structure: dataclasses become objects, tuples become lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    return value


def to_text(value: Any) -> str:
    """A record as compact JSON text, the form the store keeps (and worker processes send back)."""
    return json.dumps(to_json(value), ensure_ascii=False, separators=(",", ":"))


@cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(hint: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _decode(options[0], data) if len(options) == 1 else data
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return tuple(_decode(item, value) for value in data)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return from_json(hint, data)
    return data


def from_json(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record of type ``cls`` from :func:`to_json` output."""
    hints = _hints(typing.cast(Any, cls))
    fields = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    return cls(**{name: _decode(hints[name], value) for name, value in data.items() if name in fields})
