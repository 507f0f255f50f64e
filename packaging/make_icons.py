"""Draw TrustDesk's icon files from its SVG: the PNG sizes, a Windows .ico, a macOS .icns.

    .venv/bin/python packaging/make_icons.py

The mark is drawn by hand in ``resources/icons/trustdesk.svg`` (two people, the gold lens
where they overlap is the trust between them); ``trustdesk-small.svg`` is the same mark
with a full-bleed tile and a squarer corner, used for 16 and 24 px, where the margin of the
large one would waste a pixel a side. The PNGs go beside the SVGs (the app sets its window
icon from them; the launcher installs them into the icon theme), the .ico and .icns into
``packaging/icons/`` for the Windows and macOS bundles. Rendered with Qt's own SVG renderer,
so the result is the same on every machine; the files are committed, run this again after
changing the SVG.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "icons"
OUT = ROOT / "packaging" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SMALL = (16, 24)  # drawn from trustdesk-small.svg
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size (Apple's icns format).
ICNS_TYPES = ((b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
              (b"ic09", 512), (b"ic10", 1024))  # fmt: skip


def render(svg: Path, size: int) -> bytes:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        sys.exit(f"make_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """A .ico whose images are PNG data (read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    entries, offset = b"", 6 + 16 * len(pngs)
    for size, png in pngs.items():
        side = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
    return header + entries + b"".join(pngs.values())


def icns(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> None:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    large, small = SOURCE / "trustdesk.svg", SOURCE / "trustdesk-small.svg"
    pngs = {size: render(small if size in SMALL else large, size) for size in (*SIZES, 1024)}
    for size in SIZES:
        (SOURCE / f"trustdesk-{size}.png").write_bytes(pngs[size])
    OUT.mkdir(exist_ok=True)
    (OUT / "trustdesk.ico").write_bytes(ico({size: pngs[size] for size in ICO_SIZES}))
    (OUT / "trustdesk.icns").write_bytes(icns(pngs))
    print(f"make_icons: {len(SIZES)} PNGs in {SOURCE}, trustdesk.ico and trustdesk.icns in {OUT}")
    del app


if __name__ == "__main__":
    main()
