"""Per-user folders: platformdirs' conventions, the overrides, earlier folders kept, no mkdir."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from platformdirs.macos import MacOS
from platformdirs.unix import Unix

from nanyi_desk import user_dirs
from nanyi_desk.cli import main


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME and every XDG folder inside tmp_path, no nanyi-desk overrides."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    for var in ("NANYI_DESK_LOG_DIR", "NANYI_DESK_DATA_DIR"):
        monkeypatch.delenv(var, raising=False)
    return home


def everything_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG rules")
def test_xdg_folders_and_nothing_is_created(home: Path, tmp_path: Path) -> None:
    assert user_dirs.data_dir() == tmp_path / "xdg_data_home" / "nanyi-desk"
    assert user_dirs.log_dir() == tmp_path / "xdg_state_home" / "nanyi-desk" / "log"
    assert user_dirs.cache_dir() == tmp_path / "xdg_cache_home" / "nanyi-desk"
    assert user_dirs.config_dir() == tmp_path / "xdg_config_home" / "nanyi-desk"
    assert everything_under(tmp_path) == ["home"]


def test_the_overrides_win_and_are_not_created(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NANYI_DESK_LOG_DIR", str(tmp_path / "k" / "log"))
    monkeypatch.setenv("NANYI_DESK_DATA_DIR", str(tmp_path / "k" / "data"))
    assert user_dirs.log_dir() == tmp_path / "k" / "log"
    assert user_dirs.data_dir() == tmp_path / "k" / "data"
    assert not (tmp_path / "k").exists()


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG rules")
def test_logs_stay_in_the_earlier_folder_while_it_holds_them(home: Path, tmp_path: Path) -> None:
    earlier = tmp_path / "xdg_state_home" / "nanyi-desk"
    earlier.mkdir(parents=True)
    assert user_dirs.log_dir() == earlier / "log"  # an empty folder holds nothing to keep
    (earlier / "kiosk.log").write_text("2026-05-28 … started the player\n")
    assert user_dirs.log_dir() == earlier


def test_windows_data_stays_in_the_earlier_data_folder(tmp_path: Path) -> None:
    local = tmp_path / "AppData" / "Local" / "nanyi-desk"

    class Windows:  # platformdirs' Windows rules, without the Windows shell to ask
        user_data_path = local
        user_log_path = local / "Logs"
        user_state_path = local

    dirs = Windows()

    def data() -> Path:
        return user_dirs._folder("data", None, dirs=dirs, platform="win32", home=tmp_path)  # type: ignore[arg-type]

    assert data() == local
    (local / "Data").mkdir(parents=True)
    assert data() == local  # an empty folder: nothing to keep using
    (local / "Data" / "visits.sqlite3").write_bytes(b"SQLite format 3\x00")
    assert data() == local / "Data"
    assert user_dirs._folder("log", None, dirs=dirs, platform="win32") == local / "Logs"  # type: ignore[arg-type]


def test_macos_data_stays_in_application_support_when_xdg_data_home_is_set(
    home: Path, tmp_path: Path
) -> None:
    dirs = MacOS(user_dirs.APP, appauthor=False)  # XDG_DATA_HOME is set by `home`
    support = home / "Library" / "Application Support" / "nanyi-desk"
    assert user_dirs._folder("data", None, dirs=dirs, platform="darwin", home=home) == (
        tmp_path / "xdg_data_home" / "nanyi-desk"
    )
    support.mkdir(parents=True)
    (support / "kiosk-state-0123456789ab.json").write_text('{"slide": 3}')
    assert user_dirs._folder("data", None, dirs=dirs, platform="darwin", home=home) == support


def test_the_earlier_rule_is_only_where_it_differed(home: Path, tmp_path: Path) -> None:
    dirs = Unix(user_dirs.APP, appauthor=False)
    (tmp_path / "xdg_data_home" / "nanyi-desk").mkdir(parents=True)
    (tmp_path / "xdg_data_home" / "nanyi-desk" / "visits.sqlite3").write_bytes(b"x")
    assert user_dirs._folder("data", None, dirs=dirs, platform="linux", home=home) == (
        tmp_path / "xdg_data_home" / "nanyi-desk"
    )


def test_report_creates_no_folder(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report"]) == 2  # nothing recorded yet
    assert "no visits recorded yet" in capsys.readouterr().err
    assert everything_under(tmp_path) == ["home"]


def test_the_writers_make_their_folders(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nanyi_desk.analytics import store
    from nanyi_desk.logs import close_log, rotating_log

    monkeypatch.setenv("NANYI_DESK_DATA_DIR", str(tmp_path / "k" / "data"))
    monkeypatch.setenv("NANYI_DESK_LOG_DIR", str(tmp_path / "k" / "log"))
    store.connect(store.default_path()).close()
    assert (tmp_path / "k" / "data" / "visits.sqlite3").is_file()
    try:
        assert rotating_log("kiosk-player.log", logger="nanyi_desk.test_user_dirs")
        assert (tmp_path / "k" / "log" / "kiosk-player.log").is_file()
    finally:
        close_log("kiosk-player.log", logger="nanyi_desk.test_user_dirs")
