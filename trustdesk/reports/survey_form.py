"""SUR-5: a survey template as a blank A4 form to fill in on paper during the visit and type in
later (``trustdesk survey form``, and the same from the GUI).

Drawn straight onto a QPdfWriter with a QPainter: boxes and writing lines need exact places,
which an HTML document does not give; the text goes in as text (the font embedded), so the
Chinese can be selected and searched. The question keys are printed small beside each
question: whoever types the answers in later (``survey fill --answer KEY=…``) needs them.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QRawFont,
)

from trustdesk.domain.enums import QuestionKind
from trustdesk.domain.surveys import HIGHEST, LOWEST
from trustdesk.errors import TrustDeskError
from trustdesk.reports.qt_runtime import CJK_FAMILIES, ensure_gui_application
from trustdesk.services.records import QuestionData, TemplateData

RESOLUTION = 300  # dots per inch of the PDF's drawing; layout sizes below are in points
MARGIN = 48.0  # points
PAGE_W, PAGE_H = 595.28, 841.89  # A4 in points
BODY = 10.5
BOX = 13.0  # a tick box's side
LINE_GAP = 24.0  # between writing lines
INK = QColor("#1E1E1E")
GREY = QColor("#6B6B6B")
RULE = QColor("#9A9A9A")

# Words on the form: (English, Chinese).
WORDS = {
    "customer": ("Customer", "客户名称"),
    "contact": ("Contact", "受访人"),
    "date": ("Date", "日期"),
    "about": ("The answers are about", "本问卷评价的是"),
    "us": ("us", "我们"),
    "competitor": ("a competitor:", "竞争对手："),
    "how": (
        "Tick one box per question. Scores: 1 = very poor … 5 = excellent.",
        "请在每题中勾选一个方框。评分：1分 = 很差 … 5分 = 优秀。",
    ),
    "low": ("1 = very poor", "1分 = 很差"),
    "high": ("5 = excellent", "5分 = 优秀"),
    "yes": ("Yes", "是"),
    "no": ("No", "否"),
    "if_below": ("(if below {n})", "（低于{n}分时填写）"),
    "date_blank": ("____ / ____ / ________  (day / month / year)", "________ 年 ____ 月 ____ 日"),
    "thanks": ("Thank you for your time.", "感谢您的宝贵意见！"),
    "page": ("Page {n} of {total}", "第 {n} 页，共 {total} 页"),
    "template": ("Template {id}, version {version}", "模板 {id}，第 {version} 版"),
}


def _word(name: str, lang: str, **values: object) -> str:
    en, zh = WORDS[name]
    return (zh if lang == "zh" else en).format(**values)


def _family() -> str | None:
    """A family with Chinese glyphs, so one font (embedded once) carries both languages."""
    families = set(QFontDatabase.families())
    return next((f for f in CJK_FAMILIES if f in families), None)


@dataclass(frozen=True)
class _Block:
    """One question (with the follow-up questions kept beside it) and its height in points."""

    questions: tuple[tuple[int, QuestionData], ...]
    height: float


class _Form:
    def __init__(self, template: TemplateData, lang: str, writer: QPdfWriter) -> None:
        self.template, self.lang, self.writer = template, lang, writer
        self.scale = RESOLUTION / 72.0
        family = _family()
        self.body = self._font(BODY, family)
        self.bold = self._font(BODY, family, bold=True)
        self.small = self._font(8.5, family)
        self.title = self._font(17, family, bold=True)
        self.width = PAGE_W - 2 * MARGIN

    def _font(self, size: float, family: str | None, *, bold: bool = False) -> QFont:
        font = QFont()
        if family:
            font.setFamilies([family])
        font.setPointSizeF(size)
        font.setBold(bold)
        font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
        return font

    # --- measuring (points) -----------------------------------------------------------

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.writer)

    def text_height(self, text: str, font: QFont, width: float) -> float:
        rect = self.metrics(font).boundingRect(
            QRectF(0, 0, width * self.scale, 1e6), Qt.TextFlag.TextWordWrap, text
        )
        return rect.height() / self.scale

    def text_width(self, text: str, font: QFont) -> float:
        return self.metrics(font).horizontalAdvance(text) / self.scale

    def line_h(self, font: QFont) -> float:
        return self.metrics(font).height() / self.scale

    def indent(self, q: QuestionData) -> float:
        return 22.0 if q.follows else 0.0

    def question_text(self, number: int, q: QuestionData) -> str:
        text = f"{number}. {q.text(self.lang)}"
        if q.follows and q.show_below is not None:
            text += " " + _word("if_below", self.lang, n=q.show_below)
        return text

    def answer_height(self, q: QuestionData) -> float:
        if q.kind is QuestionKind.SCALE:
            return BOX + 6 + self.line_h(self.small)
        if q.kind in (QuestionKind.YES_NO, QuestionKind.DATE):
            return BOX + 4
        if q.kind is QuestionKind.CHOICE:
            return len(self.choice_rows(q)) * (BOX + 8)
        lines = 2 if q.follows else 3
        return lines * LINE_GAP

    def choice_rows(self, q: QuestionData) -> list[list[str]]:
        """The choices placed left to right, wrapped to the width."""
        rows: list[list[str]] = [[]]
        used = 0.0
        room = self.width - 20 - self.indent(q)
        for label in q.choice_labels(self.lang):
            w = BOX + 6 + self.text_width(label, self.body) + 22
            if rows[-1] and used + w > room:
                rows.append([])
                used = 0.0
            rows[-1].append(label)
            used += w
        return rows

    def question_height(self, number: int, q: QuestionData) -> float:
        room = self.width - 20 - self.indent(q) - 60
        return (
            self.text_height(self.question_text(number, q), self.bold, room)
            + 6
            + self.answer_height(q)
            + 14
        )

    def blocks(self) -> list[_Block]:
        out: list[list[tuple[int, QuestionData]]] = []
        for number, q in enumerate(self.template.questions, start=1):
            if q.follows and out:
                out[-1].append((number, q))
            else:
                out.append([(number, q)])
        return [
            _Block(tuple(group), sum(self.question_height(n, q) for n, q in group)) for group in out
        ]

    def header_height(self) -> float:
        return (
            self.text_height(self.template.title(self.lang), self.title, self.width)
            + 8
            + self.line_h(self.small)
            + 12
            + 3 * LINE_GAP
            + 14
        )

    def pages(self) -> list[list[_Block]]:
        pages: list[list[_Block]] = [[]]
        top = MARGIN + self.header_height()
        bottom = PAGE_H - MARGIN - 24
        y = top
        for block in self.blocks():
            if pages[-1] and y + block.height > bottom:
                pages.append([])
                y = MARGIN
            pages[-1].append(block)
            y += block.height
        return pages

    # --- drawing (device units: points × scale) --------------------------------------

    def r(self, x: float, y: float, w: float, h: float) -> QRectF:
        s = self.scale
        return QRectF(x * s, y * s, w * s, h * s)

    def draw_text(
        self,
        painter: QPainter,
        x: float,
        y: float,
        w: float,
        text: str,
        font: QFont,
        color: QColor = INK,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> float:
        """Draw wrapped text with its top at ``y``; returns its height in points."""
        painter.setFont(font)
        painter.setPen(color)
        h = self.text_height(text, font, w)
        painter.drawText(
            self.r(x, y, w, h + 2),
            int(align | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap),
            text,
        )
        return h

    def rule(self, painter: QPainter, x1: float, x2: float, y: float) -> None:
        s = self.scale
        painter.setPen(QPen(RULE, 0.6 * s))
        painter.drawLine(int(x1 * s), int(y * s), int(x2 * s), int(y * s))

    def box(self, painter: QPainter, x: float, y: float) -> None:
        painter.setPen(QPen(INK, 0.8 * self.scale))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(self.r(x, y, BOX, BOX))

    def draw_header(self, painter: QPainter) -> float:
        lang = self.lang
        y = MARGIN
        y += self.draw_text(painter, MARGIN, y, self.width, self.template.title(lang), self.title)
        y += 8
        y += self.draw_text(painter, MARGIN, y, self.width, _word("how", lang), self.small, GREY)
        y += 12
        # Lines to write on: customer; contact and date; what the answers are about.
        half = (self.width - 24) / 2
        for x, w, label in (
            (MARGIN, self.width, _word("customer", lang)),
            (MARGIN, half, _word("contact", lang)),
            (MARGIN + half + 24, half, _word("date", lang)),
        ):
            if label == _word("contact", lang):
                y += LINE_GAP
            self.field(painter, x, y, w, label)
        y += LINE_GAP
        label = _word("about", lang) + (": " if lang != "zh" else "：")
        x = MARGIN
        x += self.draw_inline(painter, x, y, label, self.body) + 8
        for word in (_word("us", lang), _word("competitor", lang)):
            self.box(painter, x, y + 1)
            x += BOX + 5
            x += self.draw_inline(painter, x, y, word, self.body) + 18
        self.rule(painter, x - 12, MARGIN + self.width, y + BOX + 1)
        y += LINE_GAP + 4
        s = self.scale
        painter.setPen(QPen(INK, 1.0 * s))
        painter.drawLine(int(MARGIN * s), int(y * s), int((MARGIN + self.width) * s), int(y * s))
        return y + 10

    def field(self, painter: QPainter, x: float, y: float, w: float, label: str) -> None:
        text = label + ("：" if self.lang == "zh" else ":")
        used = self.draw_inline(painter, x, y, text, self.body)
        self.rule(painter, x + used + 6, x + w, y + BOX + 1)

    def draw_inline(self, painter: QPainter, x: float, y: float, text: str, font: QFont) -> float:
        """One line of text whose top is at ``y``, vertically centred on a box there."""
        w = self.text_width(text, font) + 1
        painter.setFont(font)
        painter.setPen(INK)
        painter.drawText(
            self.r(x, y - 3, w + 2, BOX + 6),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            text,
        )
        return w

    def draw_question(self, painter: QPainter, y: float, number: int, q: QuestionData) -> float:
        lang = self.lang
        x = MARGIN + self.indent(q)
        room = self.width - 20 - self.indent(q) - 60
        h = self.draw_text(painter, x, y, room, self.question_text(number, q), self.bold)
        # The question's key, small and grey at the right: what to type in later.
        self.draw_text(
            painter,
            MARGIN + self.width - 80,
            y + 1,
            80,
            q.key,
            self.small,
            GREY,
            Qt.AlignmentFlag.AlignRight,
        )
        y += h + 6
        ax = x + 20
        if q.kind is QuestionKind.SCALE:
            bx = ax
            for score in range(LOWEST, HIGHEST + 1):
                self.box(painter, bx, y)
                bx += BOX + 4
                bx += self.draw_inline(painter, bx, y, str(score), self.body) + 20
            low, high = _word("low", lang), _word("high", lang)
            self.draw_text(painter, ax, y + BOX + 5, 400, f"{low}    …    {high}", self.small, GREY)
        elif q.kind is QuestionKind.YES_NO:
            bx = ax
            for word in (_word("yes", lang), _word("no", lang)):
                self.box(painter, bx, y)
                bx += BOX + 5
                bx += self.draw_inline(painter, bx, y, word, self.body) + 28
        elif q.kind is QuestionKind.CHOICE:
            for row_number, row in enumerate(self.choice_rows(q)):
                bx = ax
                top = y + row_number * (BOX + 8)
                for label in row:
                    self.box(painter, bx, top)
                    bx += BOX + 6
                    bx += self.draw_inline(painter, bx, top, label, self.body) + 22
        elif q.kind is QuestionKind.DATE:
            self.draw_inline(painter, ax, y, _word("date_blank", lang), self.body)
        else:
            for line in range(2 if q.follows else 3):
                self.rule(painter, ax, MARGIN + self.width, y + (line + 1) * LINE_GAP - 4)
        return self.question_height(number, q)

    def draw_footer(self, painter: QPainter, page: int, total: int) -> None:
        t = self.template
        left = _word("template", self.lang, id=t.id, version=t.version)
        right = _word("page", self.lang, n=page, total=total)
        y = PAGE_H - MARGIN - 4
        self.draw_text(painter, MARGIN, y, self.width, left, self.small, GREY)
        self.draw_text(
            painter, MARGIN, y, self.width, right, self.small, GREY, Qt.AlignmentFlag.AlignRight
        )

    def draw(self, painter: QPainter) -> int:
        pages = self.pages()
        for index, blocks in enumerate(pages):
            if index:
                self.writer.newPage()
            y = self.draw_header(painter) if index == 0 else MARGIN
            for block in blocks:
                for number, q in block.questions:
                    y += self.draw_question(painter, y, number, q)
            if index == len(pages) - 1:
                self.draw_text(
                    painter, MARGIN, y + 4, self.width, _word("thanks", self.lang), self.body, GREY
                )
            self.draw_footer(painter, index + 1, len(pages))
        return len(pages)


def write_form(template: TemplateData, out: Path, *, lang: str = "en") -> int:
    """Write ``template`` as a blank A4 form to ``out`` (PDF); returns the number of pages.

    Written to a temporary file beside ``out`` and moved into place: a failure leaves no
    half-written form, and an existing file is replaced only by a whole one."""
    ensure_gui_application()
    lang = "zh" if lang.startswith("zh") else "en"
    out = Path(out)
    fd, temp_name = tempfile.mkstemp(prefix=".form-", suffix=".pdf", dir=out.parent)
    os.close(fd)
    temp = Path(temp_name)
    try:
        writer = QPdfWriter(str(temp))
        writer.setResolution(RESOLUTION)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
                QPageLayout.Unit.Point,
            )
        )
        writer.setTitle(template.title(lang))
        writer.setCreator("TrustDesk")
        painter = QPainter()
        if not painter.begin(writer):
            raise TrustDeskError(f"Could not write {out}.", zh=f"无法写入 {out}。")
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            pages = _Form(template, lang, writer).draw(painter)
        finally:
            painter.end()
        _fix_text_map(temp, _radical_ideographs(QFont(_family() or "")))
        os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)
    return pages


_CMAP = re.compile(rb"begincmap.*?endcmap", re.S)
_ARRAY = re.compile(rb"\[[^\]]*\]")
_SINGLE = re.compile(rb"(<([0-9A-F]{4})> <\2> )(<[0-9A-F]{4}>)")
_CODE = re.compile(rb"<([0-9A-F]{4})>")


def _radical_ideographs(font: QFont) -> dict[int, int]:
    """Each radical code point the font draws with an ideograph's glyph → that ideograph
    (⼾ → 户 in a simplified-Chinese font, ⼾ → 戶 in a traditional one)."""
    raw = QRawFont.fromFont(font)
    ideographs = range(0x4E00, 0xA000)
    by_glyph: dict[int, int] = {}
    for code, glyph in zip(
        ideographs, raw.glyphIndexesForString("".join(map(chr, ideographs))), strict=True
    ):
        if glyph:
            by_glyph.setdefault(glyph, code)
    radicals = range(0x2E80, 0x2FE0)
    found = raw.glyphIndexesForString("".join(map(chr, radicals)))
    return {r: by_glyph[g] for r, g in zip(radicals, found, strict=True) if g in by_glyph}


def _fix_text_map(path: Path, ideographs: dict[int, int]) -> None:
    """Make copied and searched Chinese text the characters drawn.

    Qt writes each font's glyph → character map (the PDF's ToUnicode CMap) by asking which
    character shows each glyph, lowest code point first; Noto Sans CJK shows 户, 工, 一, 日 …
    with the glyphs of the Kangxi radicals ⼾, ⼯, ⼀, ⼇ (U+2F00…), so copied text had those
    look-alikes, which a search for 客户 does not find. The form never draws a radical, so
    each radical in the map is put back to the ideograph of the same glyph; the map is plain
    text of fixed width, and the file's offsets stay as they are."""

    def ideograph(match: re.Match[bytes]) -> bytes:
        code = int(match.group(1), 16)
        if not 0x2E80 <= code <= 0x2FDF:
            return match.group(0)
        same = ideographs.get(code)
        if same is None:  # a font without the look-alike: its compatibility ideograph
            folded = unicodedata.normalize("NFKC", chr(code))
            same = ord(folded) if len(folded) == 1 and ord(folded) <= 0xFFFF else code
        return b"<%04X>" % same

    def fix(cmap: re.Match[bytes]) -> bytes:
        body = _ARRAY.sub(lambda a: _CODE.sub(ideograph, a.group(0)), cmap.group(0))
        return _SINGLE.sub(lambda m: m.group(1) + _CODE.sub(ideograph, m.group(3)), body)

    data = path.read_bytes()
    fixed = _CMAP.sub(fix, data)
    if fixed != data:
        assert len(fixed) == len(data)
        path.write_bytes(fixed)


__all__ = ["write_form"]
