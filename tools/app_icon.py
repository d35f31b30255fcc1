"""Draw nanyi-desk's application icon into a build folder: .ico (Windows), .icns (macOS), .png.

Drawn at build time with Qt and the bundled font rather than kept as binary files in git: a
rounded square in the theme's accent with 南 in white. `build.spec` runs it in a process of
its own (`python tools/app_icon.py OUT_DIR`), since Qt should not start inside PyInstaller.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ACCENT = "#0B5FA5"  # resources/themes/nanyi.yaml's accent
GLYPH = "南"


def say(line: str = "") -> None:
    """One line of the report on stdout, at once (the steps take minutes)."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def draw(size: int):  # noqa: ANN201 - a QImage; Qt is imported only when drawing
    """One square icon image `size` pixels wide."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    family = "Sans Serif"
    font_id = QFontDatabase.addApplicationFont(
        str(ROOT / "resources" / "fonts" / "NotoSansCJKsc-Bold.otf")
    )
    if font_id >= 0:
        family = QFontDatabase.applicationFontFamilies(font_id)[0]
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(ACCENT))
    margin = size * 0.06
    box = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    painter.drawRoundedRect(box, size * 0.18, size * 0.18)
    font = QFont(family)
    font.setPixelSize(max(8, round(size * 0.62)))
    font.setWeight(QFont.Weight.Bold)
    painter.setFont(font)
    painter.setPen(QColor("#FFFFFF"))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, GLYPH)
    painter.end()
    return image


def write_icons(out: Path) -> list[Path]:
    """Write nanyi-desk.png (1024 px), .ico (up to 256 px) and .icns into `out`."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImageWriter

    _app = QGuiApplication.instance() or QGuiApplication([])
    out.mkdir(parents=True, exist_ok=True)
    written = []
    big = draw(1024)
    png = out / "nanyi-desk.png"
    big.save(str(png))
    written.append(png)
    # Qt's ico and icns writers take one image; the system scales it to each size it shows.
    for suffix, size in (("ico", 256), ("icns", 1024)):
        if suffix.encode() not in [bytes(f) for f in QImageWriter.supportedImageFormats()]:
            continue
        path = out / f"nanyi-desk.{suffix}"
        if draw(size).save(str(path), suffix):
            written.append(path)
    return written


def main() -> int:
    """`python tools/app_icon.py OUT_DIR`: print the files written."""
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "icon"
    for path in write_icons(out):
        say(str(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
