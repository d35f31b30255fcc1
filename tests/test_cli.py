"""The command line: exit codes, output format, schema, starter deck."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nanyi_desk import __version__
from nanyi_desk.cli import main
from nanyi_desk.resources import default_deck, starter_deck

INVALID = Path(__file__).parent / "data" / "invalid"
VALID = Path(__file__).parent / "data" / "valid"


def test_validate_valid_deck_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(starter_deck()), "--strict"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "valid; 0 errors, 0 warnings" in err


def test_validate_invalid_deck_prints_file_line_col(capsys: pytest.CaptureFixture[str]) -> None:
    deck = INVALID / "unknown_key.yaml"
    assert main(["validate", str(deck)]) == 1
    out, _ = capsys.readouterr()
    line = out.splitlines()[0]
    assert line.endswith("unknown_key.yaml:6:5: error: unknown key 'titel' — did you mean 'title'?")


def test_warnings_fail_only_under_strict(capsys: pytest.CaptureFixture[str]) -> None:
    deck = str(VALID / "warnings.yaml")
    assert main(["validate", deck]) == 0
    assert main(["validate", deck, "--strict"]) == 1
    out, _ = capsys.readouterr()
    assert ": warning: no en text here" in out


def test_validate_several_decks_reports_each(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(starter_deck()), str(INVALID / "unknown_layout.yaml")]) == 1
    _, err = capsys.readouterr()
    assert "2 decks: 1 of 2 invalid" in err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["validate"])
    assert exc.value.code == 2


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"nanyi-desk {__version__}"


def test_schema_is_json_schema_of_the_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "nanyi-desk deck"
    assert set(schema["required"]) == {"format", "title", "slides"}
    kpi = schema["$defs"]["Kpi"]
    assert kpi["properties"]["value"]["description"].startswith("The number")
    # Inherited fields are described where they are declared (Sourced), the deck's own too.
    assert kpi["properties"]["quote"]["description"].startswith("The sentence of the source")
    assert schema["properties"]["title"]["description"]
    assert main(["schema", "--part"]) == 0
    part = json.loads(capsys.readouterr().out)
    assert part["required"] == ["slides"]
    assert part["properties"]["slides"]["description"].startswith("The slides")


def test_every_field_of_the_format_is_described(capsys: pytest.CaptureFixture[str]) -> None:
    # An editor shows these while a deck is typed: a field without one is a gap in the docs.
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    missing = [
        f"{name}.{field}"
        for name, model in [("deck", schema), *schema["$defs"].items()]
        for field, prop in model.get("properties", {}).items()
        if not prop.get("description")
    ]
    assert missing == []


def test_schema_accepts_the_starter_deck() -> None:
    import jsonschema  # a test dependency: missing, this test fails rather than skips
    import yaml

    from nanyi_desk.deck.schema import deck_schema

    data = yaml.safe_load((starter_deck() / "deck.yaml").read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))
    jsonschema.validate(data, json.loads(deck_schema()))


def test_new_writes_a_valid_starter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "my-deck"
    assert main(["new", str(target)]) == 0
    assert (target / "deck.yaml").is_file()
    assert main(["validate", str(target), "--strict"]) == 0
    from nanyi_desk.deck import load_deck

    deck = load_deck(target).deck
    assert deck is not None
    layouts = {slide.layout for slide in deck.slides}
    from nanyi_desk.deck.model import LAYOUTS

    assert layouts == set(LAYOUTS)


def test_new_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "mine"
    target.mkdir()
    (target / "deck.yaml").write_text("my work\n", encoding="utf-8")
    assert main(["new", str(target)]) == 2
    assert (target / "deck.yaml").read_text(encoding="utf-8") == "my work\n"
    assert "nothing was written" in capsys.readouterr().err


@pytest.mark.parametrize("deck", [default_deck(), starter_deck()], ids=["default", "starter"])
def test_bundled_decks_pass_strict_validation(
    deck: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["validate", str(deck), "--strict"])
    out, _ = capsys.readouterr()
    assert code == 0, out


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "nanyi_desk", "validate", str(INVALID / "unknown_layout.yaml")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "unknown layout 'kpi' — did you mean 'kpis'?" in done.stdout
    assert "Traceback" not in done.stderr


LONG_UNIT_DECK = """\
format: 1
languages: [zh, en]
title: {zh: 测试, en: Test}
sources:
  s: {title: 文章}
slides:
  - layout: kpis
    title: {zh: 数字, en: Figures}
    items:
      - value: 5
        unit: {zh: 万吨, en: "metric tonnes of finished product, every single year, in total"}
        label: {zh: 产能, en: Output}
        source: s
        quote: 年产5万吨
      - value: 6
        label: {zh: 六, en: Six}
        source: s
        quote: 六
      - value: 7
        label: {zh: 七, en: Seven}
        source: s
        quote: 七
      - value: 8
        label: {zh: 八, en: Eight}
        source: s
        quote: 八
"""


def test_validate_lays_out_slides_and_locates_text_that_does_not_fit(
    qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # noqa: ANN001
    deck = tmp_path / "deck.yaml"
    deck.write_text(LONG_UNIT_DECK, encoding="utf-8")
    assert main(["validate", str(deck)]) == 0  # a warning: the deck still plays
    out = capsys.readouterr().out
    # Line 11, column 28: the English unit itself, in the language that overflows only.
    assert ':11:28: warning: slide 1 [en]: "metric tonnes of finished' in out
    assert "does not fit" in out
    assert "[zh]" not in out
    assert main(["validate", "--strict", str(deck)]) == 1
    capsys.readouterr()
    assert main(["validate", "--strict", "--no-layout", str(deck)]) == 0


def test_validate_lays_out_panels_too(
    qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # noqa: ANN001
    long_body = " ".join(["The zone grew from eight towns to ten and kept growing."] * 200)
    deck = tmp_path / "deck.yaml"
    deck.write_text(
        "format: 1\n"
        "title: T\n"
        "slides:\n"
        "  - layout: bullets\n"
        "    title: T\n"
        "    items:\n"
        "      - {text: Open it, drill: more}\n"
        "panels:\n"
        "  more:\n"
        "    title: More\n"
        f"    body: {long_body}\n",
        encoding="utf-8",
    )
    assert main(["validate", "--strict", str(deck)]) == 1
    out = capsys.readouterr().out
    assert ':11:11: warning: panel more [zh]: "The zone grew' in out


def test_validate_without_qt_checks_the_rest_and_says_why(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_widgets(name: str, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if name == "PySide6.QtWidgets":
            raise ImportError("libEGL.so.1: cannot open shared object file")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_widgets)
    assert main(["validate", "--strict", str(default_deck())]) == 0
    err = capsys.readouterr().err
    assert "layout check is skipped" in err
    assert "libEGL" in err


# ----------------------------------------------------------------------------- play's errors


@pytest.fixture
def no_player(qapp, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN001, ANN201
    """The event loop may not run: entering it fails the test, instead of waiting for ever."""
    from PySide6.QtWidgets import QApplication

    def refuse(*_args: object) -> int:
        raise AssertionError("the event loop was entered")

    monkeypatch.setattr(QApplication, "exec", refuse)
    before = set(QApplication.topLevelWidgets())
    yield
    shown = [w for w in QApplication.topLevelWidgets() if w not in before and w.isVisible()]
    for window in shown:
        window.close()
    assert not shown, f"a window was shown: {shown}"


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (["--start", "99"], "nanyi-desk: --start 99: no slide has that id or number (1–"),
        (["--start", "0"], "nanyi-desk: --start 0: no slide has that id or number (1–"),
        (["--start", "nowhere"], "nanyi-desk: --start nowhere: no slide has that id or number"),
        (["--lang", "fr"], "nanyi-desk: --lang fr: the deck's languages are zh, en"),
        (["--screen", "7"], "nanyi-desk: --screen 7: there is 1 screen (0)"),  # offscreen: 1 screen
        (["--screen", "-1"], "nanyi-desk: --screen -1: there is 1 screen (0)"),
    ],
)
def test_play_refuses_a_bad_option_in_one_line_without_a_window(
    no_player: None, options: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["play", str(starter_deck()), *options]) == 2
    assert _one_line_error(capsys).startswith(says)


def test_play_refuses_a_missing_deck_in_one_line(
    no_player: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere"
    code = main(["play", str(missing)])
    line = _one_line_error(capsys)
    assert code == 2
    assert str(missing) in line
    assert "no such file" in line


def test_play_with_good_options_opens_the_window_where_asked(
    qapp, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    """The other side of the tests above: the same call with good options does show a window."""
    from PySide6.QtWidgets import QApplication

    from nanyi_desk.ui.window import PlayerWindow

    before = set(QApplication.topLevelWidgets())
    ran: list[PlayerWindow] = []

    def loop(*_args: object) -> int:
        ran.extend(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, PlayerWindow) and w not in before
        )
        return 0

    monkeypatch.setattr(QApplication, "exec", loop)
    assert main(["play", str(starter_deck()), "--start", "3", "--lang", "en", "--screen", "0"]) == 0
    (window,) = [w for w in ran if w.isVisible()]
    try:
        assert window.windowTitle().endswith("— nanyi-desk")
        assert (window.state.index, window.state.lang) == (2, "en")
    finally:
        window.close()
        window.deleteLater()


# ----------------------------------------------------------------------------- export


def test_export_pdf_to_an_existing_folder_is_one_line_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "briefing.pdf"
    folder.mkdir()
    assert main(["export", str(starter_deck()), "-o", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "is a folder" in err
    assert list(folder.iterdir()) == []


def test_export_pngs_to_an_existing_file_is_one_line_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "slides"
    file.write_text("mine")
    assert main(["export", str(starter_deck()), "-o", str(file)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "is a file" in err
    assert file.read_text() == "mine"


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (["--lang", "zh+en"], "for PDF handouts"),
        (["--notes"], "for PDF handouts"),
        (["--layout", "handout-2"], "for PDF handouts"),
        (["--lang", "fr"], "the deck's languages are zh, en"),
    ],
)
def test_export_options_that_do_not_fit_png_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], words: str
) -> None:
    assert main(["export", str(starter_deck()), "-o", str(tmp_path / "out"), *extra]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert words in err
    assert not (tmp_path / "out").exists()


def test_export_pdf_follows_the_name_and_says_what_it_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "handout.pdf"
    code = main(
        ["export", str(starter_deck()), "-o", str(out), "--lang", "zh+en", "--layout", "handout-3"]
    )
    assert code == 0
    assert out.read_bytes().startswith(b"%PDF-")
    stdout = capsys.readouterr().out
    assert stdout.startswith("wrote ")
    assert " pages, " in stdout
    assert main(["export", str(starter_deck()), "-o", str(out), "--quiet"]) == 0
    assert capsys.readouterr().out == ""


def test_export_pdf_that_cannot_be_written_names_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    out = tmp_path / "handout.pdf"
    out.write_bytes(b"%PDF-1.4 good")

    def read_only(*_: object, **__: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "open", read_only)
    assert main(["export", str(starter_deck()), "-o", str(out), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err == f"nanyi-desk export: cannot write {out}: Read-only file system\n"
    monkeypatch.undo()
    assert out.read_bytes() == b"%PDF-1.4 good"
