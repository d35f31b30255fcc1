"""Pre-flight (issue 14): what an audience would see wrong, each at the line it is about.

Each deck in tests/data/preflight holds one problem and says in a comment what `validate`
must report and where (`# expect: LINE:COL: level: message start`, and `# expect-file:`
when the place is in another file). They run through the command itself, so the pure
checks (`deck.preflight`) and the Qt ones (`render.preflight`) are both covered; the pure
rules have plain tests of their own below.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nanyi_desk.cli import main
from nanyi_desk.deck import load_deck
from nanyi_desk.deck.contrast import contrast, is_large, nearest_passing
from nanyi_desk.deck.preflight import backed

PREFLIGHT = Path(__file__).parent / "data" / "preflight"
CASES = sorted(PREFLIGHT.glob("*.yaml"))
REPO = Path(__file__).resolve().parents[1]


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("deck", CASES, ids=[c.stem for c in CASES])
def test_validate_reports_it_at_its_line(
    deck: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    expectation,  # noqa: ANN001 - conftest's
) -> None:
    file, expected = expectation(deck)
    monkeypatch.chdir(file.parent)
    assert main(["validate", "--strict", str(deck)]) == 1  # strict: every warning fails
    lines = capsys.readouterr().out.splitlines()
    prefix = f"{file.name}:{expected}"
    assert any(line.startswith(prefix) for line in lines), "\n".join(lines)
    # One report per problem: the picture budget and the pie's negatives are the loader's.
    place = prefix.split(": ")[0]
    assert sum(line.startswith(place + ":") for line in lines) == 1, "\n".join(lines)


@pytest.mark.usefixtures("qapp")
def test_the_default_deck_passes_strict(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--strict", str(REPO / "slides")]) == 0
    assert capsys.readouterr().out == ""


def test_figures_written_otherwise_are_backed() -> None:
    """185.28 in 185.28亿元, 1478 in 1,478, 0.6 亿 in 6000万, -5 in 下降5%."""
    loaded = load_deck(PREFLIGHT / "figure_unquoted.yaml")
    flagged = [d.mark.line for d in loaded.warnings if "not stated by its quote" in d.message]
    assert flagged == [12]
    assert backed(0.6, {6000.0})
    assert backed(-5, {5.0})
    assert not backed(1479, {1478.0})


def test_contrast_is_wcag() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert is_large(24, bold=False)
    assert is_large(19, bold=True)
    assert not is_large(22, bold=False)
    fix = nearest_passing("#A0A8B4", "#F5F7FA", 4.5)
    assert contrast(fix, "#F5F7FA") >= 4.5
    assert contrast(nearest_passing(fix, "#F5F7FA", 4.5), "#F5F7FA") >= 4.5


def test_a_new_deck_says_how_to_preview_it_live(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "talk")]) == 0
    header = (tmp_path / "talk" / "deck.yaml").read_text(encoding="utf-8").split("format:")[0]
    assert "nanyi-desk play . --watch" in header


def test_one_series_colour_is_judged_as_marks_not_words(tmp_path: Path) -> None:
    """A single series writes its values in ink: only its bars are in its colour."""
    deck = tmp_path / "deck.yaml"
    text = (PREFLIGHT / "contrast_series.yaml").read_text(encoding="utf-8")
    deck.write_text(text.replace("        - {name: A, values: [1, 2]}\n", ""), encoding="utf-8")
    (warning,) = [d for d in load_deck(deck).warnings if "#FFD700" in d.message]
    assert (warning.mark.line, warning.mark.column) == (14, 28)
    assert warning.message.startswith("this series' marks, in #FFD700")


class _Font:
    """A font that has exactly the given characters (QRawFont's one method used here)."""

    def __init__(self, chars: str) -> None:
        self.chars = {ord(c) for c in chars}

    def supportsCharacter(self, code: int) -> bool:  # noqa: N802 - QRawFont's name
        return code in self.chars


def test_a_character_the_font_lacks_is_drawn_from_its_parts_when_it_has_them() -> None:
    from nanyi_desk.render.preflight import drawable

    jamo = "\u1112\u1161\u11ab"  # 한 as HarfBuzz builds it: ㅎ ㅏ ㄴ
    assert drawable(_Font(jamo), "한")  # type: ignore[arg-type]
    assert not drawable(_Font(jamo[:2]), "한")  # type: ignore[arg-type]
    assert drawable(_Font("e\u0301"), "é")  # type: ignore[arg-type]
    assert not drawable(_Font("e"), "é")  # type: ignore[arg-type]
    assert not drawable(_Font(""), "\u3400")  # type: ignore[arg-type] - no decomposition
    assert drawable(_Font("\u3400"), "\u3400")  # type: ignore[arg-type]
