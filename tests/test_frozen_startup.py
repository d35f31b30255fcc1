"""The start-up environment shared by source and frozen runs: matplotlib's folder, a lone deck."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from nanyi_desk import startup

REPO = Path(__file__).resolve().parents[1]


def test_frozen_overrides_pyinstallers_temporary_folder(tmp_path: Path) -> None:
    # PyInstaller's run-time hook has put a fresh temporary folder there before we run.
    environ = {"MPLCONFIGDIR": str(tmp_path / "_MEIabc123")}
    startup.point_matplotlib_home(environ, frozen=True)
    assert environ["MPLCONFIGDIR"] == os.fspath(startup.matplotlib_home())


def test_from_source_a_folder_someone_chose_wins() -> None:
    environ = {"MPLCONFIGDIR": "/somewhere/mine"}
    startup.point_matplotlib_home(environ, frozen=False)
    assert environ["MPLCONFIGDIR"] == "/somewhere/mine"


def test_from_source_unset_gets_ours() -> None:
    environ: dict[str, str] = {}
    startup.point_matplotlib_home(environ, frozen=False)
    assert environ["MPLCONFIGDIR"] == os.fspath(startup.matplotlib_home())


def test_pydantic_is_told_not_to_look_for_plugins_unless_someone_said_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(startup.PYDANTIC_PLUGINS, raising=False)
    startup.prepare(["validate", "slides"])
    assert os.environ[startup.PYDANTIC_PLUGINS] == "__all__"
    monkeypatch.setenv(startup.PYDANTIC_PLUGINS, "")
    startup.prepare(["validate", "slides"])
    assert os.environ[startup.PYDANTIC_PLUGINS] == ""


def test_matplotlib_home_is_in_the_per_user_cache() -> None:
    from nanyi_desk.user_dirs import cache_dir

    assert startup.matplotlib_home().parent == cache_dir()


def test_a_lone_deck_file_or_folder_is_played(tmp_path: Path) -> None:
    deck = tmp_path / "briefing.yaml"
    deck.write_text("title: x\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "deck.yaml").write_text("title: x\n", encoding="utf-8")
    assert startup.launch_words([str(deck)]) == ["play", str(deck)]
    assert startup.launch_words([str(tmp_path / "folder")]) == ["play", str(tmp_path / "folder")]


@pytest.mark.parametrize(
    "words",
    [
        [],
        ["--version"],
        ["validate"],
        ["kiosk", "deck.yaml"],
        ["missing.yaml"],
        ["notes.txt"],
    ],
)
def test_other_words_are_left_alone(words: list[str], tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert startup.launch_words(words) == words


def test_a_folder_without_a_deck_is_not_one(tmp_path: Path) -> None:
    assert startup.launch_words([str(tmp_path)]) == [str(tmp_path)]


def test_matplotlib_uses_our_folder_once_the_cli_has_started(tmp_path: Path) -> None:
    # A fresh process, as a user's: nothing may import matplotlib before cli.main sets the
    # folder, and matplotlib then keeps its font cache there.
    code = (
        "import sys\n"
        "from nanyi_desk import cli, startup\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported before start-up'\n"
        "cli.main(['schema'])\n"
        "import matplotlib\n"
        "print(matplotlib.get_cachedir())\n"
        "print(startup.matplotlib_home())\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "MPLCONFIGDIR"}
    env |= {"HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    lines = done.stdout.strip().splitlines()
    assert Path(lines[-2]) == Path(lines[-1])
    assert Path(lines[-1]).is_dir()
    assert Path(lines[-1]).is_relative_to(tmp_path)


def test_build_spec_puts_the_data_where_resources_looks() -> None:
    spec = (REPO / "build.spec").read_text(encoding="utf-8")
    assert '"nanyi_desk/_data/resources"' in spec
    assert '"nanyi_desk/_data/slides"' in spec
