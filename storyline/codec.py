"""JSON encoding of the records in :mod:`storyline.model`, for the store and the JSON outputs.

Records are frozen dataclasses of strings, numbers, spans and tuples of records, so one generic
encoder and a type-hint-driven decoder cover them all; a new field needs no codec change.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def to_json(value: Any) -> Any:
    """A JSON-ready structure: dataclasses become objects, tuples become lists."""
    names = _field_names(typing.cast(Any, type(value)))
    if names is not None:
        return {name: to_json(getattr(value, name)) for name in names}
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    return value


def to_text(value: Any) -> str:
    """A record as compact JSON text, the form the store keeps (and worker processes send back)."""
    return json.dumps(to_json(value), ensure_ascii=False, separators=(",", ":"))


def from_json(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record of type ``cls`` from :func:`to_json` output (keys it does not know are dropped)."""
    record: T = _record_decoder(typing.cast(Any, cls))(data)
    return record


@cache
def _field_names(cls: Any) -> tuple[str, ...] | None:
    """A dataclass's field names, looked up once per class (None for any other type)."""
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple(f.name for f in dataclasses.fields(cls))


Decoder = Callable[[Any], Any]


@cache
def _decoder(hint: Any) -> Decoder | None:
    """How to rebuild a non-null value of type ``hint`` (None: as JSON gives it), worked out once.

    Why compiled per type: a store's readings are decoded for every report, and resolving each
    field's type hint for every value took 2.5 ms of a reading's decode on the scale corpus.
    """
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _decoder(options[0]) if len(options) == 1 else None
    if origin is tuple:
        item = _decoder(typing.get_args(hint)[0])
        if item is None:
            return tuple
        return lambda data: tuple([None if value is None else item(value) for value in data])
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record_decoder(hint)
    return None


@cache
def _record_decoder(cls: Any) -> Decoder:
    """How to rebuild a record of type ``cls``, worked out once per class.

    The usual record (every key a field of ``cls``, every field without a default present) is
    filled in directly, its defaults first, as the dataclass's ``__init__`` would fill it:
    a frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, which cost
    half of the ~1,000 records a report decodes. A class whose ``__init__`` does more
    (``__post_init__``, default factories, slots, fields left out of it), and a record that
    lacks a field or has keys of another model version, go through ``cls(**values)``.
    """
    hints = typing.get_type_hints(cls)
    fields = dataclasses.fields(cls)
    decoders = {f.name: _decoder(hints[f.name]) for f in fields}
    known = frozenset(decoders)
    rebuilt = tuple((name, decoder) for name, decoder in decoders.items() if decoder is not None)
    defaults = {f.name: f.default for f in fields if f.default is not dataclasses.MISSING}
    required = frozenset(f.name for f in fields if f.default is dataclasses.MISSING)
    direct = (
        not hasattr(cls, "__post_init__")
        and "__slots__" not in vars(cls)
        and all(f.init and f.default_factory is dataclasses.MISSING for f in fields)
    )
    make = object.__new__

    def decode(data: dict[str, Any]) -> Any:
        keys = data.keys()
        if direct and keys == known:  # every field written, as to_json writes a record
            record = make(cls)
            values = record.__dict__
            values.update(data)
        elif direct and keys <= known and required <= keys:
            record = make(cls)
            values = record.__dict__
            values.update(defaults)
            values.update(data)
        else:
            record = None
            values = {name: value for name, value in data.items() if name in known}
        for name, decoder in rebuilt:
            value = values.get(name)
            if value is not None:
                values[name] = decoder(value)
        return cls(**values) if record is None else record

    return decode
