"""Subset the bundled Noto Sans CJK SC faces for the offline build, cached by content.

    python tools/subset_fonts.py OUT_DIR FONT.otf...   # prints one subset's path a line

build.spec runs this: the frozen app ships the subsets, the source tree and the wheel keep
the whole fonts (resources/fonts/ is never touched). What a subset keeps:

- every character of the font's cmap in the Basic Multilingual Plane (Latin, Greek,
  Cyrillic, punctuation, CJK symbols and punctuation, kana, bopomofo, Hangul jamo, number
  forms, arrows, mathematical operators, letterlike and enclosed forms, full- and halfwidth
  forms, the compatibility ideographs, …) and every one of the 20,976 CJK Unified
  Ideographs U+4E00–U+9FFF; left out: the 11,172 Hangul syllables (U+AC00–U+D7AF), the
  6,582 ideographs of CJK Extension A (U+3400–U+4DBF) and the 2,590 characters above U+FFFF
  (Extension B and later, supplementary symbols). `nanyi-desk validate` reads the fonts the
  app carries, so it names any of these a deck uses. Korean text is still drawn: Qt and
  matplotlib compose a syllable from the conjoining jamo kept here (`ljmo`/`vjmo`/`tjmo`);
- the OpenType features a horizontal line of text uses (fontTools' defaults without the
  vertical ones) plus `kern`, `palt` and `halt`; the localised forms (`locl`) of Simplified
  Chinese only: the Japanese, Korean and Traditional Chinese variants of the shared
  ideographs, and the vertical-writing glyphs, go;
- the CFF hinting, every name record (the family stays "Noto Sans CJK SC" for Qt and
  matplotlib) and the vertical metrics tables.

A subset takes about a minute per weight: each is cached in OUT_DIR under a key made of the
source font's bytes, the rules above and fontTools' version, so a rebuild copies nothing
and waits for nothing; the weights are made in parallel, one process each.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

LEFT_OUT = (
    (0x3400, 0x4DBF),  # CJK Unified Ideographs Extension A
    (0xAC00, 0xD7AF),  # Hangul syllables
)
"""Ranges of the Basic Multilingual Plane a subset leaves out (all above U+FFFF go too)."""
EXTRA_FEATURES = ("kern", "palt", "halt")
"""Kept beside fontTools' default features (it keeps these already; named to stay so)."""
VERTICAL_FEATURES = ("valt", "vert", "vkrn", "vpal", "vrt2", "vhal", "vchw")
"""Dropped from fontTools' defaults: the app never sets text vertically."""
LANGUAGES_KEPT = ("ZHS ",)
"""Language systems whose `locl` survives; the others' entries go, and their glyphs with them."""
RULES_VERSION = 1
"""Raise when the code below changes what a subset holds, so every cache entry is a miss."""


def kept(codepoint: int) -> bool:
    """True for a character the subset keeps (when the font has it)."""
    return codepoint <= 0xFFFF and not any(lo <= codepoint <= hi for lo, hi in LEFT_OUT)


def rules_key() -> str:
    """What decides a subset besides the source font: the rules here and fontTools' version."""
    import fontTools

    return repr(
        (
            RULES_VERSION,
            LEFT_OUT,
            EXTRA_FEATURES,
            VERTICAL_FEATURES,
            LANGUAGES_KEPT,
            fontTools.version,
        )
    )


def cache_key(source: Path) -> str:
    """The cache entry's name: a hash of the font's bytes and the rules."""
    digest = hashlib.sha256(rules_key().encode())
    with source.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:20]


def keep_languages(font, languages: tuple[str, ...]) -> None:  # noqa: ANN001 - a TTFont
    """Drop every script's language systems but `languages` from GSUB and GPOS.

    Text tagged with another language is then shaped by the script's default language
    system, which draws the Simplified Chinese forms these faces are made for.
    """
    for tag in ("GSUB", "GPOS"):
        if tag not in font:
            continue
        for record in font[tag].table.ScriptList.ScriptRecord:
            script = record.Script
            script.LangSysRecord = [
                entry for entry in script.LangSysRecord if entry.LangSysTag in languages
            ]
            script.LangSysCount = len(script.LangSysRecord)


def subset_one(source: Path, target: Path) -> Path:
    """Write the subset of `source` to `target` (through a partial file); return `target`."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(source))
    keep_languages(font, LANGUAGES_KEPT)
    options = subset.Options()
    options.layout_features = sorted(
        (set(options.layout_features) | set(EXTRA_FEATURES)) - set(VERTICAL_FEATURES)
    )
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.notdef_outline = True
    options.hinting = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[cp for cp in font.getBestCmap() if kept(cp)])
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    font.save(str(partial))
    partial.replace(target)
    return target


def note(line: str) -> None:
    """One line of progress on stderr (stdout carries the subsets' paths)."""
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def subset_fonts(
    sources: list[Path], out_dir: Path, say: Callable[[str], object] = note
) -> list[Path]:
    """The subsets of `sources` (same file names), made where the cache has none."""
    targets = [out_dir / cache_key(source) / source.name for source in sources]
    todo = [(s, t) for s, t in zip(sources, targets, strict=True) if not t.is_file()]
    for source, target in zip(sources, targets, strict=True):
        if target.is_file():
            say(f"font subset {source.name}: cached ({target.stat().st_size / 1e6:.1f} MB)")
    if todo:
        started = time.perf_counter()
        with ProcessPoolExecutor(max_workers=min(len(todo), 2)) as pool:
            for target in pool.map(subset_one, *zip(*todo, strict=True)):
                say(
                    f"font subset {target.name}: {target.stat().st_size / 1e6:.1f} MB "
                    f"({time.perf_counter() - started:.0f} s)"
                )
    prune(out_dir, keep=set(targets))
    return targets


def prune(out_dir: Path, keep: set[Path]) -> None:
    """Remove older subsets of these fonts (older font or rules; each is 10 MB or more)."""
    names = {target.name for target in keep}
    for entry in out_dir.glob("*/*"):
        if entry.name in names and entry not in keep:
            shutil.rmtree(entry.parent, ignore_errors=True)


def main(argv: list[str]) -> int:
    """Subset the fonts named on the command line into OUT_DIR; print their paths."""
    if len(argv) < 2:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    out_dir, sources = Path(argv[0]), [Path(a) for a in argv[1:]]
    out_dir.mkdir(parents=True, exist_ok=True)
    for target in subset_fonts(sources, out_dir):
        sys.stdout.write(f"{target}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
