"""Whole Python objects over a pipe between two of our own processes. Plain Python.

Each message is its pickle behind an 8-byte length, so the reader always knows where one
ends: a reader never acts on half of one. Pickle, because both ends are this program (the
chart helper is started by the player, from the same files) and the objects are its own
models; nothing from outside ever arrives on such a pipe.
"""

from __future__ import annotations

import pickle
import struct
from typing import BinaryIO

_LENGTH = struct.Struct(">Q")


def send(stream: BinaryIO, message: object) -> None:
    """Write one message and flush it (raises OSError when the other end is gone)."""
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(body)) + body)
    stream.flush()


def receive(stream: BinaryIO) -> object | None:
    """The next whole message, or None when the other end has closed (or sent half of one)."""
    head = _read_exactly(stream, _LENGTH.size)
    if head is None:
        return None
    body = _read_exactly(stream, _LENGTH.unpack(head)[0])
    if body is None:
        return None
    return pickle.loads(body)  # noqa: S301 - our own process at the other end (above)


def _read_exactly(stream: BinaryIO, size: int) -> bytes | None:
    chunks, wanted = [], size
    while wanted:
        chunk = stream.read(wanted)
        if not chunk:
            return None
        chunks.append(chunk)
        wanted -= len(chunk)
    return b"".join(chunks)
