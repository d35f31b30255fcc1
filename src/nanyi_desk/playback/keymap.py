"""What each key does in the player: one table, so help, tests and docs agree. No Qt.

A key means one thing on a slide (`KEYMAP`) and, where a drill-down panel is open, may mean
another (`PANEL_KEYMAP`: Esc and Backspace step back out of the panel). Every widget asks
`action_for`; none keeps a key list of its own.
"""

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

PANEL_KEYMAP: dict[str, tuple[str, ...]] = {
    "back": ("Escape", "Backspace"),
}
"""Where a panel is open, these keys mean something else; every other key keeps its slide
meaning (a clicker's next puts the panels away, L switches language, Tab walks the sheet)."""

PRESENTER_KEYMAP: dict[str, tuple[str, ...]] = {
    "from_start": ("F5",),
    "from_here": ("Shift+F5",),
    "console_language": ("Shift+L",),
    "search": ("Ctrl+F", "/"),
    "notes_larger": ("Ctrl++", "Ctrl+=", "+", "="),
    "notes_smaller": ("Ctrl+-", "-"),
    "pause": ("P",),
}
"""The presenter's own keys (`present`), as Qt key sequences ("Shift+F5"), on top of KEYMAP.

They work whichever of the two windows has the keyboard. F5 and Shift+F5 are what a clicker's
"start show" button sends; L alone stays the audience's language, Shift+L is the console's.
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
    "back": {"zh": "详情页：返回上一层", "en": "In a detail panel: one level back"},
    "from_start": {
        "zh": "从头放映(观众屏全屏)",
        "en": "Show from the start (audience full screen)",
    },
    "from_here": {"zh": "从当前页放映", "en": "Show from this slide"},
    "console_language": {"zh": "切换控制台语言", "en": "Switch the console's language"},
    "search": {"zh": "查找数字、标题、备注", "en": "Find a figure, title or note"},
    "notes_larger": {"zh": "备注字号放大 (A+)", "en": "Larger notes (A+)"},
    "notes_smaller": {"zh": "备注字号缩小 (A−)", "en": "Smaller notes (A−)"},
    "pause": {"zh": "暂停 / 继续计时", "en": "Pause / resume the timer"},
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
_IN_PANEL = {key: action for action, keys in PANEL_KEYMAP.items() for key in keys}


def action_for(key_name: str, in_panel: bool = False) -> str | None:
    """The action of a key name such as 'PageDown' (on a slide, or in an open panel), or None."""
    if in_panel and key_name in _IN_PANEL:
        return _IN_PANEL[key_name]
    return _BY_KEY.get(key_name)


def key_name(key: object) -> str:
    """Qt's key enum (or its int) as the name this table uses: Qt.Key.Key_PageDown → 'PageDown'.

    Duck-typed on the enum's `name`, so this module stays free of Qt.
    """
    name = getattr(key, "name", None)
    return str(name).removeprefix("Key_") if name is not None else ""


def key_label(key_name: str) -> str:
    """A key as printed on its cap."""
    return KEY_LABELS.get(key_name, key_name)
