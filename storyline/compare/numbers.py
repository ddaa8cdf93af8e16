"""Numbers and dates across a story's sources: conflicts, compatible wordings and updates.

Figures are aligned by what they are about (:mod:`storyline.compare.topics`): the same kind of
figure, in the same unit, under the same label. Within one label:

* a count of casualties that grows with publication time is an :class:`Update` ("12" at dawn,
  "31" by the afternoon, "47" next morning), and a later article still giving an older value is
  *stale*; a running total is never reported as a conflict, even when it falls (a revision and a
  clash read alike) or comes from undated articles (which cannot be placed in time);
* values whose allowed ranges intersect ("nearly three hours", "more than two and a half hours")
  are a :class:`CompatibleGroup` when worded differently;
* values that cannot both be true ("sixth meeting", "seventh meeting") are a :class:`Conflict`.

An article that seems to contradict itself under one label shows the label lumps two things
together there, so that article's figures are left out of it: the rules prefer missing a
conflict to inventing one. Values are compared with :func:`storyline.read.quantities.compatible`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import NamedTuple

from storyline.compare.topics import CALENDAR_KINDS, LEDE_EVENT, ArticleText, Topic, topic_of
from storyline.compare.when import published_at
from storyline.model import Article, Conflict, ConflictValue, Offsets, Quantity, Reading, Update, UpdateStep
from storyline.read.quantities import compatible

ORDINAL_WORDS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
APPROX_WORDS = {"exact": "", "at_least": "at least ", "at_most": "at most ", "about": "about "}
STORY_EVENT_FALLBACK = "reported event"
"""The event a weak lede date is given when no article of the story names one near a date."""
MINUTES_PER_HOUR = 60


class Member(NamedTuple):
    """One article's wording of a figure: article id, ``(start, end)`` span and text."""

    article_id: str
    span: Offsets
    text: str


@dataclass(frozen=True)
class CompatibleGroup:
    """Differently worded figures about one thing that can all be true; never a conflict."""

    about: str
    members: tuple[Member, ...]


@dataclass(frozen=True)
class _Figure:
    """A figure with what it is about, where it stands in the input and when it was published."""

    quantity: Quantity
    topic: Topic
    article_id: str
    order: tuple[int, int]
    """(article's index in the input, offset): first-appearance order, so output is deterministic."""
    published: datetime | None
    stamp: str | None
    """``published`` as the article gives it, for the report."""

    @property
    def member(self) -> Member:
        """The figure as one member of a group: article, span and words."""
        span = self.quantity.span
        return Member(self.article_id, (span.start, span.end), self.quantity.text)


Key = tuple[str, str, str]
"""(family of kinds, unit, label): figures are compared only within one key."""


def compare_quantities(
    items: Sequence[tuple[Article, Reading]],
) -> tuple[list[Conflict], list[Update], list[CompatibleGroup]]:
    """Conflicts, updates and compatible groups among the figures of a story's canonical articles.

    ``items`` are the story's articles (copies already left out, since a copy is no second
    source) with their readings; conflicts are numbered "c1", "c2", ... in order of first appearance.
    """
    topics = _by_key(_with_story_event(_figures(items)))
    conflicts: list[tuple[tuple[int, int], str, str, tuple[ConflictValue, ...]]] = []
    updates: list[Update] = []
    groups: list[CompatibleGroup] = []
    for (family, _, label), figures in topics.items():
        running = figures[0].topic.running
        outcome = _running_total(label, figures) if running else _fixed(label, figures)
        if isinstance(outcome, Update):
            updates.append(outcome)
            continue
        sides, compatible_groups = outcome
        groups.extend(compatible_groups)
        if sides:
            first = min(f.order for side in sides for f in side)
            values = tuple(_conflict_value(side) for side in sides)
            conflicts.append((first, label, _conflict_kind(family, sides), values))
    conflicts.sort(key=lambda c: c[0])
    numbered = [
        Conflict(f"c{i}", about, kind, values) for i, (_, about, kind, values) in enumerate(conflicts, 1)
    ]
    return numbered, updates, groups


# --- Collecting and labelling -------------------------------------------------------------------


def _figures(items: Sequence[tuple[Article, Reading]]) -> list[_Figure]:
    """Every figure of every article that has a topic, in input order."""
    figures = []
    for index, (article, reading) in enumerate(items):
        text = ArticleText(article.text)
        published = published_at(article.published)
        for quantity in reading.quantities:
            topic = topic_of(quantity, text)
            if topic is not None:
                order = (index, quantity.span.start)
                figures.append(_Figure(quantity, topic, article.id, order, published, article.published))
    return figures


def _with_story_event(figures: list[_Figure]) -> list[_Figure]:
    """Give weak lede dates the story's main event: the one most articles date explicitly."""
    articles_by_label: dict[str, set[str]] = {}
    for figure in figures:
        if figure.quantity.kind in CALENDAR_KINDS and not figure.topic.weak:
            articles_by_label.setdefault(figure.topic.label, set()).add(figure.article_id)
    ranked = Counter({label: len(ids) for label, ids in articles_by_label.items()}).most_common(1)
    story_label = ranked[0][0] if ranked else f"day of the {STORY_EVENT_FALLBACK}"
    return [
        replace(f, topic=Topic(story_label, weak=True)) if f.topic.weak and f.topic.label == LEDE_EVENT else f
        for f in figures
    ]


def _by_key(figures: list[_Figure]) -> dict[Key, list[_Figure]]:
    """Figures grouped by kind family, unit and label, in first-appearance order."""
    topics: dict[Key, list[_Figure]] = {}
    for figure in figures:
        topics.setdefault(_key(figure), []).append(figure)
    return topics


def _key(figure: _Figure) -> Key:
    """Calendar kinds compare with each other and durations across units; other kinds by unit."""
    quantity = figure.quantity
    if quantity.kind in CALENDAR_KINDS:
        return "calendar", "", figure.topic.label
    if quantity.kind == "duration":
        return "duration", "", figure.topic.label
    return quantity.kind, quantity.unit or "", figure.topic.label


# --- Fixed figures: conflict or compatible ------------------------------------------------------

Outcome = tuple[list[list[_Figure]], list[CompatibleGroup]]
"""The sides of a conflict (none, or two and more clusters) and the compatible groups."""


def _fixed(label: str, figures: list[_Figure]) -> Outcome:
    """Values that cannot all be true become a conflict; compatible differing wordings, a group."""
    strong = _consistent_articles([f for f in figures if not f.topic.weak])
    strong_articles = {f.article_id for f in strong}
    weak = [f for f in figures if f.topic.weak and f.article_id not in strong_articles]
    if not strong:
        return [], []
    clusters = _clusters(strong)
    _attach_weak(clusters, _consistent_articles(weak))
    groups = [CompatibleGroup(label, tuple(f.member for f in c)) for c in clusters if _worded_differently(c)]
    return (clusters if len(clusters) > 1 else []), groups


def _consistent_articles(figures: list[_Figure]) -> list[_Figure]:
    """Leave out each article whose own figures under this label cannot all be true."""
    by_article: dict[str, list[_Figure]] = {}
    for figure in figures:
        by_article.setdefault(figure.article_id, []).append(figure)
    return [
        figure
        for own in by_article.values()
        if not any(
            compatible(a.quantity, b.quantity) is False for i, a in enumerate(own) for b in own[i + 1 :]
        )
        for figure in own
    ]


def _clusters(figures: list[_Figure]) -> list[list[_Figure]]:
    """Figures gathered into clusters whose members can all be true together, in first-appearance order.

    Each figure joins the first cluster none of whose members it contradicts; ``compatible``
    answering None (cannot say) is no contradiction, so it never splits a cluster.
    """
    clusters: list[list[_Figure]] = []
    for figure in sorted(figures, key=lambda f: f.order):
        home = next((c for c in clusters if not _contradicts(figure, c)), None)
        if home is None:
            clusters.append([figure])
        else:
            home.append(figure)
    return clusters


def _attach_weak(clusters: list[list[_Figure]], weak: list[_Figure]) -> None:
    """Weak lede dates support the value they surely agree with; they never open a value of their own."""
    for figure in sorted(weak, key=lambda f: f.order):
        for cluster in clusters:
            if all(compatible(figure.quantity, member.quantity) is True for member in cluster):
                cluster.append(figure)
                break


def _contradicts(figure: _Figure, cluster: list[_Figure]) -> bool:
    """Whether ``figure`` surely clashes with a member (an unknown is no clash)."""
    return any(compatible(figure.quantity, member.quantity) is False for member in cluster)


def _worded_differently(cluster: list[_Figure]) -> bool:
    """Whether a cluster holds different values (not just "15 percent" and "15%") all surely compatible.

    Figures ``compatible`` cannot weigh (None) share a cluster, as no contradiction, but are no
    evidence of agreement: a group needs every pair of its values to be compatible.
    """
    distinct = list({_value_key(f.quantity): f.quantity for f in cluster}.values())
    if len(distinct) < 2 or len({f.article_id for f in cluster}) < 2:
        return False
    return all(compatible(a, b) is True for i, a in enumerate(distinct) for b in distinct[i + 1 :])


def _value_key(quantity: Quantity) -> tuple[object, ...]:
    """What a figure states, apart from its wording: calendar figures by their readable day."""
    if quantity.kind in CALENDAR_KINDS:
        return ("calendar", readable(quantity))
    return quantity.kind, quantity.unit, quantity.value, quantity.approx, quantity.low, quantity.high


def _conflict_value(cluster: list[_Figure]) -> ConflictValue:
    """One side of a conflict: the readable value of its first figure and each article's first span."""
    first_by_article: dict[str, _Figure] = {}
    for figure in sorted(cluster, key=lambda f: f.order):
        first_by_article.setdefault(figure.article_id, figure)
    chosen = list(first_by_article.values())
    return ConflictValue(
        value=readable(chosen[0].quantity),
        article_ids=tuple(f.article_id for f in chosen),
        spans=tuple(f.member.span for f in chosen),
    )


def _conflict_kind(family: str, sides: list[list[_Figure]]) -> str:
    """ "day" when every side names a weekday, "date" for other calendar or clock figures, else "number"."""
    if family == "calendar":
        return "day" if all(f.quantity.kind == "weekday" for side in sides for f in side) else "date"
    return "date" if family == "time" else "number"


# --- Running totals: update or nothing ------------------------------------------------------------


def _running_total(label: str, figures: list[_Figure]) -> Update | Outcome:
    """A total rising with publication time is an update; a steady one may be a compatible group.

    Each article's figure is its highest ("rose from 12 to 31" reports 31 now).
    """
    latest = _highest_per_article(figures)
    dated = sorted((f for f in latest if f.published), key=lambda f: (f.published, f.order))
    update = _update(label, dated)
    if update is not None:
        return update
    clusters = _clusters(latest)
    if len(clusters) != 1 or not _worded_differently(clusters[0]):
        return [], []  # differing totals that time does not explain: a revision or a clash, unsaid
    return [], [CompatibleGroup(label, tuple(f.member for f in clusters[0]))]


def _highest_per_article(figures: list[_Figure]) -> list[_Figure]:
    """Each article's highest figure: the older value of "rose from 12 to 31" is not its report."""
    best: dict[str, _Figure] = {}
    for figure in sorted(figures, key=lambda f: f.order):
        held = best.get(figure.article_id)
        if held is None or (figure.quantity.value or 0) > (held.quantity.value or 0):
            best[figure.article_id] = figure
    return list(best.values())


def _update(label: str, dated: list[_Figure]) -> Update | None:
    """Steps where the total first reaches a new high; stale repeats of an older value after it.

    None when the total never rises, or when a later article gives a new lower value (not a repeat).
    """
    steps: list[_Figure] = []
    stale: list[_Figure] = []
    seen: set[float] = set()
    for figure in dated:
        value = figure.quantity.value
        if value is None:
            return None
        if not steps or value > (steps[-1].quantity.value or 0):
            steps.append(figure)
        elif value < (steps[-1].quantity.value or 0):
            if value not in seen:
                return None
            stale.append(figure)
        seen.add(value)
    if len(steps) < 2:
        return None
    return Update(label, tuple(_step(f) for f in steps), tuple(_step(f) for f in stale))


def _step(figure: _Figure) -> UpdateStep:
    """A step as the report shows it: the figure with its approximator ("at least 31"), no unit."""
    quantity = figure.quantity
    value = f"{APPROX_WORDS.get(quantity.approx, '')}{_number(quantity.value or 0)}"
    return UpdateStep(value, figure.stamp, figure.article_id, figure.member.span)


# --- Readable values ----------------------------------------------------------------------------------


def readable(quantity: Quantity) -> str:
    """A figure as a report states it: "sixth", "Wednesday", "2031-03-12", "03:40", else its own words."""
    value = quantity.value
    if quantity.kind == "ordinal" and value is not None:
        whole = int(value)
        return ORDINAL_WORDS[whole] if whole < len(ORDINAL_WORDS) else f"{whole}{_suffix(whole)}"
    if quantity.kind == "weekday" and quantity.unit:
        return quantity.unit.capitalize()
    if quantity.kind in CALENDAR_KINDS:
        return quantity.date or quantity.text
    if quantity.kind == "time" and value is not None:
        hours, minutes = divmod(int(value), MINUTES_PER_HOUR)
        return f"{hours:02d}:{minutes:02d}"
    return quantity.text


def _suffix(whole: int) -> str:
    """The English ordinal suffix: 21 -> "st", 112 -> "th"."""
    if whole % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(whole % 10, "th")


def _number(value: float) -> str:
    """12.0 -> "12", 2.5 -> "2.5", 12000.0 -> "12,000"."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,g}"
