"""Each deck in tests/data/invalid holds one mistake and says, in a comment, what
`validate` must report for it and where: `# expect: LINE:COL: level: message start`."""

from __future__ import annotations

from pathlib import Path

import pytest

from nanyi_desk.deck import load_deck

INVALID = Path(__file__).parent / "data" / "invalid"
CASES = sorted(INVALID.glob("*.yaml"))


def test_there_is_a_case_per_error_class() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("deck", CASES, ids=[c.stem for c in CASES])
def test_invalid_deck_is_reported_at_its_line(deck: Path, expectation) -> None:  # noqa: ANN001 - conftest's
    file, expected = expectation(deck)
    loaded = load_deck(deck)
    assert loaded.deck is None, "an invalid deck must not produce a model"
    shown = [
        f"{d.mark.line}:{d.mark.column}: {d.level.value}: {d.message}"
        for d in loaded.diagnostics
        if d.mark.file.resolve() == file
    ]
    assert any(s.startswith(expected) for s in shown), "\n".join(shown) or "no diagnostics"


def test_all_errors_are_reported_in_one_run(tmp_path: Path) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(
        "format: 1\n"
        "title: Deck\n"
        "slides:\n"
        "  - layout: bullets\n"
        "    titel: x\n"
        "    items: [a]\n"
        "  - layout: kpis\n"
        "    items:\n"
        "      - {value: 12亿, label: L, drill: nowhere}\n"
        "  - layout: bulets\n",
        encoding="utf-8",
    )
    loaded = load_deck(deck)
    places = {(d.mark.line, d.mark.column) for d in loaded.errors}
    assert {(5, 5), (9, 17), (9, 39), (10, 13)} <= places


def test_translation_and_source_warnings_do_not_stop_the_deck(data_dir: Path) -> None:
    loaded = load_deck(data_dir / "valid" / "warnings.yaml")
    assert loaded.deck is not None
    messages = [(d.mark.line, d.message) for d in loaded.warnings]
    assert (6, "no en text here — add en: with the translation") in messages
    assert any(line == 8 and "figure 1478 has no source" in m for line, m in messages)
    assert not loaded.errors


def test_errors_in_and_after_an_include_are_reported_where_they_were_written(
    tmp_path: Path,
) -> None:
    (tmp_path / "part.yaml").write_text(
        "slides:\n"
        "  - layout: bullets\n"
        "    items: [a]\n"
        "  - layout: bullets\n"
        "    items: [b]\n"
        "    colour: red\n",
        encoding="utf-8",
    )
    deck = tmp_path / "deck.yaml"
    deck.write_text(
        "format: 1\n"
        "title: Deck\n"
        "slides:\n"
        "  - layout: bullets\n"
        "    titel: before\n"
        "    items: [a]\n"
        "  - include: part.yaml\n"
        "  - layout: bullets\n"
        "    items: [c]\n"
        "    titel: after\n",
        encoding="utf-8",
    )
    loaded = load_deck(deck)
    places = {(d.mark.file.name, d.mark.line, d.mark.column) for d in loaded.errors}
    # The slide before the include, the included slide (now the deck's third) and the slide
    # after it (moved from second to fourth by the splice): each at its own file and line.
    assert places == {("deck.yaml", 5, 5), ("part.yaml", 6, 5), ("deck.yaml", 10, 5)}
