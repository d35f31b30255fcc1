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
    "overview": ("O",),
    "focus_next": ("Tab",),
    "focus_previous": ("Backtab",),
    "help": ("Question", "H"),
    "escape": ("Escape",),
}
"""Action → Qt key names (without the 'Key_' prefix).

Tab belongs to the hotspots (issue 4: a presenter drills with the keyboard alone, Tab to a
figure, Enter to open it), so the overview is O only.
"""

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
    "focus_next": {"zh": "选中下一个可展开项", "en": "Select the next figure to open"},
    "focus_previous": {"zh": "选中上一个可展开项", "en": "Select the previous figure to open"},
    "help": {"zh": "帮助", "en": "This help"},
    "escape": {"zh": "关闭浮层 / 退出全屏", "en": "Close overlay / leave full screen"},
}

KEY_LABELS: dict[str, str] = {
    "Right": "→",
    "Left": "←",
    "Up": "↑",
    "Down": "↓",
    "PageDown": "PgDn",
    "PageUp": "PgUp",
    "Return": "Enter",
    "Backspace": "⌫",
    "Period": ".",
    "Question": "?",
    "Backtab": "Shift+Tab",
    "Escape": "Esc",
}
"""How a key name is written on a keycap in the help."""

EXTRA_HELP: tuple[tuple[str, dict[str, str]], ...] = (
    ("1…9 Enter", {"zh": "跳到第几页", "en": "Go to slide number"}),
    ("Enter", {"zh": "打开选中项的详情", "en": "Open the selected figure"}),
)
"""Help lines for what is not one key: typed numbers, Enter on a selected hotspot."""

_BY_KEY = {key: action for action, keys in KEYMAP.items() for key in keys}


def action_for(key_name: str) -> str | None:
    """The action of a key name such as 'PageDown', or None."""
    return _BY_KEY.get(key_name)


def key_label(key_name: str) -> str:
    """A key as printed on its cap."""
    return KEY_LABELS.get(key_name, key_name)
