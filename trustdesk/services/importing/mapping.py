"""Which column of an import file holds which field: guessed from the header's words (Chinese
or English, as WPS, Excel, company CRMs and phones write them), remembered per header set, and
read from or written to a JSON file for the command line."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

from sqlalchemy.orm import Session

from trustdesk.db.models import TeamSetting
from trustdesk.domain.enums import LabeledEnum
from trustdesk.domain.names import to_simplified
from trustdesk.errors import TrustDeskError


class ImportField(LabeledEnum):
    """Where an import column goes: a field of the person, or of the customer."""

    IGNORE = ("ignore", "不导入", "Do not import")
    NAME = ("name", "姓名", "Name")
    FAMILY_NAME = ("family-name", "姓", "Family name")
    GIVEN_NAME = ("given-name", "名", "Given name")
    CUSTOMER = ("customer", "客户（公司）", "Customer (company)")
    TITLE = ("title", "职务", "Title")
    DEPARTMENT = ("department", "部门", "Department")
    MOBILE = ("mobile", "手机", "Mobile")
    PHONE = ("phone", "电话", "Phone")
    OTHER_PHONES = ("other-phones", "其他电话", "Other phones")
    EMAIL = ("email", "电子邮件", "Email")
    OTHER_EMAILS = ("other-emails", "其他邮箱", "Other emails")
    WECHAT = ("wechat", "微信", "WeChat")
    BIRTHDAY = ("birthday", "生日", "Birthday")
    NOTES = ("notes", "备注", "Notes")
    PERSON_ADDRESS = ("person-address", "个人地址", "Person's address")
    REGION = ("region", "客户地区", "Customer's region")
    ADDRESS = ("address", "客户地址", "Customer's address")
    INDUSTRY = ("industry", "客户行业", "Customer's industry")
    CUSTOMER_PHONE = ("customer-phone", "客户电话（总机）", "Customer's phone")
    WEBSITE = ("website", "客户网站", "Customer's website")


# Header words, folded (``_fold``), for each field. A header names a field when its folded
# text is one of these; the order of fields decides ties (none overlap today).
_WORDS: dict[ImportField, tuple[str, ...]] = {
    ImportField.NAME: (
        "姓名", "名字", "联系人", "联系人姓名", "客户姓名", "name", "fullname", "contact",
        "contactname", "displayname", "fn",
    ),
    ImportField.FAMILY_NAME: ("姓", "姓氏", "lastname", "familyname", "surname"),
    ImportField.GIVEN_NAME: ("名", "firstname", "givenname"),
    ImportField.CUSTOMER: (
        "公司", "公司名称", "单位", "单位名称", "工作单位", "客户", "客户名称", "企业", "企业名称",
        "组织", "机构", "company", "companyname", "organization", "organisation", "org",
        "account", "accountname", "customer", "employer",
    ),
    ImportField.TITLE: ("职务", "职位", "头衔", "职称", "title", "jobtitle", "position", "role"),
    ImportField.DEPARTMENT: ("部门", "科室", "department", "dept"),
    ImportField.MOBILE: (
        "手机", "手机号", "手机号码", "移动电话", "mobile", "mobilephone", "cell", "cellphone",
    ),
    ImportField.PHONE: (
        "电话", "电话号码", "办公电话", "座机", "工作电话", "联系电话", "phone", "telephone",
        "tel", "workphone", "businessphone", "officephone",
    ),
    ImportField.OTHER_PHONES: ("其他电话", "otherphones", "otherphone"),
    ImportField.EMAIL: ("邮箱", "电子邮件", "电子邮箱", "邮件", "email", "e-mail", "mail"),
    ImportField.OTHER_EMAILS: ("其他邮箱", "otheremails", "otheremail"),
    ImportField.WECHAT: ("微信", "微信号", "wechat", "weixin", "wechatid"),
    ImportField.BIRTHDAY: ("生日", "出生日期", "birthday", "birthdate", "dateofbirth", "dob"),
    ImportField.NOTES: ("备注", "说明", "附注", "note", "notes", "comment", "comments", "remarks"),
    ImportField.PERSON_ADDRESS: ("个人地址", "家庭地址", "homeaddress"),
    ImportField.ADDRESS: ("地址", "公司地址", "单位地址", "通讯地址", "address", "companyaddress"),
    ImportField.REGION: ("地区", "区域", "城市", "省份", "所在地", "region", "city", "area"),
    ImportField.INDUSTRY: ("行业", "所属行业", "industry"),
    ImportField.CUSTOMER_PHONE: ("公司电话", "总机", "单位电话", "companyphone", "mainphone"),
    ImportField.WEBSITE: ("网站", "网址", "主页", "官网", "website", "web", "url", "homepage"),
}  # fmt: skip
_BY_WORD = {word: field for field, words in _WORDS.items() for word in words}
_NUMBERED = re.compile(r"[\s(（]*\d+[)）]?$")  # "电话 (2)", "Phone 2": a second column of one kind
_FOLD_AWAY = re.compile(r"[\s_:：.\-/()（）*]+")


def _fold(header: str) -> str:
    """Width, case, spaces and punctuation folded away, and traditional characters read as
    simplified: a Big5 file from Taiwan or Hong Kong says 職稱 and 手機 for 职称 and 手机."""
    text = to_simplified(unicodedata.normalize("NFKC", header).strip().lower())
    return _FOLD_AWAY.sub("", text)


def field_for_header(header: str) -> ImportField:
    """The field a header names (IGNORE when none)."""
    folded = _fold(header)
    field = _BY_WORD.get(folded)
    if field is None:
        field = _BY_WORD.get(_fold(_NUMBERED.sub("", header)))
        if field in (ImportField.PHONE, ImportField.MOBILE):
            return ImportField.OTHER_PHONES  # the second phone column of a kind
        if field is ImportField.EMAIL:
            return ImportField.OTHER_EMAILS
        return ImportField.IGNORE
    return field


Mapping = list[ImportField]  # one field per header, in header order

# Fields of which only one column may be imported (the others would overwrite each other).
_ONCE = frozenset(ImportField) - {ImportField.IGNORE, ImportField.OTHER_PHONES,
                                  ImportField.OTHER_EMAILS, ImportField.NOTES}  # fmt: skip


def guess_mapping(headers: list[str]) -> Mapping:
    """Each header's field by its words; a field claimed twice keeps its first column (a
    second phone column becomes Other phones, a second email Other emails). A vCard's
    address is the person's (often a home), not the customer's."""
    from trustdesk.services.importing.vcard import VCARD_HEADERS

    if tuple(headers) == VCARD_HEADERS:
        return [
            ImportField.PERSON_ADDRESS if h == "Address" else field_for_header(h) for h in headers
        ]
    taken: set[ImportField] = set()
    out: Mapping = []
    for header in headers:
        field = field_for_header(header)
        if field in taken and field in _ONCE:
            field = {
                ImportField.PHONE: ImportField.OTHER_PHONES,
                ImportField.MOBILE: ImportField.OTHER_PHONES,
                ImportField.EMAIL: ImportField.OTHER_EMAILS,
            }.get(field, ImportField.IGNORE)
        taken.add(field)
        out.append(field)
    return out


def check_mapping(headers: list[str], mapping: Mapping) -> None:
    """A mapping the importer can use: one field per header, a name or a customer column,
    and no field (but notes and the other phones and emails) twice."""
    if len(mapping) != len(headers):
        raise MappingError(
            f"The mapping names {len(mapping)} columns but the file has {len(headers)}.",
            zh=f"列对应关系有 {len(mapping)} 列，但文件有 {len(headers)} 列。",
        )
    chosen = set(mapping)
    if not chosen & {ImportField.NAME, ImportField.FAMILY_NAME, ImportField.GIVEN_NAME,
                     ImportField.CUSTOMER}:  # fmt: skip
        raise MappingError(
            "Choose the column with the person's name or the customer's name: without one "
            "nothing can be imported.",
            zh="请指定姓名列或客户名称列：两者都没有就无法导入。",
        )
    for field in _ONCE:
        columns = [h for h, f in zip(headers, mapping, strict=True) if f is field]
        if len(columns) > 1:
            raise MappingError(
                f"{field.en} is chosen for several columns ({', '.join(columns)}); choose it "
                "for one.",
                zh=f"“{field.zh}”被指定给了多列（{'、'.join(columns)}），只能指定一列。",
            )


class MappingError(TrustDeskError):
    """A column mapping the importer cannot use."""


def _setting_key(headers: list[str]) -> str:
    digest = hashlib.sha256("\x1f".join(_fold(h) for h in headers).encode()).hexdigest()
    return f"import-mapping:{digest[:32]}"


def remembered_mapping(session: Session, headers: list[str]) -> Mapping | None:
    """The mapping last used for a file with these headers (None: never imported)."""
    row = session.get(TeamSetting, _setting_key(headers))
    if row is None or row.deleted_at is not None or not isinstance(row.value, list):
        return None
    try:
        mapping = [ImportField.parse(code) for code in row.value]
    except ValueError:
        return None
    return mapping if len(mapping) == len(headers) else None


def remember_mapping(session: Session, headers: list[str], mapping: Mapping) -> None:
    key = _setting_key(headers)
    row = session.get(TeamSetting, key)
    if row is None:
        row = TeamSetting(key=key)
        session.add(row)
    row.value = [field.code for field in mapping]
    row.deleted_at = None


def mapping_for(session: Session, headers: list[str]) -> Mapping:
    """What the wizard proposes: the remembered mapping, else the guess."""
    return remembered_mapping(session, headers) or guess_mapping(headers)


def read_mapping_file(path: Path, headers: list[str]) -> Mapping:
    """A mapping from JSON: ``{"header": "field code", …}``; headers not named are not
    imported. Field codes are ``ImportField`` codes (or their labels)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MappingError(
            f"The mapping file {path} cannot be read as JSON ({type(exc).__name__}).",
            zh=f"无法把列对应文件 {path} 读作 JSON（{type(exc).__name__}）。",
        ) from None
    if not isinstance(data, dict):
        raise MappingError(
            'The mapping file must hold an object like {"姓名": "name", "手机": "mobile"}.',
            zh='列对应文件应为对象，例如 {"姓名": "name", "手机": "mobile"}。',
        )
    known = {_fold(h): i for i, h in enumerate(headers)}
    mapping = [ImportField.IGNORE] * len(headers)
    for header, code in data.items():
        index = known.get(_fold(str(header)))
        if index is None:
            raise MappingError(
                f"The mapping names a column {header!r} the file does not have.",
                zh=f"列对应文件提到的列“{header}”在文件中不存在。",
            )
        try:
            mapping[index] = ImportField.parse(str(code))
        except ValueError:
            raise MappingError(
                f"{code!r} is not a field; choose one of: {', '.join(ImportField.codes())}.",
                zh=f"“{code}”不是可导入的字段；可选：{'、'.join(ImportField.codes())}。",
            ) from None
    return mapping


def mapping_json(headers: list[str], mapping: Mapping) -> dict[str, str]:
    """The mapping as ``read_mapping_file`` reads it."""
    return {h: f.code for h, f in zip(headers, mapping, strict=True)}
