"""``fact_words`` works each fact's evidence out once per briefing and gives what the per-call form
gave: the statement when a cited span holds it verbatim, else the shortest cited wording, from
every citable place or from those outside one article."""

from __future__ import annotations

from brief.ferry_story import build_report

from storyline.brief.context import Context, Ref, fact_words, support_refs
from storyline.brief.text import excerpt, found_verbatim
from storyline.model import Fact


def _per_call(ctx: Context, fact: Fact, refs: list[Ref]) -> str | None:
    """``fact_words`` as it was: every check made again for every call."""
    spans = [(ref, words) for ref in refs if (words := ctx.words(ref)) is not None and excerpt(words)]
    if not spans:
        return None
    if excerpt(fact.statement) and any(found_verbatim(fact.statement, words) for _, words in spans):
        return excerpt(fact.statement)
    shortest = min(spans, key=lambda item: (len(excerpt(item[1])), ctx.order[item[0][0]], item[0][1]))
    return excerpt(shortest[1])


def test_fact_words_equal_the_per_call_form(texts: dict[str, str]) -> None:
    report = build_report()
    ctx = Context(report, texts)
    article_ids = [source.article_id for source in report.sources]
    checked = 0
    for fact in report.facts:
        every = ctx.citable(support_refs(fact))
        assert fact_words(ctx, fact) == (every, _per_call(ctx, fact, every))
        for article_id in [*article_ids, "not-a-source"]:
            refs = [ref for ref in every if ref[0] != article_id]
            assert fact_words(ctx, fact, article_id) == (refs, _per_call(ctx, fact, refs))
            checked += _per_call(ctx, fact, refs) is not None
    assert checked > 5


def test_a_fact_without_citable_words_has_none(texts: dict[str, str]) -> None:
    report = build_report()
    ctx = Context(report, {})
    assert all(fact_words(ctx, fact) == ([], None) for fact in report.facts)
    ctx = Context(report, texts)
    only = report.facts[0]
    carriers = {ref[0] for ref in ctx.citable(support_refs(only))}
    if len(carriers) == 1:
        assert fact_words(ctx, only, next(iter(carriers)))[1] is None
