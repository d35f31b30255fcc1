"""How much work one deck may ask for: every budget, in one place, with its figure.

A deck comes from whoever wrote it, and a kiosk plays it unattended: whatever it asks for
must be bounded before it is done, and past a budget the loader says so at the line instead
of spending minutes and gigabytes. The figures are ten to a hundred times what a real
briefing needs (the default deck: 32 slides, 6 categories, strings up to 512 characters),
and low enough that the worst deck within them still paints each slide in seconds.
docs/deck-format.md ("Limits") lists them for authors. Plain Python: imports nothing.
"""

from __future__ import annotations

MAX_FILE_BYTES = 5 * 1024 * 1024
"""A deck, include, theme or CSV file larger than this is refused before it is read."""
MAX_DECK_BYTES = 20 * 1024 * 1024
"""Most bytes of YAML read for one deck, main file and every include (and every repeat)."""
MAX_DEPTH = 64
"""Deepest nesting of maps and lists in one file; a real deck needs fewer than ten."""
MAX_NODES = 200_000
"""Most values one file may hold, counting every use of an alias in full."""
MAX_DECK_VALUES = 500_000
"""Most values a whole deck may hold, across its main file and every include."""
MAX_LIST_ITEMS = 1_000
"""Most entries in one list of a deck file: refused as it is read, not after."""
MAX_TEXT_CHARS = 20_000
"""The longest string value (a title, a bullet, a note, a panel's body): forty times the
longest real one, and a few pages of speaker notes; fitting it stays under a second."""
MAX_SLIDE_CHARS = 20_000
"""Most characters of text on one slide or panel, every language counted, notes not: each
is measured on every paint, up to 41 times while it is fitted, and a paint must stay short
of the kiosk's heartbeat timeout."""
MAX_SLIDES = 500
"""Most slides a deck may have, includes spliced in."""
MAX_INCLUDE_READS = 200
"""Most included files read for one deck (a file included twice counts twice)."""
MAX_CATEGORIES = 100
"""Most categories in one chart, and so most rows in a chart's CSV file. Measured here, a
whole export of one chart slide: 100 bars 1.6 s (as 6 bars), 120 bars 3.3 s, 500 bars
6.6 s; the kiosk draws on the thread that beats its heartbeat."""
MAX_SLICES = 40
"""Most slices in a pie or donut: past this the slices are hairlines (60 took 2.5 s)."""
MAX_SERIES = 12
"""Most series in one chart, and so most value columns in a chart's CSV."""
MAX_POINTS = 600
"""Most values in one chart, categories times series (100 × 5 bars took 3.8 s)."""
MAX_ITEMS = 40
"""Most items in one list of bullets (or any items: list): each is fitted on every paint."""
MAX_TABLE_ROWS = 50
"""Most rows in one table: at 1080 px a row of 50 is already at the smallest type."""
MAX_TABLE_COLUMNS = 12
"""Most columns in one table."""
MAX_CSV_COLUMNS = 50
"""Most columns in a chart's CSV file."""
MAX_CELL_CHARS = 500
"""The longest cell of a chart's CSV file."""
MAX_PICTURE_BYTES = 20 * 1024 * 1024
"""The largest picture file."""
MAX_PICTURE_PIXELS = 40_000_000
"""Most pixels in a picture, as its header declares them (8000 × 5000)."""
MAX_PICTURE_SIDE = 16_384
"""The longest side of a picture, in pixels."""
MAX_SVG_BYTES = 2 * 1024 * 1024
"""The largest SVG file as stored (an .svgz counts compressed)."""
MAX_SVG_EXPANDED = 8 * 1024 * 1024
"""The largest SVG text once decompressed: a small .svgz may expand a thousandfold."""
MAX_SVG_ELEMENTS = 50_000
"""Most elements in one SVG picture."""
MAX_SVG_DATA_BYTES = 4 * 1024 * 1024
"""Most characters of data: URIs an SVG may embed, all together."""
