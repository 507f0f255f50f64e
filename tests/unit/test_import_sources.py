"""Reading import files (issue 16, item 1, and the file-level part of item 2): CSV in the
encodings Chinese offices write, XLSX as Excel and WPS save it, phones' vCards; a file that
is not what it claims gives one sentence and no traceback.

The files are made here in the shapes the programs write them (WPS's GB18030 CSV with CRLF,
Excel's "Unicode text", Android's quoted-printable vCard 2.1, iPhone's vCard 3.0)."""

from __future__ import annotations

import base64
import datetime
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import vobject

from trustdesk.services.importing.sources import (
    MAX_FILE_BYTES,
    VCARD_HEADERS,
    ImportFileError,
    read_source,
)
from trustdesk.services.importing.table import SourceFormat, SourceTable
from trustdesk.services.progress import Cancelled, Progress

# 㛃 (U+36C3) and 𠀀 (U+20000) are in GB18030 but not in GBK: a reader that takes the file for
# GBK loses them.
WPS_ROWS = [
    ["姓名", "手机", "公司", "职务", "生日"],
    ["张伟", "13800138000", "深圳市华强电子有限公司", "采购经理", "1985-03-12"],
    ["李㛃", "13912345678", "广州白云贸易公司", "总经理", "1979-11-02"],
    ["王𠀀明", "18688889999", "东莞长安五金厂", "厂长", ""],
    ["欧阳晓燕", "13511112222", "佛山南海陶瓷, 有限公司", "财务", "1990-01-30"],
]


def csv_text(rows: list[list[str]], sep: str = ",", newline: str = "\r\n") -> str:
    def cell(value: str) -> str:
        if any(c in value for c in (sep, '"', "\n")):
            return '"' + value.replace('"', '""') + '"'
        return value

    return "".join(sep.join(cell(v) for v in row) + newline for row in rows)


def names(table: SourceTable) -> list[str]:
    return [row.cells[0] for row in table.rows]


def one_sentence(error: pytest.ExceptionInfo[ImportFileError], file_name: str) -> tuple[str, str]:
    """The error's English and Chinese text: one sentence each, naming the file."""
    en, zh = error.value.text("en"), error.value.text("zh")
    assert file_name in en and file_name in zh
    assert en.endswith(".") and re.sub(r"\.(xlsx?|csv|vcf)\b", "", en).count(". ") == 0
    assert zh.endswith("。") and zh.count("。") == 1
    for text in (en, zh):
        assert "\n" not in text and "Traceback" not in text and "Error" not in text
    return en, zh


# -- CSV ---------------------------------------------------------------------------------------


def test_gb18030_csv_as_wps_saves_it(tmp_path: Path) -> None:
    path = tmp_path / "客户名单.csv"
    path.write_bytes(csv_text(WPS_ROWS).encode("gb18030"))  # CRLF, no BOM, commas
    table = read_source(path)
    assert table.format is SourceFormat.CSV
    assert (table.encoding, table.encoding_guessed) == ("gb18030", True)
    assert table.headers == WPS_ROWS[0]
    assert [list(r.cells) for r in table.rows] == WPS_ROWS[1:]
    assert names(table) == ["张伟", "李㛃", "王𠀀明", "欧阳晓燕"]
    assert [r.line for r in table.rows] == [2, 3, 4, 5]
    assert table.unread == []


def test_utf8_bom_csv(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(csv_text(WPS_ROWS).encode("utf-8-sig"))
    table = read_source(path)
    assert table.encoding == "utf-8-sig"
    assert table.headers[0] == "姓名"  # not "\ufeff姓名"
    assert names(table) == ["张伟", "李㛃", "王𠀀明", "欧阳晓燕"]


def test_utf8_without_bom_offers_the_chinese_codecs_too(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(csv_text(WPS_ROWS[:2]).encode("utf-8"))
    table = read_source(path)
    assert table.encoding == "utf-8"
    assert table.encoding_candidates[0] == "utf-8"
    assert names(table) == ["张伟"]


def test_big5_csv_with_traditional_names(tmp_path: Path) -> None:
    rows = [
        ["姓名", "手機", "公司", "職稱"],
        ["張偉", "0912-345-678", "臺北市信義區貿易有限公司", "業務經理"],
        ["陳美玲", "0933-222-111", "高雄港務物流", "會計主任"],
        ["林志豪", "0988-777-666", "新竹科學園區電子", "總經理"],
    ]
    path = tmp_path / "通訊錄.csv"
    path.write_bytes(csv_text(rows).encode("big5"))
    table = read_source(path)
    assert table.encoding == "big5"
    assert table.headers == rows[0]
    assert names(table) == ["張偉", "陳美玲", "林志豪"]
    assert "gb18030" in table.encoding_candidates  # the preview can offer the other reading


def test_big5_chinese_far_down_an_ascii_file_is_still_told(tmp_path: Path) -> None:
    rows = [["Name", "Mobile"]] + [[f"Customer {i}", f"09{i:08d}"] for i in range(5000)]
    rows.append(["張偉", "0912-345-678"])
    path = tmp_path / "export.csv"
    path.write_bytes(csv_text(rows).encode("big5"))
    table = read_source(path)
    assert table.encoding == "big5"
    assert names(table)[-1] == "張偉"
    assert [r.line for r in table.rows][-1] == 5002


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        ("張偉", "big5", "big5"),
        ("陳美玲", "big5", "big5"),
        ("张伟", "gb18030", "gb18030"),
        ("王芳", "gb18030", "gb18030"),
        ("欧阳晓燕", "gb18030", "gb18030"),
    ],
)
def test_a_single_short_name_is_enough_to_tell_gb_from_big5(
    tmp_path: Path, text: str, codec: str, expected: str
) -> None:
    path = tmp_path / "one.csv"
    path.write_bytes(text.encode(codec) + b"\r\n")
    table = read_source(path)
    assert table.encoding == expected
    assert table.headers == [text]


def test_utf16_tab_separated_as_excel_unicode_text(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes(csv_text(WPS_ROWS, sep="\t").encode("utf-16"))  # BOM, little-endian
    table = read_source(path)
    assert table.encoding == "utf-16"
    assert table.headers == WPS_ROWS[0]
    assert [list(r.cells) for r in table.rows] == WPS_ROWS[1:]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_told_by_its_zero_bytes(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "nobom.csv"
    path.write_bytes(csv_text(WPS_ROWS, sep="\t").encode(codec))
    table = read_source(path)
    assert table.encoding == codec
    assert names(table) == ["张伟", "李㛃", "王𠀀明", "欧阳晓燕"]


def test_explicit_encoding_is_used_as_given_and_a_wrong_one_is_named(tmp_path: Path) -> None:
    path = tmp_path / "客户名单.csv"
    path.write_bytes(csv_text(WPS_ROWS).encode("gb18030"))
    table = read_source(path, encoding="gb18030")
    assert (table.encoding, table.encoding_guessed) == ("gb18030", False)
    assert names(table)[1] == "李㛃"

    with pytest.raises(ImportFileError) as error:
        read_source(path, encoding="gbk")  # 㛃 is one of GB18030's four-byte codes
    en, zh = one_sentence(error, "客户名单.csv")
    assert "not gbk text (line 3 " in en and "不是 gbk 编码的文本（第 3 行" in zh
    assert "such as gb18030" in en and "例如 gb18030" in zh

    with pytest.raises(ImportFileError) as error:
        read_source(path, encoding="klingon-8")
    en, _ = one_sentence(error, "客户名单.csv")
    assert "klingon-8" in en


def test_rows_too_long_are_listed_short_ones_padded_empty_ones_skipped(tmp_path: Path) -> None:
    text = (
        "姓名,手机,备注,,\r\n"  # Excel's trailing empty columns
        '张伟,13800138000,"第一行\r\n第二行",,\r\n'  # a note over two lines
        ",,,,\r\n"
        "\r\n"
        "李娜,13912345678,,,多出来的,\r\n"
        "王芳\r\n"
        '赵敏,13600000000,"他说""你好"""\r\n'
    )
    path = tmp_path / "rows.csv"
    path.write_bytes(text.encode("gb18030"))
    table = read_source(path)
    assert table.headers == ["姓名", "手机", "备注"]
    assert [(r.line, r.cells) for r in table.rows] == [
        (2, ("张伟", "13800138000", "第一行\n第二行")),
        (7, ("王芳", "", "")),
        (8, ("赵敏", "13600000000", '他说"你好"')),
    ]
    [unread] = table.unread
    assert unread.line == 6
    assert unread.text == "李娜,13912345678,,,多出来的,"
    assert unread.reason_en == "5 cells where the header has 3"
    assert unread.reason_zh == "有 5 个单元格，而表头只有 3 列"


def test_semicolon_csv_with_a_title_line_and_duplicate_headers(tmp_path: Path) -> None:
    text = "客户联系人名单;;;\n姓名;电话;电话;\n张伟;010-1;010-2;\n"
    path = tmp_path / "semi.csv"
    path.write_text(text, encoding="utf-8")
    table = read_source(path)
    assert table.headers == ["姓名", "电话", "电话 (2)"]
    assert [(r.line, r.cells) for r in table.rows] == [(3, ("张伟", "010-1", "010-2"))]


def test_excel_sep_line_says_the_delimiter(tmp_path: Path) -> None:
    path = tmp_path / "sep.csv"
    path.write_text("sep=;\n姓名;公司\n张伟;华为, 深圳\n", encoding="utf-8")
    table = read_source(path)
    assert table.headers == ["姓名", "公司"]
    assert table.rows[0].cells == ("张伟", "华为, 深圳")


def test_broken_quotes_list_the_row_and_an_unclosed_quote_stops_the_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "quotes.csv"
    path.write_text('姓名,公司\n张伟,"华为"深圳\n李娜,腾讯\n', encoding="utf-8")
    table = read_source(path)
    assert names(table) == ["李娜"]
    [unread] = table.unread
    assert (unread.line, unread.text) == (2, '张伟,"华为"深圳')
    assert "quotation marks" in unread.reason_en

    path.write_text('姓名,公司\n张伟,"华为\n李娜,腾讯\n', encoding="utf-8")
    with pytest.raises(ImportFileError) as error:
        read_source(path)
    en, zh = one_sentence(error, "quotes.csv")
    assert "line 2" in en and "第 2 行" in zh


# -- XLSX --------------------------------------------------------------------------------------


def make_crm_workbook(path: Path) -> None:
    """A company CRM's export as WPS saves it: a title merged over the table, a two-row header
    (联系方式 over 手机 and 电话), a company merged down its contacts, dates and phones stored
    as numbers."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "联系人"
    ws.append(["客户联系人名单(2024)"])
    ws.merge_cells("A1:G1")
    ws.append(["姓名", "联系方式", None, "生日", "公司", "邮箱", "邮箱"])
    ws.append([None, "手机", "电话", None, None, None, None])
    for ref in ("A2:A3", "B2:C2", "D2:D3", "E2:E3", "F2:G3"):
        ws.merge_cells(ref)
    ws.append(["张伟", 13800138000, 7551234567.0, datetime.date(1985, 3, 12), "华为", "a@x.cn"])
    ws.append(["李㛃", 13912345678.0, "0755-8888", 31118, None, "b@x.cn", "c@x.cn"])
    ws.cell(5, 4).number_format = 'yyyy"年"m"月"d"日"'
    ws.merge_cells("E4:E5")  # 华为 over both contacts
    ws.append([None] * 7)
    ws.append(["王𠀀明", 18688889999, None, datetime.datetime(1990, 1, 30, 0, 0), "东莞", True])
    ws.append(["赵敏", None, None, None, None, None, None, "旁边写的备注"])
    wb.create_sheet("空表", 0)  # an empty first sheet: the first sheet with data is read
    wb.save(path)


def test_xlsx_merged_headers_dates_and_numbers(tmp_path: Path) -> None:
    path = tmp_path / "客户.xlsx"
    make_crm_workbook(path)
    table = read_source(path)
    assert table.format is SourceFormat.XLSX
    assert table.encoding == ""
    assert table.headers == ["姓名", "手机", "电话", "生日", "公司", "邮箱", "邮箱 (2)"]
    assert [(r.line, r.cells) for r in table.rows] == [
        (4, ("张伟", "13800138000", "7551234567", "1985-03-12", "华为", "a@x.cn", "")),
        (5, ("李㛃", "13912345678", "0755-8888", "1985-03-12", "华为", "b@x.cn", "c@x.cn")),
        (7, ("王𠀀明", "18688889999", "", "1990-01-30", "东莞", "TRUE", "")),
    ]
    [unread] = table.unread
    assert unread.line == 8
    assert unread.reason_en == "8 cells where the header has 7"
    assert "旁边写的备注" in unread.text


def test_xlsx_formulas_give_their_values_and_a_plain_header(tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Name", "Phone", "Phone", None, "Score"])
    ws.append(["José Núñez", "+34 600 000 000", "", None, 0.1])
    wb.save(path)
    table = read_source(path)
    assert table.headers == ["Name", "Phone", "Phone (2)", "D", "Score"]
    assert table.rows[0].cells == ("José Núñez", "+34 600 000 000", "", "", "0.1")


def test_xlsx_dates_in_excels_east_asian_built_in_formats(tmp_path: Path) -> None:
    """Chinese Excel stores 2024年3月1日 with the built-in format 31 (and 57, 58 for year-month
    and month-day), named by number only; they are dates all the same."""
    made = tmp_path / "made.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "生日"])
    ws.append(["张伟", 31118])
    ws.cell(2, 2).number_format = 'yyyy"年"m"月"d"日"'  # saved as custom format 164
    wb.save(made)
    path = tmp_path / "zh-CN Excel.xlsx"
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/styles.xml":  # as Excel writes it: the built-in id 31
                data = re.sub(rb'<numFmt numFmtId="164"[^>]*/>', b"", data)
                data = data.replace(b'numFmtId="164"', b'numFmtId="31"')
            dst.writestr(item, data)
    assert read_source(path).rows[0].cells == ("张伟", "1985-03-12")


def test_a_csv_saved_under_an_xlsx_name_is_read_as_csv(tmp_path: Path) -> None:
    path = tmp_path / "导出.xlsx"  # what web systems' "export to Excel" often gives
    path.write_bytes(csv_text(WPS_ROWS).encode("gb18030"))
    table = read_source(path)
    assert table.format is SourceFormat.CSV
    assert names(table)[1] == "李㛃"


# -- vCard -------------------------------------------------------------------------------------


def qp(text: str, first_line: int) -> str:
    """Quoted-printable UTF-8 as Android writes it: every byte =XX, soft line breaks (``=`` at
    the end, the next line not indented) at 76 columns."""
    encoded = [f"={b:02X}" for b in text.encode("utf-8")]
    lines, current, limit = [], "", first_line
    for token in encoded:
        if len(current) + len(token) > limit:
            lines.append(current + "=")
            current, limit = "", 74
        current += token
    return "\r\n".join([*lines, current])


def android_vcf() -> str:
    note = "喜欢喝普洱茶，每周三下午有空；孩子在读高三，明年考大学。"
    note_head = "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
    return (
        "BEGIN:VCARD\r\n"
        "VERSION:2.1\r\n"
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0;=E4=BC=9F;;;\r\n"
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0=E4=BC=9F\r\n"
        "TEL;CELL:138 0013 8000\r\n"
        "TEL;WORK:010-62345678\r\n"
        "TEL;HOME:0755-88886666\r\n"
        "EMAIL;WORK:zhangwei@example.com\r\n"
        "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
        + qp("华为技术有限公司", 30)
        + ";=E9=87=87=E8=B4=AD=E9=83=A8\r\n"
        + note_head
        + qp(note, 76 - len(note_head))
        + "\r\nBDAY:19850312\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\n"
        "VERSION:2.1\r\n"
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
        + qp("欧阳", 40)
        + ";"
        + qp("晓燕", 40)
        + ";;;\r\n"
        "TEL;VOICE:13511112222\r\n"  # no CELL type, but a mobile number
        "TEL;FAX:020-87654321\r\n"
        "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQN\r\n"
        "DAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEB\r\n"
        "AREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8A\r\n"
        "\r\n"
        "END:VCARD\r\n"
    )


def test_android_vcard_21_quoted_printable_with_soft_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "00001.vcf"
    text = android_vcf()
    path.write_bytes(text.encode("ascii"))
    table = read_source(path)
    assert table.format is SourceFormat.VCARD
    assert table.headers == list(VCARD_HEADERS)
    cell = dict(zip(VCARD_HEADERS, table.rows[0].cells, strict=True))
    assert cell["Name"] == "张伟"
    assert (cell["Company"], cell["Department"]) == ("华为技术有限公司", "采购部")
    assert (cell["Mobile"], cell["Phone"]) == ("138 0013 8000", "010-62345678")
    assert cell["Other phones"] == "0755-88886666"
    assert cell["Email"] == "zhangwei@example.com"
    assert cell["Note"] == "喜欢喝普洱茶，每周三下午有空；孩子在读高三，明年考大学。"
    assert cell["Birthday"] == "1985-03-12"
    second = dict(zip(VCARD_HEADERS, table.rows[1].cells, strict=True))
    assert second["Name"] == "欧阳晓燕"  # from N: family then given, no space
    assert (second["Mobile"], second["Phone"], second["Other phones"]) == (
        "13511112222",
        "",
        "020-87654321",
    )
    second_begin = text.split("\r\n").index("BEGIN:VCARD", 1) + 1
    assert [r.line for r in table.rows] == [1, second_begin]
    assert table.unread == []


def iphone_vcf() -> str:
    photo = base64.b64encode(bytes(range(256)) * 3).decode("ascii")
    folded = "\r\n ".join(photo[i : i + 74] for i in range(0, len(photo), 74))
    return (
        "BEGIN:VCARD\r\n"
        "VERSION:3.0\r\n"
        "PRODID:-//Apple Inc.//iPhone OS 17.4//EN\r\n"
        "N:陈;美玲;;;\r\n"
        "FN:陈美玲\r\n"
        "ORG:上海浦东新区\\, 张江科技有限公司;市场部;华东区\r\n"
        "TITLE:市场总监\r\n"
        "EMAIL;type=INTERNET;type=HOME:meiling@home.cn\r\n"
        "EMAIL;type=INTERNET;type=WORK;type=pref:chen.ml@zjtech.cn\r\n"
        "TEL;type=CELL;type=VOICE;type=pref:+86 139 1234 5678\r\n"
        "TEL;type=IPHONE;type=CELL;type=VOICE:+86 186 0000 1111\r\n"
        "TEL;type=WORK;type=VOICE:021-5080 1234\r\n"
        "item1.TEL:400-820-8820\r\n"
        "item1.X-ABLabel:客服\r\n"
        "item2.ADR;type=WORK;type=pref:;;张江路 88 号;上海;上海市;201203;中国\r\n"
        "item2.X-ABADR:cn\r\n"
        "NOTE:第一次见面在展会\\n喜欢咖啡\r\n"
        "BDAY;X-APPLE-OMIT-YEAR=1604:1604-06-18\r\n"
        "X-WECHAT:meiling_chen\r\n"
        f"PHOTO;ENCODING=b;TYPE=JPEG:{folded}\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\n"
        "VERSION:3.0\r\n"
        "N:Smith;John;;;\r\n"
        "TEL;type=HOME;type=VOICE:+1 (555) 010-9999\r\n"
        "BDAY:1970-01-02\r\n"
        "END:VCARD\r\n"
    )


def test_iphone_vcard_30_several_tel_types_and_a_folded_photo(tmp_path: Path) -> None:
    path = tmp_path / "iPhone 通讯录.vcf"
    path.write_bytes(iphone_vcf().encode("utf-8"))
    table = read_source(path)
    cell = dict(zip(VCARD_HEADERS, table.rows[0].cells, strict=True))
    assert cell == {
        "Name": "陈美玲",
        "Company": "上海浦东新区, 张江科技有限公司",
        "Department": "市场部 / 华东区",
        "Title": "市场总监",
        "Mobile": "+86 139 1234 5678",
        "Phone": "021-5080 1234",
        "Other phones": "+86 186 0000 1111; 400-820-8820",
        "Email": "chen.ml@zjtech.cn",
        "Other emails": "meiling@home.cn",
        "Birthday": "--06-18",  # no year on the phone: month and day kept
        "Note": "第一次见面在展会\n喜欢咖啡",
        "Address": "中国上海市上海张江路 88 号 201203",
        "WeChat": "meiling_chen",
    }
    second = dict(zip(VCARD_HEADERS, table.rows[1].cells, strict=True))
    assert (second["Name"], second["Phone"], second["Birthday"]) == (
        "John Smith",
        "+1 (555) 010-9999",
        "1970-01-02",
    )
    assert table.unread == []
    # An independent reader (vobject) reads the same file the same way.
    cards = list(vobject.readComponents(path.read_text("utf-8")))
    assert [c.fn.value for c in cards[:1]] == [cell["Name"]]
    assert [t.value for t in cards[0].tel_list][:2] == ["+86 139 1234 5678", "+86 186 0000 1111"]


def test_vcard_40_uri_phones_data_photo_and_month_day_birthday(tmp_path: Path) -> None:
    text = (
        "BEGIN:VCARD\n"
        "VERSION:4.0\n"
        "FN:林志豪\n"
        "N:林;志豪;;;\n"
        'TEL;VALUE=uri;TYPE="cell,voice";PREF=1:tel:+86-138-0013-8000\n'
        "TEL;VALUE=uri;TYPE=work:tel:+86-20-8765-4321\n"
        "EMAIL;TYPE=work:zhlin@example.cn\n"
        "EMAIL;PREF=1:zhlin@home.cn\n"
        "PHOTO:data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD\n"
        "BDAY:--0312\n"
        "IMPP:wechat:zhihao_lin\n"
        "ADR;TYPE=work:;;100 Main St;Springfield;IL;62701;USA\n"
        "END:VCARD\n"
    )
    path = tmp_path / "v4.vcf"
    path.write_text(text, encoding="utf-8")
    table = read_source(path)
    cell = dict(zip(VCARD_HEADERS, table.rows[0].cells, strict=True))
    assert cell["Name"] == "林志豪"
    assert (cell["Mobile"], cell["Phone"]) == ("+86-138-0013-8000", "+86-20-8765-4321")
    assert (cell["Email"], cell["Other emails"]) == ("zhlin@home.cn", "zhlin@example.cn")
    assert cell["Birthday"] == "--03-12"
    assert cell["WeChat"] == "zhihao_lin"
    assert cell["Address"] == "100 Main St, Springfield, IL 62701, USA"


def test_a_broken_card_is_listed_with_its_line_and_the_others_read(tmp_path: Path) -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张伟\r\nTEL;TYPE=CELL:13800138000\r\nEND:VCARD\r\n"  # 1
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:李娜\r\nTEL;TYPE=CELL:13912345678\r\n"  # 6: no END
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王芳\r\n@@@乱码###\r\nEND:VCARD\r\n"  # 10
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:赵敏\r\nEND:VCARD\r\n"  # 15
        "N:孤;行;;;\r\n"  # 19: outside any card
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:孙悦\r\n"  # 20: the file is cut off
    )
    path = tmp_path / "broken.vcf"
    path.write_text(text, encoding="utf-8")
    table = read_source(path)
    assert [(r.line, r.cells[0]) for r in table.rows] == [(1, "张伟"), (15, "赵敏")]
    assert [(u.line, u.reason_en) for u in table.unread] == [
        (6, "the card that starts here has no END:VCARD before the next card"),
        (10, "line 13 is not a vCard property (NAME:value): @@@乱码###"),
        (19, "lines outside any card (no BEGIN:VCARD before them)"),
        (20, "the card that starts here has no END:VCARD (the file may be cut off)"),
    ]
    assert table.unread[0].text.splitlines()[2] == "FN:李娜"  # the raw card, to fix and retry
    assert table.unread[3].reason_zh == "此名片缺少 END:VCARD（文件可能不完整）"


def test_a_gbk_vcard_21_from_an_old_phone(tmp_path: Path) -> None:
    name = "".join(f"={b:02X}" for b in "刘德华".encode("gbk"))
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        f"FN;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:{name}\r\n"
        "END:VCARD\r\n"
    )
    path = tmp_path / "old.vcf"
    path.write_bytes(text.encode("ascii"))
    assert names(read_source(path)) == ["刘德华"]


# -- files that are not what they claim ----------------------------------------------------


def test_binary_file_named_csv(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(ImportFileError) as error:
        read_source(path)
    en, zh = one_sentence(error, "contacts.csv")
    assert "not a text file" in en and "不是文本文件" in zh


def test_pdf_renamed_csv(tmp_path: Path) -> None:
    path = tmp_path / "客户.csv"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    with pytest.raises(ImportFileError) as error:
        read_source(path)
    en, zh = one_sentence(error, "客户.csv")
    assert "PDF" in en and "PDF" in zh


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf\r\n  \r\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as error:
        read_source(path)
    en, zh = one_sentence(error, "empty.csv")
    assert "empty" in en and "空文件" in zh


def test_truncated_xlsx(tmp_path: Path) -> None:
    whole = tmp_path / "whole.xlsx"
    make_crm_workbook(whole)
    path = tmp_path / "客户(不完整).xlsx"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(ImportFileError) as error:
        read_source(path)
    en, zh = one_sentence(error, "客户(不完整).xlsx")
    assert "damaged or incomplete" in en and "损坏或不完整" in zh


def test_xlsx_with_a_damaged_sheet(tmp_path: Path) -> None:
    whole = tmp_path / "whole.xlsx"
    make_crm_workbook(whole)
    path = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(whole) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = data[: len(data) // 2]  # the XML stops in the middle
            dst.writestr(item, data)
    with pytest.raises(ImportFileError) as error:
        read_source(path)
    one_sentence(error, "bad.xlsx")


def test_old_xls(tmp_path: Path) -> None:
    path = tmp_path / "客户.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"\xfe\xff" * 100)
    with pytest.raises(ImportFileError) as error:
        read_source(path)
    en, zh = one_sentence(error, "客户.xls")
    assert ".xls" in en and "save it as .xlsx" in en and "另存为 .xlsx" in zh


def test_word_document_and_zip_archive(tmp_path: Path) -> None:
    path = tmp_path / "名单.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(ImportFileError) as error:
        read_source(path)
    assert "Word" in one_sentence(error, "名单.docx")[0]


def test_a_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as f:  # sparse: no disk used
        f.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ImportFileError) as error:
        read_source(path)
    en, zh = one_sentence(error, "huge.csv")
    assert "200 MB" in en and "200 MB" in zh


def test_missing_file_and_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError) as error:
        read_source(tmp_path / "nowhere.csv")
    one_sentence(error, "nowhere.csv")
    with pytest.raises(ImportFileError) as error:
        read_source(tmp_path)
    one_sentence(error, tmp_path.name)


def test_vcf_with_no_cards(tmp_path: Path) -> None:
    path = tmp_path / "phone.vcf"
    path.write_text("这不是名片\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as error:
        read_source(path)
    assert "BEGIN:VCARD" in one_sentence(error, "phone.vcf")[0]


# -- progress and cancel -------------------------------------------------------------------


def test_progress_is_reported_and_cancel_stops_the_reading(tmp_path: Path) -> None:
    rows = [WPS_ROWS[0]] + [[f"张{i}", f"138{i:08d}", "公司", "", ""] for i in range(12000)]
    path = tmp_path / "big.csv"
    path.write_bytes(csv_text(rows).encode("gb18030"))
    progress = Progress()
    table = read_source(path, progress=progress)
    assert len(table.rows) == 12000
    assert progress.state.done == 10001 and progress.state.total == 12002

    progress.cancel()
    with pytest.raises(Cancelled):
        read_source(path, progress=progress)
