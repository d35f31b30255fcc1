"""Build the offline app, smoke-test it as a delegation laptop would run it, zip it.

    python tools/build.py                 # PyInstaller, smoke test, zip, sizes
    python tools/build.py --skip-build    # smoke-test and zip what dist/ holds
    python tools/build.py --start-times   # also: cold and warm start, frozen beside source

Run it with the Python of a venv that has `pip install -e '.[build]'`. The smoke test runs
the frozen `nanyi-desk` with an empty environment (HOME, and on Windows the profile folders,
in a fresh folder; QT_QPA_PLATFORM=offscreen; no PATH, no PYTHONPATH, no display) from a
working folder of its own, and checks that nothing was written into the install folder.
The start times need an X display (DISPLAY) and python-xlib; see tools/start_times.py.
Exit code 0 when every check passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
APP = DIST / "nanyi-desk"
FOLDER_TARGET_MB = 200
ZIP_TARGET_MB = 90
KIOSK_BEATS = 3
BROKEN = (": error:", "Traceback", "findfont:", "missing from font")
"""Words in the app's output that fail a step: an error, matplotlib's font warnings."""
NO_GLYPH = "cannot be drawn by the bundled fonts"
"""What validate's pre-flight says of a character no bundled font has."""
KEPT_CHARACTERS = "南翼高新区，晋江「あア」①→≤℃éß한"
"""Ideographs, full-width punctuation, kana, enclosed, arrow, maths, letterlike, Latin-1, and
a Hangul syllable (out of the subset's character map, drawn from the jamo it keeps)."""
LEFT_OUT_CHARACTERS = (0x3400, 0x2000B)
"""㐀 (CJK Extension A) and 𠀋 (Extension B): tools/subset_fonts.py leaves both out."""
GLYPH_DECK = """format: 1
title: {{zh: 字形, en: Glyphs}}
languages: [zh, en]
slides:
  - layout: title
    id: glyphs
    title: {{zh: "{text}", en: Glyphs}}
"""
KIOSK_TIMEOUT = 60.0


def say(line: str = "") -> None:
    """One line of the report on stdout, at once (the steps take minutes)."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def version() -> str:
    """nanyi-desk's version, read from the source (the build needs no import of it)."""
    text = (ROOT / "src" / "nanyi_desk" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    assert found, "no __version__ in src/nanyi_desk/__init__.py"
    return found.group(1)


def platform_tag() -> str:
    """`linux-x86_64`, `windows-amd64`, `macos-arm64`: what the zip's name says it runs on."""
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"{system}-{platform.machine().lower()}"


def frozen_cli() -> Path:
    """The executable that answers on a terminal (Windows: the console twin)."""
    if sys.platform == "win32":
        return APP / "nanyi-desk-cli.exe"
    return APP / "nanyi-desk"


def bundled_deck() -> Path:
    """The default deck inside the build, where resources.py finds it."""
    return APP / "_internal" / "nanyi_desk" / "_data" / "slides"


def run_pyinstaller() -> None:
    """`pyinstaller build.spec`, into dist/ and build/pyinstaller/."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build" / "pyinstaller"),
            str(ROOT / "build.spec"),
        ],
        cwd=ROOT,
        check=True,
    )


def empty_environment(home: Path) -> dict[str, str]:
    """What `env -i` leaves, plus HOME in a fresh folder and Qt told to draw offscreen."""
    env = {"HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(home / "tmp")}
    if sys.platform == "win32":
        # Windows cannot start a process with nothing: these name the system, not the user.
        for name in ("SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "COMSPEC"):
            if name in os.environ:
                env[name] = os.environ[name]
        env |= {
            "USERPROFILE": str(home),
            "LOCALAPPDATA": str(home / "AppData" / "Local"),
            "APPDATA": str(home / "AppData" / "Roaming"),
            "TEMP": str(home / "tmp"),
            "TMP": str(home / "tmp"),
        }
    return env


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under `folder` with its size and time: compared to prove nothing wrote there."""
    return {
        str(path.relative_to(folder)): (path.lstat().st_size, path.lstat().st_mtime_ns)
        for path in folder.rglob("*")
    }


class Smoke:
    """The smoke test's checks, each printed as it passes or fails."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.env = empty_environment(home)
        self.work = home / "work"
        self.failures: list[str] = []
        for folder in (self.work, home / "tmp"):
            folder.mkdir(parents=True)

    def run(self, *words: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """The frozen app with these words, in the empty environment."""
        return subprocess.run(
            [str(frozen_cli()), *words],
            env=self.env,
            cwd=self.work,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
        )

    def check(self, what: str, passed: bool, detail: str = "") -> bool:
        """Print one check's outcome; remember a failure."""
        say(f"  {'ok  ' if passed else 'FAIL'} {what}{f': {detail}' if detail else ''}")
        if not passed:
            self.failures.append(what)
        return passed

    def timed(self, what: str, *words: str) -> subprocess.CompletedProcess[str]:
        """Run, print the seconds it took, and fail the check on a non-zero exit."""
        started = time.perf_counter()
        done = self.run(*words)
        seconds = time.perf_counter() - started
        said = done.stdout + done.stderr
        # A chart that cannot be drawn still exits 0 (its slide shows the error): look. So does
        # a chart whose font matplotlib cannot find or whose font lacks a glyph (a box).
        broken = [line for line in said.splitlines() if any(s in line for s in BROKEN)]
        tail = said.strip().splitlines()[-1:] or [""]
        passed = done.returncode == 0 and not broken
        self.check(f"{what} ({seconds:.1f} s)", passed, (broken or tail)[0][:300])
        if not passed:
            say(done.stdout[-2000:] + "\n" + done.stderr[-4000:])
        return done

    def all(self) -> bool:
        """Every check; True when all passed."""
        before = snapshot(APP)
        done = self.timed("--version", "--version")
        self.check("it says its version", version() in done.stdout, done.stdout.strip())
        done = self.timed("validate the default deck", "validate", str(bundled_deck()))
        self.check(
            "validate: the bundled fonts draw every character of the default deck",
            NO_GLYPH not in done.stdout + done.stderr,
            ", ".join(missing_characters(done.stdout + done.stderr)),
        )
        self.glyph_check()
        done = self.timed(
            "export the default deck to PNG", "export", str(bundled_deck()), "-o", "png"
        )
        pngs = sorted((self.work / "png").glob("*.png"))
        self.check("PNG files written", bool(pngs), f"{len(pngs)} files")
        if self.pdf_export_exists():
            self.timed(
                "export the default deck to PDF", "export", str(bundled_deck()), "-o", "x.pdf"
            )
            pdf = self.work / "x.pdf"
            head = pdf.read_bytes()[:5] if pdf.is_file() else b""
            self.check(
                "a PDF written",
                head == b"%PDF-",
                f"{pdf.stat().st_size / 1e6:.1f} MB" if head else "",
            )
        else:
            say("  skip export -o x.pdf: this version has no PDF export")
        self.chart_helper()
        self.kiosk()
        after = snapshot(APP)
        changed = sorted(set(before.items()) ^ set(after.items()))
        self.check(
            "nothing written into the install folder",
            not changed,
            ", ".join(n for n, _ in changed[:5]),
        )
        return not self.failures

    def glyph_check(self) -> None:
        """`validate` reads the fonts the build carries: it names what the subset left out.

        A deck with characters the subset keeps (ideographs, kana, full-width punctuation,
        symbols, a Hangul syllable drawn from its jamo) and two it leaves out (CJK Extension
        A and B ideographs):
        exactly those two must be named, or the build carries other fonts than it says.
        """
        deck = self.work / "glyphs"
        deck.mkdir()
        text = KEPT_CHARACTERS + "".join(map(chr, LEFT_OUT_CHARACTERS))
        (deck / "deck.yaml").write_text(GLYPH_DECK.format(text=text), encoding="utf-8")
        done = self.run("validate", str(deck))
        named = missing_characters(done.stdout + done.stderr)
        wanted = [f"U+{cp:04X}" for cp in LEFT_OUT_CHARACTERS]
        self.check(
            "validate names the characters the font subset left out, and only those",
            named == wanted,
            f"named {', '.join(named) or 'none'}; expected {', '.join(wanted)}",
        )

    def pdf_export_exists(self) -> bool:
        """True when `export` takes a .pdf (another branch was adding it when this was written)."""
        return ".pdf" in self.run("export", "--help").stdout

    def chart_helper(self) -> None:
        """The frozen app is its own chart helper (`chart-worker`, render.chart_worker).

        A chart of the default deck, sent as the player sends it, comes back drawn, with its
        touch targets; the helper ends when its input closes.
        """
        from nanyi_desk.deck import load_deck
        from nanyi_desk.deck.model import ChartSlide
        from nanyi_desk.messages import receive, send
        from nanyi_desk.render.chart_worker import fields_only
        from nanyi_desk.theme import load_theme

        deck = load_deck(bundled_deck()).deck
        assert deck is not None
        chart = next(s.chart for s in deck.slides if isinstance(s, ChartSlide))
        options = {
            "chart": chart,
            "lang": "zh",
            "fallbacks": ("en",),
            "theme": load_theme(deck.theme),
        }
        options |= {"accent": "#1F6FB2", "width": 600, "height": 360, "scale": 1.0}
        started = time.monotonic()
        helper = subprocess.Popen(
            [str(frozen_cli()), "chart-worker"],
            env=self.env,
            cwd=self.work,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert helper.stdin is not None
        assert helper.stdout is not None
        assert helper.stderr is not None
        reply: object = None
        ended: int | None = None
        try:
            send(helper.stdin, (1, {k: fields_only(v) for k, v in options.items()}))
            reply = receive(helper.stdout)
            helper.stdin.close()
            ended = helper.wait(timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            reply = f"{type(exc).__name__}: {exc}"
        finally:
            if helper.poll() is None:
                helper.kill()
                helper.wait()
            said = helper.stderr.read().decode("utf-8", "replace")
            helper.stdout.close()
            helper.stderr.close()
        seconds = time.monotonic() - started
        drawn = reply[1] if isinstance(reply, tuple) and len(reply) == 2 else reply
        good = isinstance(drawn, tuple) and drawn[1:3] == (600, 360) and bool(drawn[3])
        broken = [line for line in said.splitlines() if any(b in line for b in BROKEN)]
        self.check(
            f"chart helper: a chart drawn ({seconds:.1f} s)",
            good and not broken,
            (broken[0] if broken else "") if good else str(drawn)[:300],
        )
        self.check("chart helper: it ends when its input closes", ended == 0, f"exit {ended}")

    def kiosk(self) -> None:
        """The frozen supervisor starts the frozen player, and the player beats."""
        started = time.monotonic()
        supervisor = subprocess.Popen(
            [str(frozen_cli()), "kiosk", str(bundled_deck())],
            env=self.env,
            cwd=self.work,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
        )
        beats: set[bytes] = set()
        try:
            while time.monotonic() - started < KIOSK_TIMEOUT and len(beats) < KIOSK_BEATS:
                for heartbeat in (self.home / "tmp").glob("nanyi-desk-kiosk-*/heartbeat"):
                    try:
                        beats.add(heartbeat.read_bytes())
                    except OSError:
                        continue
                if supervisor.poll() is not None:
                    break
                time.sleep(0.1)
            child = child_program(beats)
        finally:
            stop(supervisor)
        seconds = time.monotonic() - started
        self.check(
            f"kiosk: the player beat {len(beats)} times ({seconds:.1f} s)",
            len(beats) >= KIOSK_BEATS,
            (supervisor.stderr.read()[-800:] if supervisor.stderr else "")
            if len(beats) < KIOSK_BEATS
            else "",
        )
        if child is not None:
            self.check("kiosk: the player is the frozen app", child.startswith(str(APP)), child)
        logs = list(self.home.rglob("kiosk.log"))
        self.check(
            "kiosk: its log is in the per-user folder", bool(logs), str(logs[0]) if logs else ""
        )


def missing_characters(said: str) -> list[str]:
    """The code points validate's glyph warnings name, in order: `['U+D55C', ...]`."""
    named: list[str] = []
    for line in said.splitlines():
        if NO_GLYPH in line:
            named += re.findall(r"\((U\+[0-9A-F]{4,6})\)", line)
    return named


def child_program(beats: set[bytes]) -> str | None:
    """The program of the process that beat (Linux: from /proc), or None where unknown."""
    for beat in beats:
        pid = beat.split(b" ")[0].decode()
        try:
            return os.readlink(f"/proc/{pid}/exe")
        except OSError:
            continue
    return None


def stop(process: subprocess.Popen[str]) -> None:
    """Stop the kiosk supervisor as a person's Ctrl+C or a shutdown would, then wait for it."""
    if process.poll() is None:
        # Windows has no SIGTERM: terminate() ends the supervisor, whose child then sees
        # no supervisor; good enough for a smoke test, the real kiosk is stopped by staff.
        if sys.platform == "win32":
            process.terminate()
        else:
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def folder_bytes(folder: Path) -> int:
    """The folder's size as it lands on a disk: files once each, links as links."""
    return sum(
        path.lstat().st_size for path in folder.rglob("*") if not path.is_dir() or path.is_symlink()
    )


def write_zip(source: Path, target: Path) -> None:
    """Zip `source` (its folder name inside), keeping symbolic links as links.

    PyInstaller links the libraries at the top of _internal/ (and a macOS bundle's folders)
    to their packages' copies; followed, each would be stored twice (ICU alone is 32 MB).
    """
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(source.rglob("*")):
            name = str(path.relative_to(source.parent)).replace(os.sep, "/")
            if path.is_symlink():
                info = zipfile.ZipInfo(name)
                info.create_system = 3  # Unix: the mode below is read as st_mode
                info.external_attr = 0o120777 << 16
                archive.writestr(info, os.readlink(path))
            elif path.is_file():
                archive.write(path, name)
    partial.replace(target)


@contextmanager
def step(what: str, times: dict[str, float]) -> Iterator[None]:
    """Print a step's name, then remember how long it took."""
    say(f"== {what}")
    started = time.perf_counter()
    yield
    times[what] = time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    """Build, smoke-test, zip; print the figures beside their targets."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-build", action="store_true", help="use what dist/ holds")
    parser.add_argument("--no-zip", action="store_true", help="skip writing the zip")
    parser.add_argument(
        "--start-times", action="store_true", help="also time cold and warm starts (needs X)"
    )
    args = parser.parse_args(argv)
    times: dict[str, float] = {}
    started = time.perf_counter()
    if not args.skip_build:
        with step("PyInstaller: build.spec -> dist/nanyi-desk/", times):
            run_pyinstaller()
    with step("smoke test, offline and with an empty environment", times):
        home = Path(tempfile.mkdtemp(prefix="nanyi-desk-smoke-"))
        try:
            passed = Smoke(home).all()
        finally:
            shutil.rmtree(home, ignore_errors=True)
    zipped = DIST / f"nanyi-desk-{version()}-{platform_tag()}.zip"
    if not args.no_zip:
        with step(f"zip: {zipped.name}", times):
            app = DIST / "nanyi-desk.app" if sys.platform == "darwin" else APP
            write_zip(app, zipped)
    say("== figures")
    report(f"dist/{APP.name}/", folder_bytes(APP) / 1e6, FOLDER_TARGET_MB)
    if zipped.is_file() and not args.no_zip:
        report(zipped.name, zipped.stat().st_size / 1e6, ZIP_TARGET_MB)
    for what, seconds in times.items():
        say(f"  {seconds:6.1f} s  {what}")
    say(f"  {time.perf_counter() - started:6.1f} s  in all")
    if args.start_times:
        sys.path.insert(0, str(ROOT / "tools"))
        from start_times import compare_starts

        compare_starts(frozen=[str(APP / "nanyi-desk")], print_line=say)
    say("== " + ("the smoke test passed" if passed else "the smoke test FAILED"))
    return 0 if passed else 1


def report(what: str, megabytes: float, target: float) -> None:
    """Print a size beside its target; over it is reported, not failed (docs/building.md)."""
    verdict = "within" if megabytes <= target else "OVER"
    say(f"  {megabytes:6.1f} MB  {what} (target <= {target} MB: {verdict})")


if __name__ == "__main__":
    sys.exit(main())
