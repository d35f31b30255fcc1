"""The `nanyi-desk` command: play, present, kiosk, validate, schema, new, export, report.

Wires the layers together. Heavy modules (Qt, matplotlib, even pydantic) are imported
inside the subcommand that needs them, so `validate` and `--help` start at once.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nanyi_desk import __version__, startup
from nanyi_desk.supervisor.link import (
    CHILD_SUBCOMMAND,
    KioskOptions,
    add_child_arguments,
    add_kiosk_options,
)

if TYPE_CHECKING:
    from nanyi_desk.deck import Diagnostic, LoadedDeck
    from nanyi_desk.ui.start_frame import FirstFrame

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="nanyi-desk",
        description="Play YAML briefing decks. With no command, plays the bundled deck.",
    )
    parser.add_argument("--version", action="version", version=f"nanyi-desk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser("play", help="play a deck (default: the bundled one)")
    play.add_argument(
        "deck", nargs="?", type=Path, help="a deck .yaml file or a folder with deck.yaml"
    )
    play.add_argument("--fullscreen", action="store_true", help="start full screen")
    play.add_argument(
        "--screen", type=int, default=None, metavar="N", help="the screen to show on (0 = first)"
    )
    play.add_argument(
        "--lang", default=None, help="start in this language (default: the deck's first)"
    )
    play.add_argument(
        "--start", default=None, metavar="ID|N", help="start at this slide id or number (1-based)"
    )
    play.add_argument(
        "--watch",
        action="store_true",
        help="redraw when a file of the deck is saved (a broken save keeps the last good deck)",
    )

    present = sub.add_parser(
        "present",
        help="present a deck: the slides full screen on the projector, notes and time on the "
        "laptop",
    )
    present.add_argument(
        "deck", nargs="?", type=Path, help="a deck .yaml file or a folder with deck.yaml"
    )
    present.add_argument(
        "--audience-screen",
        type=int,
        default=None,
        metavar="N",
        help="the projector's screen (0 = first; default: the one that is not the primary)",
    )
    present.add_argument(
        "--duration", default=None, metavar="TIME", help="the time allowed: 20m, 1h30m, 90s"
    )
    present.add_argument(
        "--lang", default=None, help="the audience's language (default: the deck's first)"
    )
    present.add_argument(
        "--console-lang",
        default=None,
        metavar="LANG",
        help="the console's language for notes and labels (default: the audience's)",
    )
    present.add_argument(
        "--start", default=None, metavar="ID|N", help="start at this slide id or number (1-based)"
    )
    present.add_argument(
        "--watch",
        action="store_true",
        help="redraw when a file of the deck is saved; errors show on the console only",
    )
    present.add_argument(
        "--rehearse",
        action="store_true",
        help="record the time spent on each slide, beside the deck, to compare in later talks",
    )

    kiosk = sub.add_parser(
        "kiosk", help="play a deck unattended, restarted where it was if it crashes or hangs"
    )
    kiosk.add_argument("deck", type=Path, help="a deck .yaml file or a folder with deck.yaml")
    add_kiosk_options(kiosk)
    # The player the kiosk supervisor starts and watches: no help, so it is not listed.
    add_child_arguments(sub.add_parser(CHILD_SUBCOMMAND))

    validate = sub.add_parser("validate", help="check decks and print every problem")
    validate.add_argument("decks", nargs="+", type=Path, metavar="DECK")
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")
    validate.add_argument(
        "--no-layout",
        action="store_true",
        help="skip the checks that need Qt: text that does not fit, glyphs the fonts lack, "
        "pictures Qt cannot read",
    )

    schema = sub.add_parser("schema", help="print the JSON Schema of deck files")
    schema.add_argument(
        "--part", action="store_true", help="the schema of an included file instead"
    )

    new = sub.add_parser("new", help="write a starter deck with one slide of each layout")
    new.add_argument("dir", type=Path)

    export = sub.add_parser(
        "export", help="write the deck as a PDF handout (-o FILE.pdf) or as images (-o DIR)"
    )
    export.add_argument("deck", type=Path)
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE.pdf|DIR",
        help="a .pdf file for a handout, a folder for PNGs",
    )
    export.add_argument(
        "--format",
        choices=["png", "pdf"],
        default=None,
        help="instead of the one -o's name implies",
    )
    export.add_argument(
        "--size",
        default=None,
        metavar="WxH",
        help="PNG pixels (default: the deck's canvas, 1920x1080 or 1080x1920)",
    )
    export.add_argument(
        "--lang",
        default=None,
        help="the language (default: the deck's first); zh+en gives each slide in both (PDF)",
    )
    export.add_argument(
        "--panels",
        action="store_true",
        help="also every drill-down panel: PDF pages its hotspots link to, or panel-<id>.png",
    )
    export.add_argument(
        "--notes", action="store_true", help="print the presenter's notes with each slide (PDF)"
    )
    export.add_argument(
        "--layout",
        choices=["slides", "handout-2", "handout-3"],
        default=None,
        help="a slide a page (default), or two or three on an A4 sheet (PDF)",
    )
    export.add_argument("--quiet", action="store_true", help="no progress bar, no summary")

    report = sub.add_parser("report", help="sum up the visits the kiosk recorded")
    report.add_argument(
        "db", nargs="?", type=Path, metavar="DB", help="the visits database (default: the kiosk's)"
    )
    report.add_argument(
        "-o", "--output", type=Path, default=None, metavar="PNG", help="also draw it as a PNG"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the process's exit code."""
    args = build_parser().parse_args(startup.prepare(argv))
    command = args.command or "play"
    try:
        if command == "kiosk":
            return _kiosk(args)
        if command == CHILD_SUBCOMMAND:
            return _kiosk_child(args)
        if command == "validate":
            return _validate(args.decks, args.strict, layout=not args.no_layout)
        if command == "schema":
            return _schema(args.part)
        if command == "new":
            return _new(args.dir)
        if command == "export":
            return _export(args)
        if command == "report":
            return _report_cmd(args)
        if command == "present":
            return _present(args)
        return _play(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `nanyi-desk schema | head` is not an error.
        sys.stderr.close()
        return EXIT_OK


def _shown(path: Path) -> str:
    # Messages name files as the user typed them, or relative to where they stand.
    from nanyi_desk.deck.diagnostics import shown_path

    return shown_path(Path(path))


def format_diagnostic(diagnostic: Diagnostic) -> str:
    """`file:line:col: level: message`, the file relative to the working folder."""
    from nanyi_desk.deck.diagnostics import format_diagnostic as formatted

    return formatted(diagnostic)


def _report(loaded: LoadedDeck, strict: bool) -> bool:
    """Print a deck's problems; True when it passes."""
    for diagnostic in loaded.diagnostics:
        print(format_diagnostic(diagnostic))
    return not loaded.errors and not (strict and loaded.warnings)


def _validate(decks: list[Path], strict: bool, layout: bool = True) -> int:
    from nanyi_desk.deck import load_deck

    failed = 0
    errors = warnings = 0
    for deck in decks:
        loaded = load_deck(deck)
        if layout and loaded.deck is not None:
            loaded = _with_layout_check(loaded)
        errors += len(loaded.errors)
        warnings += len(loaded.warnings)
        if not _report(loaded, strict):
            failed += 1
    verdict = "valid" if not failed else f"{failed} of {len(decks)} invalid"
    strictness = " (strict)" if strict else ""
    print(
        f"{len(decks)} deck{'s' * (len(decks) != 1)}{strictness}: {verdict}; "
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}",
        file=sys.stderr,
    )
    return EXIT_INVALID if failed else EXIT_OK


def _with_layout_check(loaded: LoadedDeck) -> LoadedDeck:
    """The deck with a warning for each text the real layout cannot fit."""
    import dataclasses

    # Validating shows nothing: no display is needed, even where there is one.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtWidgets import QApplication

        from nanyi_desk.render.fonts import register_fonts
        from nanyi_desk.render.layout_check import overflow_diagnostics
        from nanyi_desk.render.preflight import preflight_diagnostics
    except ImportError as exc:  # a server without Qt's system libraries: check what we can
        print(
            f"nanyi-desk validate: the layout check is skipped, Qt cannot start here ({exc}); "
            "install the libraries the README's set-up names, or pass --no-layout",
            file=sys.stderr,
        )
        return loaded

    _app = QApplication.instance() or QApplication([])  # qtawesome's icons need the widgets' app
    register_fonts()
    found = overflow_diagnostics(loaded) + preflight_diagnostics(loaded)
    diagnostics = sorted((*loaded.diagnostics, *found), key=lambda d: d.sort_key())
    return dataclasses.replace(loaded, diagnostics=tuple(diagnostics))


def _schema(part: bool) -> int:
    from nanyi_desk.deck.schema import deck_schema

    print(deck_schema(part=part))
    return EXIT_OK


def _new(target: Path) -> int:
    from nanyi_desk.deck.starter import StarterExists, write_starter

    try:
        written = write_starter(target)
    except StarterExists as exc:
        print(f"nanyi-desk new: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote a starter deck to {_shown(target)} ({len(written)} files); play it with:")
    print(f"  nanyi-desk play {_shown(target)}")
    return EXIT_OK


def _parse_size(text: str) -> tuple[int, int] | None:
    width, _, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit()) or not (
        16 <= int(width) <= 16384 and 16 <= int(height) <= 16384
    ):
        return None
    return int(width), int(height)


def _export(args: argparse.Namespace) -> int:
    from nanyi_desk.deck import load_deck
    from nanyi_desk.export.target import export_format, export_languages, target_problem

    loaded = load_deck(args.deck)
    if loaded.deck is None:
        _report(loaded, strict=False)
        print(
            f"nanyi-desk: cannot export {_shown(loaded.path)}: fix the errors above",
            file=sys.stderr,
        )
        return EXIT_INVALID
    deck = loaded.deck
    fmt = export_format(args.output, args.format)
    problem = target_problem(args.output, fmt)
    if problem:
        print(f"nanyi-desk export: -o {_shown(args.output)}: {problem}", file=sys.stderr)
        return EXIT_USAGE
    choice = args.lang or deck.languages[0]
    langs = export_languages(choice, deck.languages)
    if langs is None:
        print(
            f"nanyi-desk export: --lang {choice}: the deck's languages are "
            f"{', '.join(deck.languages)} (or two joined by +, e.g. zh+en, for a PDF)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    # Exporting shows nothing: no display is needed, even where there is one.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if fmt == "pdf":
        return _export_pdf(args, loaded, langs)
    if len(langs) > 1 or args.notes or args.layout:
        print(
            "nanyi-desk export: --lang with +, --notes and --layout are for PDF handouts "
            "(-o FILE.pdf)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    default = "1920x1080" if deck.aspect == "16:9" else "1080x1920"
    size = _parse_size(args.size or default)
    if size is None:
        print(
            f"nanyi-desk export: --size {args.size}: write WIDTHxHEIGHT, e.g. 3840x2160",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from nanyi_desk.export.png import export_png

    try:
        written = export_png(loaded, args.output, size[0], size[1], langs[0], panels=args.panels)
    except OSError as exc:
        print(f"nanyi-desk export: {exc}", file=sys.stderr)
        return EXIT_INVALID
    for path, overflows in written:
        for text in overflows:
            if text.startswith("cannot be drawn: "):
                print(f"{_shown(path)}: error: {text}", file=sys.stderr)
                continue
            print(
                f"{_shown(path)}: warning: text does not fit even at the smallest size: {text}…",
                file=sys.stderr,
            )
    if not args.quiet:
        print(f"wrote {len(written)} PNG files to {_shown(args.output)}")
    return EXIT_OK


def _export_pdf(args: argparse.Namespace, loaded: LoadedDeck, langs: tuple[str, ...]) -> int:
    if args.size:
        print(
            "nanyi-desk export: --size is for PNGs; a PDF's pages are sized in print",
            file=sys.stderr,
        )
        return EXIT_USAGE
    # Without the 'pdf' extra (pypdf), write_pdf says what to install, as an ExportError.
    from nanyi_desk.export.pdf import ExportError, PdfOptions, write_pdf
    from nanyi_desk.export.terminal_progress import TerminalProgress

    options = PdfOptions(
        langs, panels=args.panels, notes=args.notes, layout=args.layout or "slides"
    )
    bar = None if args.quiet else TerminalProgress(sys.stderr)
    try:
        done = write_pdf(
            loaded,
            args.output,
            options,
            (lambda s: bar.update(s.done, s.total, s.what)) if bar else None,
        )
    except ExportError as exc:
        print(f"nanyi-desk export: {exc}", file=sys.stderr)
        return EXIT_INVALID
    finally:
        if bar is not None:
            bar.finish()
    for where, text in done.problems:
        level = "error" if text.startswith("cannot be drawn") else "warning"
        print(f"{_shown(args.output)}: {where}: {level}: {text}", file=sys.stderr)
    if not args.quiet:
        size = args.output.stat().st_size / 1e6
        print(f"wrote {_shown(args.output)} ({done.pages} pages, {size:.1f} MB)")
    return EXIT_OK


def _report_cmd(args: argparse.Namespace) -> int:
    import sqlite3

    from nanyi_desk.analytics import default_path, format_summary, summarize

    path = args.db or default_path()
    if not path.is_file():
        print(
            f"nanyi-desk report: no visits recorded yet at {_shown(path)} — the kiosk writes it "
            "while it runs",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        summary = summarize(path)
    except sqlite3.Error as exc:  # SchemaTooNew says what to do; others say what is wrong
        print(f"nanyi-desk report: cannot read {_shown(path)}: {exc}", file=sys.stderr)
        return EXIT_INVALID
    print(format_summary(summary, _shown(path)), end="")
    if args.output is None:
        return EXIT_OK
    # matplotlib only now: the text report starts at once.
    from nanyi_desk.charts.fonts import register_fonts
    from nanyi_desk.charts.report import NotOurs, write_png
    from nanyi_desk.theme import load_theme

    register_fonts()
    try:
        write_png(summary, load_theme("nanyi"), args.output)
    except (NotOurs, OSError) as exc:
        print(f"nanyi-desk report: cannot write {_shown(args.output)}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {_shown(args.output)}")
    return EXIT_OK


def _deck_cache() -> Path | None:
    """Where checked decks are kept between runs (NANYI_DESK_DECK_CACHE=off: nowhere)."""
    from nanyi_desk.user_dirs import cache_dir

    if os.environ.get("NANYI_DESK_DECK_CACHE", "").lower() in ("0", "off", "no"):
        return None
    return cache_dir() / "decks"


def _playable(deck_arg: Path | None, verb: str) -> LoadedDeck | int:
    """The deck to play or present (the bundled one by default), or the exit code if not."""
    from nanyi_desk.deck.load_cache import load_deck_cached
    from nanyi_desk.resources import default_deck

    deck_path = deck_arg or default_deck()
    if not Path(deck_path).exists():
        print(
            f"nanyi-desk: {deck_path}: no such file or folder — give a deck .yaml file or a "
            "folder holding deck.yaml",
            file=sys.stderr,
        )
        return EXIT_USAGE
    # A deck played before and unchanged since is read back, not checked again: the first
    # slide shows sooner (validate always checks afresh).
    loaded = load_deck_cached(deck_path, _deck_cache())
    if loaded.deck is None:
        _report(loaded, strict=False)
        print(
            f"nanyi-desk: cannot {verb} {_shown(loaded.path)}: fix the errors above",
            file=sys.stderr,
        )
        return EXIT_INVALID
    for diagnostic in loaded.warnings:
        print(format_diagnostic(diagnostic), file=sys.stderr)
    return loaded


def _play(args: argparse.Namespace) -> int:
    deck_arg = getattr(args, "deck", None)
    _chart_helper(deck_arg)
    options = {
        "fullscreen": getattr(args, "fullscreen", False),
        "screen": getattr(args, "screen", None),
        "lang": getattr(args, "lang", None),
        "start": getattr(args, "start", None),
    }
    # Full screen, the slide a start like this one showed last time is on screen before the
    # deck is even read (ui.start_frame); the player takes over with the same pixels.
    first = _first_frame("play", deck_arg, options) if options["fullscreen"] else None
    if first is not None:
        _chart_helper(deck_arg, first)
    loaded = _playable(deck_arg, "play")
    if isinstance(loaded, int):
        return loaded
    from nanyi_desk.ui.app import run_player

    return run_player(loaded, **options, watch=getattr(args, "watch", False), first=first)


def _chart_helper(deck_arg: Path | None, first: FirstFrame | None = None) -> None:
    """Start the chart helper when this start will probably draw charts (render.chart_worker).

    matplotlib then loads on the other core while Qt and the deck load on this one. Called
    first of all, it starts one for a deck never played here; called again with the start's
    first frame, for a full-screen start that has no frame to show either (a new screen
    size or language: the charts are not stored for it). At most one per process.
    """
    from nanyi_desk.render.chart_worker import start_helper
    from nanyi_desk.resources import default_deck

    if first is None:
        start_helper(Path(deck_arg or default_deck()), _deck_cache())
    elif first.key is not None and first.frame is None:
        start_helper(None, None)


def _first_frame(command: str, deck_arg: Path | None, options: dict[str, Any]) -> FirstFrame:
    """The start's first frame, shown at once when this start was seen before (Qt only)."""
    from nanyi_desk.resources import default_deck
    from nanyi_desk.ui.start_frame import FirstFrame

    deck = Path(deck_arg or default_deck())
    return FirstFrame.begin(
        command, deck, options["start"], options["lang"], options["screen"], options["fullscreen"]
    )


def _present(args: argparse.Namespace) -> int:
    from nanyi_desk.playback.talk_clock import parse_duration

    duration = None
    if args.duration is not None:
        try:
            duration = parse_duration(args.duration)
        except ValueError as exc:
            print(f"nanyi-desk present: --duration {exc}", file=sys.stderr)
            return EXIT_USAGE
    _chart_helper(args.deck)
    # With a projector, the audience sees the slide before the deck is read (as `play`);
    # with one screen the audience view is a window, and starts as one.
    from nanyi_desk.ui.start_frame import audience_screen

    screen = audience_screen(args.audience_screen)
    options = {"start": args.start, "lang": args.lang, "screen": screen}
    first = _first_frame("present", args.deck, {**options, "fullscreen": screen is not None})
    _chart_helper(args.deck, first)
    loaded = _playable(args.deck, "present")
    if isinstance(loaded, int):
        return loaded
    assert loaded.deck is not None
    languages = loaded.deck.languages
    for option, lang in (("--lang", args.lang), ("--console-lang", args.console_lang)):
        if lang is not None and lang not in languages:
            print(
                f"nanyi-desk present: {option} {lang}: the deck's languages are "
                f"{', '.join(languages)}",
                file=sys.stderr,
            )
            return EXIT_USAGE
    from nanyi_desk.ui.presenter_app import run_presenter

    return run_presenter(
        loaded,
        audience_screen=args.audience_screen,
        duration=duration,
        lang=args.lang,
        console_lang=args.console_lang,
        start=args.start,
        rehearse=args.rehearse,
        watch=args.watch,
        first=first,
    )


def _kiosk_child(args: argparse.Namespace) -> int:
    from nanyi_desk.ui.kiosk_child import run_kiosk_child

    options = KioskOptions.from_args(args)  # the PIN arrives in the environment
    return run_kiosk_child(
        args.deck,
        state=args.state,
        heartbeat=args.heartbeat,
        screen=args.screen,
        pin=options.pin,
        advance=args.advance,
        idle_reset=args.idle_reset,
        fallback=args.fallback,
    )


def _kiosk(args: argparse.Namespace) -> int:
    # The supervisor is plain Python: Qt loads only in the player child it starts.
    from nanyi_desk.supervisor.runner import run_kiosk

    return run_kiosk(args.deck, KioskOptions.from_args(args))
