"""Readings decoded for a report are the records their classes' ``__init__`` would build: the
codec fills the usual record in directly (see ``storyline.codec._record_decoder``), and falls
back to ``__init__`` for a record with unknown keys or a missing field."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from typing import Any

import pytest

from storyline.codec import from_json, to_json
from storyline.model import Article, Claim, Quantity, Reading, Span


def _through_init(cls: Any, data: dict[str, Any]) -> Any:
    """A record rebuilt field by field through ``cls(**values)``, as the codec once did."""
    hints = typing.get_type_hints(cls)
    return cls(**{name: _rebuild(hints[name], value) for name, value in data.items() if name in hints})


def _rebuild(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _rebuild(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        return tuple(_rebuild(typing.get_args(hint)[0], item) for item in value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _through_init(hint, value)
    return value


def _reading() -> Reading:
    span = Span("a1", 0, 5)
    claim = Claim(span, "Words", "say", "outlet", entities=("e1",), negated=True, attribution=0)
    quantity = Quantity(Span("a1", 6, 9), "4,000", "count", value=4000.0, unit=None)
    return Reading(
        "a1", claims=(claim, Claim(Span("a1", 1, 2), "W", "p", "attributed")), quantities=(quantity,)
    )


def test_a_reading_decodes_to_what_init_builds() -> None:
    data = json.loads(json.dumps(to_json(_reading())))
    decoded = from_json(Reading, data)
    assert decoded == _reading() == _through_init(Reading, data)
    assert repr(decoded) == repr(_reading())
    assert hash(decoded.claims[0].span) == hash(Span("a1", 0, 5))
    with pytest.raises(dataclasses.FrozenInstanceError):
        decoded.claims[0].span.start = 3  # type: ignore[misc]


def test_defaults_fill_missing_optional_fields() -> None:
    claim = from_json(
        Claim,
        {"span": {"article_id": "a", "start": 1, "end": 2}, "text": "t", "predicate": "p", "voice": "v"},
    )
    assert claim == Claim(Span("a", 1, 2), "t", "p", "v")
    assert claim.entities == () and claim.negated is False and claim.attribution is None


def test_unknown_keys_are_dropped_and_a_missing_field_is_an_error() -> None:
    data = {"article_id": "a", "start": 1, "end": 2, "later": True}
    assert from_json(Span, data) == Span("a", 1, 2)
    with pytest.raises(TypeError):
        from_json(Span, {"article_id": "a", "start": 1})
    assert from_json(Article, {"id": "x", "text": "T.", "origin": "o", "extra": 1}) == Article(
        id="x", text="T.", origin="o"
    )


def test_the_decoded_data_is_not_shared_with_the_record() -> None:
    data = {"article_id": "a", "start": 1, "end": 2}
    span = from_json(Span, data)
    data["start"] = 7
    assert span.start == 1
