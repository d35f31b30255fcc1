"""What every nanyi-desk process sets up first: matplotlib's folder and the launch words.

`prepare(argv)` is called first thing by `cli.main`, the one entry point shared by the
console script, `python -m nanyi_desk` and the frozen build (whose script is `__main__`).
Plain Python: the standard library and `user_dirs` only, so `validate` still starts at once.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping, Sequence
from pathlib import Path

from nanyi_desk import user_dirs

MPLCONFIGDIR = "MPLCONFIGDIR"
"""matplotlib reads its config and font-cache folder from this variable, once, on import."""
CHART_WORKER = "chart-worker"
"""The hidden first word that makes nanyi-desk a player's chart helper (`charts.worker`,
dispatched by `__main__` before the command line's imports)."""
PYDANTIC_PLUGINS = "PYDANTIC_DISABLE_PLUGINS"
"""pydantic skips its search for plugins when this says `__all__`."""


def prepare(argv: Sequence[str] | None = None) -> list[str]:
    """Set up the process's environment; return the command-line words to parse.

    Args:
        argv: The words after the program's name; default: `sys.argv[1:]`.

    Returns:
        `argv`, with `play` put in front of a lone deck (see `launch_words`).
    """
    point_matplotlib_home(os.environ, frozen=bool(getattr(sys, "frozen", False)))
    # nanyi-desk uses no pydantic plugin; looking for them reads the metadata of every
    # installed package when the deck's model is first built (10-30 ms of a start).
    os.environ.setdefault(PYDANTIC_PLUGINS, "__all__")
    return launch_words(sys.argv[1:] if argv is None else argv)


def matplotlib_home() -> Path:
    """nanyi-desk's own folder for matplotlib's font cache (and a matplotlibrc nobody writes)."""
    return user_dirs.cache_dir() / "matplotlib"


def point_matplotlib_home(environ: MutableMapping[str, str], *, frozen: bool) -> None:
    """Give matplotlib a persistent folder of ours, before anything imports it.

    Frozen, always ours: PyInstaller's run-time hook (pyi_rth_mplconfig) would point
    MPLCONFIGDIR at a fresh temporary folder, so that matplotlib rebuilt its font cache at
    every start (matplotlib issue 13071; PyInstaller issue 3959, PR 9418 not merged in 6.22).
    build.spec no longer runs that hook, but a build that did must not undo this; ours also
    keeps a person's own matplotlibrc (a backend the build lacks) away from the app, as that
    hook meant to. From source, a MPLCONFIGDIR someone set wins.
    matplotlib makes the folder itself on import: a command that never draws leaves no trace.
    """
    if frozen or not environ.get(MPLCONFIGDIR):
        environ[MPLCONFIGDIR] = os.fspath(matplotlib_home())


def own_command(*words: str) -> list[str]:
    """The command that runs this program again with `words`, for a process of its own.

    Frozen (PyInstaller), the executable is nanyi-desk itself and there is no `-m`; from
    source, this Python with `-m nanyi_desk`.
    """
    if getattr(sys, "frozen", False):
        return [sys.executable, *words]
    return [sys.executable, "-m", "nanyi_desk", *words]


def launch_words(argv: Sequence[str]) -> list[str]:
    """`play DECK` for a lone deck, the rest unchanged.

    A deck dropped on the app's icon (Windows, and macOS through PyInstaller's argv
    emulation) or opened with it arrives as the only word: `nanyi-desk deck.yaml`. A word is
    a deck when it is a .yaml/.yml file or a folder holding deck.yaml, so a subcommand such
    as `validate` is never mistaken for one unless a folder of that name holds a deck.
    """
    words = list(argv)
    if len(words) == 1 and not words[0].startswith("-") and _is_deck(Path(words[0])):
        return ["play", words[0]]
    return words


def _is_deck(path: Path) -> bool:
    if path.suffix.lower() in (".yaml", ".yml"):
        return path.is_file()
    return (path / "deck.yaml").is_file()
