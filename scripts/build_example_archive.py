#!/usr/bin/env python3
# ruff: noqa: E501
"""Build ``examples/archive.warc.gz``, the small WARC file of the fictional example corpus.

The archive holds a ``warcinfo`` record and two HTTP ``response`` records, each an article page
"crawled" from an outlet that exists only in this corpus. Every country, person and outlet in the
pages is invented. Record ids, WARC dates and HTTP dates are fixed, so re-running the script
writes the same bytes (given the same warcio and zlib).

Usage::

    .venv/bin/python scripts/build_example_archive.py [OUTPUT]

The two articles live only here and in the archive, never as separate files in ``examples/``.
"""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "examples" / "archive.warc.gz"

WARCINFO_ID = "<urn:uuid:5f0c2a8e-1d3b-4c6a-9e7f-000000000001>"
WARCINFO_DATE = "2031-04-24T09:00:00Z"

# The Daily Meridian, 14 April 2031: the phone call over the Sellin corridor levy (story 2).
MERIDIAN_URI = "https://dailymeridian.example/economy/2031/04/14/corridor-levy-sours-ties"
MERIDIAN_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Corridor levy sours ties a month after Port Aldine | The Daily Meridian</title>
  <meta name="author" content="Anneke Solberg">
  <meta property="og:type" content="article">
  <meta property="og:site_name" content="The Daily Meridian">
  <meta property="og:title" content="Corridor levy sours ties a month after Port Aldine">
  <meta property="og:url" content="https://dailymeridian.example/economy/2031/04/14/corridor-levy-sours-ties">
  <meta property="og:image" content="https://dailymeridian.example/static/img/share-default.jpg">
  <meta property="article:published_time" content="2031-04-14T21:05:00+01:00">
  <meta property="article:section" content="Economy">
  <link rel="canonical" href="https://dailymeridian.example/economy/2031/04/14/corridor-levy-sours-ties">
  <link rel="stylesheet" href="/static/css/meridian.4f2a91.css">
  <script async src="/static/js/readership.js"></script>
</head>
<body class="article-page">
  <div id="cookie-consent" class="cookie-banner" role="dialog" aria-label="Cookie consent">
    <p>The Daily Meridian uses cookies to count readers and remember your settings. You can change your choice at any time.</p>
    <button type="button" class="accept">Accept all cookies</button>
    <button type="button" class="manage">Manage preferences</button>
  </div>
  <header class="site-header">
    <a class="logo" href="/">The Daily Meridian</a>
    <nav class="main-nav" aria-label="Sections">
      <ul>
        <li><a href="/">Home</a></li>
        <li><a href="/politics/">Politics</a></li>
        <li><a href="/world/">World</a></li>
        <li><a href="/economy/">Economy</a></li>
        <li><a href="/opinion/">Opinion</a></li>
        <li><a href="/sport/">Sport</a></li>
        <li><a href="/culture/">Culture</a></li>
      </ul>
    </nav>
    <a class="subscribe" href="/subscribe">Subscribe for 2 crowns a week</a>
    <a class="login" href="/account/login">Sign in</a>
  </header>
  <main id="main">
    <article class="story">
      <p class="kicker"><a href="/economy/">Economy</a></p>
      <h1 class="headline">Corridor levy sours ties a month after Port Aldine</h1>
      <div class="byline">By <a rel="author" href="/authors/anneke-solberg">Anneke Solberg</a>
        <time datetime="2031-04-14T21:05:00+01:00">14 April 2031, 21:05</time></div>
      <ul class="share-bar">
        <li><a href="#share-facebook">Share on Facebook</a></li>
        <li><a href="#share-x">Share on X</a></li>
        <li><a href="#share-email">Email this story</a></li>
      </ul>
      <div class="story-body">
        <p>A month after their summit in Port Aldine, President Maren Dovic and Prime Minister Teodor Kask are at odds again, this time over trade rather than water. In a phone call on Monday, Dovic told the Kestranian leader that a 9 percent levy on freight using the Sellin corridor would hurt Velorian exporters and should be suspended while the two governments talk, according to officials in Cardell.</p>
        <p>“A levy imposed overnight is not how neighbours treat each other,” Dovic said afterwards. Officials in her office described the conversation as difficult but civil. Kask did not agree to suspend the levy, they said, but accepted a Velorian proposal for talks between the two trade ministers, Joren Hale and Dita Varsh, who are expected to meet before the end of the month.</p>
        <p>The Sellin corridor carries grain, timber and machinery from Veloria’s northern provinces to the port of Marrow Bay, the nearest deep-water harbour for most Velorian producers. Exporters’ groups in Cardell say the levy, which took effect last week, has already added days of paperwork at the border, and some timber firms have begun shipping by the longer southern route through the port of Aldric.</p>
        <p>The dispute comes at an awkward time. The joint water commission agreed at Port Aldine is still waiting for its members to be named, and Velorian officials had hoped that a calm spring would allow the two governments to move on to trade and energy. Kestrania’s trade minister, Dita Varsh, said the levy was needed to repair rail bridges that have not been renovated since the 1990s and would be reviewed in a year.</p>
      </div>
      <p class="corrections">Spotted an error? Write to corrections@dailymeridian.example</p>
    </article>
    <aside class="related" aria-label="Related">
      <h2>More from Economy</h2>
      <ul>
        <li><a href="/economy/grain-prices">Grain prices slip as harvest outlook improves</a></li>
        <li><a href="/economy/central-bank">Central bank holds rates at 3.5 percent</a></li>
        <li><a href="/economy/port-strike">Dock workers at Aldric vote on new contract</a></li>
      </ul>
    </aside>
    <section class="newsletter">
      <h2>The Meridian Morning</h2>
      <p>Get the day's essential stories in your inbox before breakfast.</p>
      <form action="/newsletter"><input type="email" name="email" placeholder="Your email"><button>Sign up</button></form>
    </section>
  </main>
  <footer class="site-footer">
    <ul>
      <li><a href="/about">About us</a></li>
      <li><a href="/contact">Contact</a></li>
      <li><a href="/privacy">Privacy policy</a></li>
      <li><a href="/terms">Terms of use</a></li>
    </ul>
    <p>© 2031 The Daily Meridian, Cardell. All rights reserved.</p>
    <p class="fiction-note">The Daily Meridian is a fictional newspaper invented for the storyline example corpus.</p>
  </footer>
</body>
</html>
"""

# Kestranian Broadcasting Network, 22 April 2031: the Varnholt earthquake, second toll (story 3).
KBN_URI = "https://kbn.example/news/2031/04/22/varnholt-earthquake-death-toll-rises"
KBN_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Varnholt earthquake: death toll rises to 31 as rescuers reach mountain villages - KBN News</title>
  <meta name="author" content="Marek Tovan">
  <meta property="og:site_name" content="Kestranian Broadcasting Network">
  <meta property="og:title" content="Varnholt earthquake: death toll rises to 31 as rescuers reach mountain villages">
  <meta property="og:type" content="article">
  <meta property="og:url" content="https://kbn.example/news/2031/04/22/varnholt-earthquake-death-toll-rises">
  <meta property="article:published_time" content="2031-04-22T16:20:00+02:00">
  <link rel="canonical" href="https://kbn.example/news/2031/04/22/varnholt-earthquake-death-toll-rises">
  <link rel="stylesheet" href="/css/kbn-news.css">
</head>
<body>
  <div class="privacy-banner">
    <p>KBN uses cookies and similar technologies. Some are essential; others help us improve our services.</p>
    <button>Accept</button> <button>Reject non-essential</button>
  </div>
  <header class="kbn-header">
    <a href="/" class="kbn-logo">KBN</a>
    <nav>
      <a href="/news">News</a> <a href="/news/kestrania">Kestrania</a> <a href="/news/world">World</a>
      <a href="/live">Watch live</a> <a href="/radio">Radio</a> <a href="/weather">Weather</a>
    </nav>
  </header>
  <div class="live-ticker">LIVE: Varnholt earthquake – follow the latest updates</div>
  <main>
    <article>
      <h1>Varnholt earthquake: death toll rises to 31 as rescuers reach mountain villages</h1>
      <div class="meta"><span class="by">Marek Tovan, KBN News</span> <span class="when">22 April 2031, 16:20</span></div>
      <div class="article-body">
        <p>The number of people killed in the earthquake that struck Varnholt province early on Tuesday has risen to at least 31, the interior ministry said this afternoon, as rescue teams reached villages in the upper Skelde valley that had been cut off since the quake. Officials said the figure was expected to rise further as the search of damaged houses continued.</p>
        <p>Most of the newly confirmed deaths were in the villages of Orrin Pass and Hollen, where a landslide had blocked the valley road for much of the morning. Army engineers cleared a single lane shortly before noon, allowing ambulances and heavy lifting equipment to reach the area. Interior ministry spokeswoman Lenka Mirov said several people were still missing under the rubble.</p>
        <p>“Our teams are working house by house, and they will keep working through the night,” Mirov told KBN. The magnitude 6.4 quake, centred near the town of Skelde, damaged hundreds of buildings, including a hospital wing that had to be evacuated. Patients were moved to a field hospital set up by the army in the town’s football stadium, where doctors flown in from Vessenburg have joined local staff.</p>
        <p>Prime Minister Teodor Kask arrived in Skelde in the early afternoon and visited the field hospital. A team of sixty Velorian rescuers with search dogs crossed the border at midday, the first foreign team to reach the area. The Red Lantern Society has opened shelters for about 2,000 residents in the town, and has appealed for blankets, bottled water, baby food and blood donors.</p>
      </div>
      <div class="share-tools">Share this page <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Copy link</a></div>
      <section class="related-topics">
        <h2>Related stories</h2>
        <ul>
          <li><a href="/news/2031/04/22/how-to-donate">How to help people affected by the earthquake</a></li>
          <li><a href="/news/2031/04/21/parliament-budget">Parliament approves spring budget</a></li>
          <li><a href="/news/2031/04/20/weather-warning">Weather warning for the northern coast</a></li>
        </ul>
      </section>
    </article>
  </main>
  <footer class="kbn-footer">
    <p>© 2031 Kestranian Broadcasting Network. KBN is not responsible for the content of external sites.</p>
    <p>KBN is a fictional broadcaster in the storyline example corpus.</p>
  </footer>
</body>
</html>
"""

# (target URI, record id, WARC-Date, HTTP Date header, page)
PAGES = [
    (
        MERIDIAN_URI,
        "<urn:uuid:5f0c2a8e-1d3b-4c6a-9e7f-000000000002>",
        "2031-04-24T09:00:05Z",
        "Thu, 24 Apr 2031 09:00:05 GMT",
        MERIDIAN_HTML,
    ),
    (
        KBN_URI,
        "<urn:uuid:5f0c2a8e-1d3b-4c6a-9e7f-000000000003>",
        "2031-04-24T09:00:11Z",
        "Thu, 24 Apr 2031 09:00:11 GMT",
        KBN_HTML,
    ),
]


def build(output: Path) -> None:
    """Write the archive to ``output`` (gzip-compressed, one gzip member per record)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="1.0")

        info = (
            b"software: storyline scripts/build_example_archive.py\r\n"
            b"format: WARC File Format 1.0\r\n"
            b"description: Fictional example pages for storyline; every outlet, person and place is invented.\r\n"
        )
        writer.write_record(
            writer.create_warc_record(
                "",
                "warcinfo",
                payload=BytesIO(info),
                length=len(info),
                warc_content_type="application/warc-fields",
                warc_headers_dict={
                    "WARC-Record-ID": WARCINFO_ID,
                    "WARC-Date": WARCINFO_DATE,
                    "WARC-Filename": output.name,
                },
            )
        )

        for uri, record_id, warc_date, http_date, page in PAGES:
            body = page.encode("utf-8")
            http_headers = StatusAndHeaders(
                "200 OK",
                [
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Length", str(len(body))),
                    ("Date", http_date),
                    ("Server", "nginx"),
                    ("Cache-Control", "max-age=300"),
                ],
                protocol="HTTP/1.1",
            )
            writer.write_record(
                writer.create_warc_record(
                    uri,
                    "response",
                    payload=BytesIO(body),
                    length=len(body),
                    http_headers=http_headers,
                    warc_headers_dict={
                        "WARC-Record-ID": record_id,
                        "WARC-Date": warc_date,
                        "WARC-Warcinfo-ID": WARCINFO_ID,
                    },
                )
            )


def main(argv: list[str]) -> int:
    output = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    build(output)
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
