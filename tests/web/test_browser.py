"""The UI in a real headless Chromium: list → story → citation → highlighted span, and no script runs.

The hostile corpus tries to set ``window.__pwned`` (script tags, event handlers, ``javascript:``
links); after visiting every page on the path the flag must still be unset and no dialog opened.
Skips when the system Chromium or Playwright is missing (``.ci/run`` installs them).
"""

from __future__ import annotations

import os
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"

pytestmark = [
    pytest.mark.network,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM), reason=f"headless Chromium not installed at {CHROMIUM} (apt chromium)"
    ),
]


@pytest.fixture(scope="module")
def browser() -> Any:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
        )
        yield chromium
        chromium.close()


def _pwned(page: Any) -> Any:
    return page.evaluate("() => window.__pwned === undefined ? null : window.__pwned")


def test_citation_path_highlights_span_and_runs_no_script(browser: Any, live_url: str) -> None:
    page = browser.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(live_url + "/")
    assert _pwned(page) is None
    page.locator("a", has_text="Lake Sorvin").first.click()
    page.wait_for_load_state()
    assert "/stories/" in page.url and _pwned(page) is None
    page.locator("a.cite").first.click()
    page.wait_for_load_state()
    assert "span=" in page.url and _pwned(page) is None
    mark = page.locator("mark#cited")
    assert mark.count() == 1 and mark.is_visible()
    color = mark.evaluate("(el) => getComputedStyle(el).backgroundColor")
    assert color not in ("rgba(0, 0, 0, 0)", "transparent"), "the cited span is highlighted"
    for link in page.locator("a[href]").all():
        assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
    page.goto(page.url.split("/articles/")[0] + "/")
    for href in page.locator("a[href^='/stories/']").evaluate_all("(links) => links.map((a) => a.href)"):
        page.goto(href)
        assert _pwned(page) is None, href
    assert dialogs == []
    page.close()


def test_full_report_page_runs_no_script(browser: Any, live_url: str) -> None:
    import httpx

    page = browser.new_page()
    for story in httpx.get(live_url + "/api/stories", timeout=30).json()["stories"]:
        page.goto(f"{live_url}/api/stories/{story['id']}/report?format=html")
        assert _pwned(page) is None
    page.close()
