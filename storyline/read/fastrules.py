"""The attribute ruler's rules, compiled to plain Python tests over a token's key.

Split from :mod:`storyline.read.fastpos` (which applies them): this part only reads the loaded
model's ``attribute_ruler`` and turns each Matcher pattern into a test on (tag_, dep_, lower_,
is_space), with the Matcher's semantics for what the rules use (exact value, ``IN``,
``NOT_IN``, ``REGEX``). A rule using anything else raises :class:`UnsupportedRuleError`, and the
model keeps its original components.
"""

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from spacy.attrs import IDS  # type: ignore[import-not-found]  # a .pyx without stub
from spacy.pipeline import AttributeRuler

_SET_IDS = [IDS[name] for name in ("POS", "MORPH", "TAG", "DEP", "LEMMA")]
"""The attribute ids of :data:`_WRITTEN`, as the ruler's normalized rules name them."""
_KEYS = {"TAG": 0, "DEP": 1, "LOWER": 2, "IS_SPACE": 3}
"""Pattern keys the compiler understands, with their place in a token's key."""

TokenKey = tuple[str, str, str, bool]
"""What the rules may look at in one token: tag_, dep_, lower_, is_space."""
TokenTest = Callable[[TokenKey], bool]
Setting = tuple[int, ...]
"""Values for (POS, MORPH, TAG, DEP, LEMMA), -1 where a rule leaves the attribute alone."""
_UNSET: Setting = (-1, -1, -1, -1, -1)


class UnsupportedRuleError(ValueError):
    """An attribute-ruler pattern uses something this compiler does not reproduce exactly."""


@dataclass(frozen=True)
class Rule:
    """One attribute-ruler rule: where it matches and what it sets (later rules win)."""

    order: int
    patterns: tuple[tuple[TokenTest, ...], ...]
    index: int
    setting: Setting
    anchors: tuple[tuple[frozenset[tuple[int, object]] | None, ...], ...]
    """Per pattern and token: (slot, value) pairs one of which a matching token must have."""

    @property
    def single(self) -> bool:
        """Every pattern of the rule is one token long."""
        return all(len(pattern) == 1 for pattern in self.patterns)


def _value_test(slot: int, value: Any) -> TokenTest:
    """A test of one token attribute against one pattern value, as the Matcher does it."""
    if slot == _KEYS["IS_SPACE"]:
        if not isinstance(value, bool):
            raise UnsupportedRuleError(f"IS_SPACE value {value!r}")
        return lambda key: key[slot] is value
    if isinstance(value, str):
        return lambda key: key[slot] == value
    if not isinstance(value, dict) or not value:
        raise UnsupportedRuleError(f"pattern value {value!r}")
    tests: list[TokenTest] = []
    for operator, operand in value.items():
        if operator in ("IN", "NOT_IN") and not _strings(operand):
            raise UnsupportedRuleError(f"{operator} operand {operand!r}")
        if operator == "IN":
            members = frozenset(operand)
            tests.append(lambda key, members=members: key[slot] in members)  # type: ignore[misc]
        elif operator == "NOT_IN":
            members = frozenset(operand)
            tests.append(lambda key, members=members: key[slot] not in members)  # type: ignore[misc]
        elif operator == "REGEX" and isinstance(operand, str):
            search = re.compile(operand).search
            tests.append(lambda key, search=search: search(key[slot]) is not None)  # type: ignore[misc]
        else:
            raise UnsupportedRuleError(f"operator {operator!r}")
    return lambda key: all(test(key) for test in tests)


def _strings(operand: object) -> bool:
    """A list of strings (the Matcher would compare anything else by hash)."""
    return isinstance(operand, list) and all(isinstance(member, str) for member in operand)


def _token_test(spec: Mapping[str, Any]) -> TokenTest:
    """A test for one token of a Matcher pattern (all its keys must hold)."""
    tests: list[TokenTest] = []
    for name, value in spec.items():
        slot = _KEYS.get(name.upper())
        if slot is None:
            raise UnsupportedRuleError(f"pattern key {name!r}")
        tests.append(_value_test(slot, value))
    return lambda key: all(test(key) for test in tests)


def _anchors(spec: Mapping[str, Any]) -> frozenset[tuple[int, object]] | None:
    """Exact values, one of which a token must have to pass ``spec`` (None: no such values).

    Used to index the rules, so that a new token key is tested against a handful of them.
    """
    for name in ("LOWER", "TAG", "DEP", "IS_SPACE"):  # the most selective first
        value = next((v for k, v in spec.items() if k.upper() == name), None)
        if isinstance(value, str | bool):
            return frozenset([(_KEYS[name], value)])
        if isinstance(value, dict) and isinstance(value.get("IN"), list):
            return frozenset((_KEYS[name], member) for member in value["IN"])
    return None


OTHER = "\x00other"
"""Stands for every value a rule never names: they all pass and fail the same tests."""


@dataclass(frozen=True)
class Named:
    """The values the rules name for one token attribute, and their regexes."""

    values: frozenset[str]
    searches: tuple[Callable[[str], object], ...]

    def canonical(self, value: str) -> str:
        """``value`` itself if some rule may tell it apart from others, else :data:`OTHER`.

        Exact: a rule tests a value by equality, ``IN``, ``NOT_IN`` or a regex, and a value
        that no rule names and no regex finds answers all of these as :data:`OTHER` does.
        """
        if value in self.values or any(search(value) for search in self.searches):
            return value
        return OTHER


@dataclass(frozen=True)
class RuleSet:
    """Compiled rules in precedence order, with the values they name per token attribute."""

    rules: tuple[Rule, ...]
    named: tuple[Named, Named, Named]
    """For TAG, DEP and LOWER (the slots of a :data:`TokenKey`)."""


def _named(patterns: Iterable[Sequence[Mapping[str, Any]]], slot: int) -> Named:
    values: set[str] = set()
    searches = []
    for pattern in patterns:
        for spec in pattern:
            for name, value in spec.items():
                if _KEYS.get(name.upper()) != slot:
                    continue
                if isinstance(value, str):
                    values.add(value)
                elif isinstance(value, dict):
                    values.update(value.get("IN", ()), value.get("NOT_IN", ()))
                    if "REGEX" in value:
                        searches.append(re.compile(value["REGEX"]).search)
    if OTHER in values or any(search(OTHER) for search in searches):
        raise UnsupportedRuleError(f"a rule names {OTHER!r}")
    return Named(frozenset(values), tuple(searches))


def compile_rules(ruler: AttributeRuler) -> RuleSet:
    """The ruler's rules, compiled (raises :class:`UnsupportedRuleError` if one can't be)."""
    rules = []
    all_patterns: list[list[dict[str, Any]]] = []
    pattern_sets = [cast(list[list[dict[str, Any]]], p["patterns"]) for p in ruler.patterns]
    for order, (pattern_set, attrs, index) in enumerate(
        zip(pattern_sets, ruler.attrs, ruler.indices, strict=True)
    ):
        unknown = set(attrs) - set(_SET_IDS)
        if unknown:
            raise UnsupportedRuleError(f"rule {order} sets {unknown}")
        patterns = tuple(tuple(_token_test(spec) for spec in pattern) for pattern in pattern_set)
        if any(not pattern or not -len(pattern) <= index < len(pattern) for pattern in patterns):
            raise UnsupportedRuleError(f"rule {order} has index {index} outside its pattern")
        setting = tuple(int(attrs.get(attr, -1)) for attr in _SET_IDS)
        anchors = tuple(tuple(_anchors(spec) for spec in pattern) for pattern in pattern_set)
        rules.append(Rule(order, patterns, index, setting, anchors))
        all_patterns.extend(pattern_set)
    named = (_named(all_patterns, 0), _named(all_patterns, 1), _named(all_patterns, 2))
    return RuleSet(tuple(rules), named)


def apply_settings(settings: Iterable[Setting]) -> Setting:
    """The combined effect of rules applied in order: each set attribute overwrites."""
    combined = list(_UNSET)
    for setting in settings:
        for slot, value in enumerate(setting):
            if value != -1:
                combined[slot] = value
    return tuple(combined)
