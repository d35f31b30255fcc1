"""The player's side of the chart helper (charts.worker): start it, ask it, let it go.

Whatever goes wrong with the helper — it could not start, it died, it is slow beyond reason,
it could not draw a chart — `draw` returns None and the caller draws the chart itself, as it
would without a helper. Nothing here imports matplotlib: that is the point.

One helper per process, started by a start-up that will probably draw (`start_helper`) and
found by the deck's chart images (`running_helper`).
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import queue
import subprocess
import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from nanyi_desk.messages import receive, send
from nanyi_desk.playback.hits import ChartHit
from nanyi_desk.startup import CHART_WORKER, own_command

log = logging.getLogger("nanyi_desk.render")

REPLY_TIMEOUT_S = 20.0
"""A reply later than this means a helper that hangs: it is stopped and the chart drawn here."""

Drawn = tuple[bytes, int, int, tuple[ChartHit, ...]]
"""A chart as the helper sends it: straight RGBA8888, width, height (device px), hits."""


class ChartWorker:
    """A running helper process and the replies read from it (on a thread of their own)."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process
        self._replies: queue.Queue[object | None] = queue.Queue()
        self._lock = threading.Lock()
        self._idents = itertools.count()
        self._arrived: dict[int, object] = {}
        self._gone = False
        self.drawn = 0
        """Charts it drew for us."""
        threading.Thread(target=self._read, name="chart-helper", daemon=True).start()

    @classmethod
    def start(cls, command: list[str] | None = None) -> ChartWorker | None:
        """Start a helper (None if the system would not)."""
        try:
            process = subprocess.Popen(  # noqa: S603 - our own program, no shell
                command or own_command(CHART_WORKER),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
        except OSError as exc:
            log.info("chart helper: not started (%s)", exc)
            return None
        return cls(process)

    @property
    def alive(self) -> bool:
        """False once it has ended or failed us: then it is never asked again."""
        return not self._gone

    def draw(self, **options: Any) -> Drawn | None:
        """`charts.render_chart(**options)` drawn by the helper; None: draw it yourself."""
        ticket = self.ask(**options)
        return None if ticket is None else self.take(ticket)

    def ask(self, **options: Any) -> int | None:
        """Ask for a chart without waiting: its ticket for `take`, or None (draw it yourself)."""
        if self._gone:
            self.close()  # it has ended: let go of its pipe too
            return None
        with self._lock:
            ident = next(self._idents)
            try:
                assert self._process.stdin is not None
                send(self._process.stdin, (ident, {k: fields_only(v) for k, v in options.items()}))
            except (OSError, ValueError) as exc:  # ValueError: its pipe is already closed
                return self._give_up(f"cannot ask it ({exc})")
            return ident

    def take(self, ticket: int) -> Drawn | None:
        """The chart asked for with `ticket`, waiting for it if need be; None: draw it yourself."""
        with self._lock:
            while ticket not in self._arrived:
                if self._gone and self._replies.empty():  # whatever it sent has been read
                    return None
                try:
                    reply = self._replies.get(timeout=REPLY_TIMEOUT_S)
                except queue.Empty:
                    return self._give_up(f"no reply in {REPLY_TIMEOUT_S:.0f} s")
                if reply is None:
                    return self._give_up("it has ended")
                ident, drawn = reply  # type: ignore[misc]
                self._arrived[ident] = drawn
            drawn = self._arrived.pop(ticket)
        if isinstance(drawn, str):
            log.info("chart helper could not draw a chart: %s", drawn)
            return None
        self.drawn += 1
        return drawn  # type: ignore[no-any-return]

    def close(self) -> None:
        """Let it go: it ends as soon as it sees its input closed."""
        self._gone = True
        if self._process.stdin is not None:
            with contextlib.suppress(OSError):
                self._process.stdin.close()

    def stop(self) -> None:
        """End it now and wait for it (tests, and a helper that hangs)."""
        self.close()
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()

    def _give_up(self, why: str) -> None:
        log.info("chart helper: %s; charts are drawn here from now on", why)
        self.close()
        if self._process.poll() is None:
            self._process.kill()
        return None

    def _read(self) -> None:
        assert self._process.stdout is not None
        try:
            while (reply := receive(self._process.stdout)) is not None:
                self._replies.put(reply)
        except Exception:  # noqa: BLE001 - a broken pipe or half a message: it has ended
            pass
        self._gone = True
        self._replies.put(None)
        with contextlib.suppress(OSError):
            self._process.stdout.close()
        # Reaped here, on this thread: a kiosk runs for weeks, and an ended helper must not
        # stay behind as a zombie until the player ends.
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._process.wait(timeout=60)


def fields_only(value: object) -> object:
    """The deck's models (chart, theme) as plain namespaces of their fields, all the way down.

    The helper then draws without importing pydantic and the deck's model (a quarter of its
    start); the chart code only ever reads fields. Texts are plain strings and dicts already.
    """
    from pydantic import BaseModel  # loaded with the deck by the time anything is drawn

    if isinstance(value, BaseModel):
        return SimpleNamespace(
            **{name: fields_only(getattr(value, name)) for name in type(value).model_fields}
        )
    if isinstance(value, (tuple, list)):
        return type(value)(fields_only(item) for item in value)
    if isinstance(value, dict):
        return {key: fields_only(item) for key, item in value.items()}
    return value


_helper: ChartWorker | None = None


def start_helper(deck: Path | None, deck_cache: Path | None) -> None:
    """Start this process's helper when the start will probably draw charts.

    Only on a machine with a second core (on one core the helper would only take turns
    with the player), unless NANYI_DESK_CHART_WORKER=off, and only when `deck` was never
    played from `deck_cache` (the checked decks kept between runs): its charts were then
    never drawn either. Asking costs a file's stat, not the deck's model. `deck` None: the
    caller knows better (a start with no first frame to show), start one.
    """
    global _helper  # noqa: PLW0603 - one helper per process, by design
    if _helper is not None or (os.cpu_count() or 1) < 2:
        return
    if os.environ.get("NANYI_DESK_CHART_WORKER", "").lower() in ("0", "off", "no"):
        return
    from nanyi_desk.deck.load_cache import played_before

    if deck is not None and played_before(deck, deck_cache):
        return
    _helper = ChartWorker.start()


def running_helper() -> ChartWorker | None:
    """The process's helper, while it is there to ask."""
    return _helper if _helper is not None and _helper.alive else None
