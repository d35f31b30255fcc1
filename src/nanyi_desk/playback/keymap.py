"""What each key does in the player: one table, so help, tests and docs agree. No Qt."""

from __future__ import annotations

KEYMAP: dict[str, tuple[str, ...]] = {
    "next": ("Right", "Down", "Space", "PageDown", "Return"),
    "previous": ("Left", "Up", "PageUp", "Backspace"),
    "first": ("Home",),
    "last": ("End",),
    "blackout": ("B", "Period"),
    "whiteout": ("W",),
    "fullscreen": ("F", "F11"),
    "language": ("L",),
    "overview": ("O", "Tab"),
    "help": ("Question",),
    "escape": ("Escape",),
}
"""Action → Qt key names (without the 'Key_' prefix)."""

HELP: dict[str, dict[str, str]] = {
    "next": {"zh": "下一页", "en": "Next slide"},
    "previous": {"zh": "上一页", "en": "Previous slide"},
    "first": {"zh": "第一页", "en": "First slide"},
    "last": {"zh": "最后一页", "en": "Last slide"},
    "blackout": {"zh": "黑屏", "en": "Black screen"},
    "whiteout": {"zh": "白屏", "en": "White screen"},
    "fullscreen": {"zh": "全屏", "en": "Full screen"},
    "language": {"zh": "切换语言", "en": "Switch language"},
    "overview": {"zh": "总览", "en": "Overview"},
    "help": {"zh": "帮助", "en": "This help"},
    "escape": {"zh": "关闭浮层 / 退出全屏", "en": "Close overlay / leave full screen"},
}

_BY_KEY = {key: action for action, keys in KEYMAP.items() for key in keys}


def action_for(key_name: str) -> str | None:
    """The action of a key name such as 'PageDown', or None."""
    return _BY_KEY.get(key_name)
