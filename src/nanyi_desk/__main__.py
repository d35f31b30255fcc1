"""`python -m nanyi_desk` does what the `nanyi-desk` command does."""

import sys

from nanyi_desk import startup

if sys.argv[1:2] == [startup.CHART_WORKER]:
    # The frozen app run as a player's chart helper: straight to drawing, past the command
    # line's imports (40 ms of a helper that is timed from the player's start).
    startup.prepare([])
    from nanyi_desk.charts.worker import main as serve

    sys.exit(serve())

from nanyi_desk.cli import main  # noqa: E402 - after the helper's early exit, on purpose

sys.exit(main())
