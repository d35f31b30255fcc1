"""Start a talk: the application, fonts, and a presenter session on the machine's screens."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from nanyi_desk.deck import LoadedDeck

if TYPE_CHECKING:
    from .start_frame import FirstFrame


def run_presenter(
    loaded: LoadedDeck,
    audience_screen: int | None = None,
    duration: float | None = None,
    lang: str | None = None,
    console_lang: str | None = None,
    start: str | None = None,
    rehearse: bool = False,
    watch: bool = False,
    first: FirstFrame | None = None,
) -> int:
    """Present a loaded deck until the console closes; return the exit code.

    `first` is the audience view's first frame (`ui.start_frame`): on the projector already,
    or to be kept for the next talk.
    """
    from nanyi_desk.playback.screens import plan_screens, screens_text
    from nanyi_desk.render.context import deck_context
    from nanyi_desk.render.painter import ask_charts_ahead_full_screen

    from .app import application, starting_slide
    from .presenter_session import PresenterSession
    from .screen_provider import QtScreens
    from .state import PlayerState

    deck = loaded.deck
    assert deck is not None
    index = starting_slide(deck, start, "nanyi-desk present")
    if index is None:
        return 2
    app = application()
    screens = QtScreens(app)
    if audience_screen is not None and not 0 <= audience_screen < screens.count():
        print(  # noqa: T201 - a usage error, for the terminal
            f"nanyi-desk present: --audience-screen {audience_screen}: "
            f"{screens_text(screens.count())}",
            file=sys.stderr,
        )
        return 2
    ctx = deck_context(loaded)
    state = PlayerState.for_deck(deck, index, lang)
    plan = plan_screens(screens.count(), screens.primary(), audience_screen)
    shown_on = screens.qscreen(plan.audience)
    if plan.audience_fullscreen and shown_on is not None:
        # The projector's first slide: its charts are drawn while the windows are made.
        ask_charts_ahead_full_screen(ctx, index, state.lang, shown_on)
    session = PresenterSession(
        state,
        ctx,
        screens,
        deck_file=loaded.path,
        audience_screen=audience_screen,
        duration=duration,
        console_lang=console_lang,
        rehearse=rehearse,
    )
    if watch:
        session.watch(loaded)
    if first is not None and first.key is not None:
        # Before the session shows it: its first paint may come at once.
        from .deck_reloader import deck_paths

        audience = session.audience
        first.follow(
            audience, audience.view, state.place, lambda: deck_paths(loaded), activate=False
        )
    session.start()
    code = app.exec()
    if session.saved_to is not None:
        print(f"rehearsal recorded in {session.saved_to}", file=sys.stderr)  # noqa: T201
    return code
