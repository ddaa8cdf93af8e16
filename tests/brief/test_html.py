"""HTML rendering: well-formed, self-contained, script-free, and inert with hostile input."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from html.parser import HTMLParser

import lxml.html
import pytest
from brief.ferry_story import BT, DM, NW

from storyline.brief import brief, render_index, to_html, verify_report
from storyline.brief.index import index_entry
from storyline.model import Report, StoryInfo

VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "area", "base", "source"}


class _Balance(HTMLParser):
    """Fails on any end tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [(tag, name, value) for name, value in attrs]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


def balanced(page: str) -> _Balance:
    parser = _Balance()
    parser.feed(page)
    parser.close()
    assert parser.stack == [], f"unclosed: {parser.stack}"
    return parser


@pytest.fixture
def report(bare_report: Report, texts: dict[str, str]) -> Report:
    result = brief(bare_report, texts)
    assert verify_report(result, texts) == []
    return result


@pytest.fixture
def hostile(bare_report: Report, texts: dict[str, str]) -> Report:
    sources = (
        dataclasses.replace(
            bare_report.sources[0],
            title="<script>alert(1)</script>",
            byline='"><img src=x onerror=alert(2)>',
            url="javascript:alert(3)",
            outlet="<b>Meridian</b>",
        ),
        dataclasses.replace(
            bare_report.sources[1], url=" JaVaScRiPt:alert(4)", title="</textarea><svg onload=alert(5)>"
        ),
        dataclasses.replace(bare_report.sources[2], url='https://ok.example/a"onmouseover="alert(6)'),
    )
    story = StoryInfo('../x"<y>', "<script>alert(1)</script>", entities=("<i>x</i>",))
    result = brief(dataclasses.replace(bare_report, story=story, sources=sources), texts)
    assert verify_report(result, texts) == []
    return result


def test_page_is_well_formed_and_complete(report: Report, texts: dict[str, str]) -> None:
    page = to_html(report, texts)
    balanced(page)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    tree = lxml.html.document_fromstring(page)
    headings = [h.text_content() for h in tree.iter("h2")]
    assert headings == [
        "Briefing",
        "Sources",
        "Facts × sources",
        "Conflicts & updates",
        "Quote ledger",
        "Framing",
        "Timeline",
        "Evidence",
    ]
    assert tree.findtext(".//h1") == "Ferry Aldine Star capsizes off Skelde"


def test_csp_forbids_script_and_allows_only_the_page_stylesheet(
    report: Report, texts: dict[str, str]
) -> None:
    tree = lxml.html.document_fromstring(to_html(report, texts))
    (meta,) = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]')
    policy = meta.get("content")
    assert "default-src 'none'" in policy and "script-src 'none'" in policy
    (style,) = tree.xpath("//style")
    digest = base64.b64encode(hashlib.sha256(style.text.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in policy
    assert not tree.xpath("//script | //link | //img | //iframe | //*[@style]")


def test_citation_markers_link_to_the_cited_words(report: Report, texts: dict[str, str]) -> None:
    tree = lxml.html.document_fromstring(to_html(report, texts))
    items = tree.xpath('//ol[@class="briefing"]/li')
    assert len(items) == len(report.briefing)
    first_marks = items[0].xpath('.//sup[@class="cites"]/a')
    assert [a.get("href") for a in first_marks] == ["#ev-1", "#ev-2", "#ev-3"]
    evidence = tree.get_element_by_id("ev-1")
    assert evidence.findtext(".//mark") == texts[DM][0:78]
    assert evidence.xpath(".//a/@href") == ["#b1"]
    ids = set(tree.xpath("//@id"))
    targets = {href[1:] for href in tree.xpath("//a/@href") if href.startswith("#")}
    assert targets <= ids


def test_quoted_words_are_set_apart_in_the_briefing(report: Report, texts: dict[str, str]) -> None:
    tree = lxml.html.document_fromstring(to_html(report, texts))
    quoted = tree.xpath('//li[@id="b6"]/span[@class="quoted"]/text()')
    assert quoted == ["“shocking”", "“botched”"]


def test_matrix_marks_each_supporting_article(report: Report, texts: dict[str, str]) -> None:
    tree = lxml.html.document_fromstring(to_html(report, texts))
    rows = tree.xpath('//table[@class="matrix"]/tbody/tr')
    marks = [
        [td.text_content().strip()[:1] for td in row.xpath('./td[contains(@class, "mark")]')] for row in rows
    ]
    assert marks == [["✓", "✓", "✓"], ["✓", "✓", "·"], ["·", "✓", "·"], ["✓", "✓", "✓"], ["✓", "✓", "✓"]]
    statuses = [row.xpath('./td/span[contains(@class, "badge")]/text()')[0] for row in rows]
    assert statuses == ["corroborated", "corroborated", "single_source", "conflicting", "updated"]


def test_quote_ledger_marks_cut_and_added_words(report: Report, texts: dict[str, str]) -> None:
    page = to_html(report, texts)
    assert "We did <del>everything</del> <ins>all</ins> we could in that water" in page
    assert "<del>We did everything we could</del> <ins>we could not do anything</ins> in that water" in page


def test_framing_cards_side_by_side(report: Report, texts: dict[str, str]) -> None:
    tree = lxml.html.document_fromstring(to_html(report, texts))
    cards = tree.xpath('//div[@class="cards"]/article')
    assert [card.findtext("h3") for card in cards] == [
        "The Daily Meridian",
        "Northern Wire",
        "The Brightwater Times",
    ]
    assert cards[2].xpath('.//span[@class="chip own"]/text()') == ["shocking", "botched (botch)"]
    assert cards[1].xpath('.//span[@class="chip"]/text()') == ["fiasco"]
    assert cards[2].xpath(".//dd/ul/li/text()") == ["f2: The search was suspended at nightfall"]


def test_timeline_is_in_publication_order(report: Report, texts: dict[str, str]) -> None:
    tree = lxml.html.document_fromstring(to_html(report, texts))
    assert tree.xpath('//ol[@class="timeline"]/li/time/@datetime') == [
        "2031-05-12T07:40:00+00:00",
        "2031-05-12T13:05:00+00:00",
        "2031-05-12T18:20:00+00:00",
    ]


def test_hostile_input_is_escaped_and_links_neutralised(hostile: Report, texts: dict[str, str]) -> None:
    page = to_html(hostile, texts)
    parser = balanced(page)
    assert "<script" not in page.lower() and "<img" not in page and "<svg" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not [a for a in parser.attributes if a[1].startswith("on")]
    hrefs = [value or "" for tag, name, value in parser.attributes if name == "href"]
    assert not [h for h in hrefs if not (h.startswith("#") or h.startswith("https://"))]
    assert "https://ok.example/a%22onmouseover=%22alert%286%29" in hrefs
    tree = lxml.html.document_fromstring(page)
    assert tree.findtext(".//h1") == "<script>alert(1)</script>"
    assert tree.xpath("//table/tbody/tr[1]/td[1]")[0].text_content() == "<b>Meridian</b>"


def test_index_lists_stories_newest_first(report: Report, hostile: Report) -> None:
    older = dataclasses.replace(
        report, story=dataclasses.replace(report.story, id="older", last_published="2031-05-01")
    )
    page = render_index([older, hostile, report])
    balanced(page)
    tree = lxml.html.document_fromstring(page)
    rows = tree.xpath("//tbody/tr")
    # the hostile story gives no dates: its newest source (18:20) counts, a tie broken by title
    assert [row.xpath("./th/a/@href")[0] for row in rows] == [
        "..%2Fx%22%3Cy%3E.html",
        "story-skelde-ferry.html",
        "older.html",
    ]
    cells = [td.text_content() for td in rows[1].xpath("./td")]
    assert cells == [
        "The Daily Meridian, Northern Wire, The Brightwater Times",
        "2",
        "1",
        "12 May 2031, 18:20 UTC",
    ]
    assert "<script" not in page.lower()


def test_index_of_nothing() -> None:
    page = render_index([])
    balanced(page)
    assert "No stories yet." in page


def test_ids_are_positional_not_content(report: Report, texts: dict[str, str]) -> None:
    ids = re.findall(r'id="([^"]+)"', to_html(report, texts))
    assert all(
        re.fullmatch(r"(b|ev-|fact-)\d+|briefing|sources|facts|changes|quotes|framing|timeline|evidence", i)
        for i in ids
    )
    assert {BT, NW} & set(ids) == set()


def test_index_of_entries_is_the_index_of_their_reports(report: Report, hostile: Report) -> None:
    entries = [index_entry(hostile), index_entry(report)]
    assert render_index(entries) == render_index([hostile, report])
    assert entries[1].outlets == "The Daily Meridian, Northern Wire, The Brightwater Times"
    assert (entries[1].origins, entries[1].conflicts) == (2, 1)
