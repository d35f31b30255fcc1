"""The kiosk supervisor's loop: starts the player child and carries out `RestartPolicy`.

A thin driver: `subprocess.Popen`, a poll every quarter second, the heartbeat file, the
deck's file times and the log. Every decision is the policy's. Plain Python, and it imports
on Windows (the POSIX-only signals are looked up, not assumed).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import FrameType

from nanyi_desk import logs, user_dirs
from nanyi_desk.supervisor.link import KioskOptions, child_command, heartbeat_token
from nanyi_desk.supervisor.policy import (
    Action,
    Decision,
    PolicyConfig,
    RestartPolicy,
    describe_exit,
    meaningful_line,
)

LOG_NAME = "kiosk.log"
_LOGGER = "nanyi_desk.supervisor"
_TAIL_LINES = 20
_DECK_CHECK_EVERY = 1.0
_TERMINATE_GRACE = 5.0


def deck_signature(deck: Path) -> tuple[tuple[str, int, int], ...]:
    """The deck's files with their times and sizes: it changes when the deck is edited."""
    try:
        files = sorted(p for p in deck.rglob("*") if p.is_file()) if deck.is_dir() else [deck]
        return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files[:2000])
    except OSError:
        return ()


def default_state_path(deck: Path, screen: int | None) -> Path:
    """Where the kiosk keeps its place: one file per deck and screen, in the data folder."""
    key = f"{deck.resolve()}|{screen}".encode()
    return user_dirs.data_dir() / f"kiosk-state-{hashlib.sha256(key).hexdigest()[:12]}.json"


class _Child:
    """A running player process and the last lines of its stderr."""

    def __init__(
        self, argv: list[str], started: float, fallback: str | None, env: dict[str, str]
    ) -> None:
        # Its own session: Ctrl+C in a terminal reaches only the supervisor, which then
        # stops the child in order instead of both racing to die. (Windows ignores it.)
        self.proc = subprocess.Popen(
            argv,
            env={**os.environ, **env},
            stdin=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=os.name == "posix",
        )
        self.started = started
        self.fallback = fallback
        self.tail: deque[str] = deque(maxlen=_TAIL_LINES)
        # A thread drains stderr so a chatty child never blocks on a full pipe.
        self._reader = threading.Thread(
            target=self._read, name=f"kiosk-child-{self.proc.pid}-stderr", daemon=True
        )
        self._reader.start()

    def _read(self) -> None:
        stream = self.proc.stderr
        assert stream is not None
        with stream:
            for raw in stream:
                self.tail.append(raw.decode("utf-8", "replace").rstrip())

    def stderr_tail(self) -> list[str]:
        """Its last stderr lines; call once it has ended."""
        self._reader.join(0.5)  # a grandchild holding the pipe open must not delay a restart
        return list(self.tail)

    def kill(self) -> int:
        """End it now (it is hung: a polite request would not be read) and reap it."""
        with contextlib.suppress(OSError):
            self.proc.kill()
        return self.proc.wait()

    def end(self) -> None:
        """Ask it to stop, wait, then kill: the supervisor is leaving."""
        if self.proc.poll() is None:
            with contextlib.suppress(OSError):
                self.proc.terminate()
                sigcont = getattr(signal, "SIGCONT", None)
                if sigcont is not None:  # a stopped process holds SIGTERM until continued
                    os.kill(self.proc.pid, sigcont)
            try:
                self.proc.wait(_TERMINATE_GRACE)
            except subprocess.TimeoutExpired:
                self.kill()
        self.stderr_tail()


class KioskRunner:
    """Keeps one player child alive for one kiosk; `run` until it exits 0 or is stopped."""

    def __init__(
        self,
        deck: Path,
        options: KioskOptions | None = None,
        *,
        state_path: Path,
        heartbeat_path: Path,
        config: PolicyConfig | None = None,
        program: Sequence[str] | None = None,
        poll: float = 0.25,
        clock: Callable[[], float] = time.monotonic,
        logger: logging.Logger | None = None,
    ) -> None:
        """Set up, start nothing yet.

        Args:
            deck: The deck file or folder.
            options: Passed to the child unchanged.
            state_path: The child's state file, kept across restarts.
            heartbeat_path: The child's heartbeat file.
            config: The policy's timings.
            program: The child's program words (see `link.child_command`); tests use it.
            poll: Seconds between looks at the child.
            clock: A monotonic clock: wall-clock changes must not look like silence.
            logger: Where starts, restarts and crashes are logged.
        """
        self.deck = deck
        self.options = options or KioskOptions()
        self.state_path = state_path
        self.heartbeat_path = heartbeat_path
        self.policy = RestartPolicy(config)
        self.program = program
        self.poll = poll
        self.clock = clock
        self.log = logger or logging.getLogger(_LOGGER)
        self._stop = threading.Event()
        self._signal: int | None = None
        self._child: _Child | None = None
        self._deck_seen: tuple[tuple[str, int, int], ...] = ()
        self._deck_checked = 0.0

    @property
    def child_pid(self) -> int | None:
        """The running child's process id, if one runs."""
        child = self._child
        return child.proc.pid if child is not None and child.proc.poll() is None else None

    def stop(self) -> None:
        """Ask `run` to end the child and return (from any thread or a signal handler)."""
        self._stop.set()

    def run(self) -> int:
        """Supervise until the child exits 0 or `stop` / SIGTERM / SIGINT; return 0."""
        with self._signals():
            try:
                self._loop()
            finally:
                if self._signal is not None:
                    self.log.info("received %s; stopping", signal.Signals(self._signal).name)
                self._end_child()
        return 0

    def _loop(self) -> None:
        decision = Decision(Action.START_DECK, "kiosk started")
        while not self._stop.wait(decision.delay):
            try:
                self._start(decision)
            except OSError as exc:
                self.log.error("cannot start the player: %s", exc)
                decision = self.policy.exited(self.clock(), 127, f"cannot start the player: {exc}")
                continue
            next_decision = self._watch()
            if next_decision is None:
                return
            if next_decision.action is Action.STOP:
                self.log.info("%s; the kiosk stops", next_decision.reason)
                return
            decision = next_decision

    def _start(self, decision: Decision) -> None:
        with contextlib.suppress(OSError):
            # A beat left by the last child must not count for the new one.
            os.unlink(self.heartbeat_path)
        argv = child_command(
            self.deck,
            state=self.state_path,
            heartbeat=self.heartbeat_path,
            options=self.options,
            fallback=decision.fallback,
            program=self.program,
        )
        now = self.clock()
        self.policy.started(now)
        if decision.action is Action.START_DECK:
            self._deck_seen = deck_signature(self.deck)
        self._child = _Child(argv, now, decision.fallback, (self.options or KioskOptions()).env())
        what = "fallback screen" if decision.fallback is not None else "player"
        self.log.info(
            "started the %s, pid %d (%s)%s",
            what,
            self._child.proc.pid,
            decision.reason,
            f"; showing: {decision.fallback}" if decision.fallback is not None else "",
        )

    def _watch(self) -> Decision | None:
        """Poll the running child until it needs replacing (a decision) or we stop (None)."""
        child = self._child
        assert child is not None
        token: bytes | None = None
        while not self._stop.wait(self.poll):
            now = self.clock()
            seen = heartbeat_token(self.heartbeat_path)
            if seen is not None and seen != token:
                token = seen
                self.policy.beat(now)
            code = child.proc.poll()
            if code is not None:
                return self._ended(child, now, code, hung=None)
            hung = self.policy.hung(now)
            if hung is not None:
                return self._ended(child, now, child.kill(), hung=hung)
            if self.policy.in_fallback and now - self._deck_checked >= _DECK_CHECK_EVERY:
                self._deck_checked = now
                retry = self._deck_retry()
                if retry is not None:
                    self._end_child()
                    return retry
        return None

    def _deck_retry(self) -> Decision | None:
        seen = deck_signature(self.deck)
        if seen == self._deck_seen:
            return None
        self._deck_seen = seen
        return self.policy.deck_changed()

    def _ended(self, child: _Child, now: float, code: int, hung: str | None) -> Decision:
        tail = child.stderr_tail()
        self._child = None
        decision = self.policy.exited(now, code, meaningful_line(tail), hung=hung)
        if decision.action is Action.STOP:
            return decision
        self.log.warning(
            "the %s (pid %d) ended after %.1f s: %s",
            "fallback screen" if child.fallback is not None else "player",
            child.proc.pid,
            now - child.started,
            decision.reason,
        )
        if tail:
            self.log.warning("its last stderr lines:\n  %s", "\n  ".join(tail))
        if decision.action is Action.START_FALLBACK and child.fallback is None:
            self.log.error("FALLBACK: the deck cannot start; showing: %s", decision.fallback)
        elif decision.delay:
            self.log.info("restarting in %g s", decision.delay)
        return decision

    def _end_child(self) -> None:
        child, self._child = self._child, None
        if child is not None:
            child.end()
            self.log.info(
                "stopped pid %d (%s)", child.proc.pid, describe_exit(child.proc.returncode)
            )

    @contextlib.contextmanager
    def _signals(self) -> Iterator[None]:
        # Python lets only the main thread set handlers; tests run the loop in a thread.
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = {}
        for name in ("SIGTERM", "SIGINT"):
            signum = getattr(signal, name, None)
            if signum is not None:
                previous[signum] = signal.signal(signum, self._on_signal)
        try:
            yield
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        # No logging here: the handler may interrupt a log call in progress.
        self._signal = signum
        self._stop.set()


def run_kiosk(
    deck: Path,
    options: KioskOptions | None = None,
    *,
    config: PolicyConfig | None = None,
    program: Sequence[str] | None = None,
    state_path: Path | None = None,
    echo: bool = True,
) -> int:
    """Run the kiosk: log to `kiosk.log` in the log folder, supervise, clean up.

    Args:
        deck: The deck file or folder.
        options: Passed to the player unchanged.
        config: The policy's timings (default: 15 s heartbeat timeout and so on).
        program: The child's program words; default: `nanyi-desk kiosk-child`.
        state_path: Default: one file per deck and screen in the data folder.
        echo: Also log to stderr.

    Returns:
        The process exit code: 0 once the player exited on purpose or we were stopped.
    """
    options = options or KioskOptions()
    logger = logging.getLogger(_LOGGER)
    logs.rotating_log(LOG_NAME, logger=_LOGGER)
    echoing = logging.StreamHandler(sys.stderr) if echo else None
    if echoing is not None:
        echoing.setFormatter(logging.Formatter(logs.FORMAT))
        logger.addHandler(echoing)
    try:
        state = state_path or default_state_path(deck, options.screen)
        try:
            # The player writes its place there and must find the folder made.
            state.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            logger.warning(
                "cannot make %s (the kiosk will not resume its place): %s", state.parent, exc
            )
        # The heartbeat is rewritten every second: a private temporary folder (often RAM)
        # spares the kiosk's flash, and no other user can plant a link there.
        with tempfile.TemporaryDirectory(prefix="nanyi-desk-kiosk-") as beats:
            logger.info("kiosk supervisor for %s; state in %s", deck, state)
            runner = KioskRunner(
                deck,
                options,
                state_path=state,
                heartbeat_path=Path(beats) / "heartbeat",
                config=config,
                program=program,
                logger=logger,
            )
            return runner.run()
    finally:
        logs.close_log(LOG_NAME, logger=_LOGGER)
        if echoing is not None:
            logger.removeHandler(echoing)
