"""A process that draws charts for the player while the player starts: its second core.

On a start that has never been seen (nothing of the deck stored yet), the first slide with a
chart waits for matplotlib's import (half a second) and the chart's draw, one after the other
with the player's own start: Qt, the deck's model and checks, the window. The player starts
this helper as its first act instead; it imports matplotlib on the other core meanwhile, and
draws what the player asks for. A request is `(ident, render_chart's keyword arguments)`;
the reply `(ident, (rgba, width, height, hits))`, or `(ident, "why not")` when drawing
failed, so the player draws it itself and sees the same error as it always would.

It ends when its input closes (the player ended, or died: nothing is left behind) or after
IDLE_S without a request; a player whose helper is gone draws its charts itself.

Run as `nanyi-desk chart-worker` (`startup.own_command`; `__main__` dispatches it).
"""

from __future__ import annotations

import contextlib
import os
import queue
import sys
import threading
from typing import Any, BinaryIO, cast

from nanyi_desk.messages import receive, send

IDLE_S = 20.0
"""Seconds without a request before the helper ends: a start is long over by then."""


def serve(inp: BinaryIO, out: BinaryIO, idle_s: float = IDLE_S) -> int:
    """Answer drawing requests from `inp` on `out` until `inp` closes or stays idle."""
    requests: queue.Queue[object | None] = queue.Queue()

    def read() -> None:
        try:
            while (message := receive(inp)) is not None:
                requests.put(message)
        except Exception:  # noqa: BLE001 - a broken pipe is a closed one
            pass
        requests.put(None)

    threading.Thread(target=read, name="requests", daemon=True).start()
    # The imports are the work this process exists to take off the player's core.
    from .fonts import register_fonts
    from .render import render_chart

    register_fonts()
    while True:
        try:
            request = requests.get(timeout=idle_s)
        except queue.Empty:
            return 0
        if request is None:
            return 0
        ident, options = cast("tuple[int, dict[str, Any]]", request)
        try:
            drawn = render_chart(**options)
            reply: object = (drawn.rgba, drawn.width, drawn.height, drawn.hits)
        except Exception as exc:  # noqa: BLE001 - the player draws it and meets it itself
            reply = f"{type(exc).__name__}: {exc}"
        try:
            send(out, (ident, reply))
        except OSError:
            return 0


def main() -> int:
    """Serve on the standard input and output, which are the player's pipes.

    Read by descriptor (0 and 1), not through `sys.stdin`/`sys.stdout`: a windowed frozen
    app may start without those objects. Descriptor 1 then points where errors go, so that
    nothing printed by accident ever lands in the middle of a reply.
    """
    try:
        pipe_in = os.fdopen(os.dup(0), "rb")
        pipe_out = os.fdopen(os.dup(1), "wb")
    except OSError:
        return 1  # no pipes: not started by a player; it draws its charts itself
    with contextlib.suppress(OSError):
        os.dup2(2, 1)
    sys.stdout = sys.stderr
    return serve(pipe_in, pipe_out)
