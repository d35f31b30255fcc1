"""Hostile or broken files are refused quickly with a located message, never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from nanyi_desk.deck import load_deck
from nanyi_desk.deck.yaml_source import MAX_DEPTH, MAX_FILE_BYTES


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
