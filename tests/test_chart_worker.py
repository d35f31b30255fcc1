"""The chart helper: a second process that draws the first charts of a start.

It must draw exactly what the player would draw itself, without pydantic or Qt; whatever goes
wrong with it (never started, died, garbage on its pipe, gone idle) the player draws the chart
itself and the show goes on; it never outlives the player; and a start asks it ahead for the
charts its first slide needs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from nanyi_desk.charts import render_chart
from nanyi_desk.charts.worker import serve
from nanyi_desk.deck import load_deck
from nanyi_desk.deck.load_cache import load_deck_cached, played_before
from nanyi_desk.deck.model import ChartSlide
from nanyi_desk.messages import receive, send
from nanyi_desk.render import chart_worker
from nanyi_desk.render.cache import SlideCache
from nanyi_desk.render.chart_store import ChartStore
from nanyi_desk.render.chart_worker import ChartWorker, fields_only
from nanyi_desk.render.context import ChartImages, deck_context
from nanyi_desk.render.painter import ask_charts_ahead
from nanyi_desk.resources import default_deck
from nanyi_desk.theme import load_theme

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def loaded():  # noqa: ANN201
    found = load_deck(default_deck())
    assert found.deck is not None
    return found


@pytest.fixture(scope="module")
def chart(loaded):  # noqa: ANN001, ANN201
    return next(s.chart for s in loaded.deck.slides if isinstance(s, ChartSlide))


@pytest.fixture
def worker():  # noqa: ANN201
    started = ChartWorker.start()
    assert started is not None
    yield started
    started.stop()


def _options(chart, lang: str = "zh") -> dict[str, object]:  # noqa: ANN001
    return {
        "chart": chart,
        "lang": lang,
        "fallbacks": ("en",) if lang == "zh" else ("zh",),
        "theme": load_theme("nanyi"),
        "accent": "#1F6FB2",
        "width": 600,
        "height": 360,
        "scale": 1.0,
    }


def _pixels(image: QImage) -> bytes:
    return image.convertToFormat(QImage.Format.Format_RGBA8888_Premultiplied).constBits().tobytes()


def _get(images: ChartImages, chart, lang: str = "zh"):  # noqa: ANN001, ANN202
    o = _options(chart, lang)
    return images.get("k", chart, (600, 360), lang, o["fallbacks"], o["theme"], "#1F6FB2", 1.0)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_helper_draws_what_the_player_would(worker: ChartWorker, chart, lang: str) -> None:  # noqa: ANN001
    drawn = worker.draw(**_options(chart, lang))
    here = render_chart(**_options(chart, lang))  # type: ignore[arg-type]
    assert drawn is not None
    rgba, width, height, hits = drawn
    assert (width, height) == (here.width, here.height)
    assert rgba == here.rgba
    assert hits == here.hits
    assert worker.drawn == 1


def test_its_charts_are_kept_and_stored_like_any_other(qapp, worker, chart, tmp_path) -> None:  # noqa: ANN001
    store = ChartStore(tmp_path)
    images = ChartImages(store=store, worker=worker)
    image, hits = _get(images, chart)
    assert worker.drawn == 1
    assert images.renders == 1
    assert hits
    # Asked again: from memory, and the next run from the disk, without the helper.
    _get(images, chart)
    assert worker.drawn == 1
    again = ChartImages(store=ChartStore(tmp_path))
    stored, stored_hits = _get(again, chart)
    assert again.renders == 0
    assert stored_hits == hits
    assert _pixels(stored) == _pixels(image)


def test_the_helper_needs_neither_pydantic_nor_qt() -> None:
    # What it imports before it can draw is its start: the deck's model and Qt stay out.
    code = (
        "import sys\n"
        "import nanyi_desk.charts.worker, nanyi_desk.charts.render\n"
        "print(sorted(m for m in ('pydantic', 'PySide6', 'nanyi_desk.deck.model',"
        " 'nanyi_desk.theme', 'yaml') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.strip() == "[]"


def test_fields_only_keeps_every_field(chart) -> None:  # noqa: ANN001
    plain = fields_only(chart)
    assert type(plain).__name__ == "SimpleNamespace"
    assert plain.type == chart.type
    assert plain.categories == chart.categories
    assert [s.values for s in plain.series] == [s.values for s in chart.series]
    theme = fields_only(load_theme("nanyi"))
    assert theme.colors.ink == load_theme("nanyi").colors.ink


def test_a_helper_that_cannot_start_is_no_helper() -> None:
    assert ChartWorker.start([str(REPO / "no-such-program")]) is None


def test_a_helper_that_died_leaves_the_drawing_to_the_player(qapp, chart) -> None:  # noqa: ANN001
    worker = ChartWorker.start()
    assert worker is not None
    worker._process.kill()  # noqa: SLF001 - a crash, from outside
    worker._process.wait()  # noqa: SLF001
    images = ChartImages(worker=worker)
    image, hits = _get(images, chart)
    assert not image.isNull()
    assert hits
    assert images.renders == 1
    assert worker.drawn == 0
    assert not worker.alive


def test_garbage_on_its_pipe_means_drawing_here(qapp, chart) -> None:  # noqa: ANN001
    # A whole message by its length, but no pickle inside: the reply cannot be read.
    code = (
        "import sys\n"
        "sys.stdout.buffer.write(len(b'garbage').to_bytes(8, 'big') + b'garbage')\n"
        "sys.stdout.flush()\n"
        "sys.stdin.buffer.read()\n"
    )
    liar = ChartWorker.start([sys.executable, "-c", code])
    assert liar is not None
    try:
        images = ChartImages(worker=liar)
        started = time.monotonic()
        image, _ = _get(images, chart)
        assert time.monotonic() - started < 10  # not the reply timeout: it is known at once
        assert not image.isNull()
        assert liar.drawn == 0
        assert not liar.alive
    finally:
        liar.stop()


def test_a_helper_that_hangs_is_given_up(qapp, chart, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(chart_worker, "REPLY_TIMEOUT_S", 0.5)
    mute = ChartWorker.start([sys.executable, "-c", "import time; time.sleep(60)"])
    assert mute is not None
    images = ChartImages(worker=mute)
    image, hits = _get(images, chart)
    assert not image.isNull()
    assert hits
    assert not mute.alive
    assert mute._process.wait(timeout=10) is not None  # noqa: SLF001 - it was stopped


def test_a_chart_it_cannot_draw_is_drawn_here_and_fails_as_ever(worker: ChartWorker, chart) -> None:  # noqa: ANN001
    broken = {**_options(chart), "width": "wide"}
    assert worker.draw(**broken) is None
    assert worker.alive  # one bad chart does not end it
    assert worker.draw(**_options(chart)) is not None


def test_it_ends_when_the_player_lets_it_go() -> None:
    worker = ChartWorker.start()
    assert worker is not None
    worker.close()
    assert worker._process.wait(timeout=30) == 0  # noqa: SLF001


def test_an_ended_helper_is_reaped_not_left_a_zombie() -> None:
    # It ends on its own (input closed here); the player's reading thread reaps it.
    worker = ChartWorker.start()
    assert worker is not None
    worker.close()
    deadline = time.monotonic() + 30
    while worker._process.returncode is None and time.monotonic() < deadline:  # noqa: SLF001
        time.sleep(0.05)
    assert worker._process.returncode == 0  # noqa: SLF001 - set by the reader's wait()


def test_it_ends_when_the_player_dies() -> None:
    # The player is killed: the helper's input closes, and it ends without being told.
    code = (
        "import time\n"
        "from nanyi_desk.render.chart_worker import ChartWorker\n"
        "w = ChartWorker.start()\n"
        "print(w._process.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    player = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    assert player.stdout is not None
    with player.stdout:
        helper = int(player.stdout.readline())
    player.kill()
    player.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _running(helper):
        time.sleep(0.1)
    assert not _running(helper)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has ended: its parent (killed) is not there to reap it.
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split(")")[-1].split()[0] == "Z")


def test_it_ends_when_idle() -> None:
    read_end, write_end = os.pipe()
    out_read, out_write = os.pipe()
    with os.fdopen(read_end, "rb") as inp, os.fdopen(out_write, "wb") as out:
        started = time.monotonic()
        assert serve(inp, out, idle_s=0.3) == 0
        assert time.monotonic() - started < 10
        os.close(write_end)  # lets its reading thread end before its input is closed
    os.close(out_read)


def test_it_answers_on_its_pipe_and_ends_at_its_close(chart) -> None:  # noqa: ANN001
    # The protocol itself, in process: a request, its reply, then the end of input.
    requests_r, requests_w = os.pipe()
    replies_r, replies_w = os.pipe()
    with os.fdopen(requests_w, "wb") as ask:
        send(ask, (7, {k: fields_only(v) for k, v in _options(chart).items()}))
    replies: list[object] = []

    def read_replies() -> None:  # the reply is larger than a pipe holds: read as it comes
        with os.fdopen(replies_r, "rb") as back:
            while (reply := receive(back)) is not None:
                replies.append(reply)

    reader = threading.Thread(target=read_replies)
    reader.start()
    with os.fdopen(requests_r, "rb") as inp, os.fdopen(replies_w, "wb") as out:
        assert serve(inp, out) == 0
    reader.join(timeout=30)
    assert len(replies) == 1
    ident, (rgba, width, height, hits) = replies[0]  # type: ignore[misc]
    assert ident == 7
    assert (width, height) == (600, 360)
    assert len(rgba) == 600 * 360 * 4
    assert hits


def test_the_frozen_apps_word_makes_it_the_helper(chart) -> None:  # noqa: ANN001
    # Frozen, the helper is the app itself with a hidden first word, through cli.main.
    worker = ChartWorker.start([sys.executable, "-m", "nanyi_desk", "chart-worker"])
    assert worker is not None
    try:
        assert worker.draw(**_options(chart)) is not None
    finally:
        worker.stop()


def test_a_start_asks_ahead_for_its_first_slides_charts(qapp, loaded, worker) -> None:  # noqa: ANN001
    index = next(i for i, s in enumerate(loaded.deck.slides) if isinstance(s, ChartSlide))
    helped = deck_context(loaded)
    helped.charts = ChartImages(worker=worker)
    ask_charts_ahead(helped, index, "zh", 1280, 720, 1.0)
    slides = SlideCache(helped)
    assert helped.charts.renders == 0  # only asked: the slide painted had a blank stand-in
    image, painted, _ = slides.get(index, "zh", 1280, 720, 1.0)
    assert worker.drawn == 1  # the chart asked for ahead was the one the paint needed
    assert helped.charts.renders == 1
    plain = SlideCache(deck_context(loaded))
    expected, expected_painted, _ = plain.get(index, "zh", 1280, 720, 1.0)
    assert _pixels(image) == _pixels(expected)
    assert painted.hotspots == expected_painted.hotspots


def test_asking_ahead_without_a_helper_draws_as_ever(qapp, loaded) -> None:  # noqa: ANN001
    index = next(i for i, s in enumerate(loaded.deck.slides) if isinstance(s, ChartSlide))
    ctx = deck_context(loaded)
    ask_charts_ahead(ctx, index, "zh", 1280, 720, 1.0)
    assert ctx.charts.renders == 0  # nothing asked, nothing drawn: the paint draws


def test_a_helper_starts_only_for_a_deck_never_played_here(monkeypatch, tmp_path: Path) -> None:
    started: list[bool] = []
    monkeypatch.setattr(chart_worker, "_helper", None)
    monkeypatch.setattr(ChartWorker, "start", classmethod(lambda cls: started.append(True)))
    monkeypatch.delenv("NANYI_DESK_CHART_WORKER")
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    decks = tmp_path / "decks"
    assert not played_before(default_deck(), decks)
    load_deck_cached(default_deck(), decks)
    assert played_before(default_deck(), decks)
    chart_worker.start_helper(default_deck(), decks)
    assert started == []  # played before: its charts are on disk
    chart_worker.start_helper(default_deck(), tmp_path / "elsewhere")
    assert started == [True]


@pytest.mark.parametrize("why", ["off", "one core"])
def test_no_helper_when_told_so_or_on_one_core(monkeypatch, tmp_path: Path, why: str) -> None:
    started: list[bool] = []
    monkeypatch.setattr(chart_worker, "_helper", None)
    monkeypatch.setattr(ChartWorker, "start", classmethod(lambda cls: started.append(True)))
    monkeypatch.setenv("NANYI_DESK_CHART_WORKER", "off" if why == "off" else "")
    monkeypatch.setattr(os, "cpu_count", lambda: 1 if why == "one core" else 2)
    chart_worker.start_helper(default_deck(), tmp_path)
    assert started == []


@pytest.mark.parametrize(
    ("key", "frame", "wanted"),
    [("k", None, True), ("k", "on screen", False), (None, None, False)],
)
def test_a_full_screen_start_with_no_frame_to_show_starts_one(
    monkeypatch, key: str | None, frame: str | None, wanted: bool
) -> None:
    # A deck played before, on a new screen size: no first frame, and no chart stored for it.
    from types import SimpleNamespace

    from nanyi_desk import cli

    asked: list[tuple[object, object]] = []
    monkeypatch.setattr(
        chart_worker, "start_helper", lambda deck, cache: asked.append((deck, cache))
    )
    cli._chart_helper(default_deck(), SimpleNamespace(key=key, frame=frame))  # type: ignore[arg-type]
    assert asked == ([(None, None)] if wanted else [])
