"""Visit reports (VIS-4) read back by independent readers: pypdf for the PDF, python-docx for
the DOCX, openpyxl for the XLSX, the csv module for the CSV."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from pathlib import Path

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from trustdesk.errors import ExportFileError, NotFoundError, ValidationError
from trustdesk.reports.report_files import export_report
from trustdesk.services import accounts, commitments, contacts, visit_reports, visits
from trustdesk.services.progress import Cancelled, Progress
from trustdesk.services.visit_reports import Column, ReportScope, ReportSection

START, END = date(2026, 1, 1), date(2026, 3, 31)
NOTE = "讨论明年框架协议，客户关注交期"


def at(day: int, month: int = 1) -> datetime:
    return datetime(2026, month, day, 10, 30).astimezone()


# The writers draw with Qt: pytest-qt's QApplication, made first, is the one they use (a
# bare QGuiApplication made by them would stay and break the widget tests run after).
pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def huake(db):
    """Two customers visited in the first quarter of 2026, with people, promises and notes."""
    with db.transaction() as s:
        acc = accounts.create_account(s, "深圳华科电子有限公司", stage="regular", tags=["重点"])
        zhang = contacts.create_contact(s, acc.id, "张伟", title="采购总监")
        li = contacts.create_contact(s, acc.id, "李娜", title="总经理")
        first = visits.log_visit(
            s, acc.id, channel="in-person", functions=["relationship"],
            contact_ids=[zhang.id, li.id], at=at(8), notes=NOTE, outcome="同意试用",
            next_step="发送报价单", next_due="2026-04-10",
        )  # fmt: skip
        visits.log_visit(s, acc.id, channel="phone", functions=["care"], contact_ids=[zhang.id],
                         at=at(3, 2), notes="确认样品已收到")  # fmt: skip
        visits.log_visit(s, acc.id, channel="email", functions=["information"], at=at(20, 3),
                         notes="寄送目录")  # fmt: skip
        visits.log_visit(s, acc.id, channel="phone", functions=["care"], at=at(5, 6),
                         notes="期间之外的拜访")  # fmt: skip
        commitments.add_commitment(s, acc.id, "月底前交付第一批 200 台", contact_id=zhang.id,
                                   due="2026-02-28", visit_id=first.id)  # fmt: skip
        kept = commitments.add_commitment(s, acc.id, "免费培训两次", due="2026-03-15")
        commitments.set_status(s, kept.id, "kept")
        visits.add_intel_note(s, acc.id, "competitor", "竞争对手报价低 8%", contact_id=zhang.id,
                              visit_id=first.id)  # fmt: skip
        other = accounts.create_account(s, "广州远航物流", stage="explorer")
        wang = contacts.create_contact(s, other.id, "王芳")
        visits.log_visit(s, other.id, channel="phone", functions=["care"], contact_ids=[wang.id],
                         at=at(15, 2), notes="初次电话沟通")  # fmt: skip
    return {"account": acc.id, "other": other.id, "first": first.id}


def write(db, tmp_path: Path, name: str, scope: ReportScope, lang: str = "zh", **kw) -> Path:
    with db.reading() as s:
        return export_report(s, scope, tmp_path / name, lang=lang, **kw)


def account_scope(ids) -> ReportScope:
    return ReportScope("account", ids["account"], START, END)


def squash(text: str) -> str:
    """Text without white space: a table cell wraps a long note onto several lines."""
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> tuple[PdfReader, str]:
    """The reader and the text of every page, without white space."""
    reader = PdfReader(path)
    return reader, squash("\n".join(page.extract_text() for page in reader.pages))


def image_size(xobject) -> int | None:
    """The width in pixels of an image object, None for another kind of object."""
    return int(xobject["/Width"]) if xobject.get("/Subtype") == "/Image" else None


def test_pdf_has_the_chinese_names_notes_and_the_map_as_an_image(db, tmp_path, huake):
    path = write(db, tmp_path, "huake.pdf", account_scope(huake))
    reader, text = pdf_text(path)
    for expected in ("客户报告", "深圳华科电子有限公司", "张伟", "李娜", NOTE, "同意试用",
                     "老主顾", "保持信任", "月底前交付第一批 200 台", "竞争对手报价低 8%",
                     "发送报价单", "第 1 页"):  # fmt: skip
        assert squash(expected) in text, expected
    assert "期间之外的拜访" not in text  # June: outside the period
    assert "广州远航物流" not in text
    first = reader.pages[0]
    assert (round(float(first.mediabox.width)), round(float(first.mediabox.height))) == (595, 842)
    images = [image_size(x.get_object()) for x in first["/Resources"]["/XObject"].values()]
    assert [w > 300 for w in images if w] == [True]  # the relationship map


def test_the_report_language_is_its_own(db, tmp_path, huake):
    _, text = pdf_text(write(db, tmp_path, "huake-en.pdf", account_scope(huake), lang="en"))
    for expected in ("Customer report", "Visits", "Commitments", "Regular patron", "Keep trust",
                     "深圳华科电子有限公司", "张伟", NOTE, "Page 1"):  # fmt: skip
        assert squash(expected) in text, expected
    assert "VisitofJan" not in text and "Visitof2026-01-08" in text  # digits copy as digits
    assert "拜访记录" not in text


def test_a_long_table_breaks_across_pages_with_its_header_on_each(db, tmp_path, huake):
    with db.transaction() as s:
        for n in range(70):
            visits.log_visit(s, huake["account"], channel="phone", functions=["care"],
                             at=at(1 + n % 28, 1 + n % 3),
                             notes=f"第 {n} 次电话回访，了解使用情况")  # fmt: skip
    reader, _ = pdf_text(write(db, tmp_path, "long.pdf", account_scope(huake)))
    pages = [squash(page.extract_text()) for page in reader.pages]
    assert len(pages) >= 3
    with_rows = [p for p in pages[1:] if "次电话回访" in p]
    assert with_rows and all("纪要" in p and "会见联系人" in p for p in with_rows)
    assert all(f"第{len(pages)}页" not in p for p in pages[:-1])
    assert f"第{len(pages)}页" in pages[-1]


def test_docx_has_headings_table_rows_and_the_map_inline(db, tmp_path, huake):
    document = docx.Document(str(write(db, tmp_path, "huake.docx", account_scope(huake))))
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == "客户报告：深圳华科电子有限公司"
    for title in ("关系地图与覆盖风险", "拜访记录", "承诺", "情报", "下一步计划"):
        assert title in headings
    visits_table = next(t for t in document.tables if t.rows[0].cells[0].text == "日期")
    assert len(visits_table.rows) == 1 + 3
    assert [c.text for c in visits_table.rows[1].cells][2:5] == ["李娜、张伟", "关系发展", NOTE]
    assert len(document.inline_shapes) == 1


def test_xlsx_has_a_sheet_per_section_with_typed_cells(db, tmp_path, huake):
    book = openpyxl.load_workbook(write(db, tmp_path, "huake.xlsx", account_scope(huake)))
    assert book.sheetnames == [
        "概览",
        "关系地图与覆盖风险",
        "拜访记录",
        "承诺",
        "情报",
        "下一步计划",
    ]
    sheet = book["拜访记录"]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 3
    assert rows[0][:3] == ("客户", "日期", "方式")
    assert isinstance(rows[1][1], datetime) and rows[1][1].date() == date(2026, 1, 8)
    assert rows[1][0] == "深圳华科电子有限公司" and rows[1][5] == NOTE
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:H4"
    assert sheet.column_dimensions["F"].width > sheet.column_dimensions["C"].width
    summary = list(book["概览"].iter_rows(values_only=True))
    assert summary[1][3] == 3 and isinstance(summary[1][3], int)  # visits: a number
    due = [row[3] for row in book["承诺"].iter_rows(min_row=2)]  # column D: the due day
    assert {c.value.date() for c in due} == {date(2026, 2, 28), date(2026, 3, 15)}
    assert {c.number_format for c in due} == {"yyyy-mm-dd"}


def test_csv_has_a_bom_and_one_row_per_visit(db, tmp_path, huake):
    path = write(db, tmp_path, "q1.csv", ReportScope("portfolio", None, START, END))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["客户", "日期", "方式"]
    assert len(rows) == 1 + 4  # three visits of one customer, one of the other
    assert {r[0] for r in rows[1:]} == {"深圳华科电子有限公司", "广州远航物流"}
    assert any(NOTE in r for r in rows)


def test_portfolio_opens_with_a_summary_and_totals_and_narrows(db, tmp_path, huake):
    with db.reading() as s:
        report = visit_reports.build_report(s, ReportScope("portfolio", None, START, END), "en")
        assert report.summary is not None
        names = [row[0] for row in report.summary.rows]
        assert names == ["广州远航物流", "深圳华科电子有限公司"] or sorted(names) == names
        assert report.summary.totals is not None
        assert report.summary.totals[3] == 4  # visits
        by_tag = visit_reports.build_report(
            s, ReportScope("portfolio", None, START, END, tag="重点"), "zh"
        )
        assert [c.account.name for c in by_tag.customers] == ["深圳华科电子有限公司"]
        by_stage = visit_reports.build_report(
            s, ReportScope("portfolio", None, START, END, stage="explorer"), "zh"
        )
        assert [c.account.name for c in by_stage.customers] == ["广州远航物流"]
    _, text = pdf_text(write(db, tmp_path, "q1.pdf", ReportScope("portfolio", None, START, END)))
    assert text.index("概览") < text.index("合计（2个客户）") < text.index(NOTE)


def test_one_visit_report_shows_that_visit_and_its_promise(db, tmp_path, huake):
    _, text = pdf_text(write(db, tmp_path, "visit.pdf", ReportScope("visit", huake["first"])))
    assert "拜访报告" in text and NOTE in text and "月底前交付第一批200台" in text
    assert "确认样品已收到" not in text  # another visit


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx", "csv"])
def test_cancel_leaves_no_file_and_keeps_the_old_one(db, tmp_path, huake, fmt):
    out = tmp_path / "out"
    out.mkdir()
    target = out / f"q1.{fmt}"
    target.write_bytes(b"the previous report")
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        write(db, out, target.name, ReportScope("portfolio", None, START, END),
              progress=progress)  # fmt: skip
    assert [p.name for p in out.iterdir()] == [target.name]
    assert target.read_bytes() == b"the previous report"


def test_cancel_while_writing_leaves_no_file(db, tmp_path, huake):
    class CancelOnWrite(Progress):
        def step(self, done, total=None, text=None):
            if text and ("写入" in text or "Writing" in text):
                self.cancel()
            super().step(done, total, text)

    with pytest.raises(Cancelled):
        write(db, tmp_path, "q1.pdf", ReportScope("portfolio", None, START, END),
              progress=CancelOnWrite())  # fmt: skip
    assert [p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".part")] == []


@pytest.mark.parametrize(
    ("scope", "name", "error", "words"),
    [
        (ReportScope("account", "nope", START, END), "a.pdf", NotFoundError, "nope"),
        (ReportScope("visit", "nope"), "a.pdf", NotFoundError, "nope"),
        (ReportScope("account", None, END, START), "a.pdf", ValidationError, "starts after"),
        (
            ReportScope("portfolio", None, date(2020, 1, 1), date(2020, 2, 1)),
            "a.pdf",
            ValidationError,
            "no visits",
        ),
        (ReportScope("portfolio", None, START, END), "a.txt", ValidationError, ".pdf"),
        (
            ReportScope("portfolio", None, START, END, owner="无此人"),
            "a.pdf",
            ValidationError,
            "owned by",
        ),
    ],
)
def test_bad_requests_are_refused_and_nothing_is_written(
    db, tmp_path, huake, scope, name, error, words
):
    if scope.kind == "account" and scope.id is None:
        scope = ReportScope("account", huake["account"], scope.start, scope.end)
    with pytest.raises(error, match=words):
        write(db, tmp_path, name, scope)
    assert list(tmp_path.glob("a.*")) == [] and list(tmp_path.glob(".a.*")) == []


def test_a_format_that_does_not_match_the_name_and_a_missing_folder_are_refused(
    db, tmp_path, huake
):
    with pytest.raises(ValidationError, match="does not match"):
        write(db, tmp_path, "a.pdf", account_scope(huake), fmt="docx")
    with pytest.raises(ExportFileError, match="does not exist"):
        write(db, tmp_path, "missing/a.pdf", account_scope(huake))


def test_a_new_section_builder_reaches_every_format(db, tmp_path, huake, monkeypatch):
    """The survey results (issue 12) will be one more builder: no writer has to change."""

    def scores(_session, data, t):
        return ReportSection(
            "surveys", t("Survey results", "调查结果"),
            (Column(t("Survey", "调查"), "text", 20), Column(t("Score", "得分"), "number", 8)),
            (("满意度调查", 87),),
        )  # fmt: skip

    monkeypatch.setattr(visit_reports, "CUSTOMER_SECTIONS",
                        [*visit_reports.CUSTOMER_SECTIONS, scores])  # fmt: skip
    _, text = pdf_text(write(db, tmp_path, "s.pdf", account_scope(huake)))
    assert "调查结果" in text and "满意度调查" in text
    document = docx.Document(str(write(db, tmp_path, "s.docx", account_scope(huake))))
    assert "调查结果" in [p.text for p in document.paragraphs]
    book = openpyxl.load_workbook(write(db, tmp_path, "s.xlsx", account_scope(huake)))
    assert list(book["调查结果"].iter_rows(values_only=True))[1] == (
        "深圳华科电子有限公司",
        "满意度调查",
        87,
    )


def test_survey_scores_with_bands_and_the_service_log_are_in_the_report(db, tmp_path, huake):
    from trustdesk.services import service_log, survey_templates, surveys

    with db.transaction() as s:
        seed = next(
            t for t in survey_templates.list_templates(s) if t.title_en.startswith("Customer")
        )
        for when, score in ((at(10, 1), 5), (at(10, 3), 2)):
            surveys.fill_survey(
                s, huake["account"], seed.id, {"overall": score, "buy_again": 5, "recommend": 4},
                taken_at=when,
            )  # fmt: skip
        service_log.add_service_record(
            s, huake["account"], "免费上门校准设备", day="2026-02-14", value="节省停机两天"
        )
    path = write(db, tmp_path, "a.xlsx", account_scope(huake), lang="zh")
    book = openpyxl.load_workbook(path)
    scores = [list(r) for r in book["满意度调查结果"].iter_rows(min_row=2, values_only=True)]
    overall = [r for r in scores if str(r[2]).startswith("请您评价我们的整体工作表现")]
    assert [(r[3], r[4], r[5]) for r in overall] == [(5, "优秀", None), (2, "不满意", "↓")]
    service = [list(r) for r in book["我们为您做了什么"].iter_rows(min_row=2, values_only=True)]
    assert service[0][2:] == ["免费上门校准设备", "节省停机两天"]
    _, text = pdf_text(write(db, tmp_path, "a.pdf", account_scope(huake), lang="en"))
    assert "Surveyresults" in text and "Excellent" in text and "Whatwedidforyou" in text
