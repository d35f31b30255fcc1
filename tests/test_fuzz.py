"""Random and mutated YAML never escapes `load_deck` as an exception."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nanyi_desk.deck import Level, load_deck
from nanyi_desk.resources import starter_deck

STARTER = (starter_deck() / "deck.yaml").read_text(encoding="utf-8")
YAMLISH = st.sampled_from(
    [
        ":",
        "- ",
        "  ",
        "\n",
        "[",
        "]",
        "{",
        "}",
        "&a ",
        "*a",
        "!!",
        "'",
        '"',
        "#",
        "|",
        ">",
        "layout: ",
        "value: ",
        "drill: ",
        "include: ",
        "1",
        "-1.5e3",
        "null",
        "亿",
        "\t",
        "---\n",
        "? ",
        "<<: ",
        "~",
        "\x00",
        "\ufeff",
    ]
)


def _check(raw: bytes, folder: Path) -> None:
    (folder / "deck.yaml").write_bytes(raw)
    loaded = load_deck(folder)
    # Either a model, or at least one located error: never silence, never a crash.
    assert (loaded.deck is not None) != bool(loaded.errors)
    for diagnostic in loaded.diagnostics:
        assert diagnostic.mark.line >= 1
        assert diagnostic.mark.column >= 1
        assert diagnostic.level in (Level.ERROR, Level.WARNING)


def _starter_copy() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="nanyi-fuzz-"))
    shutil.copytree(starter_deck(), folder, dirs_exist_ok=True)
    return folder


FOLDER = _starter_copy()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes(raw: bytes) -> None:
    _check(raw, FOLDER)


@settings(max_examples=200, deadline=None)
@given(st.lists(YAMLISH, max_size=60).map("".join))
def test_random_yaml_tokens(text: str) -> None:
    _check(text.encode("utf-8", "surrogatepass"), FOLDER)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, len(STARTER)), st.integers(0, 12), YAMLISH | st.text(max_size=4)),
        min_size=1,
        max_size=4,
    )
)
def test_mutated_starter_deck(edits: list[tuple[int, int, str]]) -> None:
    text = STARTER
    for at, cut, insert in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut :]
    _check(text.encode("utf-8", "surrogatepass"), FOLDER)
