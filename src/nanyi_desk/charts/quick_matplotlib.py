"""matplotlib, imported without the property lists it writes into its own docstrings.

As matplotlib defines each of its Artist classes (a hundred or so, on import), it writes
that class's `set()` a docstring listing every property, read out of every setter's own
docstring (`matplotlib.artist.kwdoc`, also behind its `%(Line2D:kwdoc)s` substitutions).
That was 0.23 s of the chart code's 0.83 s import here, for help text this app never shows.
`kwdoc` only writes documentation, which drawing never reads; should a later matplotlib
drop it, this does nothing. Imported first by this package, before any Artist is defined.
"""

from __future__ import annotations

import matplotlib
import matplotlib.artist


def _no_property_list(artist: object) -> str:  # noqa: ARG001 - kwdoc's signature
    return ""


if callable(getattr(matplotlib.artist, "kwdoc", None)):
    matplotlib.artist.kwdoc = _no_property_list

__all__ = ["matplotlib"]
