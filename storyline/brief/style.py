"""The stylesheet of the HTML report and index, inlined in each page (no external assets).

A reading page first: a serif text column for the briefing, sans-serif for tables, generous line
height, quiet colours, a dark scheme that follows the reader's setting, and print rules. The cited
evidence highlights itself when a citation marker is followed (``:target``), so no script is needed.
"""

from __future__ import annotations

import base64
import hashlib

CSS = """
:root {
  --ink: #1d1f24; --muted: #5d636f; --faint: #8a909b; --rule: #dfe2e7; --paper: #fdfcfa;
  --panel: #f4f3ef; --accent: #1f5f8b; --mark: #fff1b8; --del: #fbe1e1; --del-ink: #8f1d1d;
  --ins: #def3e3; --ins-ink: #17602e; --warn: #a34d00;
  --serif: Charter, "Bitstream Charter", "Iowan Old Style", "Source Serif Pro", Georgia, serif;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root {
    --ink: #e6e4df; --muted: #a9adb5; --faint: #7d828c; --rule: #3a3e45; --paper: #17191c;
    --panel: #202328; --accent: #8cc4ec; --mark: #5a4a12; --del: #4d2424; --del-ink: #f3b4b4;
    --ins: #1f4029; --ins-ink: #a9e2b8; --warn: #f0a35e;
  }
}
* { box-sizing: border-box; }
html { background: var(--paper); color: var(--ink); }
body { margin: 0 auto; max-width: 68rem; padding: 2.5rem 1.5rem 4rem; font: 17px/1.6 var(--serif); }
h1, h2, h3, nav, table, .meta, .kicker, .where, footer, dl, .chip, .badge { font-family: var(--sans); }
h1 { font-size: 2.1rem; line-height: 1.2; margin: 0.2rem 0 0.6rem; letter-spacing: -0.01em; }
h2 { font-size: 1.25rem; margin: 3rem 0 1rem; padding-bottom: 0.3rem;
  border-bottom: 2px solid var(--ink); }
h3 { font-size: 1rem; margin: 1.6rem 0 0.5rem; }
a { color: var(--accent); }
.kicker { text-transform: uppercase; letter-spacing: 0.12em; font-size: 0.75rem; color: var(--muted);
  margin: 0; }
.meta, .entities { color: var(--muted); font-size: 0.92rem; margin: 0.2rem 0; }
nav.toc { margin-top: 1.2rem; font-size: 0.85rem; }
nav.toc a { margin-right: 1rem; text-decoration: none; }
.empty { color: var(--muted); font-style: italic; }
ol.briefing { max-width: 42rem; padding-left: 1.6rem; }
ol.briefing li { margin: 0 0 0.9rem; padding-left: 0.3rem; }
.quoted { background: var(--panel); border-radius: 3px; padding: 0 0.15em; }
sup.cites { font: 600 0.7rem var(--sans); margin-left: 0.15rem; }
sup.cites a { text-decoration: none; margin-right: 0.2rem; padding: 0 0.2em; border-radius: 3px;
  border: 1px solid var(--rule); }
sup.cites a:hover, sup.cites a:focus { background: var(--mark); }
table { border-collapse: collapse; width: 100%; font-size: 0.86rem; margin: 0.5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: 0.45rem 0.6rem;
  border-bottom: 1px solid var(--rule); }
thead th { border-bottom: 2px solid var(--ink); font-weight: 600; white-space: nowrap; }
.table-wrap { overflow-x: auto; }
td.mark, th.mark { text-align: center; width: 3rem; }
td.yes { color: var(--ins-ink); font-weight: 700; }
td.no { color: var(--faint); }
.badge { display: inline-block; font-size: 0.75rem; padding: 0.05rem 0.45rem; border-radius: 999px;
  background: var(--panel); border: 1px solid var(--rule); white-space: nowrap; }
.badge.corroborated, .badge.verbatim { background: var(--ins); color: var(--ins-ink); }
.badge.conflicting, .badge.altered { background: var(--del); color: var(--del-ink); }
.badge.updated, .badge.reworded { color: var(--warn); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 1rem; }
.card { background: var(--panel); border: 1px solid var(--rule); border-radius: 8px;
  padding: 0.9rem 1rem; }
.card h3 { margin-top: 0; }
.card .headline { font-style: italic; margin: 0 0 0.6rem; }
dl { font-size: 0.86rem; margin: 0; }
dt { color: var(--muted); font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em;
  margin-top: 0.6rem; }
dd { margin: 0.1rem 0 0; }
.chip { display: inline-block; font-size: 0.8rem; border-radius: 4px; padding: 0 0.35rem;
  margin: 0.1rem 0.2rem 0.1rem 0; }
  border: 1px solid var(--rule); background: var(--paper); }
.chip.own { border-color: var(--warn); color: var(--warn); }
ol.steps { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4rem;
  align-items: center; }
ol.steps li { background: var(--panel); border: 1px solid var(--rule); border-radius: 6px;
  padding: 0.3rem 0.6rem; }
ol.steps li + li::before { content: "\\2192\\00a0"; color: var(--muted); }
ol.steps strong { font-size: 1.1rem; }
.small { font-size: 0.8rem; color: var(--muted); font-family: var(--sans); }
.stale { color: var(--warn); font-size: 0.9rem; }
ul.values { padding-left: 1.2rem; }
del { background: var(--del); color: var(--del-ink); text-decoration: line-through; }
ins { background: var(--ins); color: var(--ins-ink); text-decoration: none; }
blockquote { margin: 0.4rem 0; padding: 0.2rem 0 0.2rem 1rem; border-left: 3px solid var(--rule); }
ol.timeline { list-style: none; padding-left: 1.2rem; border-left: 2px solid var(--rule); }
ol.timeline li { position: relative; margin: 0 0 0.9rem; }
ol.timeline li::before { content: ""; position: absolute; left: -1.62rem; top: 0.55rem; width: 0.7rem;
  height: 0.7rem; }
  border-radius: 50%; background: var(--accent); }
ol.timeline time { display: block; font: 0.8rem var(--sans); color: var(--muted); }
ol.evidence li { margin-bottom: 0.8rem; scroll-margin-top: 2rem; }
ol.evidence li:target { background: var(--mark); outline: 4px solid var(--mark); border-radius: 2px; }
.where { font-size: 0.8rem; color: var(--muted); margin: 0; }
.context { color: var(--muted); }
mark { background: var(--mark); color: var(--ink); }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
footer { margin-top: 4rem; font-size: 0.8rem; color: var(--muted); border-top: 1px solid var(--rule);
  padding-top: 1rem; }
@media print {
  body { max-width: none; font-size: 11pt; }
  nav.toc { display: none; }
  a { color: inherit; }
  h2 { break-after: avoid; }
}
""".strip()


def css_hash() -> str:
    """The CSP source expression that allows exactly this stylesheet and no other inline style."""
    digest = hashlib.sha256(CSS.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


CSP = (
    "default-src 'none'; "
    f"style-src {css_hash()}; "
    "img-src 'none'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
)
"""No script at all, no external fetch, and only our own stylesheet: article text and metadata are
hostile input, and even if escaping failed somewhere, injected markup could not run or load anything."""
