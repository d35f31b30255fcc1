"""Shared test set-up: offscreen Qt, the Agg backend, and paths to test data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Before anything imports Qt or matplotlib: no display, no GUI backend.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def data_dir() -> Path:
    """tests/data."""
    return DATA
