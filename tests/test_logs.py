"""The one rotating-log set-up: idempotent, one format, and a read-only disk never stops us."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from nanyi_desk import logs

LOGGER = "nanyi_desk.test_logs"


@pytest.fixture
def logger(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[logging.Logger]:
    monkeypatch.setenv("NANYI_DESK_LOG_DIR", str(tmp_path / "logs"))
    yield logging.getLogger(LOGGER)
    logs.close_log("player.log", logger=LOGGER)
    logging.getLogger(LOGGER).setLevel(logging.NOTSET)


def files(logger: logging.Logger) -> list[RotatingFileHandler]:
    return [h for h in logger.handlers if isinstance(h, RotatingFileHandler)]


def test_the_folder_is_made_and_lines_carry_time_level_pid_and_name(
    logger: logging.Logger, tmp_path: Path
) -> None:
    assert logs.rotating_log("player.log", logger=LOGGER)
    logging.getLogger(f"{LOGGER}.reload").info("reloaded %s", "deck.yaml")
    line = (tmp_path / "logs" / "player.log").read_text(encoding="utf-8")
    assert line.endswith(f" INFO pid {os.getpid()} {LOGGER}.reload: reloaded deck.yaml\n")
    assert line[:4].isdigit()  # the time comes first


def test_a_second_call_adds_nothing(logger: logging.Logger, tmp_path: Path) -> None:
    assert logs.rotating_log("player.log", logger=LOGGER)
    assert logs.rotating_log("player.log", logger=LOGGER)
    assert len(files(logger)) == 1
    logger.warning("once")
    assert (tmp_path / "logs" / "player.log").read_text().count("once") == 1
    logs.close_log("player.log", logger=LOGGER)
    assert files(logger) == []


def test_it_rotates_at_the_size_given(logger: logging.Logger, tmp_path: Path) -> None:
    assert logs.rotating_log("player.log", logger=LOGGER, max_bytes=200, backups=2)
    for n in range(20):
        logger.info("line %d %s", n, "x" * 50)
    assert sorted(p.name for p in (tmp_path / "logs").iterdir()) == [
        "player.log",
        "player.log.1",
        "player.log.2",
    ]


def test_a_read_only_disk_gives_false_and_one_line_on_stderr(
    logger: logging.Logger,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the folder should be")  # fails even for root, unlike chmod
    monkeypatch.setenv("NANYI_DESK_LOG_DIR", str(blocker / "logs"))
    assert logs.rotating_log("player.log", logger=LOGGER) is False
    err = capsys.readouterr().err
    assert err.startswith("nanyi-desk: cannot write the log player.log: ")
    assert err.count("\n") == 1
    assert files(logger) == []
    assert logger.level == logging.INFO  # other handlers (stderr) still get the news
