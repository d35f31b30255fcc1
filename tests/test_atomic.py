"""The atomic-write helper: the target is whole, old or new, whatever fails, and no litter."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from nanyi_desk import atomic


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_new_and_replaces_old(tmp_path: Path) -> None:
    target = tmp_path / "state.json"
    atomic.write_atomically(target, b"one")
    assert target.read_bytes() == b"one"
    atomic.write_atomically(target, "二\n", fsync=False)
    assert target.read_bytes() == "二\n".encode()  # utf-8, and no newline translation
    assert names(tmp_path) == ["state.json"]


def test_a_failure_mid_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "state.json"
    target.write_bytes(b"old")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        atomic.write_atomically(target, b"new" * 1000)
    assert target.read_bytes() == b"old"
    assert names(tmp_path) == ["state.json"]


def test_a_failing_rename_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "chart.png"
    target.write_bytes(b"old")

    def refuse(source: object, dest: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(OSError, match="Read-only"):
        atomic.write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert names(tmp_path) == ["chart.png"]


def test_a_missing_folder_is_an_error_not_a_new_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic.write_atomically(tmp_path / "missing" / "state.json", b"x")
    assert names(tmp_path) == []


def crash_while_writing(target: Path, error: BaseException, seen: list[Path]) -> None:
    with atomic.atomic_path(target) as temporary:
        seen.append(temporary)
        temporary.write_bytes(b"half a PNG")
        raise error


def test_the_path_form_replaces_only_when_the_block_succeeds(tmp_path: Path) -> None:
    target = tmp_path / "slide-01.png"
    target.write_bytes(b"old")
    seen: list[Path] = []
    with pytest.raises(RuntimeError):
        crash_while_writing(target, RuntimeError("the writer crashed"), seen)
    (temporary,) = seen
    assert temporary.parent == tmp_path
    assert temporary.name.startswith(".slide-01.png.")  # hidden, beside the target
    assert temporary.suffix == ".tmp"
    assert target.read_bytes() == b"old"
    assert names(tmp_path) == ["slide-01.png"]

    with atomic.atomic_path(target) as temporary:
        assert temporary.read_bytes() == b""  # made, empty, for the writer to fill
        temporary.write_bytes(b"new")
        assert target.read_bytes() == b"old"  # nobody sees the new file before the end
    assert target.read_bytes() == b"new"
    assert names(tmp_path) == ["slide-01.png"]


def test_an_interrupt_mid_write_cleans_up_too(tmp_path: Path) -> None:
    with pytest.raises(KeyboardInterrupt):
        crash_while_writing(tmp_path / "report.png", KeyboardInterrupt(), [])
    assert names(tmp_path) == []


def test_a_temporary_name_in_use_is_never_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = tmp_path / ".state.json.aaaaaaaaaaaaaaaa.tmp"
    taken.write_bytes(b"someone else's")
    tokens = iter(["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb"])
    monkeypatch.setattr(atomic.secrets, "token_hex", lambda n: next(tokens))
    atomic.write_atomically(tmp_path / "state.json", b"mine")
    assert taken.read_bytes() == b"someone else's"
    assert (tmp_path / "state.json").read_bytes() == b"mine"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_the_new_file_has_the_umask_permissions_not_private_ones(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic.write_atomically(tmp_path / "out.png", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.png").stat().st_mode) == 0o644


def test_windows_retries_a_replace_refused_while_a_reader_holds_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "state.json"
    real_replace = os.replace
    refusals = [PermissionError(13, "in use")] * 3

    def busy(source: str, dest: str) -> None:
        if refusals:
            raise refusals.pop()
        real_replace(source, dest)

    monkeypatch.setattr(atomic.sys, "platform", "win32")
    monkeypatch.setattr(atomic.os, "replace", busy)
    monkeypatch.setattr(atomic.time, "sleep", lambda s: None)
    atomic.write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert names(tmp_path) == ["state.json"]


def test_elsewhere_a_refused_replace_fails_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def refuse(source: str, dest: str) -> None:
        calls.append(dest)
        raise PermissionError(13, "denied")

    monkeypatch.setattr(atomic.sys, "platform", "linux")
    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(PermissionError):
        atomic.write_atomically(tmp_path / "state.json", b"new")
    assert len(calls) == 1
    assert names(tmp_path) == []


def test_temporary_names_are_unpredictable_and_created_exclusively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[str, int]] = []
    real_open = os.open

    def spy(path, flags, *args):  # noqa: ANN001, ANN202
        opened.append((os.fspath(path), flags))
        return real_open(path, flags, *args)

    monkeypatch.setattr(atomic.os, "open", spy)
    for _ in range(2):
        atomic.write_atomically(tmp_path / "state.json", b"x", fsync=False)
    names = [Path(path).name for path, flags in opened if flags & os.O_CREAT]
    assert len(names) == 2
    assert names[0] != names[1]
    tokens = [name.split(".")[-2] for name in names]
    assert all(len(token) == 16 and int(token, 16) >= 0 for token in tokens)  # 64 bits
    assert all(flags & os.O_EXCL for path, flags in opened if flags & os.O_CREAT)


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
@pytest.mark.parametrize("dangling", [False, True])
def test_a_symlink_planted_at_the_temporary_name_is_never_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dangling: bool
) -> None:
    victim = tmp_path / "elsewhere" / "victim"
    victim.parent.mkdir()
    if not dangling:
        victim.write_bytes(b"precious")
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / ".slide.png.aaaaaaaaaaaaaaaa.tmp").symlink_to(victim)
    tokens = iter(["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb"])
    monkeypatch.setattr(atomic.secrets, "token_hex", lambda n: next(tokens))
    atomic.write_atomically(folder / "slide.png", b"mine")
    assert (folder / "slide.png").read_bytes() == b"mine"
    assert not (folder / "slide.png").is_symlink()
    if dangling:
        assert not victim.exists()
    else:
        assert victim.read_bytes() == b"precious"


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_a_temporary_file_swapped_for_a_symlink_is_never_renamed_into_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    target = tmp_path / "out" / "slide.png"
    target.parent.mkdir()
    target.write_bytes(b"old")

    def swap(temporary: Path) -> None:
        temporary.unlink()
        temporary.symlink_to(victim)

    real_fsync = os.fsync

    def swapping_fsync(fd: int) -> None:
        real_fsync(fd)
        [temporary] = [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
        swap(temporary)

    monkeypatch.setattr(atomic.os, "fsync", swapping_fsync)
    with pytest.raises(OSError, match="temporary file was replaced"):
        atomic.write_atomically(target, b"mine")
    monkeypatch.setattr(atomic.os, "fsync", real_fsync)
    with (
        pytest.raises(OSError, match="temporary file was replaced"),
        atomic.atomic_path(target) as temporary,
    ):
        swap(temporary)
    assert target.read_bytes() == b"old"
    assert not target.is_symlink()
    assert victim.read_bytes() == b"precious"
    assert sorted(p.name for p in target.parent.iterdir()) == ["slide.png"]


def test_a_batch_replaces_every_file_or_none(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).write_bytes(b"old " + name.encode())

    def export_until_the_disk_is_full() -> None:
        with atomic.atomic_batch() as batch:
            batch.write(tmp_path / "a", b"new a")
            batch.write(tmp_path / "c", b"new c")
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        export_until_the_disk_is_full()
    assert names(tmp_path) == ["a", "b"]
    assert (tmp_path / "a").read_bytes() == b"old a"
    with atomic.atomic_batch(fsync=False) as batch:
        batch.write(tmp_path / "a", b"new a")
        batch.write(tmp_path / "c", b"new c")
        assert (tmp_path / "a").read_bytes() == b"old a"  # nothing moves before the end
    assert names(tmp_path) == ["a", "b", "c"]
    assert [(tmp_path / n).read_bytes() for n in ("a", "c")] == [b"new a", b"new c"]
