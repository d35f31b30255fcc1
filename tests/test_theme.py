"""Themes are inputs like decks: guarded, checked with ranges, located, and re-checked on reload."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nanyi_desk.deck import Level, load_deck
from nanyi_desk.deck.theme_schema import read_theme_file
from nanyi_desk.resources import starter_deck, themes_dir
from nanyi_desk.theme import ThemeError, builtin_themes, load_theme

GOOD = (themes_dir() / "nanyi.yaml").read_text(encoding="utf-8")


def _theme(tmp_path: Path, text: str) -> Path:
    file = tmp_path / "my-theme.yaml"
    file.write_text(text, encoding="utf-8")
    return file


def _errors(tmp_path: Path, text: str) -> list[str]:
    started = time.perf_counter()
    theme, problems = read_theme_file(_theme(tmp_path, text))
    assert time.perf_counter() - started < 1.0
    assert theme is None
    return [f"{p.mark.line}:{p.mark.column}: {p.message}" for p in problems]


def test_every_builtin_theme_passes_its_own_checks() -> None:
    for name in builtin_themes():
        assert load_theme(name).name == name


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  floor: 18", "  floor: -1", "25:10: floor: -1 is out of range — use 8 to 72"),
        ("  floor: 18", "  floor: 0", "25:10: floor: 0 is out of range"),
        ("margin: 96", "margin: 5000", "26:9: margin: 5000 is out of range — use 0 to 300"),
        ("radius: 18", "radius: -3", "27:9: radius: -3 is out of range — use 0 to 100"),
        ("  title: 60", "  title: 100000", "19:10: title: 100000 is out of range — use 8 to 400"),
        ('  ink: "#0F2239"', '  ink: "blue"', "7:8: ink: 'blue' is not a colour"),
        ('  ink: "#0F2239"', "  ink: 12", "7:8: ink: '12' is not a colour"),
        ("  floor: 18", "  floor: 40", "25:10: floor 40 is larger than the smallest size (22)"),
        ("  floor: 18", "  flor: 18", "25:3: unknown key 'flor' — did you mean 'floor'?"),
        ("radius: 18", "", "2:1: missing 'radius'"),
        ("margin: 96", "margin: 96\nmargin: 12", "27:1: duplicate key 'margin'"),
    ],
    ids=[
        "negative-floor",
        "zero-floor",
        "huge-margin",
        "negative-radius",
        "huge-title",
        "named-colour",
        "number-colour",
        "floor-above-sizes",
        "misspelt-key",
        "missing-key",
        "duplicate-key",
    ],
)
def test_a_theme_out_of_range_is_an_error_at_its_line(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert old in GOOD
    errors = _errors(tmp_path, GOOD.replace(old, new, 1))
    assert any(e.startswith(expected) for e in errors), errors


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            "a: &a [x,x,x,x,x,x,x,x,x]\n"
            + "".join(
                f"{n}: &{n} [{','.join(['*' + p] * 9)}]\n"
                for p, n in zip("abcdefgh", "bcdefghi", strict=True)
            ),
            "alias bomb",
        ),
        ("name: " + "[" * 10_000 + "]" * 10_000 + "\n", "nesting"),
        ("name: !!python/object/apply:os.system [echo]\n", "is not allowed"),
        ("name: x\n" + "font: " + "f" * (6 * 1024 * 1024) + "\n", "at most 5 MB"),
        ("- just\n- a list\n", "a theme file is a map"),
        ("name: [unclosed\n", "YAML syntax"),
    ],
    ids=["alias-bomb", "deep-nesting", "python-tag", "huge", "not-a-map", "syntax"],
)
def test_a_hostile_theme_file_is_refused_quickly(tmp_path: Path, text: str, says: str) -> None:
    errors = _errors(tmp_path, text)
    assert any(says in e for e in errors), errors


def test_load_theme_says_why_in_one_line_per_problem(tmp_path: Path) -> None:
    _theme(tmp_path, GOOD.replace("margin: 96", "margin: 5000"))
    with pytest.raises(ThemeError, match=r"my-theme\.yaml:26:9: error: margin: 5000"):
        load_theme("my-theme.yaml", tmp_path)
    with pytest.raises(ThemeError, match="not found"):
        load_theme("nowhere.yaml", tmp_path)
    with pytest.raises(ThemeError, match="leads outside the deck's folder"):
        load_theme("../nanyi.yaml", tmp_path)


def _deck_with_theme(tmp_path: Path, theme_text: str) -> Path:
    folder = tmp_path / "deck"
    shutil.copytree(starter_deck(), folder)
    _theme(folder, theme_text)
    deck = folder / "deck.yaml"
    text = deck.read_text(encoding="utf-8")
    assert "theme: nanyi\n" in text
    deck.write_text(text.replace("theme: nanyi\n", "theme: my-theme.yaml\n", 1))
    return folder


def test_validate_checks_the_decks_theme_file(tmp_path: Path) -> None:
    folder = _deck_with_theme(tmp_path, GOOD.replace("  floor: 18", "  floor: -1"))
    loaded = load_deck(folder)
    assert loaded.deck is None
    [error] = loaded.errors
    assert error.mark.file.name == "my-theme.yaml"
    assert (error.mark.line, error.mark.column) == (25, 10)
    assert (folder / "my-theme.yaml").resolve() in loaded.files  # so a reload sees its edits


def test_a_valid_theme_file_plays(tmp_path: Path) -> None:
    folder = _deck_with_theme(tmp_path, GOOD.replace("name: nanyi", "name: mine"))
    loaded = load_deck(folder)
    assert not loaded.errors
    assert load_theme(loaded.deck.theme, folder).name == "mine"


def test_a_kiosk_reload_onto_a_broken_theme_keeps_the_last_good_deck(
    qtbot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:  # noqa: ANN001
    from nanyi_desk.render.fonts import register_fonts
    from nanyi_desk.ui.kiosk import KioskController
    from nanyi_desk.ui.kiosk_window import KioskWindow

    register_fonts()
    folder = _deck_with_theme(tmp_path, GOOD)
    loaded = load_deck(folder)
    assert loaded.deck is not None
    window = KioskWindow(load_theme(loaded.deck.theme, folder))
    qtbot.addWidget(window)
    now = [1000.0]
    exits: list[int] = []
    controller = KioskController(
        window,
        loaded,
        pin="2468",
        advance=5,
        idle_reset=30,
        state_file=tmp_path / "state.json",
        heartbeat=tmp_path / "beat",
        clock=lambda: now[0],
        quit_app=exits.append,
    )
    controller.start()
    controller.reloader.settle.setInterval(10)
    good = controller.loaded
    with caplog.at_level("ERROR", logger="nanyi_desk.kiosk"):
        _theme(folder, GOOD.replace("margin: 96", "margin: 5000"))
        qtbot.waitUntil(lambda: "keeps playing" in caplog.text, timeout=5000)
    assert "margin: 5000 is out of range" in caplog.text
    assert controller.pending is None

    # A theme that breaks after the deck was checked, before the swap: refused, logged.
    _theme(folder, GOOD)
    checked = load_deck(folder)
    assert checked.deck is not None
    _theme(folder, GOOD.replace("radius: 18", "radius: -1"))
    caplog.clear()
    with caplog.at_level("ERROR", logger="nanyi_desk.kiosk"):
        controller._reload_valid(checked)
    assert controller.pending is None
    assert "cannot be shown" in caplog.text
    now[0] += 5.1
    controller.tick()
    assert controller.loaded is good
    controller.reloader.stop()
    controller.exit()


# --- fuzz: mutated themes never escape as an exception -----------------------------------

THEME_TOKENS = st.sampled_from(
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
        "-1",
        "0",
        "1e309",
        "99999",
        "null",
        "~",
        "\t",
        "---\n",
        "? ",
        "<<: ",
        "\x00",
        "#GGG",
        "nan",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, len(GOOD)), st.integers(0, 8), THEME_TOKENS | st.text(max_size=3)),
        min_size=1,
        max_size=4,
    )
)
def test_mutated_themes_give_a_theme_or_located_errors(edits: list[tuple[int, int, str]]) -> None:
    text = GOOD
    for at, cut, insert in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut :]
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "t.yaml"
        file.write_bytes(text.encode("utf-8", "surrogatepass"))
        theme, problems = read_theme_file(file)
    errors = [p for p in problems if p.level is Level.ERROR]
    assert (theme is None) == bool(errors)
    assert all(p.mark.line >= 1 and p.mark.column >= 1 for p in problems)
    if theme is not None:  # whatever passed is drawable
        assert 8 <= theme.type.floor <= min(theme.type.caption, theme.type.label)
        assert 0 <= theme.margin <= 300
