"""Hostile or broken files are refused quickly with a located message, never a traceback."""

from __future__ import annotations

import base64
import gzip
import json
import os
import struct
import sys
import tempfile
import textwrap
import threading
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nanyi_desk.deck import load_deck
from nanyi_desk.deck.budgets import (
    MAX_CATEGORIES,
    MAX_CELL_CHARS,
    MAX_INCLUDE_READS,
    MAX_POINTS,
    MAX_SVG_EXPANDED,
    MAX_TEXT_CHARS,
)
from nanyi_desk.deck.pictures import PictureProblem, read_picture
from nanyi_desk.deck.suggest import closest
from nanyi_desk.deck.yaml_source import MAX_DEPTH, MAX_FILE_BYTES
from nanyi_desk.supervisor.policy import Action, PolicyConfig, RestartPolicy


def _load_bytes(tmp_path: Path, raw: bytes):
    deck = tmp_path / "deck.yaml"
    deck.write_bytes(raw)
    started = time.perf_counter()
    loaded = load_deck(deck)
    elapsed = time.perf_counter() - started
    assert loaded.deck is None
    assert elapsed < 5, f"took {elapsed:.1f} s"
    return loaded.errors


def test_binary_junk(tmp_path: Path) -> None:
    errors = _load_bytes(tmp_path, bytes(range(256)) * 40)
    assert "binary file" in errors[0].message


def test_not_utf8(tmp_path: Path) -> None:
    errors = _load_bytes(tmp_path, "format: 1\ntitle: 南翼\n".encode("gb18030"))
    assert "not UTF-8" in errors[0].message
    assert errors[0].mark.line == 2


def test_control_character(tmp_path: Path) -> None:
    errors = _load_bytes(tmp_path, b"format: 1\ntitle: a\x07b\n")
    assert errors[0].mark.line == 2
    assert "not allowed in YAML" in errors[0].message


def test_billion_laughs(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    errors = _load_bytes(tmp_path, ("\n".join(lines) + "\n").encode())
    assert "alias bomb" in errors[0].message


def test_deep_nesting(tmp_path: Path) -> None:
    depth = 10_000
    errors = _load_bytes(tmp_path, b"format: 1\nslides: " + b"[" * depth + b"]" * depth + b"\n")
    # libyaml may stop it first (its own limit is 1,000); either way it is named.
    assert "nesting" in errors[0].message
    assert str(MAX_DEPTH) in errors[0].message
    assert errors[0].mark.line == 2


def test_deep_block_nesting(tmp_path: Path) -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(200))
    errors = _load_bytes(tmp_path, text.encode())
    assert "deeper than" in errors[0].message


def test_huge_scalar(tmp_path: Path) -> None:
    raw = b"format: 1\ntitle: " + b"x" * (50 * 1024 * 1024) + b"\n"
    errors = _load_bytes(tmp_path, raw)
    assert "at most" in errors[0].message
    assert len(raw) > MAX_FILE_BYTES


def test_python_tags_are_refused(tmp_path: Path) -> None:
    errors = _load_bytes(tmp_path, b"format: 1\ntitle: !!python/object/apply:os.system [echo hi]\n")
    assert any("'!!python/object/apply:os.system' is not allowed" in e.message for e in errors)


def test_second_document(tmp_path: Path) -> None:
    errors = _load_bytes(tmp_path, b"format: 1\n---\nformat: 1\n")
    assert errors[0].mark.line == 2
    assert "second" in errors[0].message


def test_merge_keys_are_refused(tmp_path: Path) -> None:
    errors = _load_bytes(tmp_path, b"base: &b {x: 1}\nformat: 1\nother:\n  <<: *b\n")
    assert errors[0].mark.line == 4
    assert "merge keys" in errors[0].message


def test_empty_file(tmp_path: Path) -> None:
    errors = _load_bytes(tmp_path, b"")
    assert "map of 'key: value' lines" in errors[0].message


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("../outside.yaml", "leads outside the deck's folder"),
        ("/etc/passwd", "is absolute"),
        ("sub/../../outside.yaml", "leads outside the deck's folder"),
    ],
)
def test_includes_cannot_leave_the_folder(tmp_path: Path, name: str, why: str) -> None:
    (tmp_path / "outside.yaml").write_text("slides: [{layout: bullets, items: [x]}]\n")
    deck_dir = tmp_path / "deck"
    deck_dir.mkdir()
    errors = _load_bytes(deck_dir, f"format: 1\ntitle: T\nslides:\n  - include: {name}\n".encode())
    assert errors[0].mark.line == 4
    assert f"the include path '{name}' {why}" in errors[0].message


def test_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text("slides: [{layout: bullets, items: [x]}]\n")
    deck_dir = tmp_path / "deck"
    deck_dir.mkdir()
    (deck_dir / "link.yaml").symlink_to(tmp_path / "secret.yaml")
    errors = _load_bytes(deck_dir, b"format: 1\ntitle: T\nslides:\n  - include: link.yaml\n")
    assert "outside the deck's folder" in errors[0].message


def test_missing_deck(tmp_path: Path) -> None:
    loaded = load_deck(tmp_path / "nowhere")
    assert loaded.deck is None
    assert "no such file" in loaded.errors[0].message


def test_folder_without_deck_yaml(tmp_path: Path) -> None:
    loaded = load_deck(tmp_path)
    assert "no deck.yaml in this folder" in loaded.errors[0].message


# --- budgets: a deck's whole work is bounded before it is done (issue 17) -------------------


def _bounded_load(folder: Path, seconds: float = 1.0, megabytes: float = 200.0):
    """Load, and fail unless the deck is refused within `seconds` and `megabytes`."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        loaded = load_deck(folder)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()
    assert loaded.deck is None, "a deck past a budget must be refused"
    # tracemalloc slows Python down about twice: the second is the budget for that.
    assert elapsed < seconds, f"took {elapsed:.2f} s"
    assert peak < megabytes, f"peaked at {peak:.0f} MB"
    return loaded.errors


def _chart_deck(folder: Path, chart: str) -> Path:
    (folder / "deck.yaml").write_text(
        "format: 1\ntitle: T\nsources: {a: {title: A}}\nslides:\n"
        f"  - layout: chart\n    title: C\n    chart: {chart}\n",
        encoding="utf-8",
    )
    return folder


def test_include_bomb_is_refused_at_once(tmp_path: Path) -> None:
    # Six files of about 1.4 KB, each including the next ten times: a million slides.
    pad = "# " + "padding " * 21 + "\n"
    (tmp_path / "deck.yaml").write_text(
        "format: 1\ntitle: Bomb\nslides:\n" + "  - include: p1.yaml\n" * 10
    )
    for i in range(1, 6):
        (tmp_path / f"p{i}.yaml").write_text(
            pad * 6 + "slides:\n" + f"  - include: p{i + 1}.yaml\n" * 10
        )
    (tmp_path / "p6.yaml").write_text(
        pad * 5 + "slides:\n" + "  - {layout: bullets, title: T, items: [a, b, c]}\n" * 10
    )
    assert 1200 < (tmp_path / "p3.yaml").stat().st_size < 1600
    errors = _bounded_load(tmp_path)
    assert len(errors) == 1
    assert "more than 500 slides" in errors[0].message or "included files" in errors[0].message
    assert errors[0].mark.line > 1


def test_an_include_read_too_often_is_refused_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "deck.yaml").write_text(
        "format: 1\ntitle: T\nslides:\n" + "  - include: part.yaml\n" * 300
    )
    (tmp_path / "part.yaml").write_text("slides: []\n")
    errors = _bounded_load(tmp_path)
    assert errors[0].mark.line == 4 + MAX_INCLUDE_READS
    assert f"more than {MAX_INCLUDE_READS} included files" in errors[0].message


def test_a_million_row_csv_is_refused_at_the_row_past_the_budget(tmp_path: Path) -> None:
    (tmp_path / "rows.csv").write_text("year,value\n" + "1,1\n" * 1_000_000)
    assert (tmp_path / "rows.csv").stat().st_size < 5 * 1024 * 1024  # under the file limit
    errors = _bounded_load(_chart_deck(tmp_path, "{type: line, data: rows.csv, source: a}"))
    assert errors[0].mark.file.name == "rows.csv"
    assert errors[0].mark.line == MAX_CATEGORIES + 2
    assert f"more than {MAX_CATEGORIES} rows" in errors[0].message


def test_a_20000_category_pie_is_refused_while_it_is_read(tmp_path: Path) -> None:
    categories = ", ".join(f"c{i}" for i in range(20_000))
    values = ", ".join("1" for _ in range(20_000))
    chart = f"{{type: pie, categories: [{categories}], series: [{{name: S, values: [{values}]}}]}}"
    errors = _bounded_load(_chart_deck(tmp_path, chart))
    assert errors[0].mark.line == 7
    assert "more than 1,000 entries" in errors[0].message


def test_a_chart_past_its_category_budget_names_the_budget(tmp_path: Path) -> None:
    n = MAX_CATEGORIES + 1
    chart = (
        f"{{type: bar, source: a, categories: [{', '.join(f'c{i}' for i in range(n))}], "
        f"series: [{{name: S, values: [{', '.join('1' for _ in range(n))}]}}]}}"
    )
    errors = _bounded_load(_chart_deck(tmp_path, chart))
    assert (errors[0].mark.line, errors[0].mark.column) == (7, 47)
    assert f"{n} categories; a chart shows at most {MAX_CATEGORIES}" in errors[0].message


def test_a_chart_past_its_point_budget_is_refused(tmp_path: Path) -> None:
    row = ", ".join("1" for _ in range(MAX_CATEGORIES))
    series = ", ".join(f"{{name: s{i}, values: [{row}]}}" for i in range(7))
    categories = ", ".join(f"c{i}" for i in range(MAX_CATEGORIES))
    errors = _bounded_load(
        _chart_deck(
            tmp_path, f"{{type: line, source: a, categories: [{categories}], series: [{series}]}}"
        )
    )
    assert f"{7 * MAX_CATEGORIES} values; a chart shows at most {MAX_POINTS}" in errors[0].message


def test_a_5_mb_title_is_refused_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "deck.yaml").write_text("format: 1\ntitle: " + "長" * 1_600_000 + "\n")
    errors = _bounded_load(tmp_path)
    assert (errors[0].mark.line, errors[0].mark.column) == (2, 8)
    assert f"at most {MAX_TEXT_CHARS:,}" in errors[0].message


def test_a_text_just_past_the_budget_is_refused(tmp_path: Path) -> None:
    (tmp_path / "deck.yaml").write_text("format: 1\ntitle: T\nnotes: " + "x" * (MAX_TEXT_CHARS + 1))
    assert f"{MAX_TEXT_CHARS + 1:,} characters" in _bounded_load(tmp_path)[0].message


@pytest.mark.parametrize(
    ("csv_text", "where", "says"),
    [
        ("a,b\nx," + "9" * (MAX_CELL_CHARS + 1) + "\n", (2, 3), "this cell is"),
        ("a,b\nx," + "9" * 200_000 + "\n", (2, 1), "this cell is over"),  # past csv's limit
        (",".join(f"c{i}" for i in range(60)) + "\n", (1, 1), "at most 50"),
        ('a,b\nx,"1\n' + "y,2\n" * 200, (2, 3), "this cell is"),  # swallows the rest
    ],
    ids=["long-cell", "cell-past-csv-limit", "too-wide", "open-quote"],
)
def test_hostile_csv_is_one_located_error(
    tmp_path: Path, csv_text: str, where: tuple[int, int], says: str
) -> None:
    (tmp_path / "d.csv").write_text(csv_text)
    errors = _bounded_load(_chart_deck(tmp_path, "{type: bar, data: d.csv, source: a}"))
    assert errors[0].mark.file.name == "d.csv"
    assert (errors[0].mark.line, errors[0].mark.column) == where
    assert says in errors[0].message


def test_did_you_mean_is_linear_in_the_names() -> None:
    names = [f"panel-{i:06d}-{'x' * 40}" for i in range(200_000)]
    started = time.perf_counter()
    for _ in range(50):
        closest("panel-000001-" + "x" * 40 + "y", names)
    closest("z" * 100_000, names)  # a word too long to compare is not compared
    assert time.perf_counter() - started < 2.0
    assert closest("nanyl", ["nanyi", "dark"]) == "nanyi"


def test_thousands_of_unknown_drills_are_reported_fast(tmp_path: Path) -> None:
    panels = "".join(f"  p{i:04d}x: {{title: P, items: [a]}}\n" for i in range(900))
    items = ", ".join(f"{{text: t, drill: q{i:04d}y}}" for i in range(900))
    (tmp_path / "deck.yaml").write_text(
        f"format: 1\ntitle: T\npanels:\n{panels}slides:\n"
        f"  - {{layout: bullets, title: T, items: [{items}]}}\n"
    )
    errors = _bounded_load(tmp_path, seconds=3.0)
    assert sum("names no panel" in e.message for e in errors) == 900


# --- only regular files are read ----------------------------------------------------------

posix_only = pytest.mark.skipif(os.name != "posix", reason="pipes and /dev are POSIX")


def _load_in_time(path: Path) -> list:
    # A loader that blocks on a pipe would hang the test: load in a thread, and wait 5 s.
    found: list = []
    worker = threading.Thread(target=lambda: found.append(load_deck(path)), daemon=True)
    worker.start()
    worker.join(5.0)
    assert found, "the loader blocked"
    assert found[0].deck is None
    return list(found[0].errors)


@posix_only
@pytest.mark.parametrize(
    ("line", "where"),
    [
        ("slides:\n  - include: pipe.yaml\n", "pipe.yaml"),
        ("slides:\n  - {layout: chart, chart: {type: bar, data: pipe.yaml}}\n", "pipe.yaml"),
        ("theme: pipe.yaml\nslides: [{layout: bullets, items: [a]}]\n", "pipe.yaml"),
        ("slides:\n  - {layout: image, image: pipe.yaml}\n", "pipe.yaml"),
        ("slides:\n  - include: link.yaml\n", "link.yaml"),
    ],
    ids=["include", "csv", "theme", "image", "symlink-to-pipe"],
)
def test_a_pipe_is_refused_at_once(tmp_path: Path, line: str, where: str) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "pipe.yaml")
    (tmp_path / "deck.yaml").write_text("format: 1\ntitle: T\n" + line)
    errors = _load_in_time(tmp_path)
    assert any("is a pipe, not a file" in e.message for e in errors), errors


@posix_only
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_refused_at_once(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    errors = _load_in_time(Path(device))
    assert "is a device, not a file" in errors[0].message


@posix_only
def test_a_pipe_as_the_deck_itself_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "deck.yaml")
    assert "is a pipe" in _load_in_time(tmp_path)[0].message


@posix_only
def test_a_symlink_to_a_device_inside_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "zero.csv").symlink_to("/dev/zero")
    (tmp_path / "deck.yaml").write_text(
        "format: 1\ntitle: T\nslides:\n  - {layout: chart, chart: {type: bar, data: zero.csv}}\n"
    )
    errors = _load_in_time(tmp_path)
    assert "leads outside the deck's folder" in errors[0].message
    assert errors[0].mark.line == 4


# --- pictures are sandboxed ------------------------------------------------------------------


def _png(width: int, height: int) -> bytes:
    """A PNG that declares `width` × `height` (its pixels need not follow: only the header is read)."""
    body = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    ihdr = struct.pack(">I", 13) + b"IHDR" + body + struct.pack(">I", zlib.crc32(b"IHDR" + body))
    idat_data = zlib.compress(b"\0" + b"\0\0\0\0" * width) if width * height < 100 else b""
    idat = struct.pack(">I", len(idat_data)) + b"IDAT" + idat_data
    idat += struct.pack(">I", zlib.crc32(b"IDAT" + idat_data))
    end = struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND"))
    return b"\x89PNG\r\n\x1a\n" + ihdr + idat + end


def _data_uri(raw: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(raw).decode()


SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n'
REACHING_OUT = {
    "absolute-href": '<image href="/any/file.png" width="10" height="10"/>',
    "relative-href": '<image href="../../x.png" width="10" height="10"/>',
    "xlink-href": '<image xlink:href="x.png" width="10" height="10"/>',
    "file-url": '<image href="file:///etc/passwd" width="10" height="10"/>',
    "remote": '<image href="https://example.com/a.png" width="10" height="10"/>',
    "use-other-file": '<use href="other.svg#shape"/>',
    "css-url-attribute": '<rect style="fill: url(\'pattern.svg#p\')" width="1" height="1"/>',
    "fill-url": '<rect fill="url(other.svg#g)" width="1" height="1"/>',
    "style-element-url": "<style>rect { fill: url(../p.svg#p) }</style>",
    "style-import": '<style>@import "theme.css";</style>',
    "nested-svg-data": '<image href="data:image/svg+xml;base64,PHN2Zz4=" width="1" height="1"/>',
    "pixel-bomb-data": f'<image href="{_data_uri(_png(100_000, 100_000))}" width="1" height="1"/>',
}


@pytest.mark.parametrize("element", list(REACHING_OUT.values()), ids=list(REACHING_OUT))
def test_an_svg_that_reaches_outside_itself_is_refused_at_its_line(
    tmp_path: Path, element: str
) -> None:
    (tmp_path / "pic.svg").write_text(
        SVG_HEAD + '<rect width="5" height="5"/>\n' + element + "\n</svg>\n"
    )
    (tmp_path / "deck.yaml").write_text(
        "format: 1\ntitle: T\nslides:\n  - layout: image\n    title: P\n    image: pic.svg\n"
    )
    errors = _bounded_load(tmp_path)
    assert (errors[0].mark.line, errors[0].mark.column) == (6, 12)
    assert "image 'pic.svg' (line 3, column " in errors[0].message


@pytest.mark.parametrize(
    ("svg", "says"),
    [
        (
            '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]>\n<svg>&a;</svg>',
            "declares entities",
        ),
        ('<?xml-stylesheet href="evil.css"?>\n<svg/>', "stylesheet"),
        ("<svg><rect></svg>", "not valid XML"),
        ("<html/>", "not an SVG picture"),
        ("<svg>" + "<g/>" * 60_000 + "</svg>", "more than 50,000 elements"),
    ],
    ids=["entities", "xml-stylesheet", "broken-xml", "not-svg", "too-many-elements"],
)
def test_hostile_svg_text_is_refused(tmp_path: Path, svg: str, says: str) -> None:
    (tmp_path / "pic.svg").write_text(svg)
    with pytest.raises(PictureProblem, match=says):
        read_picture(tmp_path / "pic.svg")


def test_an_svgz_that_expands_past_the_budget_is_refused(tmp_path: Path) -> None:
    text = b"<svg>" + b" " * (MAX_SVG_EXPANDED + 10) + b"</svg>"
    (tmp_path / "pic.svgz").write_bytes(gzip.compress(text, 9))
    assert (tmp_path / "pic.svgz").stat().st_size < 100_000
    started = time.perf_counter()
    with pytest.raises(PictureProblem, match="expands to more than"):
        read_picture(tmp_path / "pic.svgz")
    assert time.perf_counter() - started < 1.0


def test_a_picture_past_the_pixel_budget_is_refused_at_the_image_line(tmp_path: Path) -> None:
    (tmp_path / "huge.png").write_bytes(_png(50_000, 50_000))
    (tmp_path / "deck.yaml").write_text(
        "format: 1\ntitle: T\nslides:\n  - {layout: image, title: P, image: huge.png}\n"
    )
    errors = _bounded_load(tmp_path)
    assert errors[0].mark.line == 4
    assert "50,000 × 50,000 pixels" in errors[0].message


def test_a_self_contained_svg_with_a_small_embedded_picture_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "pic.svg").write_text(
        SVG_HEAD
        + '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="4" height="4"/>\n'
        + f'<use href="#g"/><image href="{_data_uri(_png(2, 2))}" width="2" height="2"/>\n</svg>'
    )
    picture = read_picture(tmp_path / "pic.svg")
    assert picture.is_svg


def test_the_renderer_never_draws_what_an_svg_references_outside_itself(
    qapp, tmp_path: Path
) -> None:
    from PySide6.QtGui import QColor

    from nanyi_desk.render.pictures import load_picture

    outside = tmp_path / "secret.png"
    outside.write_bytes(_png(4, 4))
    deck = tmp_path / "deck"
    deck.mkdir()
    (deck / "pic.svg").write_text(
        SVG_HEAD + f'<image href="{outside}" width="100" height="100"/>\n</svg>'
    )
    assert load_picture(deck, "pic.svg").isNull()
    (deck / "ok.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
        '<rect width="40" height="20" fill="#ff0000"/></svg>'
    )
    image = load_picture(deck, "ok.svg")
    assert image.width() == 2 * image.height()  # drawn at the size it is shown, aspect kept
    assert image.pixelColor(5, 5) == QColor("#ff0000")
    (deck / "big.png").write_bytes(_png(50_000, 50_000))
    assert load_picture(deck, "big.png").isNull()


# --- the text-fitting loop always ends -------------------------------------------------------


@pytest.mark.parametrize(
    ("px", "floor"),
    [(60, -1), (60, 0), (1e300, 18), (float("nan"), 18), (60, float("nan")), (-5, -5)],
)
def test_fitting_text_ends_whatever_the_sizes(qapp, px: float, floor: float) -> None:
    from PySide6.QtCore import QRectF

    from nanyi_desk.render.text import fit

    started = time.perf_counter()
    fitted = fit("南翼 " * 400, QRectF(0, 0, 50, 20), "Noto Sans CJK SC", px, floor)
    assert time.perf_counter() - started < 2.0
    assert fitted.overflow
    assert fitted.font.pixelSize() >= 1


# --- a deck that hangs the player reaches the fallback screen -------------------------------


def test_a_player_that_always_hangs_ends_on_the_fallback_screen() -> None:
    policy = RestartPolicy(PolicyConfig(heartbeat_timeout=15.0))
    now, decisions = 0.0, []
    for _ in range(5):
        policy.started(now)
        policy.beat(now + 1.0)  # it starts, beats, then freezes on a slide
        now += 1.0 + 15.5
        reason = policy.hung(now)
        assert reason is not None
        decisions.append(policy.exited(now, -9, "", hung=reason))
        if decisions[-1].action is Action.START_FALLBACK:
            break
        now += decisions[-1].delay
    assert [d.action for d in decisions] == [Action.START_DECK] * 2 + [Action.START_FALLBACK]
    assert decisions[-1].fallback is not None
    assert "hung 3 times" in decisions[-1].fallback
    assert "no heartbeat for 15.5 s" in decisions[-1].fallback


def test_a_hang_now_and_then_is_only_restarted() -> None:
    policy = RestartPolicy()
    for day in range(5):
        start = day * 86_400.0
        policy.started(start)
        policy.beat(start + 3_600.0)
        reason = policy.hung(start + 3_620.0)
        assert policy.exited(start + 3_620.0, -9, hung=reason).action is Action.START_DECK
    assert not policy.in_fallback


HANGING_CHILD = textwrap.dedent(
    """
    import argparse, json, os, sys, time
    from nanyi_desk.supervisor import link

    parser = argparse.ArgumentParser()
    link.add_child_arguments(parser)
    args = parser.parse_args()
    ctl = args.deck.parent
    with open(ctl / "starts.jsonl", "a") as file:
        file.write(json.dumps({"pid": os.getpid(), "fallback": args.fallback}) + "\\n")
    link.beat(args.heartbeat)
    if args.fallback is None:
        print("rendering slide 1", file=sys.stderr, flush=True)
        time.sleep(3600)  # the deck's first slide never finishes drawing
    while True:
        link.beat(args.heartbeat)
        time.sleep(0.05)
    """
)


@posix_only
def test_a_kiosk_whose_deck_always_hangs_the_player_ends_on_the_fallback_screen(
    tmp_path: Path,
) -> None:
    from nanyi_desk.supervisor import link
    from nanyi_desk.supervisor.runner import KioskRunner

    ctl = tmp_path / "deck"
    ctl.mkdir()
    (ctl / "deck.yaml").write_text("the fake child reads no deck\n")
    child = tmp_path / "child.py"
    child.write_text(HANGING_CHILD)
    runner = KioskRunner(
        ctl / "deck.yaml",
        link.KioskOptions(screen=1, pin="4321"),
        state_path=tmp_path / "state.json",
        heartbeat_path=tmp_path / "heartbeat",
        # As the real timings relate: a hang is seen only after the start window (15 s > 10 s),
        # so these are hangs, not crashes on start.
        config=PolicyConfig(
            heartbeat_timeout=1.0, startup_grace=5.0, crash_delay=0.2, start_window=0.5
        ),
        program=[sys.executable, str(child)],
        poll=0.1,
    )
    thread = threading.Thread(target=runner.run, daemon=True)
    thread.start()
    starts: list[dict] = []
    try:
        deadline = time.monotonic() + 20.0
        while time.monotonic() < deadline:
            path = ctl / "starts.jsonl"
            lines = path.read_text().splitlines() if path.exists() else []
            starts = [json.loads(line) for line in lines if line.endswith("}")]
            if any(s["fallback"] for s in starts):
                break
            time.sleep(0.05)
    finally:
        runner.stop()
        thread.join(15)
    assert not thread.is_alive()
    deck_starts = [s for s in starts if s["fallback"] is None]
    fallback = [s["fallback"] for s in starts if s["fallback"]]
    assert len(deck_starts) == 3, starts  # within a few restarts, not forever
    assert fallback, "the fallback screen never came"
    assert fallback[0].startswith("the player hung 3 times: no heartbeat for")
    assert "last said: rendering slide 1" in fallback[0]


# --- fuzz: random CSV files never escape as an exception ------------------------------------

CSV_TOKENS = st.sampled_from(
    [",", '"', "\n", "\r\n", "1", "-2.5", "1e309", "亿", "x", "", " ", "\x00", "\ufeff", ",,"]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CSV_TOKENS | st.text(max_size=3), max_size=80).map("".join))
def test_random_csv_gives_a_deck_or_located_errors(text: str) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = _chart_deck(Path(name), "{type: bar, data: d.csv, source: a}")
        (folder / "d.csv").write_bytes(text.encode("utf-8", "surrogatepass"))
        loaded = load_deck(folder)
    assert (loaded.deck is not None) != bool(loaded.errors)
    assert all(d.mark.line >= 1 and d.mark.column >= 1 for d in loaded.diagnostics)


@pytest.mark.parametrize(
    ("slide", "says"),
    [
        ('{layout: image, title: T, image: "a\\0b.png"}', "holds a control character"),
        ("{include: " + ("d" * 300 + "/") * 20 + "x.yaml}", "not found"),
        ('{layout: chart, chart: {type: bar, data: "x\\0.csv"}}', "holds a control character"),
        ("{layout: image, title: T, image: " + "p" * 5000 + ".png}", "not found"),
    ],
    ids=["nul-in-picture", "path-too-long", "nul-in-csv", "name-too-long"],
)
def test_a_path_the_system_would_refuse_is_one_located_error(
    tmp_path: Path, slide: str, says: str
) -> None:
    (tmp_path / "deck.yaml").write_text(f"format: 1\ntitle: T\nslides:\n  - {slide}\n")
    errors = _bounded_load(tmp_path)
    assert errors[0].mark.line == 4
    assert says in errors[0].message
    assert len(errors[0].message) < 400  # one readable line, not the path 100 times


@pytest.mark.parametrize(
    ("slide", "where", "says"),
    [
        (
            "{layout: table, title: T, columns: [a, b], rows: ["
            + ", ".join(f"[r{i}, {i}]" for i in range(900))
            + "]}",
            (5, 54),
            "900 rows; a slide or panel shows at most 50",
        ),
        (
            "{layout: bullets, title: T, items: [" + ", ".join(["b"] * 900) + "]}",
            (5, 40),
            "900 items; a slide or panel shows at most 40",
        ),
        (
            "{layout: bullets, title: T, items: [" + ", ".join(["x" * 1000] * 30) + "]}",
            (5, 5),
            "this slide holds 30,008 characters of text; one may hold at most 20,000",
        ),
    ],
    ids=["900-row-table", "900-bullets", "30k-characters"],
)
def test_a_slide_with_more_text_than_can_be_fitted_is_refused(
    tmp_path: Path, slide: str, where: tuple[int, int], says: str
) -> None:
    # Each text is fitted on every paint: 900 rows took 10 s to validate, and as long to show.
    (tmp_path / "deck.yaml").write_text(
        f"format: 1\ntitle: T\nsources: {{a: {{title: A}}}}\nslides:\n  - {slide}\n"
    )
    errors = _bounded_load(tmp_path)
    assert says in errors[0].message
    assert (errors[0].mark.line, errors[0].mark.column) == where


def test_one_large_picture_on_many_slides_is_judged_once(tmp_path: Path) -> None:
    rects = '<rect width="1" height="1"/>' * 40_000
    (tmp_path / "pic.svg").write_text(f'<svg xmlns="http://www.w3.org/2000/svg">{rects}</svg>')
    assert (tmp_path / "pic.svg").stat().st_size > 1_000_000
    slides = "".join("  - {layout: image, title: P, image: pic.svg}\n" for _ in range(400))
    (tmp_path / "deck.yaml").write_text(f"format: 1\ntitle: T\nslides:\n{slides}")
    started = time.perf_counter()
    loaded = load_deck(tmp_path)
    assert time.perf_counter() - started < 2.0
    assert not loaded.errors


def test_one_large_csv_behind_many_charts_is_read_once(tmp_path: Path) -> None:
    filler = "w" * 490
    header = "year,v," + ",".join(f"note{i}" for i in range(48))
    rows = "".join(f"{y},{y}," + ",".join([filler] * 48) + "\n" for y in range(100))
    (tmp_path / "big.csv").write_text(header + "\n" + rows)
    assert (tmp_path / "big.csv").stat().st_size > 2_000_000
    chart = "{layout: chart, title: C, chart: {type: line, data: big.csv, y: v, source: a}}"
    (tmp_path / "deck.yaml").write_text(
        "format: 1\ntitle: T\nsources: {a: {title: A}}\nslides:\n" + f"  - {chart}\n" * 400
    )
    started = time.perf_counter()
    loaded = load_deck(tmp_path)
    assert time.perf_counter() - started < 2.0
    assert not loaded.errors
    assert loaded.files.count((tmp_path / "big.csv").resolve()) == 1


def test_a_large_include_repeated_is_refused_by_the_bytes_it_costs(tmp_path: Path) -> None:
    # Comments cost reading and no values: only the bytes budget can stop this one.
    (tmp_path / "big.yaml").write_text("slides: []\n" + ("# " + "x" * 998 + "\n") * 4_800)
    assert (tmp_path / "big.yaml").stat().st_size > 4_500_000
    (tmp_path / "deck.yaml").write_text(
        "format: 1\ntitle: T\nslides:\n" + "  - include: big.yaml\n" * 150
    )
    # 150 readings would be 720 MB read; the budget stops at the fifth.
    errors = _bounded_load(tmp_path, seconds=2.0, megabytes=150)
    assert errors[0].mark.line == 4 + 4
    assert "more than 20 MB of YAML" in errors[0].message


# --- docs/reliability.md states every budget and every restart rule with its figure -------


def _doc_row(doc: str, name: str) -> str:
    rows = [line for line in doc.splitlines() if line.startswith("|") and f"`{name}`" in line]
    assert rows, f"docs/reliability.md has no table row for {name}"
    return rows[0]


def _figure(name: str, value: float) -> str:
    if name.endswith("_BYTES") or name == "MAX_SVG_EXPANDED":
        return f"{value / (1024 * 1024):g} MB"
    return f"{value:,}"


def test_reliability_doc_gives_every_budget_its_figure() -> None:
    from dataclasses import fields

    from nanyi_desk.deck import budgets

    doc = (Path(__file__).parents[1] / "docs" / "reliability.md").read_text(encoding="utf-8")
    names = [name for name in vars(budgets) if name.startswith("MAX_")]
    assert len(names) >= 25
    for name in names:
        figure = _figure(name, getattr(budgets, name))
        assert f"| {figure} |" in _doc_row(doc, name), f"{name} is {figure}"
    for field in fields(PolicyConfig):
        value = field.default
        assert isinstance(value, int | float)
        shown = f"{value:g} s" if isinstance(value, float) else f"{value} "
        assert shown in _doc_row(doc, field.name), f"{field.name} is {shown.strip()}"


# --- exporting PNGs into a folder that holds other files ------------------------------------


def _tiny_deck(folder: Path, ids: list[str]) -> Path:
    folder.mkdir()
    slides = "".join(f"  - {{id: {i}, layout: bullets, title: {i}, items: [x]}}\n" for i in ids)
    (folder / "deck.yaml").write_text(f"format: 1\ntitle: T\nslides:\n{slides}", encoding="utf-8")
    return folder


def test_a_png_export_clears_only_the_files_it_wrote_itself(tmp_path: Path) -> None:
    from nanyi_desk.export.png import MANIFEST, export_png

    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    (out / "slide-07-mine.png").write_bytes(b"someone's own picture")
    (tmp_path / "victim.png").write_bytes(b"outside")
    first = load_deck(_tiny_deck(tmp_path / "a", ["alpha", "beta", "gamma"]))
    export_png(first, out, 320, 180, "zh")
    assert {p.name for p in out.glob("slide-0[1-3]-*.png")} == {
        "slide-01-alpha.png",
        "slide-02-beta.png",
        "slide-03-gamma.png",
    }
    # Another deck into the same folder: the first deck's slides that it does not rewrite go.
    second = load_deck(_tiny_deck(tmp_path / "b", ["one"]))
    export_png(second, out, 320, 180, "zh")
    assert sorted(p.name for p in out.iterdir()) == [
        MANIFEST,
        "notes.txt",
        "slide-01-one.png",
        "slide-07-mine.png",
    ]
    assert (out / "slide-07-mine.png").read_bytes() == b"someone's own picture"
    # A manifest edited to name files outside the folder, or not of an export's kind, is
    # not believed; a symlink under one of the listed names is not removed either.
    (out / "slide-02-link.png").symlink_to(tmp_path / "victim.png")
    (out / MANIFEST).write_text(
        json.dumps({"files": ["../victim.png", "notes.txt", "slide-02-link.png", 7]})
    )
    export_png(second, out, 320, 180, "zh")
    assert (tmp_path / "victim.png").read_bytes() == b"outside"
    assert (out / "notes.txt").read_text() == "mine"
    assert (out / "slide-02-link.png").is_symlink()
    assert not list(out.glob(".*.tmp"))


def test_a_png_export_that_cannot_write_names_the_file_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from nanyi_desk.export.png import export_png

    loaded = load_deck(_tiny_deck(tmp_path / "a", ["alpha"]))
    out = tmp_path / "out"
    out.mkdir()

    def read_only(*_: object, **__: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), "/the/temporary/name")

    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(OSError, match="^cannot write ") as caught:
        export_png(loaded, out, 320, 180, "zh")
    monkeypatch.undo()
    assert str(caught.value) == f"cannot write {out / 'slide-01-alpha.png'}: Read-only file system"
    assert list(out.iterdir()) == []


def test_a_png_export_that_fails_half_way_leaves_the_folder_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from nanyi_desk import atomic
    from nanyi_desk.export.png import export_png

    out = tmp_path / "out"
    first = load_deck(_tiny_deck(tmp_path / "a", ["alpha", "beta", "gamma"]))
    export_png(first, out, 320, 180, "zh")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    _tiny_deck(tmp_path / "b", ["alpha", "beta", "gamma"])
    (tmp_path / "b" / "deck.yaml").write_text(
        (tmp_path / "b" / "deck.yaml").read_text().replace("items: [x]", "items: [y]")
    )
    second = load_deck(tmp_path / "b")
    made = iter(range(100))
    real = atomic._create_temporary

    def full_at_the_third(target: Path):  # noqa: ANN202
        if next(made) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(target)

    monkeypatch.setattr(atomic, "_create_temporary", full_at_the_third)
    with pytest.raises(OSError, match="^cannot write .*slide-03-gamma.png: No space left"):
        export_png(second, out, 320, 180, "zh")
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    # A folder where a slide goes is found before anything moves.
    (out / "slide-02-beta.png").unlink()
    (out / "slide-02-beta.png").mkdir()
    before = {p.name: p.is_dir() or p.read_bytes() for p in out.iterdir()}
    with pytest.raises(OSError, match="slide-02-beta.png: something that is not a file"):
        export_png(second, out, 320, 180, "zh")
    assert {p.name: p.is_dir() or p.read_bytes() for p in out.iterdir()} == before
    # A folder the failed export made is not left behind, empty.
    monkeypatch.setattr(atomic, "_create_temporary", full_at_the_third)
    made = iter(range(2, 100))
    with pytest.raises(OSError, match="No space left"):
        export_png(second, tmp_path / "new" / "out", 320, 180, "zh")
    assert not (tmp_path / "new" / "out").exists()
