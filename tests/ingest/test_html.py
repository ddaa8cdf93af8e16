"""HTML article extraction: main text without boilerplate, and what the page says of itself."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.ingest.errors import EmptyPageError
from storyline.ingest.html import extract_html, normalize_text, parse_date

STORY = [
    "The island ferry sailed again on Tuesday morning, four days after a winter storm tore loose "
    "two of the pontoons at the northern pier and left hundreds of commuters stranded.",
    "Harbour engineers worked through the weekend to secure the pontoons, the port authority said, "
    "and the first crossing left at seven with forty passengers and a delivery van on board.",
    "\u201cWe are relieved, but the pier needs a proper repair before next winter,\u201d said Alma "
    "Quist, who runs the caf\u00e9 by the terminal and has watched the crossings for twenty years.",
]

WRAPPED = STORY[1].replace(", ", ",\n   \t")  # source line breaks inside a paragraph

FERRY_PAGE = f"""<!DOCTYPE html>
<html lang="en-gb">
<head>
<meta charset="utf-8">
<title>Ferry Service Resumes After Storm | The Harbour Gazette</title>
<meta property="og:title" content="Ferry Service Resumes After Storm">
<meta property="og:site_name" content="The Harbour Gazette">
<link rel="canonical" href="/news/ferry-service-resumes">
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Ferry Service Resumes After Storm",
 "author": [{{"@type": "Person", "name": "Ines Marlow"}}, {{"@type": "Person", "name": "Tom Reyes"}}],
 "publisher": {{"@type": "Organization", "name": "Harbour Gazette Ltd"}},
 "datePublished": "2024-03-05T07:45:00+01:00",}}
</script>
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main>
<article>
<h1>Ferry Service Resumes After Storm</h1>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
<p>{STORY[0]}</p>
<p>{WRAPPED}</p>
<p>Read more: Storm damage closes coastal road</p>
<p>{STORY[2]}</p>
<div style="display:none"><p>Hidden copy of the headline and the byline for crawlers only.</p></div>
<ul><li><a href="/a">Storm damage closes coastal road</a></li>
<li><a href="/b">Council debates new sea wall after the storm</a></li></ul>
</article>
<aside class="related-stories"><h2>Related stories</h2><ul>
<li><a href="/c">Fishing fleet stays in port</a></li></ul></aside>
<div class="newsletter"><p>Sign up for our newsletter to get the day's top stories.</p></div>
</main>
<footer><p>\u00a9 2019 The Harbour Gazette. All rights reserved.</p></footer>
</body>
</html>"""


def _page(head: str, body: str, lang: str = "") -> str:
    lang_attr = f' lang="{lang}"' if lang else ""
    return (
        f"<!DOCTYPE html><html{lang_attr}><head><meta charset='utf-8'>{head}</head>"
        f"<body><article>{body}</article></body></html>"
    )


def test_article_text_keeps_the_story_and_drops_boilerplate() -> None:
    document = extract_html(FERRY_PAGE, "ferry.html", url="https://gazette.example/x?utm=1")
    assert document.text == "\n\n".join(STORY)
    assert document.origin == "ferry.html"


def test_page_metadata_comes_from_json_ld_meta_tags_and_canonical_link() -> None:
    document = extract_html(FERRY_PAGE, "ferry.html", url="https://gazette.example/x?utm=1")
    assert document.title == "Ferry Service Resumes After Storm"
    assert document.byline == "Ines Marlow, Tom Reyes"
    assert document.outlet == "The Harbour Gazette"  # og:site_name before the JSON-LD publisher
    assert document.url == "https://gazette.example/news/ferry-service-resumes"
    assert document.published == "2024-03-05T07:45:00+01:00"
    assert document.language == "en-GB"


def test_copyright_year_is_not_taken_for_a_date() -> None:
    html = _page(
        '<title>Quiet Week at the Harbour</title><meta name="copyright" content="2019">'
        '<meta name="date" content="2019">',
        f"<p>{STORY[0]}</p><p>{STORY[1]}</p><footer><p>Copyright \u00a9 2019 The Harbour Gazette"
        "</p><time>2019</time></footer>",
    )
    document = extract_html(html, "quiet.html")
    assert document.published is None
    assert document.text == f"{STORY[0]}\n\n{STORY[1]}"


def test_without_structured_date_the_url_path_date_is_used() -> None:
    html = _page("<title>Quiet Week</title>", f"<p>{STORY[0]}</p>")
    document = extract_html(html, "quiet.html", url="https://gazette.example/2024/03/05/quiet-week/")
    assert document.published == "2024-03-05"
    assert document.url == "https://gazette.example/2024/03/05/quiet-week/"


def test_plain_meta_tags_and_unknown_fields() -> None:
    html = _page(
        '<title>Quiet Week at the Harbour</title><meta name="author" content="By Ines Marlow">'
        '<meta http-equiv="content-language" content="nl_NL">'
        '<meta property="article:published_time" content="Tue, 05 Mar 2024 07:45:00 GMT">',
        f"<p>{STORY[0]}</p>",
    )
    document = extract_html(html, "quiet.html")
    assert document.title == "Quiet Week at the Harbour"
    assert document.byline == "Ines Marlow"
    assert document.language == "nl-NL"
    assert document.published == "2024-03-05T07:45:00+00:00"
    assert document.outlet is None  # never guessed from the host name
    assert document.url is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024/03/05", "2024-03-05"),
        ("2024-03-05T07:45:00Z", "2024-03-05T07:45:00+00:00"),
        ("2024-03-05 07:45:00+01:00", "2024-03-05T07:45:00+01:00"),
        ("March 5, 2024, 07:45 PM EST", "2024-03-05"),
        ("5 Mar 2024 07:45 GMT", "2024-03-05"),
        ("Nov. 18, 2019, 4:06 p.m.", "2019-11-18"),
        ("2019", None),
        ("\u00a9 2019 The Harbour Gazette", None),
        ("March 2019", None),
        ("2024-13-45", None),
        ("yesterday", None),
    ],
)
def test_parse_date_accepts_full_dates_only(value: str, expected: str | None) -> None:
    assert parse_date(value) == expected


def test_fragment_without_html_wrapper_is_read() -> None:
    document = extract_html(f"<p>{STORY[0]}</p><p>{STORY[2]}</p>", "record.json#1")
    assert document.text == f"{STORY[0]}\n\n{STORY[2]}"
    assert document.title is None


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n ",
        "<html><body><nav>Home</nav></body></html>",
        "<html><head><title>Only a title</title></head><body><script>var x = 1;</script></body></html>",
    ],
)
def test_pages_without_article_text_are_refused(html: str) -> None:
    with pytest.raises(EmptyPageError):
        extract_html(html, "empty.html")


@given(st.text(alphabet=st.sampled_from(list("ab \t\n\u00a0\u200bé\u0301")), max_size=40))
def test_normalized_text_is_trimmed_single_spaced_and_stable(raw: str) -> None:
    text = normalize_text(raw)
    assert text == text.strip()
    assert "  " not in text and "\n" not in text and "\u200b" not in text
    assert normalize_text(text) == text
