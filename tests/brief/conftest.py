"""Fixtures of the brief tests: the hand-built ferry story of :mod:`ferry_story`."""

from __future__ import annotations

import pytest
from brief.ferry_story import TEXTS, build_report

from storyline.model import Report


@pytest.fixture
def texts() -> dict[str, str]:
    return dict(TEXTS)


@pytest.fixture
def bare_report() -> Report:
    return build_report()
