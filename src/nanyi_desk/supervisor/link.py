"""The contract between the kiosk supervisor and its player child; both sides import it.

The supervisor starts `child_command(...)`; the child parses it with `add_child_arguments`,
calls `beat(heartbeat)` at least once a second from its GUI thread, `write_state(state, …)`
on every slide change and `read_state(state)` once on start to resume. Exit code 0 means
"staff quit on purpose"; anything else gets the child restarted.

Plain Python and cheap to import (the Qt child imports it too, and the supervisor must start
even where Qt cannot): the standard library and `nanyi_desk.atomic` only.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nanyi_desk.atomic import write_atomically
from nanyi_desk.startup import own_command

CHILD_SUBCOMMAND = "kiosk-child"
"""The hidden `nanyi-desk` subcommand that runs the Qt player for the supervisor."""
PIN_ENV = "NANYI_DESK_KIOSK_PIN"
"""The staff PIN travels in the environment: a command line is readable by every user (ps)."""

_MAX_STATE_BYTES = 1 << 20
_HEARTBEAT_READ = 64


@dataclass(frozen=True)
class KioskOptions:
    """The kiosk's options the supervisor passes to the player unchanged."""

    screen: int | None = None
    """The screen to show on (0 = first); None: the player's choice."""
    pin: str | None = None
    """The staff PIN that lets the player exit; None: the player's default."""
    advance: float | None = None
    """Seconds before the next slide when nobody touches the screen; None: the default."""
    idle_reset: float | None = None
    """Seconds without a touch before going back to the first slide; None: the default."""

    def argv(self) -> list[str]:
        """The options as command-line words, only those that are set."""
        words: list[str] = []
        if self.screen is not None:
            words += ["--screen", str(self.screen)]
        if self.advance is not None:
            words += ["--advance", f"{self.advance:g}"]
        if self.idle_reset is not None:
            words += ["--idle-reset", f"{self.idle_reset:g}"]
        return words

    def env(self) -> dict[str, str]:
        """What the child's environment adds: the PIN, never on its command line."""
        return {PIN_ENV: self.pin} if self.pin else {}

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> KioskOptions:
        """The options parsed by a parser that `add_kiosk_options` set up.

        The PIN comes from --pin, else from the NANYI_DESK_KIOSK_PIN environment variable
        (which, unlike an argument, other users cannot read with `ps`).
        """
        return cls(
            screen=args.screen,
            pin=args.pin or os.environ.get(PIN_ENV) or None,
            advance=args.advance,
            idle_reset=args.idle_reset,
        )


def _seconds(most: float) -> Any:
    def seconds(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
        if not 0 < value <= most:
            raise argparse.ArgumentTypeError(f"{text}: give seconds above 0 and at most {most:g}")
        return value

    return seconds


def _pin(text: str) -> str:
    # The keypad has digits only and takes twelve: any other PIN would lock the staff in.
    if not text.isdigit() or not 1 <= len(text) <= 12 or not text.isascii():
        raise argparse.ArgumentTypeError("a PIN is 1 to 12 digits, as on the kiosk's keypad")
    return text


def add_kiosk_options(parser: argparse.ArgumentParser) -> None:
    """Add --screen, --pin, --advance, --idle-reset: shared by `kiosk` and `kiosk-child`."""
    parser.add_argument(
        "--screen", type=int, default=None, metavar="N", help="the screen to show on (0 = first)"
    )
    parser.add_argument(
        "--pin",
        type=_pin,
        default=None,
        help=f"the staff PIN that exits the kiosk (better: set {PIN_ENV}, which ps cannot show)",
    )
    parser.add_argument(
        "--advance",
        type=_seconds(3600),
        default=None,
        metavar="S",
        help="seconds before the next slide when nobody touches the screen",
    )
    parser.add_argument(
        "--idle-reset",
        type=_seconds(86400),
        default=None,
        metavar="S",
        help="seconds without a touch before going back to the first slide",
    )


def add_child_arguments(parser: argparse.ArgumentParser) -> None:
    """Set up the `kiosk-child` parser to read exactly what `child_command` writes."""
    parser.add_argument("deck", type=Path, help="the deck .yaml file or folder")
    parser.add_argument("--state", type=Path, required=True, help="where the current slide is kept")
    parser.add_argument(
        "--heartbeat", type=Path, required=True, help="the file to beat at least every second"
    )
    parser.add_argument(
        "--fallback",
        default=None,
        metavar="REASON",
        help="show a static screen with REASON instead of the deck (still beating)",
    )
    add_kiosk_options(parser)


def child_command(
    deck: str | os.PathLike[str],
    *,
    state: str | os.PathLike[str],
    heartbeat: str | os.PathLike[str],
    options: KioskOptions | None = None,
    fallback: str | None = None,
    program: Sequence[str] | None = None,
) -> list[str]:
    """The command line that starts the player child.

    Args:
        deck: The deck file or folder.
        state: The state file the child resumes from and writes to.
        heartbeat: The file the child beats.
        options: Passed through unchanged.
        fallback: When set, the child shows this reason on a static screen, no deck.
        program: The words before the arguments; default: this Python running
            `-m nanyi_desk kiosk-child`, or the frozen executable's `kiosk-child`.
            Tests put a stand-in child here.

    Returns:
        The argv for `subprocess.Popen`.
    """
    if program is None:
        program = own_command(CHILD_SUBCOMMAND)
    argv = [*program, os.fspath(deck), "--state", os.fspath(state)]
    argv += ["--heartbeat", os.fspath(heartbeat), *(options or KioskOptions()).argv()]
    if fallback is not None:
        argv += ["--fallback", fallback]
    return argv


def beat(path: str | os.PathLike[str]) -> None:
    """Tell the supervisor this process's GUI thread is alive; call at least every second.

    Writes the process id and a monotonic count, so every beat changes the file's contents
    and wall-clock changes or coarse file times (FAT: 2 s) cannot hide it. No fsync: the
    supervisor reads the page cache, and a beat must cost microseconds. Never raises: a
    beat that cannot be written shows up as a missed beat, which is what it is.
    """
    stamp = f"{os.getpid()} {time.monotonic_ns()}\n".encode("ascii")
    with contextlib.suppress(OSError), open(path, "wb") as file:
        file.write(stamp)


def heartbeat_token(path: str | os.PathLike[str]) -> bytes | None:
    """The heartbeat file's contents (None if missing): a change means a beat came in."""
    try:
        with open(path, "rb") as file:
            return file.read(_HEARTBEAT_READ)
    except OSError:
        return None


def write_state(path: str | os.PathLike[str], state: Mapping[str, Any]) -> bool:
    """Save the player's place atomically, e.g. `{"slide": 3, "lang": "en"}`.

    Through `nanyi_desk.atomic`: a crash or power cut at any moment leaves the old state
    or the new one, never half of one. The folder must exist (the supervisor makes it).

    Returns:
        False when the file could not be written (full disk, read-only folder): resuming
        is a nicety, so a kiosk must not stop over it.

    Raises:
        TypeError: The state holds something JSON cannot write (a programming error).
    """
    data = json.dumps(dict(state), ensure_ascii=False, sort_keys=True).encode("utf-8")
    try:
        write_atomically(path, data)
    except OSError:
        return False
    return True


def read_state(path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The saved place, or None when there is none or it cannot be read; never raises.

    The values are as the child wrote them: check their types and ranges before use (a
    slide number from an older deck may be past the end of this one).
    """
    try:
        with open(path, "rb") as file:
            data = file.read(_MAX_STATE_BYTES + 1)
        if len(data) > _MAX_STATE_BYTES:
            return None
        state = json.loads(data)
    except (OSError, ValueError, RecursionError):
        return None
    return state if isinstance(state, dict) else None
