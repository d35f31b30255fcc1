"""The console's own words, in each language it can show (the deck's own text is the deck's).

The console speaks the presenter's language (`--console-lang`, Shift+L), which may differ from
the audience's; anything not translated falls back to English.
"""

from __future__ import annotations

from .words import ui_word

WORDS: dict[str, dict[str, str]] = {
    "current": {"zh": "观众看到的", "en": "Audience sees"},
    "next": {"zh": "下一页", "en": "Next"},
    "end": {"zh": "演示结束", "en": "End of the deck"},
    "notes": {"zh": "备注", "en": "Notes"},
    "no_notes": {"zh": "本页没有备注", "en": "No notes for this slide"},
    "elapsed": {"zh": "已用时间", "en": "Elapsed"},
    "remaining": {"zh": "剩余时间", "en": "Remaining"},
    "over": {"zh": "已超时", "en": "Over time"},
    "clock": {"zh": "时钟", "en": "Clock"},
    "slide": {"zh": "页", "en": "Slide"},
    "paused": {"zh": "已暂停 (P)", "en": "Paused (P)"},
    "pause": {"zh": "暂停", "en": "Pause"},
    "resume": {"zh": "继续", "en": "Resume"},
    "reset": {"zh": "计时归零", "en": "Reset timer"},
    "reset_ask": {
        "zh": "把演讲计时归零?已用时间将从 0 开始。",
        "en": "Reset the talk timer? Elapsed time starts again from 0.",
    },
    "search": {"zh": "查找数字", "en": "Find a figure"},
    "black": {"zh": "黑屏中", "en": "Black screen"},
    "white": {"zh": "白屏中", "en": "White screen"},
    "blank_caption": {
        "zh": "观众屏幕现为{blank} · 再按一次 {key} 或任意键恢复",
        "en": "The audience sees a {blank} · {key} again or any key brings the slide back",
    },
    "black_screen": {"zh": "黑屏", "en": "black screen"},
    "white_screen": {"zh": "白屏", "en": "white screen"},
    "rehearsed": {"zh": "彩排", "en": "Rehearsed"},
    "behind": {"zh": "落后彩排", "en": "Behind rehearsal by"},
    "ahead": {"zh": "领先彩排", "en": "Ahead of rehearsal by"},
    "recording": {"zh": "彩排记录中", "en": "Recording rehearsal"},
    "on_slide": {"zh": "本页", "en": "This slide"},
    "console_language": {"zh": "控制台语言", "en": "Console language"},
    "audience_language": {"zh": "观众语言", "en": "Audience language"},
    "window": {"zh": "演讲者控制台", "en": "Presenter console"},
}


def word(key: str, lang: str) -> str:
    """The console's word for `key` in `lang` (English where it has none)."""
    return ui_word(WORDS[key], lang)
