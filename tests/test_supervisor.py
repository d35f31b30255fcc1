"""The kiosk supervisor: its decisions with a fake clock, the shared link, real processes.

The real-process tests run a stand-in player (FAKE_CHILD, written to tmp_path) that speaks
the link contract: it parses `child_command`'s words, resumes from the state file, beats,
and does what files in its deck's folder tell it (crash on start, go to a slide, exit 0).
Every child writes its pid to `pids/`; the `kiosk` fixture fails a test that leaves one alive.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from nanyi_desk import cli
from nanyi_desk.supervisor import link
from nanyi_desk.supervisor.policy import (
    Action,
    PolicyConfig,
    RestartPolicy,
    describe_exit,
    meaningful_line,
)
from nanyi_desk.supervisor.runner import KioskRunner, deck_signature, default_state_path

posix_only = pytest.mark.skipif(os.name != "posix", reason="kill -9 and SIGSTOP are POSIX")

# --- the decisions, with a fake clock ------------------------------------------------------


def test_exit_zero_stops() -> None:
    policy = RestartPolicy()
    policy.started(0.0)
    assert policy.exited(30.0, 0).action is Action.STOP


def test_a_crash_after_running_restarts_the_deck_at_once() -> None:
    policy = RestartPolicy()
    for start in (0.0, 100.0, 200.0, 300.0):  # a crash a minute and a half in, four times
        policy.started(start)
        decision = policy.exited(start + 90.0, -9)
        assert decision.action is Action.START_DECK
        assert decision.delay == 0.0
        assert decision.reason == "killed by SIGKILL"
    assert not policy.in_fallback


def test_repeated_crashes_after_running_end_on_the_fallback_with_the_reason() -> None:
    # A deck that kills the player on its tenth slide, a minute and a half into each run.
    config = PolicyConfig()
    policy = RestartPolicy(config)
    now = 0.0
    for _ in range(config.late_crash_limit - 1):
        policy.started(now)
        policy.beat(now + 20.0)
        decision = policy.exited(now + 90.0, -11, "MemoryError: chart 'land' on slide 10")
        assert (decision.action, decision.delay) == (Action.START_DECK, 0.0)
        now += 90.0
    policy.started(now)
    policy.beat(now + 20.0)
    decision = policy.exited(now + 90.0, -11, "MemoryError: chart 'land' on slide 10")
    assert decision.action is Action.START_FALLBACK
    assert decision.fallback == (
        f"the player crashed {config.late_crash_limit} times while running: "
        "MemoryError: chart 'land' on slide 10"
    )
    assert "crashed 5 times while running within 600 s" in decision.reason
    assert policy.in_fallback
    # Edited, the deck is tried again with a clean slate: one more crash only restarts it.
    assert policy.deck_changed() is not None
    policy.started(now + 200.0)
    assert policy.exited(now + 290.0, -11).action is Action.START_DECK


def test_crashes_after_running_spread_over_more_than_the_window_keep_restarting() -> None:
    config = PolicyConfig()
    policy = RestartPolicy(config)
    spacing = config.late_crash_period / (config.late_crash_limit - 1) + 1.0
    for n in range(3 * config.late_crash_limit):
        policy.started(n * spacing)
        assert policy.exited(n * spacing + 60.0, -9).action is Action.START_DECK
    assert not policy.in_fallback


def test_hangs_and_crashes_after_running_are_counted_apart() -> None:
    # Two hangs and four crashes in ten minutes: neither count is reached, so it plays on.
    policy = RestartPolicy()
    now = 0.0
    for hung in ("no heartbeat for 15.2 s (hung)", None, None, "no heartbeat for 15.1 s (hung)"):
        policy.started(now)
        policy.beat(now + 15.0)
        assert policy.exited(now + 60.0, -9, hung=hung).action is Action.START_DECK
        now += 60.0
    policy.started(now)
    policy.beat(now + 15.0)
    assert policy.exited(now + 60.0, -9).action is Action.START_DECK  # the fourth crash


def test_three_crashes_on_start_within_a_minute_bring_up_the_fallback() -> None:
    config = PolicyConfig()
    policy = RestartPolicy(config)
    now = 0.0
    for _ in range(2):
        policy.started(now)
        decision = policy.exited(now + 2.0, 1, "ValueError: slide 3: no such chart")
        assert decision.action is Action.START_DECK
        assert 0 < decision.delay <= 3.0  # "within 3 s", even when looping
        now += 2.0 + decision.delay
    policy.started(now)
    decision = policy.exited(now + 2.0, 1, "ValueError: slide 3: no such chart")
    assert decision.action is Action.START_FALLBACK
    assert decision.fallback == "ValueError: slide 3: no such chart"
    assert "crashed on start 3 times" in decision.reason
    assert policy.in_fallback


def test_crashes_on_start_spread_over_more_than_a_minute_keep_restarting() -> None:
    policy = RestartPolicy()
    for start in (0.0, 40.0, 80.0, 120.0):
        policy.started(start)
        assert policy.exited(start + 1.0, 1).action is Action.START_DECK


def test_the_fallback_reason_is_the_exit_when_stderr_says_nothing() -> None:
    policy = RestartPolicy()
    for start in (0.0, 3.0, 6.0):
        policy.started(start)
        decision = policy.exited(start + 1.0, 2)
    assert decision.fallback == "exit code 2"


def test_a_silent_child_is_hung_after_the_timeout_and_restarted() -> None:
    policy = RestartPolicy(PolicyConfig(heartbeat_timeout=15.0))
    policy.started(0.0)
    for t in range(1, 30):
        policy.beat(float(t))
    assert policy.hung(29.0 + 15.0) is None
    reason = policy.hung(29.0 + 15.5)
    assert reason is not None
    assert "no heartbeat for 15.5 s" in reason
    decision = policy.exited(44.6, -9, hung=reason)
    assert decision.action is Action.START_DECK
    assert decision.delay == 0.0
    assert decision.reason == reason


def test_a_child_that_never_beats_gets_the_startup_grace_then_counts_as_a_crash_on_start() -> None:
    policy = RestartPolicy(PolicyConfig(startup_grace=30.0))
    policy.started(0.0)
    assert policy.hung(29.0) is None
    reason = policy.hung(31.0)
    assert reason == "no heartbeat within 30 s of starting"
    policy.exited(31.0, -9, hung=reason)
    # Counted as a crash on start although it lived past the 10 s window: two more → fallback.
    for start in (32.0, 34.0):
        policy.started(start)
        decision = policy.exited(start + 1.0, 1)
    assert decision.action is Action.START_FALLBACK


def test_the_fallback_child_is_restarted_and_backs_off_only_when_it_loops() -> None:
    policy = RestartPolicy(PolicyConfig(fallback_max_delay=60.0))
    for start in (0.0, 1.0, 2.0):
        policy.started(start)
        policy.exited(start + 0.5, 1, "boom")
    assert policy.in_fallback
    policy.started(10.0)
    decision = policy.exited(100.0, -11)  # the fallback screen ran, then died
    assert (decision.action, decision.delay, decision.fallback) == (
        Action.START_FALLBACK,
        0.0,
        "boom",
    )
    delays = []
    now = 200.0
    for _ in range(8):  # the fallback itself cannot start (no display, say)
        policy.started(now)
        decision = policy.exited(now + 0.1, 1)
        assert decision.action is Action.START_FALLBACK
        delays.append(decision.delay)
        now += 0.1 + decision.delay
    assert delays[:2] == [1.0, 1.0]
    assert delays[2:] == [5.0, 10.0, 20.0, 40.0, 60.0, 60.0]


def test_a_changed_deck_is_tried_again_only_from_the_fallback() -> None:
    policy = RestartPolicy()
    assert policy.deck_changed() is None
    for start in (0.0, 1.0, 2.0):
        policy.started(start)
        policy.exited(start + 0.5, 1)
    decision = policy.deck_changed()
    assert decision is not None
    assert decision.action is Action.START_DECK
    assert not policy.in_fallback
    policy.started(10.0)  # and a fresh count: one crash is not a fallback
    assert policy.exited(10.5, 1).action is Action.START_DECK


def test_exit_zero_from_the_fallback_screen_stops_too() -> None:
    policy = RestartPolicy()
    for start in (0.0, 1.0, 2.0):
        policy.started(start)
        policy.exited(start + 0.5, 1)
    policy.started(5.0)
    assert policy.exited(50.0, 0).action is Action.STOP


def test_meaningful_line_is_the_exception_not_the_frames() -> None:
    stderr = [
        "qt.qpa.fonts: populating font database",
        "Traceback (most recent call last):",
        '  File "/app/nanyi_desk/cli.py", line 9, in main',
        "    return _kiosk_child(args)",
        "           ^^^^^^^^^^^^^^^^^",
        "nanyi_desk.deck.DeckError: deck.yaml:12:3: unknown layout 'hero2'",
        "",
    ]
    assert (
        meaningful_line(stderr)
        == "nanyi_desk.deck.DeckError: deck.yaml:12:3: unknown layout 'hero2'"
    )
    assert meaningful_line(["", "   "]) == ""
    assert len(meaningful_line(["x" * 1000])) == 300


def test_describe_exit() -> None:
    assert describe_exit(3) == "exit code 3"
    assert describe_exit(-signal.SIGTERM) == "killed by SIGTERM"
    assert describe_exit(-250) == "killed by signal 250"


# --- the link both processes use -----------------------------------------------------------


def test_child_command_from_source_and_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    options = link.KioskOptions(screen=1, pin="0042", advance=8.0, idle_reset=90.5)
    argv = link.child_command("d.yaml", state="s.json", heartbeat="hb", options=options)
    tail = ["d.yaml", "--state", "s.json", "--heartbeat", "hb", "--screen", "1"]
    tail += ["--advance", "8", "--idle-reset", "90.5"]
    assert argv == [sys.executable, "-m", "nanyi_desk", "kiosk-child", *tail]
    assert "0042" not in argv  # every user can read a command line
    assert options.env() == {link.PIN_ENV: "0042"}
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    fallback = link.child_command("d.yaml", state="s", heartbeat="h", fallback="it broke")
    assert fallback == [sys.executable, "kiosk-child", "d.yaml", "--state", "s"] + [
        "--heartbeat",
        "h",
        "--fallback",
        "it broke",
    ]


def test_the_child_parser_reads_what_child_command_writes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    options = link.KioskOptions(screen=0, pin="9", advance=None, idle_reset=30.0)
    monkeypatch.setenv(link.PIN_ENV, "9")  # as the supervisor starts the child
    argv = link.child_command(
        Path("deck dir"), state=Path("s.json"), heartbeat=Path("h"), options=options
    )
    parser = argparse.ArgumentParser()
    link.add_child_arguments(parser)
    args = parser.parse_args(argv[4:])
    assert (args.deck, args.state, args.heartbeat) == (Path("deck dir"), Path("s.json"), Path("h"))
    assert args.fallback is None
    assert link.KioskOptions.from_args(args) == options
    assert parser.parse_args([*argv[4:], "--fallback", "why"]).fallback == "why"


def test_state_round_trip_and_bad_files(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    assert link.read_state(path) is None
    assert link.write_state(path, {"slide": 4, "lang": "zh"})
    assert link.read_state(path) == {"slide": 4, "lang": "zh"}
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]  # no temporary files left
    for junk in (b"", b'{"slide": 4', b"\xff\xfe\x00garbage", b"[1, 2]", b"[" * 100_000):
        path.write_bytes(junk)
        assert link.read_state(path) is None
    assert not link.write_state(tmp_path / "missing" / "state.json", {"slide": 1})
    with pytest.raises(TypeError):
        link.write_state(path, {"slide": object()})
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]


def test_every_beat_changes_the_token(tmp_path: Path) -> None:
    path = tmp_path / "heartbeat"
    assert link.heartbeat_token(path) is None
    tokens = set()
    for _ in range(50):
        link.beat(path)
        tokens.add(link.heartbeat_token(path))
    assert len(tokens) == 50
    link.beat(tmp_path / "missing" / "heartbeat")  # must not raise


def test_the_supervisor_imports_no_qt() -> None:
    code = (
        "import sys, nanyi_desk.cli, nanyi_desk.supervisor.runner; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'matplotlib', 'qtawesome')]; "
        "sys.exit(str(bad) if bad else 0)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=30)


def test_default_state_path_is_per_deck_and_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NANYI_DESK_DATA_DIR", str(tmp_path))
    one = default_state_path(Path("a.yaml"), None)
    assert one.parent == tmp_path
    assert one == default_state_path(Path("a.yaml"), None)
    assert one != default_state_path(Path("a.yaml"), 1)
    assert one != default_state_path(Path("b.yaml"), None)


def test_deck_signature_sees_an_edit(tmp_path: Path) -> None:
    deck = tmp_path / "deck"
    deck.mkdir()
    (deck / "deck.yaml").write_text("a")
    before = deck_signature(deck)
    (deck / "deck.yaml").write_text("ab")
    assert deck_signature(deck) != before
    assert deck_signature(tmp_path / "gone.yaml") == ()


def test_cli_kiosk_hands_its_options_to_the_supervisor(monkeypatch: pytest.MonkeyPatch) -> None:
    from nanyi_desk.supervisor import runner

    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(runner, "run_kiosk", lambda *args: calls.append(args) or 0)
    argv = ["kiosk", "d.yaml", "--screen", "2", "--pin", "1234", "--advance", "8"]
    assert cli.main([*argv, "--idle-reset", "60"]) == 0
    assert calls == [(Path("d.yaml"), link.KioskOptions(2, "1234", 8.0, 60.0))]


# --- real processes ------------------------------------------------------------------------

FAKE_CHILD = textwrap.dedent(
    """
    import argparse, json, os, sys, time
    from nanyi_desk.supervisor import link

    parser = argparse.ArgumentParser()
    link.add_child_arguments(parser)
    args = parser.parse_args()
    ctl = args.deck.parent
    (ctl / "pids" / str(os.getpid())).touch()

    def event(kind, **fields):
        fields.update(kind=kind, pid=os.getpid(), t=time.monotonic())
        with open(ctl / "events.jsonl", "a") as file:
            file.write(json.dumps(fields) + "\\n")

    slide = (link.read_state(args.state) or {}).get("slide", 0)
    event("start", slide=slide, fallback=args.fallback, argv=sys.argv[1:],
          pin=os.environ.get(link.PIN_ENV))
    crash = ctl / "crash_on_start"
    if args.fallback is None and crash.exists():
        print("Traceback (most recent call last):", file=sys.stderr)
        print('  File "deck.py", line 1, in <module>', file=sys.stderr)
        print(crash.read_text(), file=sys.stderr, flush=True)
        sys.exit(3)
    beats = 0
    while True:
        link.beat(args.heartbeat)
        beats += 1
        if beats == 1:
            event("beat", slide=slide)
        goto = ctl / "goto"
        if goto.exists():
            slide = int(goto.read_text())
            goto.unlink()
            link.write_state(args.state, {"slide": slide, "lang": "en"})
            event("at", slide=slide)
        if (ctl / "exit0").exists():
            event("exit0")
            sys.exit(0)
        crash_later = ctl / "crash_after_running"
        if args.fallback is None and crash_later.exists() and beats == 10:  # half a second up
            print(crash_later.read_text(), file=sys.stderr, flush=True)
            sys.exit(3)
        time.sleep(0.05)
    """
)

FAST = PolicyConfig(heartbeat_timeout=2.0, startup_grace=5.0, crash_delay=0.3)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie is dead, only not yet reaped by its (re)parent
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _wait_for(test: Callable[[], Any], timeout: float = 8.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = test()
        if found:
            return found
        time.sleep(0.02)
    raise AssertionError(f"not within {timeout} s")


def _count_polls(runner: KioskRunner) -> Callable[[], int]:
    """How many times `runner` has looked at its child since now (it asks `hung` each time)."""
    policy = runner.policy
    looked = policy.hung
    count = 0

    def hung(now: float) -> str | None:
        nonlocal count
        count += 1
        return looked(now)

    policy.hung = hung  # type: ignore[method-assign]
    return lambda: count


@dataclass
class Kiosk:
    """A supervisor running in a thread over the fake child, and the child's folder."""

    runner: KioskRunner
    thread: threading.Thread
    ctl: Path
    result: dict[str, int]

    def events(self, kind: str | None = None) -> list[dict[str, Any]]:
        path = self.ctl / "events.jsonl"
        lines = path.read_text().splitlines() if path.exists() else []
        # The last line may be half written by a child right now.
        events = []
        for line in lines:
            try:
                events.append(json.loads(line))
            except ValueError:
                continue
        return [e for e in events if kind is None or e["kind"] == kind]

    def command(self, name: str, text: str = "") -> None:
        temp = self.ctl / f".{name}.tmp"
        temp.write_text(text)
        os.replace(temp, self.ctl / name)  # the child must never read half a command

    def first(self, kind: str, **match: Any) -> dict[str, Any] | None:
        for event in self.events(kind):
            if all(event.get(k) == v for k, v in match.items()):
                return event
        return None


@pytest.fixture
def fake_child(tmp_path: Path) -> Path:
    script = tmp_path / "fake_child.py"
    script.write_text(FAKE_CHILD)
    return script


@pytest.fixture
def kiosk(tmp_path: Path, fake_child: Path) -> Iterator[Callable[..., Kiosk]]:
    """Start supervisors over the fake child; stop them and check no child outlives the test."""
    ctl = tmp_path / "deck"
    (ctl / "pids").mkdir(parents=True)
    (ctl / "deck.yaml").write_text("the fake child reads no deck\n")
    started: list[Kiosk] = []

    def start(config: PolicyConfig = FAST, **commands: str) -> Kiosk:
        for name, text in commands.items():
            (ctl / name).write_text(text)
        runner = KioskRunner(
            ctl / "deck.yaml",
            link.KioskOptions(screen=1, pin="4321"),
            state_path=tmp_path / "state.json",
            heartbeat_path=tmp_path / "heartbeat",
            config=config,
            program=[sys.executable, str(fake_child)],
        )
        result: dict[str, int] = {}
        thread = threading.Thread(target=lambda: result.update(code=runner.run()), daemon=True)
        thread.start()
        started.append(Kiosk(runner, thread, ctl, result))
        return started[-1]

    yield start
    for each in started:
        each.runner.stop()
        each.thread.join(15)
        assert not each.thread.is_alive(), "the supervisor did not stop"
    pids = [int(p.name) for p in (ctl / "pids").iterdir()]
    orphans = [pid for pid in pids if _alive(pid)]
    for pid in orphans:
        os.kill(pid, signal.SIGKILL)
    assert not orphans, f"children left running: {orphans}"


@posix_only
def test_kill_9_restarts_the_player_on_the_same_slide_within_3_s(
    kiosk: Callable[..., Kiosk], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="nanyi_desk.supervisor")
    k = kiosk()
    first = _wait_for(lambda: k.first("beat"))
    assert first["slide"] == 0
    k.command("goto", "5")
    _wait_for(lambda: k.first("at", slide=5))
    killed = time.monotonic()
    os.kill(first["pid"], signal.SIGKILL)
    again = _wait_for(lambda: k.first("beat", slide=5))
    assert again["pid"] != first["pid"]
    assert again["t"] - killed < 3.0
    assert not _alive(first["pid"])
    start = k.first("start", pid=again["pid"])
    assert start is not None
    assert start["argv"][-2:] == ["--screen", "1"]
    assert start["pin"] == "4321"  # in the environment, not on the command line
    assert "killed by SIGKILL" in caplog.text


@posix_only
def test_a_hung_player_is_killed_and_restarted_after_the_heartbeat_timeout(
    kiosk: Callable[..., Kiosk], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="nanyi_desk.supervisor")
    k = kiosk()
    first = _wait_for(lambda: k.first("beat"))
    k.command("goto", "2")
    _wait_for(lambda: k.first("at", slide=2))
    stopped = time.monotonic()
    os.kill(first["pid"], signal.SIGSTOP)
    again = _wait_for(lambda: [e for e in k.events("beat") if e["pid"] != first["pid"]])[0]
    waited = again["t"] - stopped
    assert FAST.heartbeat_timeout - 0.1 < waited < FAST.heartbeat_timeout + 1.5
    assert again["slide"] == 2
    assert not _alive(first["pid"])
    assert "no heartbeat for" in caplog.text


@posix_only
def test_a_deck_that_crashes_on_start_gets_the_fallback_screen_then_a_retry_when_edited(
    kiosk: Callable[..., Kiosk], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="nanyi_desk.supervisor")
    message = "nanyi_desk.deck.DeckError: deck.yaml:3:1: no slides"
    k = kiosk(crash_on_start=message)
    fallback = _wait_for(lambda: k.first("start", fallback=message))
    deck_starts = [e for e in k.events("start") if e["fallback"] is None]
    assert len(deck_starts) == 3
    assert fallback["argv"][-2:] == ["--fallback", message]
    # No restart loop: it stays up while the supervisor looks at it again and again, each
    # look a chance to restart it (more looks than the restart delay takes).
    polls = _count_polls(k.runner)
    _wait_for(lambda: polls() >= 4)
    assert k.runner.child_pid == fallback["pid"]
    assert len(k.events("start")) == len(deck_starts) + 1
    assert _alive(fallback["pid"])
    assert "FALLBACK" in caplog.text
    assert 'File "deck.py", line 1, in <module>' in caplog.text  # its last stderr lines

    (k.ctl / "crash_on_start").unlink()
    (k.ctl / "deck.yaml").write_text("fixed\n")
    known = {e["pid"] for e in k.events("start")}
    beat = _wait_for(lambda: [e for e in k.events("beat") if e["pid"] not in known])[0]
    retried = k.first("start", pid=beat["pid"])
    assert retried is not None
    assert retried["fallback"] is None
    assert retried["pid"] != fallback["pid"]
    assert not _alive(fallback["pid"])


@posix_only
def test_a_player_that_keeps_crashing_after_running_ends_on_the_fallback_screen(
    kiosk: Callable[..., Kiosk],
) -> None:
    # As the real timings relate (10 s start window, crashes minutes apart), shrunk: each
    # player beats for half a second, past its start window, then dies.
    config = PolicyConfig(
        heartbeat_timeout=2.0, startup_grace=5.0, start_window=0.2, late_crash_limit=3
    )
    message = "MemoryError: slide 10 asked for too much"
    k = kiosk(config, crash_after_running=message)
    reason = f"the player crashed 3 times while running: {message}"
    fallback = _wait_for(lambda: k.first("start", fallback=reason), timeout=15.0)
    deck_starts = [e for e in k.events("start") if e["fallback"] is None]
    assert len(deck_starts) == 3
    assert all(k.first("beat", pid=e["pid"]) for e in deck_starts)  # each was up first
    _wait_for(lambda: k.first("beat", pid=fallback["pid"]))
    assert k.runner.child_pid == fallback["pid"]


@posix_only
def test_exit_0_stops_the_supervisor(kiosk: Callable[..., Kiosk]) -> None:
    k = kiosk()
    first = _wait_for(lambda: k.first("beat"))
    k.command("exit0")
    k.thread.join(5)
    assert not k.thread.is_alive()
    assert k.result == {"code": 0}
    assert len(k.events("start")) == 1
    assert not _alive(first["pid"])


LAUNCHER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from nanyi_desk.supervisor.runner import run_kiosk
    sys.exit(run_kiosk(Path(sys.argv[1]), program=[sys.executable, sys.argv[2]]))
    """
)


@posix_only
def test_sigterm_stops_the_child_and_the_supervisor_and_logs_to_kiosk_log(
    tmp_path: Path, fake_child: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctl = tmp_path / "deck"
    (ctl / "pids").mkdir(parents=True)
    (ctl / "deck.yaml").write_text("x\n")
    launcher = tmp_path / "launcher.py"
    launcher.write_text(LAUNCHER)
    monkeypatch.setenv("NANYI_DESK_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("NANYI_DESK_DATA_DIR", str(tmp_path / "data"))
    supervisor = subprocess.Popen(
        [sys.executable, str(launcher), str(ctl / "deck.yaml"), str(fake_child)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(
            lambda: (ctl / "events.jsonl").exists() and "beat" in (ctl / "events.jsonl").read_text()
        )
        supervisor.send_signal(signal.SIGTERM)
        _, stderr = supervisor.communicate(timeout=10)
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
            supervisor.communicate()
    assert supervisor.returncode == 0, stderr
    child = int(next((ctl / "pids").iterdir()).name)
    _wait_for(lambda: not _alive(child), timeout=3)
    log = (tmp_path / "logs" / "kiosk.log").read_text()
    assert "started the player" in log
    assert "received SIGTERM" in log
    assert f"stopped pid {child}" in log
    assert list((tmp_path / "data").glob("kiosk-state-*.json")) == []  # the fake never moved


@posix_only
def test_end_to_end_the_real_player_resumes_its_slide_after_kill_9(tmp_path: Path) -> None:
    """`nanyi-desk kiosk-child` offscreen (conftest's QT_QPA_PLATFORM reaches the child)."""
    from nanyi_desk.deck.starter import write_starter

    deck = tmp_path / "deck"
    write_starter(deck)
    state, heartbeat = tmp_path / "state.json", tmp_path / "heartbeat"
    runner = KioskRunner(
        deck,
        link.KioskOptions(advance=1.0, idle_reset=3600.0),  # the attract loop moves on its own
        state_path=state,
        heartbeat_path=heartbeat,
    )
    thread = threading.Thread(target=runner.run, daemon=True)
    pids: set[int] = set()

    def beating() -> int | None:
        token = (link.heartbeat_token(heartbeat) or b"").split()
        pid = int(token[0]) if token else None
        if pid is not None:
            pids.add(pid)
        return pid

    thread.start()
    try:
        first = _wait_for(beating, timeout=30)
        _wait_for(lambda: (link.read_state(state) or {}).get("slide", 0) >= 2, timeout=15)
        os.kill(first, signal.SIGKILL)
        killed = time.monotonic()
        at = link.read_state(state)  # final: its only writer is dead
        assert at is not None
        written = state.stat().st_ino
        _wait_for(lambda: runner.child_pid not in (None, first), timeout=3)
        started_after = time.monotonic() - killed  # "within 3 s": Qt's own start comes on top
        _wait_for(lambda: beating() not in (None, first), timeout=10)
        # The new player's first write (os.replace: a new inode) is its resume point.
        _wait_for(lambda: state.stat().st_ino != written, timeout=10)
        resumed = link.read_state(state)
        assert resumed is not None
        assert resumed["slide"] == at["slide"]
        assert resumed["lang"] == at["lang"]
        assert started_after < 3.0
    finally:
        runner.stop()
        thread.join(15)
    assert not thread.is_alive()
    assert len(pids) == 2
    assert not [pid for pid in pids if _alive(pid)]


@pytest.mark.parametrize(
    "bad", [["--advance", "-1"], ["--advance", "0"], ["--idle-reset", "x"], ["--pin", "12ab"]]
)
def test_kiosk_options_that_would_break_a_kiosk_are_refused(
    bad: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from nanyi_desk import cli

    with pytest.raises(SystemExit) as stopped:
        cli.main(["kiosk", "d.yaml", *bad])
    assert stopped.value.code == 2
    assert bad[0] in capsys.readouterr().err


def test_end_to_end_hot_reload_with_a_valid_then_a_broken_deck(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real player, offscreen: a valid edit takes over, a broken one is logged, never shown."""
    from nanyi_desk.deck.starter import write_starter

    monkeypatch.setenv("NANYI_DESK_LOG_DIR", str(tmp_path / "log"))
    monkeypatch.setenv("NANYI_DESK_DATA_DIR", str(tmp_path / "data"))
    deck = tmp_path / "deck"
    write_starter(deck)
    state, heartbeat = tmp_path / "state.json", tmp_path / "heartbeat"
    runner = KioskRunner(
        deck, link.KioskOptions(advance=1.0), state_path=state, heartbeat_path=heartbeat
    )
    thread = threading.Thread(target=runner.run, daemon=True)
    log = tmp_path / "log" / "kiosk-player.log"
    text = (deck / "deck.yaml").read_text(encoding="utf-8")

    def logged(words: str) -> bool:
        return log.exists() and words in log.read_text(encoding="utf-8")

    thread.start()
    try:
        first = _wait_for(lambda: (link.heartbeat_token(heartbeat) or b"").split()[:1], timeout=30)
        (deck / "deck.yaml").write_text(text.replace("我的简报", "新的简报"), encoding="utf-8")
        _wait_for(lambda: logged("reloaded deck"), timeout=20)
        (deck / "deck.yaml").write_text(text.replace("format: 1", "format: 9"), encoding="utf-8")
        _wait_for(lambda: logged("keeps playing"), timeout=20)
        # The loop goes on with the last good deck, in the same process: it moves to
        # another slide (the state file changes) and the beat is still the first pid's.
        shown = link.read_state(state)
        _wait_for(lambda: link.read_state(state) not in (None, shown), timeout=10)
        assert (link.heartbeat_token(heartbeat) or b"").split()[:1] == first
        assert runner.child_pid == int(first[0])
    finally:
        runner.stop()
        thread.join(15)
    assert not thread.is_alive()
