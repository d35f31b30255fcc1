"""How a figure reads: as the deck wrote it, as each language's readers expect it, counting up.

One formatter for slides, panels, charts, tables and the exporter, so 1478 never shows as
1478.0 in one place and 1478 in another, and 185.28 亿元 reads "RMB 18.53 billion" in English
wherever it appears. A figure is written once, as the source states it (185.28 with the unit
亿元); Chinese shows it as written, English turns the Chinese magnitude (万, 亿) into
thousands, millions and billions. Plain Python: imports only `deck.text`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from .text import pick

UnitText = str | Mapping[str, str] | None
"""A unit as the deck writes it: a string, {language: string}, or none."""

# Longest first: 万亿 is 10^12, not 万 followed by 亿.
CHINESE_MAGNITUDES: tuple[tuple[str, int], ...] = (
    ("万亿", 12),
    ("千亿", 11),
    ("百亿", 10),
    ("十亿", 9),
    ("千万", 7),
    ("百万", 6),
    ("十万", 5),
    ("亿", 8),
    ("万", 4),
)
"""A Chinese unit's leading magnitude and its power of ten."""

# What an English unit says when it copies the Chinese magnitude ("RMB 100 million",
# "10,000 tonnes"): the old way of writing a deck, still understood, and warned about.
_ENGLISH_MAGNITUDE = re.compile(
    r"(?<![\w.,])(?P<n>100,000,000|10,000,000|1,000,000|100,000|10,000|100 million|"
    r"10 million|ten thousand|hundred million|10 thousand|100 thousand|1 million|100 ?mn?|10 ?k)"
    r"(?![\w,])",
    re.IGNORECASE,
)
_ENGLISH_POWERS = {
    "100 m": 8,
    "100m": 8,
    "100 mn": 8,
    "100mn": 8,
    "10 k": 4,
    "10k": 4,
    "100,000,000": 8,
    "100 million": 8,
    "hundred million": 8,
    "10,000,000": 7,
    "10 million": 7,
    "1,000,000": 6,
    "1 million": 6,
    "100,000": 5,
    "100 thousand": 5,
    "10,000": 4,
    "10 thousand": 4,
    "ten thousand": 4,
}
_SCALES = ((12, "trillion"), (9, "billion"), (6, "million"))
_SCALE_WORDS = frozenset(word for _, word in _SCALES)
# Currencies stand before the number in English: "RMB 18.53 billion", not "18.53 billion RMB".
_CURRENCIES = frozenset({"RMB", "CNY", "USD", "US$", "HK$", "NT$", "$", "¥", "€", "£", "EUR"})
_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")


def figure_text(value: float | int, decimals: int | None = None) -> str:
    """A figure as the deck wrote it: 1478, 185.28, 351.6 (never 1478.0, never 1.5e-05).

    With `decimals`, exactly that many places (a key figure that says 12.0 on purpose).
    This is the figure in the deck's own terms, ungrouped, in any language: what a
    Chinese slide shows, and what a search matches against. See `figure_words` for a
    figure as a given language reads it.
    """
    if decimals is not None:
        return f"{value:.{decimals}f}"
    if not isinstance(value, float):
        return str(value)
    if value.is_integer():
        return str(int(value))
    text = repr(float(value))  # the shortest that reads back the same (numpy's too)
    # No scientific notation on a slide: 1.5e-05 reads 0.000015.
    return format(Decimal(text), "f") if "e" in text else text


def counted(number: str, progress: float) -> str:
    """`number` (as figure_text or figure_words wrote it) part-way through counting up.

    Keeps the final figure's decimals and digit grouping, so 351.6 counts 0.0, 12.3 … and
    never shows 12.345, and 796,000 counts through 398,000.
    """
    if progress >= 1.0:
        return number
    grouped = "," in number
    try:
        final = float(number.replace(",", ""))
    except ValueError:
        return number
    decimals = len(number.partition(".")[2])
    return f"{final * max(0.0, progress):{',' if grouped else ''}.{decimals}f}"


@dataclass(frozen=True)
class FigureWords:
    """A figure as one language shows it, in the three parts a key figure is drawn in."""

    prefix: str
    """The words before the number: 超 / over, and a currency in English (over RMB)."""
    number: str
    """The number: 185.28 in Chinese, 18.53 in English."""
    unit: str
    """The words after it: 亿元 in Chinese, billion in English."""
    tight: bool = False
    """Whether the parts are written without spaces (Chinese: 超4950万吨)."""

    @property
    def text(self) -> str:
        """The three parts as one line of text: 超4950万吨, over 49.5 million tonnes."""
        gap = "" if self.tight else " "
        head = f"{self.prefix}{gap}{self.number}" if self.prefix else self.number
        if not self.unit:
            return head
        # A percentage or a degree sits on its number in any language.
        return head + ("" if self.unit[0] in "%°‰" else gap) + self.unit


class HasFigure(Protocol):
    """A deck item that states a figure: a key figure, a card."""

    @property
    def value(self) -> float | int | None:
        """The number."""

    @property
    def unit(self) -> UnitText:
        """Its unit."""

    @property
    def prefix(self) -> UnitText:
        """A word before it."""


def is_chinese(lang: str) -> bool:
    """Whether `lang` is written in Chinese (zh, zh-Hant …): figures stay as written."""
    return lang == "zh" or lang.startswith("zh-")


def is_english(lang: str) -> bool:
    """Whether `lang` is English: figures are grouped and magnitudes converted."""
    return lang == "en" or lang.startswith("en-")


def chinese_magnitude(unit: str) -> tuple[int, str]:
    """The power of ten a Chinese unit starts with and the rest: 亿元 → (8, 元); 吨 → (0, 吨)."""
    for word, power in CHINESE_MAGNITUDES:
        if unit.startswith(word):
            return power, unit[len(word) :]
    return 0, unit


def english_magnitude(unit: str) -> tuple[int, str]:
    """The Chinese magnitude an English unit repeats and the rest.

    "RMB 100 million" → (8, "RMB"); "10,000 tonnes" → (4, "tonnes"); "km²" → (0, "km²").
    """
    found = _ENGLISH_MAGNITUDE.search(unit)
    if found is None:
        return 0, unit
    rest = (unit[: found.start()] + " " + unit[found.end() :]).strip()
    rest = re.sub(r"\s+", " ", rest.removeprefix("of ").strip())
    return _ENGLISH_POWERS[found["n"].lower()], rest


def unit_magnitude(unit: UnitText, lang: str, fallbacks: Sequence[str] = ()) -> tuple[int, str]:
    """The magnitude of `unit` and the words `lang` shows after it has been taken out.

    Chinese units keep their magnitude ((0, 亿元)): Chinese shows the figure as written. In
    English the magnitude comes from the English unit if it repeats one ("RMB 100 million",
    the old way), else from the Chinese unit (亿元), and the English words are the rest.
    """
    shown = pick(unit, lang, tuple(fallbacks))
    if not is_english(lang):
        return 0, shown
    power, rest = english_magnitude(shown)
    if power:
        return power, rest
    zh = _chinese_unit(unit)
    if zh is None or zh == shown:
        # One unit for every language: a Chinese one is read as Chinese, magnitude and all.
        power, rest = chinese_magnitude(shown)
        return (power, "") if power and (not rest or _has_cjk(rest)) else (0, shown)
    return chinese_magnitude(zh)[0], shown


def figure_words(
    value: float | int,
    unit: UnitText,
    lang: str,
    *,
    prefix: UnitText = None,
    decimals: int | None = None,
    shown: UnitText = None,
    fallbacks: Sequence[str] = (),
) -> FigureWords:
    """`value` with its `unit` and `prefix` as `lang` reads it.

    Chinese: as written (超4950万吨). English: digits grouped and the Chinese magnitude
    turned into thousands, millions, billions, keeping the figure's precision to at most two
    places: 185.28 亿元 → RMB 18.53 billion, 79.6 万人 → 796,000 people, 4950 万吨 → 49.5
    million tonnes, 1478 → 1,478. `shown` in `lang` (the deck's explicit form, e.g. {en:
    "about RMB 18.5 billion"}) wins over all of this.
    """
    fb = tuple(fallbacks)
    if (isinstance(shown, Mapping) and lang in shown) or isinstance(shown, str):
        return split_shown(pick(shown, lang, fb), tight=is_chinese(lang))
    pre = pick(prefix, lang, fb).strip()
    if not is_english(lang):
        number = figure_text(value, decimals)
        return FigureWords(pre, number, pick(unit, lang, fb), tight=is_chinese(lang))
    power, words = unit_magnitude(unit, lang, fb)
    number, scale = english_number(value, power, decimals)
    currency, words = _currency(words)
    before = " ".join(w for w in (pre, currency) if w)
    after = " ".join(w for w in (scale, words) if w)
    return FigureWords(before, number, agree(number, after))


def item_words(item: HasFigure, lang: str, fallbacks: Sequence[str] = ()) -> FigureWords:
    """A key figure's or card's figure as `lang` reads it ('' parts when it has none)."""
    if item.value is None:
        return FigureWords("", "", "")
    return figure_words(
        item.value,
        item.unit,
        lang,
        prefix=item.prefix,
        decimals=getattr(item, "decimals", None),
        shown=getattr(item, "shown", None),
        fallbacks=fallbacks,
    )


def english_number(
    value: float | int, power: int = 0, decimals: int | None = None, *, most: int | None = None
) -> tuple[str, str]:
    """`value` × 10^`power` in English: the grouped number and its scale word.

    Below a million the whole number is written out (796,000); from a million on, in
    millions, billions or trillions with the places the figure had, at most `most` (two
    once a magnitude is converted), and no trailing zeros unless `decimals` asked for them.
    """
    written = Decimal(figure_text(value, decimals))
    places = decimals if decimals is not None else _places(written)
    full = written.scaleb(power)
    scale_power, word = next(((p, w) for p, w in _SCALES if abs(full) >= Decimal(10) ** p), (0, ""))
    keep = max(0, places - power + scale_power)
    if most is None and (scale_power or power):
        most = 2
    if most is not None:
        keep = min(most, keep)
    shown = full.scaleb(-scale_power).quantize(Decimal(1).scaleb(-keep), rounding=ROUND_HALF_UP)
    text = f"{shown:,.{keep}f}"
    if (decimals is None or power) and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text, word


@dataclass(frozen=True)
class ValueScale:
    """How a chart's values are shown in one language: one scale for a whole axis."""

    power: int
    """Multiply the deck's values by 10^power to get the values drawn."""
    unit: str
    """The axis's unit caption: 亿元, RMB billion, million tonnes, people."""
    english: bool
    """Whether digits are grouped."""
    most: int | None = None
    """The most places a drawn value shows: two once a magnitude has been converted."""

    def value(self, v: float | int) -> float | int:
        """A deck value as drawn on this axis."""
        if not self.power:
            return v
        out = Decimal(figure_text(v)).scaleb(self.power)
        return int(out) if out == out.to_integral_value() else float(out)

    def text(self, v: float | int) -> str:
        """A drawn value's label: 4.65 (billion), 1,380, 167.91."""
        if not self.english:
            return figure_text(v)
        return english_number(v, most=self.most)[0]


def value_scale(
    values: Sequence[float | int | None],
    unit: UnitText,
    lang: str,
    fallbacks: Sequence[str] = (),
) -> ValueScale:
    """One scale for an axis of `values` in `unit`: its largest value decides it.

    Chinese keeps the deck's figures and unit. English converts the Chinese magnitude and
    names the scale in the caption: 46.5, 15, 3.4 亿元 → 4.65, 1.5, 0.34 on "RMB billion".
    """
    fb = tuple(fallbacks)
    if not is_english(lang):
        return ValueScale(0, pick(unit, lang, fb), english=False)
    power, words = unit_magnitude(unit, lang, fb)
    present = [abs(Decimal(figure_text(v))) for v in values if v is not None]
    top = max(present, default=Decimal(0)).scaleb(power)
    scale_power, word = next(((p, w) for p, w in _SCALES if top >= Decimal(10) ** p), (0, ""))
    currency, words = _currency(words)
    caption = " ".join(w for w in (currency, word, words) if w)
    return ValueScale(power - scale_power, caption, english=True, most=2 if power else None)


def row_words(
    cells: Sequence[object], lang: str, fallbacks: Sequence[str] = ()
) -> list[tuple[bool, str]]:
    """A table row's cells as `lang` shows them: (is a number, words), one per cell.

    Numbers are grouped in English. A number followed by a unit cell that carries a Chinese
    magnitude (345.27 | 亿元) is converted with it: English reads 34.53 | RMB billion. Any
    other text cell is shown as written, so a status column is never taken for a unit.
    """
    fb = tuple(fallbacks)
    out: list[tuple[bool, str]] = []
    skip = False
    for i, cell in enumerate(cells):
        if skip:
            skip = False
            continue
        if not isinstance(cell, (int, float)) or isinstance(cell, bool):
            out.append((False, pick(cell, lang, fb) if isinstance(cell, (str, Mapping)) else ""))
            continue
        after = cells[i + 1] if i + 1 < len(cells) else None
        if isinstance(after, (str, Mapping)) and unit_magnitude(after, lang, fb)[0]:
            words = figure_words(cell, after, lang, fallbacks=fb)
            out.append((True, words.number))
            out.append((False, " ".join(w for w in (words.prefix, words.unit) if w)))
            skip = True
        else:
            out.append((True, figure_words(cell, None, lang).number))
    return out


def agree(number: str, unit: str) -> str:
    """An English unit in agreement with its number: 1 industry, 2 industries, 1 tonne.

    Only a count of exactly one changes, and only a plain plural (…s, …ies): "people", "mu",
    "km²" and a scale ("1 million tonnes") stay as they are.
    """
    words = unit.split(" ")
    if number.lstrip("-") != "1" or not words[-1] or words[0] in _SCALE_WORDS:
        return unit
    last = words[-1]
    if last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")) and last[:-1].isalpha():
        last = last[:-1]
    return " ".join([*words[:-1], last])


def split_shown(text: str, *, tight: bool = False) -> FigureWords:
    """A figure written out whole (the deck's `shown`) in its three parts, by its first number.

    "about RMB 18.5 billion" → ("about RMB", "18.5", "billion"). Text with no number is all
    number, so it is still drawn large.
    """
    found = _NUMBER.search(text)
    if found is None:
        return FigureWords("", text.strip(), "", tight)
    return FigureWords(
        text[: found.start()].strip(), found.group(), text[found.end() :].strip(), tight
    )


def repeated_magnitude(unit: str) -> str | None:
    """The Chinese magnitude an English unit repeats ("100 million" in "RMB 100 million")."""
    found = _ENGLISH_MAGNITUDE.search(unit)
    return None if found is None else found.group()


def _places(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _currency(words: str) -> tuple[str, str]:
    head, _, rest = words.partition(" ")
    if head in _CURRENCIES:
        return head, rest.strip()
    return "", words


def _chinese_unit(unit: UnitText) -> str | None:
    if unit is None or isinstance(unit, str):
        return unit
    for lang, text in unit.items():
        if is_chinese(lang):
            return text
    return None


def _has_cjk(text: str) -> bool:
    return any("\u2e80" <= ch <= "\u9fff" for ch in text)
