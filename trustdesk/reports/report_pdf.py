"""A visit report as PDF: A4, headings, tables that break between rows (their header row
repeated), the relationship map as an image, page numbers, Chinese text embedded as text.

Qt's PDF writer embeds the subset of the CJK font it draws with, with a Unicode map, so a
reader can search and copy the Chinese. Each customer is laid out in its own QTextDocument
and drawn page by page, starting on a new page: a portfolio of hundreds of customers never
holds more than one customer's pages and pictures in memory.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QRawFont,
    QTextDocument,
)

from trustdesk.reports.map_export import MapPicture
from trustdesk.reports.qt_runtime import CJK_FAMILIES, ensure_gui_application
from trustdesk.reports.report_style import cell_text, css, page_label, style, writing
from trustdesk.services.progress import Progress
from trustdesk.services.visit_reports import Cell, Column, CustomerReport, ReportData, ReportSection

DPI = 96  # layout units are CSS pixels, as in a browser; text and lines stay vectors
MM = DPI / 25.4
MAP_SCALE = 1.5  # the map image holds 1.5 times the pixels it is shown with: sharp in print


def _family() -> str:
    families = set(QFontDatabase.families())
    return next((f for f in CJK_FAMILIES if f in families), QFont().family())


class _Pages:
    """The PDF being written: flows documents onto A4 pages and draws each page's footer."""

    def __init__(self, path: Path, data: ReportData) -> None:
        ensure_gui_application()
        look = style()
        self.data = data
        self.writer = QPdfWriter(str(path))
        self.writer.setResolution(DPI)
        self.writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
            )
        )
        self.writer.setTitle(data.title)
        self.writer.setCreator("TrustDesk")
        self.painter = QPainter(self.writer)
        margin = look["pdf"]["margin_mm"] * MM
        self.page_w, self.page_h = self.writer.width(), self.writer.height()
        self.frame = QRectF(margin, margin, self.page_w - 2 * margin, self.page_h - 2.6 * margin)
        self.footer_y = self.page_h - 1.6 * margin
        self.font = QFont(_family())
        # Noto CJK's localized forms ('locl') swap a digit after Latin text for a glyph no
        # character maps to: "Page 1" would copy as "Page ¬". Without them, the same shapes.
        self.font.setFeature(QFont.Tag("locl"), 0)
        self.font.setPointSizeF(look["pdf"]["body_pt"])
        self.footer_font = QFont(self.font)
        self.footer_font.setPointSizeF(look["pdf"]["footer_pt"])
        self.muted = QColor(look["muted"])
        self.pages = 0

    def document(self) -> QTextDocument:
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(self.writer)
        doc.setDefaultFont(self.font)
        doc.setDefaultStyleSheet(css())
        doc.setDocumentMargin(0)
        doc.setPageSize(QSizeF(self.frame.width(), self.frame.height()))
        return doc

    def flow(self, doc: QTextDocument) -> None:
        """Draw ``doc`` from the top of a new page, as many pages as it takes."""
        height = self.frame.height()
        for page in range(doc.pageCount()):
            if self.pages:
                self.writer.newPage()
            self.pages += 1
            self.painter.save()
            self.painter.translate(self.frame.left(), self.frame.top() - page * height)
            doc.drawContents(self.painter, QRectF(0, page * height, self.frame.width(), height))
            self.painter.restore()
            self._footer()

    def _footer(self) -> None:
        p = self.painter
        p.save()
        p.setPen(QPen(self.muted, 0.6))
        p.drawLine(
            int(self.frame.left()),
            int(self.footer_y),
            int(self.frame.right()),
            int(self.footer_y),
        )
        p.setFont(self.footer_font)
        line = QRectF(self.frame.left(), self.footer_y + 3, self.frame.width(), 20)
        generated = self.data.generated_at.strftime("%Y-%m-%d %H:%M")
        p.drawText(line, Qt.AlignmentFlag.AlignLeft, f"{self.data.title}  ·  {generated}")
        p.drawText(line, Qt.AlignmentFlag.AlignRight, page_label(self.data.lang, self.pages))
        p.restore()

    def close(self) -> None:
        self.painter.end()


# --- HTML for QTextDocument ------------------------------------------------------------------


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br/>")


def _cell(value: Cell) -> str:
    """A cell's HTML; a time of day goes under its date (a narrow column never splits a date)."""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d}<br/>{value:%H:%M}"
    return _text(cell_text(value))


def facts_html(facts: tuple[tuple[str, str], ...], columns: int = 2) -> str:
    cells = [
        f'<td class="label">{escape(label)}</td><td>{escape(value)}</td>' for label, value in facts
    ]
    rows = ["".join(cells[i : i + columns]) for i in range(0, len(cells), columns)]
    body = "".join(f"<tr>{r}</tr>" for r in rows)
    return f'<table class="facts" cellspacing="0" cellpadding="1">{body}</table>'


def _align(column: Column) -> str:
    return "number" if column.kind == "number" else ""


def table_html(section: ReportSection, first: str | None = None) -> str:
    columns = list(section.columns)
    total = sum(c.width for c in columns) or 1
    head = "".join(
        f'<th width="{round(100 * c.width / total)}%">{escape(c.title)}</th>' for c in columns
    )
    out = [
        '<table class="grid" width="100%" cellspacing="0" cellpadding="3" border="1">',
        f"<thead><tr>{head}</tr></thead>",
    ]
    for row in section.rows:
        tds = "".join(
            f'<td class="{_align(c)}">{_cell(v)}</td>' for c, v in zip(columns, row, strict=True)
        )
        out.append(f"<tr>{tds}</tr>")
    if section.totals is not None:
        tds = "".join(
            f'<td class="{_align(c)}"><b>{_cell(v)}</b></td>'
            for c, v in zip(columns, section.totals, strict=True)
        )
        out.append(f'<tr class="total">{tds}</tr>')
    out.append("</table>")
    return "".join(out)


def section_html(doc: QTextDocument, section: ReportSection, pages: _Pages, lang: str) -> str:
    out = [f"<h3>{escape(section.title)}</h3>"]
    risky = section.map is not None and bool(section.map.coverage.findings)
    for i, line in enumerate(section.lines):
        kind = "risk" if risky and i > 0 else "muted" if section.map is not None else ""
        out.append(f'<p class="{kind}">{"⚠ " if kind == "risk" else ""}{_text(line)}</p>')
    if section.map is not None:
        out.append(_map_html(doc, section, pages, lang))
    if section.columns:
        if section.rows:
            out.append(table_html(section))
        elif section.empty:
            out.append(f'<p class="empty">{escape(section.empty)}</p>')
    return "".join(out)


def _map_html(doc: QTextDocument, section: ReportSection, pages: _Pages, lang: str) -> str:
    assert section.map is not None
    picture = MapPicture(section.map, lang, header=False)
    width, height = float(picture.size.width()), float(picture.size.height())
    shown_w = min(pages.frame.width(), width)
    max_h = pages.frame.height() * style()["pdf"]["map_max_height_ratio"]
    if shown_w * height / width > max_h:
        shown_w = max_h * width / height
    shown_h = shown_w * height / width
    image = picture.image(min(MAP_SCALE, MAP_SCALE * shown_w / width))
    name = f"map:{section.map.account_id}"
    doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    return f'<p><img src="{name}" width="{shown_w:.0f}" height="{shown_h:.0f}"/></p>'


def customer_html(
    doc: QTextDocument, customer: CustomerReport, pages: _Pages, lang: str, *, named: bool = True
) -> str:
    """``named``: under its own heading (a portfolio); a one-customer report's title names it."""
    parts = [f"<h2>{escape(customer.account.name)}</h2>" if named else "<p></p>"]
    parts.append(facts_html(customer.facts, 3))
    parts += [section_html(doc, s, pages, lang) for s in customer.sections]
    return "".join(parts)


def header_html(data: ReportData) -> str:
    return f"<h1>{escape(data.title)}</h1>{facts_html(data.facts)}<hr/>"


def write_pdf(data: ReportData, path: Path, progress: Progress | None = None) -> None:
    pages = _Pages(path, data)
    try:
        total = len(data.customers)
        if data.summary is not None:
            doc = pages.document()
            doc.setHtml(
                header_html(data)
                + f"<h2>{escape(data.summary.title)}</h2>"
                + table_html(data.summary)
            )
            pages.flow(doc)
        for n, customer in enumerate(data.customers):
            if progress is not None:
                progress.step(n, total, writing(data.lang, n, total))
            doc = pages.document()
            head = header_html(data) if data.summary is None and n == 0 else ""
            named = data.summary is not None
            doc.setHtml(head + customer_html(doc, customer, pages, data.lang, named=named))
            pages.flow(doc)
    finally:
        pages.close()
    fix_unicode_maps(path, pages.font.family())


_CMAP_BLOCK = re.compile(rb"beginbf(?:range|char)\n(.*?)\nendbf(?:range|char)", re.DOTALL)
_HEX4 = re.compile(rb"<(2[EF][0-9A-F]{2})>")
RADICALS = range(0x2E80, 0x2FE0)  # CJK Radicals Supplement and Kangxi Radicals
IDEOGRAPHS = range(0x4E00, 0xA000)  # CJK Unified Ideographs


@cache
def radical_ideographs(family: str) -> dict[int, int]:
    """Each radical the font draws with an ideograph's glyph, and that ideograph."""
    raw = QRawFont.fromFont(QFont(family))
    glyphs = raw.glyphIndexesForString("".join(map(chr, IDEOGRAPHS)))
    by_glyph: dict[int, int] = {}
    for code, glyph in zip(IDEOGRAPHS, glyphs, strict=True):
        if glyph:
            by_glyph.setdefault(glyph, code)
    radicals = raw.glyphIndexesForString("".join(map(chr, RADICALS)))
    return {
        code: by_glyph[glyph]
        for code, glyph in zip(RADICALS, radicals, strict=True)
        if glyph and glyph in by_glyph
    }


def fix_unicode_maps(path: Path, family: str) -> None:
    """Make the Chinese a reader extracts the characters that were written.

    Qt maps each embedded glyph back to the lowest code point the font draws with it, and
    CJK fonts draw a Kangxi radical (U+2F00–U+2FDF) with the glyph of its ideograph: "客户"
    would copy and search as "客⼾" (U+2F3E), which matches nothing. The report's text holds
    no radicals, so each one in the fonts' ToUnicode maps is replaced by the ideograph the
    font draws with the same glyph (户, not NFKC's 戶). Qt writes those maps uncompressed and
    a code point is four hex digits either way: the bytes change in place, no offset moves.
    """
    table = radical_ideographs(family)

    def unified(match: re.Match[bytes]) -> bytes:
        code = table.get(int(match.group(1), 16))
        return match.group(0) if code is None else b"<%04X>" % code

    data = bytearray(path.read_bytes())
    changed = False
    for block in _CMAP_BLOCK.finditer(data):
        fixed = _HEX4.sub(unified, block.group(1))
        if fixed != block.group(1):
            data[block.start(1) : block.end(1)] = fixed
            changed = True
    if changed:
        path.write_bytes(bytes(data))
