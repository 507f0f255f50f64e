"""OFF-2: an import written in one transaction: all of it, or (on an error or Cancel) none.

New people and customers are written in bulk (a 100,000-row file would take minutes through
the forms one by one); a person the user chose to update or merge goes through the contact
service, so the change is in the record's history like an edit by hand.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from trustdesk.db import search as index
from trustdesk.db.base import new_id, utcnow
from trustdesk.db.models import Account, Contact, StageChange
from trustdesk.domain.enums import AccountKind, RelationshipLevel, Stage
from trustdesk.domain.names import pinyin_of, sort_key
from trustdesk.services import accounts as account_service
from trustdesk.services import contacts as contact_service
from trustdesk.services.fields import current_user
from trustdesk.services.importing.mapping import Mapping, remember_mapping
from trustdesk.services.importing.planning import (
    Decision,
    ImportPlan,
    NoCustomer,
    PlannedRow,
    plan_import,
)
from trustdesk.services.importing.table import SourceTable, UnreadRow
from trustdesk.services.indexing import account_doc, contact_doc
from trustdesk.services.progress import Progress
from trustdesk.services.survey_plan import refresh_survey_plans
from trustdesk.services.visit_plan import refresh_plans


@dataclass(slots=True)
class ImportResult:
    new: int = 0  # people (or customers, for customer-only rows) added
    updated: int = 0
    merged: int = 0
    skipped: int = 0
    new_customers: int = 0
    rejected: list[UnreadRow] = field(default_factory=list)
    duplicates: list[tuple[PlannedRow, Decision]] = field(default_factory=list)
    dry_run: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "new": self.new,
            "updated": self.updated,
            "merged": self.merged,
            "skipped": self.skipped,
            "new_customers": self.new_customers,
            "rejected": [
                {"line": r.line, "reason": r.reason_en, "reason_zh": r.reason_zh, "text": r.text}
                for r in self.rejected
            ],
            "duplicates": [_duplicate_json(row, decision) for row, decision in self.duplicates],
            "dry_run": self.dry_run,
        }


def _duplicate_json(row: PlannedRow, decision: Decision) -> dict[str, Any]:
    assert row.match is not None
    return {
        "line": row.line,
        "name": row.person.get("name") or row.customer.get("name"),
        "matches": row.match.name,
        "customer": row.match.customer,
        "record_id": row.match.record_id,
        "same_as_line": row.match.line,
        "reason": row.match.reason.code,
        "decision": decision.code,
    }


_BATCH = 5000


def run_import(
    session: Session,
    table: SourceTable,
    mapping: Mapping,
    *,
    decisions: dict[int, Decision] | None = None,
    default_decision: Decision = Decision.SKIP,
    no_customer: NoCustomer = NoCustomer.INDIVIDUAL,
    lang: str = "en",
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import the rows of ``table`` (plan, then write). A row that duplicates a record
    follows ``decisions[line]``, else ``default_decision`` (the wizard and the CLI default to
    skipping: nothing is merged unless the user says so). ``dry_run`` plans and counts
    without writing. The mapping is remembered for the next file with the same headers."""
    plan = plan_import(session, table, mapping, no_customer=no_customer, lang=lang,
                       progress=progress)  # fmt: skip
    decisions = decisions or {}
    result = ImportResult(rejected=list(plan.rejected), dry_run=dry_run)
    fresh: list[PlannedRow] = []
    again: list[tuple[PlannedRow, Decision]] = []
    for row in plan.rows:
        decision = decisions.get(row.line, default_decision) if row.match else Decision.NEW
        if row.match is not None:
            result.duplicates.append((row, decision))
        if decision is Decision.SKIP:
            result.skipped += 1
        elif decision is Decision.NEW or row.match is None or row.match.record_id is None:
            fresh.append(row)  # a duplicate of an earlier row of the file is new here too
        else:
            again.append((row, decision))
    result.new = len(fresh)
    result.updated = sum(1 for _, d in again if d is Decision.UPDATE)
    result.merged = sum(1 for _, d in again if d is Decision.MERGE)
    if dry_run:
        result.new_customers = len(_new_customers(fresh))
        return result
    remember_mapping(session, table.headers, mapping)
    result.new_customers = _write_new(session, fresh, progress, len(plan.rows))
    for row, decision in again:
        _apply_to_existing(session, row, decision, lang)
    session.flush()
    return result


@dataclass(slots=True)
class _NewCustomer:
    id: str
    name: str
    individual: bool
    fields: dict[str, Any]


def _new_customers(rows: list[PlannedRow]) -> dict[str, _NewCustomer]:
    """The customers the import makes, by ``customer_key``: a company's fields are the first
    non-empty value of each among its rows; a person without a company is an individual."""
    out: dict[str, _NewCustomer] = {}
    for row in rows:
        if row.account_id is not None:
            continue
        company = row.customer.get("name", "")
        made = out.get(row.customer_key)
        if made is None:
            name = company or row.person["name"]
            made = out[row.customer_key] = _NewCustomer(new_id(), name, not company, {})
        for key, value in row.customer.items():
            if value and key != "name" and not made.fields.get(key):
                made.fields[key] = value
    return out


def _write_new(
    session: Session, rows: list[PlannedRow], progress: Progress | None, total: int
) -> int:
    customers = _new_customers(rows)
    now = utcnow()
    user = current_user(session)
    account_rows, stage_rows, docs = [], [], []
    for made in customers.values():
        account_rows.append({
            "id": made.id, "name": made.name,
            "sort_key": sort_key(made.name, person=made.individual),
            "kind": AccountKind.INDIVIDUAL if made.individual else AccountKind.COMPANY,
            "stage": Stage.SKEPTIC, "created_at": now, "updated_at": now, **made.fields,
        })  # fmt: skip
        stage_rows.append({"account_id": made.id, "to_stage": Stage.SKEPTIC, "changed_at": now,
                           "changed_by_id": user})  # fmt: skip
        industry, region = made.fields.get("industry", ""), made.fields.get("region", "")
        docs.append(account_doc(made.id, made.name, industry, region, individual=made.individual))
    names = {made.id: made.name for made in customers.values()}
    names |= _names_of(session, {r.account_id for r in rows if r.account_id is not None})
    contact_rows = []
    for row in rows:
        if not row.person:
            continue
        account_id = row.account_id or customers[row.customer_key].id
        contact = {
            **row.person, "id": new_id(), "account_id": account_id,
            "pinyin": pinyin_of(row.person["name"]),
            "sort_key": sort_key(row.person["name"], person=True),
            "level": RelationshipLevel.NONE, "created_at": now, "updated_at": now,
        }  # fmt: skip
        contact_rows.append(contact)
        docs.append(contact_doc(contact["id"], account_id, contact["name"], names[account_id],
                                contact["pinyin"]))  # fmt: skip
    with index.bulk_index(session):
        for start in range(0, len(account_rows), _BATCH):
            session.execute(insert(Account), account_rows[start : start + _BATCH])
            session.execute(insert(StageChange), stage_rows[start : start + _BATCH])
        for start in range(0, len(contact_rows), _BATCH):
            if progress is not None:
                progress.step(start, total)
            session.execute(insert(Contact), contact_rows[start : start + _BATCH])
        for start in range(0, len(docs), _BATCH):
            index.index_records(session, docs[start : start + _BATCH])
    made_ids = [made.id for made in customers.values()]
    refresh_plans(session, made_ids)
    refresh_survey_plans(session, made_ids)
    return len(made_ids)


def _names_of(session: Session, account_ids: set[str]) -> dict[str, str]:
    """The names of existing customers people were added to (the index shows them beside
    each person)."""
    ids = sorted(account_ids)
    names: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        query = select(Account.id, Account.name).where(Account.id.in_(ids[start : start + 500]))
        names.update((account_id, name) for account_id, name in session.execute(query))
    return names


def _apply_to_existing(session: Session, row: PlannedRow, decision: Decision, lang: str) -> None:
    """UPDATE: the file's non-empty values replace the record's. MERGE: they fill only the
    blanks; a different value is kept in the notes, so nothing of either is lost."""
    assert row.match is not None and row.match.record_id is not None
    record_id = row.match.record_id
    values = row.person or {k: v for k, v in row.customer.items() if k != "name"}
    current: Any = (
        contact_service.get_contact(session, record_id)
        if row.person
        else account_service.get_account(session, record_id)
    )
    changes: dict[str, Any] = {}
    kept: list[str] = []
    for name, value in values.items():
        if value in (None, "") or name == "name":
            continue
        old = getattr(current, name, None)
        if decision is Decision.UPDATE or old in (None, ""):
            if old != value:
                changes[name] = value
        elif old != value and name != "notes":
            kept.append(f"{name}: {value}")
    if decision is Decision.MERGE and (kept or values.get("notes")):
        extra = "\n".join(x for x in [values.get("notes", ""), *kept] if x)
        old_notes = getattr(current, "notes", "") or ""
        if extra and extra not in old_notes:
            heading = (
                "导入时文件中的其他值" if lang.startswith("zh") else "Also in the imported file"
            )
            changes["notes"] = f"{old_notes}\n{heading}:\n{extra}".strip()
    if not changes:
        return
    if row.person:
        contact_service.update_contact(session, record_id, **changes)
    else:
        account_service.update_account(session, record_id, **changes)


def rejects_csv(rejected: list[UnreadRow], headers: list[str], lang: str = "en") -> str:
    """The rows that were not imported, as CSV (UTF-8 with BOM) to fix and import again: the
    reason and line first, then the row as it was read."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["原因" if lang.startswith("zh") else "Reason",
                     "行号" if lang.startswith("zh") else "Line", *headers])  # fmt: skip
    for row in rejected:
        reason = row.reason_zh if lang.startswith("zh") else row.reason_en
        cells = next(csv.reader([row.text])) if row.text else []
        writer.writerow([reason, row.line, *cells])
    return "\ufeff" + out.getvalue()


def save_rejects(path: Path, rejected: list[UnreadRow], headers: list[str], lang: str) -> None:
    path.write_text(rejects_csv(rejected, headers, lang), encoding="utf-8", newline="")


__all__ = ["ImportPlan", "ImportResult", "rejects_csv", "run_import", "save_rejects"]
