"""A visit report as a Word document (python-docx): headings, tables whose header row repeats
on each page, the relationship map as an inline picture, page numbers in the footer.

The East Asian font is named in the document's styles (``resources/reports/style.json``), so
Word shows Chinese in it and never falls back to a Latin font's missing glyphs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.parts.image import ImagePart
from docx.shared import Cm, Emu, Length, Pt, RGBColor
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QImageWriter

from trustdesk.reports.map_export import MapPicture
from trustdesk.reports.report_style import cell_text, page_label, style, writing
from trustdesk.services.progress import Progress
from trustdesk.services.visit_reports import ReportData, ReportSection

MAP_DPI = 150  # the picture's pixels per inch at the size it is placed


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _fonts(element: Any, latin: str, east_asian: str) -> None:
    """Name both fonts on a style or run (python-docx sets only the Latin one)."""
    element.font.name = latin
    rpr = element.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), east_asian)


def _shade(cell: Any, hex_colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), hex_colour.lstrip("#"))
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row: Any) -> None:
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _keep_row_whole(row: Any) -> None:
    marker = OxmlElement("w:cantSplit")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _page_number(paragraph: Any) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind is not None:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        else:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = text
            run._r.append(code)


class _Writer:
    def __init__(self, data: ReportData) -> None:
        self.data = data
        self.look = style()
        look = self.look["docx"]
        self.doc = Document()
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(look["margin_cm"]))
        self.text_width = Length(Cm(21.0 - 2 * look["margin_cm"]))
        latin, east = look["latin_font"], look["east_asian_font"]
        for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
            _fonts(self.doc.styles[name], latin, east)
        self.doc.styles["Normal"].font.size = Pt(look["body_pt"])
        accent = _rgb(self.look["accent"])
        for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
            self.doc.styles[name].font.color.rgb = accent
        self.pictures = 0
        self.shape_ids = self.doc.part.next_id  # picture ids from here on (one scan)
        # Styles by object: python-docx looks a name up through every style, each time.
        self.headings = [
            self.doc.styles[n] for n in ("Title", "Heading 1", "Heading 2", "Heading 3")
        ]
        self.grid = self.doc.styles["Table Grid"]
        self.doc.core_properties.title = data.title
        self.doc.core_properties.author = "TrustDesk"
        self.doc.core_properties.language = "zh-CN" if data.lang == "zh" else "en"
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer.add_run(f"{data.title}  ·  ")
        prefix, _, suffix = page_label(data.lang, 0).partition("0")
        footer.add_run(prefix)
        _page_number(footer)
        footer.add_run(suffix)

    def heading(self, text: str, level: int) -> Any:
        return self.doc.add_paragraph(text, style=self.headings[level])

    def facts(self, facts: tuple[tuple[str, str], ...]) -> None:
        muted = _rgb(self.look["muted"])
        for label, value in facts:
            p = self.doc.add_paragraph()
            p.paragraph_format.space_after = Pt(0)
            run = p.add_run(f"{label}: " if self.data.lang == "en" else f"{label}：")
            run.font.color.rgb = muted
            p.add_run(value)

    def table(self, section: ReportSection) -> None:
        columns = section.columns
        table = self.doc.add_table(rows=1, cols=len(columns))
        table.style = self.grid
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        total = sum(c.width for c in columns) or 1
        widths = [int(self.text_width * c.width / total) for c in columns]
        header = table.rows[0]
        _repeat_header(header)
        for cell, column, width in zip(header.cells, columns, widths, strict=True):
            cell.width = width
            cell.text = ""
            run = cell.paragraphs[0].add_run(column.title)
            run.bold = True
            _shade(cell, self.look["table_header_fill"])
        body = [*section.rows, *([section.totals] if section.totals is not None else [])]
        for n, values in enumerate(body):
            row = table.add_row()
            _keep_row_whole(row)
            is_total = section.totals is not None and n == len(body) - 1
            for cell, column, width, value in zip(row.cells, columns, widths, values, strict=True):
                cell.width = width
                paragraph = cell.paragraphs[0]
                run = paragraph.add_run(cell_text(value))
                if column.kind == "number":
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if is_total:
                    run.bold = True
                    _shade(cell, self.look["table_total_fill"])

    def section(self, section: ReportSection) -> None:
        self.heading(section.title, 3)
        risky = section.map is not None and bool(section.map.coverage.findings)
        for i, line in enumerate(section.lines):
            run = self.doc.add_paragraph().add_run(("⚠ " if risky and i else "") + line)
            if risky and i:
                run.font.color.rgb = _rgb(self.look["risk"])
        if section.map is not None:
            self.map_picture(section)
        if section.columns:
            if section.rows:
                self.table(section)
            elif section.empty:
                self.doc.add_paragraph().add_run(section.empty).italic = True

    def map_picture(self, section: ReportSection) -> None:
        assert section.map is not None
        picture = MapPicture(section.map, self.data.lang, header=False)
        width_in = min(self.text_width.inches, picture.size.width() / 96)
        height_in = width_in * picture.size.height() / picture.size.width()
        if height_in > 4.5:  # about half a page
            width_in *= 4.5 / height_in
        scale = min(2.0, width_in * MAP_DPI / picture.size.width())
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # No alpha channel: a quarter less for zlib to squeeze, the same picture on white.
        QImageWriter(buffer, QByteArray(b"png")).write(
            picture.image(scale).convertToFormat(QImage.Format.Format_RGB888)
        )
        self.add_png(bytes(buffer.data().data()), int(914400 * width_in))

    def add_png(self, png: bytes, width_emu: int) -> None:
        """An inline picture in a paragraph of its own.

        What ``Document.add_picture`` does, in constant time: it looks for an identical image
        among all the document's (hashing every one again) and for the highest id in the
        whole XML, each time, which made a 500-customer report quadratic (110 s)."""
        image = Image.from_blob(png)
        self.pictures += 1
        part = ImagePart.from_image(image, PackURI(f"/word/media/map{self.pictures}.png"))
        rel = self.doc.part.relate_to(part, RT.IMAGE)
        cx, cy = image.scaled_dimensions(Emu(width_emu), None)
        inline = CT_Inline.new_pic_inline(
            self.shape_ids + self.pictures, rel, image.filename, cx, cy
        )
        self.doc.add_paragraph().add_run()._r.add_drawing(inline)


def write_docx(data: ReportData, path: Path, progress: Progress | None = None) -> None:
    writer = _Writer(data)
    doc = writer.doc
    writer.heading(data.title, 0)
    writer.facts(data.facts)
    if data.summary is not None:
        writer.heading(data.summary.title, 1)
        writer.table(data.summary)
    total = len(data.customers)
    for n, customer in enumerate(data.customers):
        if progress is not None:
            progress.step(n, total, writing(data.lang, n, total))
        heading = writer.heading(customer.account.name, 1)
        if data.summary is not None or n:  # each customer from the top of a page
            heading.paragraph_format.page_break_before = True
        writer.facts(customer.facts)
        for section in customer.sections:
            writer.section(section)
    doc.save(str(path))
