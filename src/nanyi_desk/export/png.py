"""Write every slide of a deck as a PNG, through the same renderer as the player.

A folder exported into again holds this export's slides only: the export lists what it
wrote in a hidden manifest (`.nanyi-desk-export.json`), and the next export into the folder
removes the files of that list it did not write again (a deleted slide, a renamed id, the
slides of another deck exported there before). Files it did not write are never touched,
whatever their names. QtGui only: a QGuiApplication is enough, icons included (no widgets, no
QApplication).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from nanyi_desk.atomic import Batch, atomic_batch, write_atomically
from nanyi_desk.deck import LoadedDeck

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from nanyi_desk.render.context import DeckContext

MANIFEST = ".nanyi-desk-export.json"
"""The list of files the last PNG export wrote into its folder."""
_MANIFEST_BYTES = 1024 * 1024
_OURS = re.compile(r"(slide|panel)-[^/\\\x00]{1,200}\.png")
"""A name an export writes; a manifest naming anything else is not believed."""


def export_png(
    loaded: LoadedDeck, out: Path, width: int, height: int, lang: str, panels: bool = False
) -> list[tuple[Path, list[str]]]:
    """Render each slide to out/slide-NN.png; return each file with the texts that overflowed.

    With `panels`, every drill-down panel too, as out/panel-<id>.png: the sheet over a
    dimmed copy of the slide that leads to it, through the player's panel renderer. A panel
    that could not be drawn is listed with its error as the first of its problems.
    """
    from PySide6.QtGui import QGuiApplication

    from nanyi_desk.render.context import deck_context
    from nanyi_desk.render.fonts import register_fonts

    assert loaded.deck is not None
    _app = QGuiApplication.instance() or QGuiApplication([])
    register_fonts()
    ctx = deck_context(loaded)
    made = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OSError(f"cannot make the folder {out}: {exc.strerror or exc}") from None
    try:
        return _export_into(out, ctx, panels, width, height, lang)
    except BaseException:
        if made:  # a folder this export made stays only with its slides in it
            with contextlib.suppress(OSError):
                out.rmdir()
        raise


def _export_into(
    out: Path, ctx: DeckContext, panels: bool, width: int, height: int, lang: str
) -> list[tuple[Path, list[str]]]:
    from nanyi_desk.render.painter import render_image
    from nanyi_desk.render.panel import render_panel_image

    deck = ctx.deck
    earlier = written_before(out)
    written = []
    # All or nothing: a full disk at the ninth slide leaves the folder as it was.
    with atomic_batch(fsync=False) as batch:
        for index, slide in enumerate(deck.slides):
            image, painted, _ = render_image(ctx, index, lang, width, height, 1.0)
            name = f"slide-{index + 1:02d}" + (f"-{slide.id}" if slide.id else "") + ".png"
            written.append((_save(batch, image, out / name), painted.overflows))
        if panels:
            for panel_id in deck.panels:
                image, done, _ = render_panel_image(ctx, panel_id, lang, width, height, 1.0)
                problems = [f"cannot be drawn: {done.error}"] if done.error else []
                problems += done.overflows
                written.append((_save(batch, image, out / f"panel-{panel_id}.png"), problems))
    names = {path.name for path, _ in written}
    # Stale files go before the new list is written: a crash in between leaves them listed.
    for name in sorted(earlier - names):
        _remove_ours(out / name)
    try:
        listing = json.dumps({"files": sorted(names)}, ensure_ascii=False, indent=1)
        write_atomically(out / MANIFEST, listing, fsync=False)
    except OSError as exc:
        raise OSError(f"cannot write {out / MANIFEST}: {exc.strerror or exc}") from None
    return written


def written_before(out: Path) -> set[str]:
    """The files the last export into `out` wrote, from its manifest; empty when in doubt.

    Only a regular file is read, within a budget, and only plain names of the kind an
    export writes are believed: a manifest anyone could edit must not name `../x`.
    """
    try:
        facts = os.lstat(out / MANIFEST)
        if not stat.S_ISREG(facts.st_mode) or facts.st_size > _MANIFEST_BYTES:
            return set()
        listed = json.loads((out / MANIFEST).read_text(encoding="utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        return set()
    if not isinstance(listed, list):
        return set()
    return {name for name in listed if isinstance(name, str) and _OURS.fullmatch(name)}


def _remove_ours(path: Path) -> None:
    # A regular file only: a symlink or folder put under one of our names is not ours.
    with contextlib.suppress(OSError):
        if stat.S_ISREG(os.lstat(path).st_mode):
            path.unlink()


def _save(batch: Batch, image: QImage, target: Path) -> Path:
    # Encoded in memory, then written through the one file descriptor the batch created
    # (exclusively, under a random name): Qt never opens a path in the folder, so nothing
    # planted there is written through. No fsync: an export is made again in seconds, and a
    # deck's worth of flushes would cost more than the drawing.
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    encoded = QByteArray()
    buffer = QBuffer(encoded)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError(f"cannot write {target}: the image could not be encoded")
    buffer.close()
    if os.path.lexists(target) and not (target.is_symlink() or target.is_file()):
        # Found now, not at the rename that ends the batch, when other files have moved.
        raise OSError(f"cannot write {target}: something that is not a file is in the way")
    try:
        batch.write(target, encoded.data())
    except OSError as exc:  # one line naming the file, not the temporary one beside it
        raise OSError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target
