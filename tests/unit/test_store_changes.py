"""The store boundary: what a write changed, and every failure classed once (no SQL shown)."""

from __future__ import annotations

import ast
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

import trustdesk
from tests.fresh import fresh_database
from trustdesk import errors
from trustdesk.db import engine
from trustdesk.errors import DataBug, StorageError, ValidationError
from trustdesk.services import accounts, contacts
from trustdesk.services import relationship_map as rm
from trustdesk.services.changes import NO_CHANGES
from trustdesk.services.store import open_store


@pytest.fixture
def store(tmp_path):
    s = open_store(fresh_database(tmp_path / "store.sqlite3"))
    yield s
    s.close()


@pytest.fixture
def huake(store):
    acc = store.write(accounts.create_account, "深圳华科电子有限公司", tags=["重点"])
    zhang = store.write(contacts.create_contact, acc.id, "张三", roles=["decision-maker"])
    li = store.write(contacts.create_contact, acc.id, "李四", reports_to_id=zhang.id)
    return acc, zhang, li


def test_each_write_says_which_kinds_and_customers_it_changed(store, huake):
    acc, zhang, li = huake
    other = store.write(accounts.create_account, "Northwind Logistics")

    made, changes = store.write_tracked(accounts.create_account, "新客户", tags=["新标签"])
    assert {"account", "stage", "tag"} <= changes.kinds
    assert changes.account_ids == {made.id} and not changes.any_account
    assert "account" in changes.added_or_removed

    _, changes = store.write_tracked(contacts.set_level, zhang.id, "partner", "dinner")
    assert {"contact", "level"} <= changes.kinds
    assert changes.account_ids == {acc.id}, "only 华科 is concerned, not Northwind"
    assert not changes.concerns(other.id)
    assert "contact" not in changes.added_or_removed

    _, changes = store.write_tracked(rm.add_edge, li.id, zhang.id, "influences")
    assert "link" in changes.kinds and changes.concerns(acc.id)

    _, changes = store.write_tracked(rm.save_positions, acc.id, {zhang.id: (10.0, 20.0)})
    assert "position" in changes.kinds and changes.concerns(acc.id)

    _, changes = store.write_tracked(contacts.delete_contact, li.id)
    assert "contact" in changes.added_or_removed and changes.concerns(acc.id)

    _, changes = store.write_tracked(accounts.update_account, acc.id, tags=["重点", "OEM"])
    assert "tag" in changes.kinds

    _, changes = store.write_tracked(accounts.get_account, acc.id)
    assert changes == NO_CHANGES, "a write unit that changed nothing announces nothing"


def test_a_refused_write_is_a_validation_error_and_changes_nothing(store, huake):
    _, zhang, _ = huake
    with pytest.raises(ValidationError) as refused:
        store.write_tracked(contacts.update_contact, zhang.id, email="not-an-email")
    assert refused.value.zh
    assert store.read(contacts.get_contact, zhang.id).email == ""


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE account SET notes = 'held' WHERE 0")
    return other


def test_a_busy_database_is_a_storage_error_in_both_languages(store, huake, monkeypatch):
    acc, _, _ = huake
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)  # the test need not wait 10 s
    impatient = open_store(store.path)
    other = _hold_write_lock(store.path)
    try:
        with pytest.raises(StorageError) as busy:
            impatient.write(accounts.update_account, acc.id, region="广州")
    finally:
        other.rollback()
        other.close()
        impatient.close()
    assert busy.value.kind == "busy"
    assert "Another program is writing" in busy.value.text("en")
    assert "另一个程序正在写入数据库" in busy.value.text("zh")
    assert busy.value.__cause__ is None and busy.value.__suppress_context__
    assert store.read(accounts.get_account, acc.id).region == ""


def test_a_read_only_database_is_a_storage_error(store, huake):
    acc, _, _ = huake

    def write_read_only(session, account_id):
        session.execute(text("PRAGMA query_only=ON"))  # as if the file could not be written
        return accounts.update_account(session, account_id, region="广州")

    with pytest.raises(StorageError) as refused:
        store.write(write_read_only, acc.id)
    assert refused.value.kind == "readonly"


def test_a_database_bug_shows_no_sql_and_no_customer_data(store, huake):
    _, zhang, _ = huake

    def duplicate_key(session, contact_id):
        session.execute(
            text("INSERT INTO contact (id, account_id, name, sort_key) SELECT id, account_id, "
                 "'王秘书 13800138000', sort_key FROM contact WHERE id = :id"),
            {"id": contact_id},
        )  # fmt: skip

    with pytest.raises(DataBug) as bug:
        store.write(duplicate_key, zhang.id)
    message = str(bug.value)
    assert "IntegrityError" in message and "duplicate_key" in message
    for secret in ("王秘书", "13800138000", "INSERT", zhang.id):
        assert secret not in message
    assert bug.value.__traceback__ is not None, "the frames are kept for the log"


def _user_error_classes() -> set[str]:
    found, todo = set(), [errors.TrustDeskError]
    while todo:
        cls = todo.pop()
        found.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return found


def test_every_user_error_raised_anywhere_carries_a_chinese_sentence():
    """A service error without ``zh=`` would show English in the Chinese interface."""
    names = _user_error_classes()
    missing = []
    for path in Path(trustdesk.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in names and not any(k.arg in ("zh", None) for k in node.keywords):
                missing.append(f"{path.name}:{node.lineno} {name}")
    assert missing == []


def test_a_referral_concerns_both_customers(store, huake):
    """Both customers' Deals tabs show a referral as it is added or removed."""
    from trustdesk.services import referrals

    acc, _zhang, _li = huake
    other = store.write(accounts.create_account, "Northwind Logistics")
    third = store.write(accounts.create_account, "Contoso")
    made, changes = store.write_tracked(referrals.add_referral, acc.id, other.id)
    assert "referral" in changes.kinds and changes.account_ids == {acc.id, other.id}
    assert not changes.concerns(third.id)
    _, changes = store.write_tracked(referrals.delete_referral, made.id)
    assert "referral" in changes.added_or_removed and changes.account_ids == {acc.id, other.id}
