"""OFF-2: people and customers entered twice are found for every reason, never proposed again
once the user says they differ, merged without losing a row of either record, and the merge
undone so that both records are exactly what they were."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select, text

from tests.fresh import fresh_database
from trustdesk.db.base import Base
from trustdesk.db.models import (
    Account,
    CareDate,
    Commitment,
    Complaint,
    Contact,
    ContactEdge,
    ContactRole,
    IntelNote,
    LevelChange,
    MapPosition,
    Referral,
    SearchDoc,
    StageChange,
    Visit,
    VisitContact,
)
from trustdesk.db.sync_capture import SYNC_BOOKKEEPING
from trustdesk.domain.duplicates import pairs_of, sound_key
from trustdesk.domain.enums import DuplicateKind, DuplicateReason
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services import (
    accounts,
    care_dates,
    commitments,
    complaints,
    contacts,
    duplicates,
    merging,
    referrals,
    relationship_map,
    visits,
)
from trustdesk.services.store import open_store
from trustdesk.services.visit_plan import plan_of

R = DuplicateReason


@pytest.fixture
def store(tmp_path):
    s = open_store(fresh_database(tmp_path / "dupes.sqlite3"))
    yield s
    s.close()


def _reasons(store, a, b, **kwargs):
    """The reasons the pair (a, b) is proposed for (ids), or None if not proposed."""
    for pair in store.read(duplicates.find_duplicates, **kwargs):
        if {pair.first.id, pair.second.id} == {a, b}:
            return pair.reasons
    return None


# --- finding -----------------------------------------------------------------------------


@pytest.fixture
def book(store):
    """Two customers with people entered twice in the ways real books have them."""

    def make(s):
        huake = accounts.create_account(s, "深圳华科电子有限公司", phone="0755-88881234")
        other = accounts.create_account(s, "广州恒信机械有限公司")
        people = {
            "张伟": contacts.create_contact(s, huake.id, "张伟", mobile="13800138000"),
            # From the phone's address book: traditional characters, +86 and spaces.
            "張偉": contacts.create_contact(s, huake.id, "張偉", mobile="+86 138 0013 8000"),
            # Typed by ear: sounds the same, nothing else shared.
            "章伟": contacts.create_contact(s, huake.id, "章伟"),
            "李娜": contacts.create_contact(s, huake.id, "李娜", title="采购经理"),
            "李娜2": contacts.create_contact(s, huake.id, "李娜", title="采购"),
            # Full-width Latin letters from a Chinese input method.
            "Lucy Wang": contacts.create_contact(s, huake.id, "Lucy Wang"),
            "ＬＵＣＹ ＷＡＮＧ": contacts.create_contact(s, huake.id, "ＬＵＣＹ ＷＡＮＧ"),
            # A desk phone in one's phone field is the other's mobile, another customer.
            "赵强": contacts.create_contact(s, huake.id, "赵强", phone="+86 10 6552 9988"),
            "赵强2": contacts.create_contact(s, other.id, "赵强", mobile="010-65529988"),
            # One address in two cases, two customers.
            "Margaret": contacts.create_contact(
                s, huake.id, "Margaret Thompson", email="m.thompson@northwind.com"
            ),
            "Maggie": contacts.create_contact(
                s, other.id, "Maggie Thompson", email="M.Thompson@Northwind.COM"
            ),
            # The same name at another customer is another person.
            "张伟@other": contacts.create_contact(s, other.id, "张伟"),
        }
        twin = accounts.create_account(s, "深圳華科電子有限公司", phone="+86 755 8888 1234")
        return huake.id, other.id, twin.id, {k: v.id for k, v in people.items()}

    return store.write(make)


def test_every_reason_is_found_and_named(store, book):
    huake, _other, twin, p = book
    assert _reasons(store, p["张伟"], p["張偉"]) == (R.SAME_PHONE, R.NAME_VARIANT)
    assert _reasons(store, p["张伟"], p["章伟"]) == (R.SOUNDS_ALIKE,)
    assert _reasons(store, p["張偉"], p["章伟"]) == (R.SOUNDS_ALIKE,)
    assert _reasons(store, p["李娜"], p["李娜2"]) == (R.SAME_NAME,)
    assert _reasons(store, p["Lucy Wang"], p["ＬＵＣＹ ＷＡＮＧ"]) == (R.NAME_VARIANT,)
    assert _reasons(store, p["赵强"], p["赵强2"]) == (R.SAME_PHONE,)
    assert _reasons(store, p["Margaret"], p["Maggie"]) == (R.SAME_EMAIL,)
    # Names are compared inside one customer only.
    assert _reasons(store, p["张伟"], p["张伟@other"]) is None
    assert _reasons(store, twin, huake, kind="account") == (R.SAME_PHONE, R.NAME_VARIANT)
    assert R.SOUNDS_ALIKE.label("zh") == "姓名读音相同"
    assert R.SOUNDS_ALIKE.label("en") == "Name sounds the same"


def test_a_pair_shows_what_is_shared_as_typed_and_strongest_first(store, book):
    _huake, _other, _twin, p = book
    found = store.read(duplicates.find_duplicates)
    assert [f.reason for f in found] == sorted(f.reason for f in found)
    pair = next(f for f in found if {f.first.id, f.second.id} == {p["张伟"], p["張偉"]})
    assert pair.first.id == p["张伟"]  # the older: kept by default
    assert pair.shared == "13800138000"
    assert pair.reasons_text("zh") == "电话号码相同；同名（写法不同）"
    assert pair.first.account_name == "深圳华科电子有限公司"


def test_one_customers_people_only(store, book):
    huake, other, _twin, p = book
    found = store.read(duplicates.find_duplicates, account_id=other)
    # Of the other customer's people only pairs inside it: none (its 赵强 and Maggie have
    # twins at 华科, shown in the full list).
    assert found == []
    inside = store.read(duplicates.find_duplicates, account_id=huake)
    assert {p["赵强"], p["Margaret"]}.isdisjoint(
        {i for f in inside for i in (f.first.id, f.second.id)}
    )
    assert len(inside) == len(
        [
            f
            for f in store.read(duplicates.find_duplicates)
            if f.same_account and f.first.account_id == huake
        ]
    )


def test_not_the_same_person_is_never_proposed_again(store, book):
    _huake, _other, _twin, p = book
    assert (
        store.write(duplicates.mark_not_duplicates, p["章伟"], p["张伟"]) is DuplicateKind.CONTACT
    )
    store.write(duplicates.mark_not_duplicates, p["张伟"], p["章伟"])  # said twice: one row
    assert _reasons(store, p["张伟"], p["章伟"]) is None
    assert _reasons(store, p["張偉"], p["章伟"]) == (R.SOUNDS_ALIKE,)  # only that pair
    assert store.read(duplicates.are_marked_different, p["张伟"], p["章伟"])
    with pytest.raises(ValidationError, match="two different records"):
        store.write(duplicates.mark_not_duplicates, p["张伟"], p["张伟"])


def test_deleted_records_are_never_proposed(store, book):
    huake, _other, twin, p = book
    store.write(contacts.delete_contact, p["張偉"])
    assert _reasons(store, p["张伟"], p["張偉"]) is None
    store.write(accounts.delete_account, twin)
    assert store.read(duplicates.find_duplicates, kind="account") == []
    store.write(accounts.delete_account, huake)  # its people go with it
    assert store.read(duplicates.find_duplicates) == []


def test_a_switchboard_shared_by_many_is_not_a_duplicate_sign(store):
    def make(s):
        acc = accounts.create_account(s, "上海博远物流有限公司")
        names = ["王芳", "刘洋", "陈静", "杨帆", "黄磊", "周杰"]
        return [contacts.create_contact(s, acc.id, n, phone="021-62345678").id for n in names]

    ids = store.write(make)
    assert store.read(duplicates.find_duplicates) == []
    store.write(contacts.delete_contact, ids[0])  # five left: they may be duplicates
    assert len(store.read(duplicates.find_duplicates)) == len(pairs_of(ids[1:]))


def test_big_groups_are_proposed_against_the_oldest():
    ids = [f"0{i}" for i in range(6)]
    assert pairs_of(ids) == [("00", f"0{i}") for i in range(1, 6)]
    assert pairs_of(ids[:3]) == [("00", "01"), ("00", "02"), ("01", "02")]
    assert sound_key("张伟") == sound_key("章伟") == sound_key("Zhang Wei") == "zhangwei"


def test_finding_reports_progress_and_can_be_cancelled(store, book):
    from trustdesk.services.progress import Cancelled, Progress

    progress = Progress()
    store.read(duplicates.find_duplicates, progress=progress)
    assert progress.state.done == progress.state.total == 12
    progress.cancel()
    with pytest.raises(Cancelled):
        store.read(duplicates.find_duplicates, progress=progress)


# --- merging -----------------------------------------------------------------------------


def _dump(store, *ids):
    """Every row of every table that names one of ``ids`` in any column, as it is stored,
    but for the stamp a team server needs to learn of a change (``updated_at``), the merge's
    own record, the search index's row numbers and the sync's bookkeeping (marks, shadows)."""

    def read(s):
        out = {}
        for table in Base.metadata.sorted_tables:
            if table.name in ("merge_record", "not_duplicate") or table.name in SYNC_BOOKKEEPING:
                continue
            columns = [c.name for c in table.columns if c.name != "updated_at"]
            if table.name == "search_doc":
                columns.remove("id")
            where = " OR ".join(f'"{c}" IN ({",".join("?" * len(ids))})' for c in columns)
            sql = f'SELECT {",".join(columns)} FROM "{table.name}" WHERE {where}'
            rows = s.connection().exec_driver_sql(sql, tuple(ids) * len(columns)).all()
            out[table.name] = sorted(map(repr, rows))
        return out

    return store.read(read)


@pytest.fixture
def story(store):
    """张伟 (kept) and 張偉 (entered again from the phone) at one customer, each with a
    history: roles (one both hold), level changes, links (one to the other, one both have),
    visits (one both attended), a promise, a care date, a note, a complaint, a referral,
    a place on the map; 李娜 reports to 張偉."""

    def make(s):
        acc = accounts.create_account(s, "深圳华科电子有限公司", stage="repeat")
        friend = accounts.create_account(s, "广州恒信机械有限公司", stage="regular")
        keep = contacts.create_contact(
            s, acc.id, "张伟", title="总经理", mobile="13800138000", roles=["decision-maker"],
            level="acquaintance",
        )  # fmt: skip
        drop = contacts.create_contact(
            s, acc.id, "張偉", mobile="+86 138 0013 8000", email="zhangwei@huake.cn",
            roles=["decision-maker", "influencer"], birthday="1975-03-08", level="date",
        )  # fmt: skip
        lina = contacts.create_contact(s, acc.id, "李娜", reports_to_id=drop.id)
        contacts.set_level(s, drop.id, "partner", "一起吃过饭")
        relationship_map.add_edge(s, keep.id, lina.id, "knows")
        relationship_map.add_edge(s, lina.id, drop.id, "knows")  # the same link, other way
        relationship_map.add_edge(s, drop.id, keep.id, "influences")  # becomes a loop
        relationship_map.add_edge(s, drop.id, lina.id, "influences")
        relationship_map.save_positions(
            s, acc.id, {keep.id: (10.0, 20.0), drop.id: (30.0, 40.0), lina.id: (50.0, 60.0)}
        )
        day = date.today() - timedelta(days=10)
        both = visits.log_visit(
            s, acc.id, channel="in-person", functions=["information"],
            contact_ids=[keep.id, drop.id], at=f"{day}T10:00",
        )  # fmt: skip
        alone = visits.log_visit(
            s, acc.id, channel="phone", functions=["relationship"], contact_ids=[drop.id],
            at=f"{day + timedelta(days=2)}T15:00",
        )  # fmt: skip
        visits.add_intel_note(s, acc.id, "feedback", "嫌交期太长", contact_id=drop.id)
        commitments.add_commitment(s, acc.id, "下周送样品", contact_id=drop.id)
        care_dates.add_care_date(s, drop.id, "2025-06-07", "孩子高考", yearly=False)
        complaints.add_complaint(s, acc.id, description="交货晚了三天", contact_id=drop.id)
        referrals.add_referral(s, friend.id, acc.id, by_contact_id=drop.id)
        return acc.id, keep.id, drop.id, lina.id, both.id, alone.id

    return store.write(make)


def _live(s, model, *where):
    return s.scalars(select(model).where(*where, model.deleted_at.is_(None))).all()


def test_merge_keeps_every_row_of_both_and_makes_no_loop(store, story):
    acc, keep, drop, lina, both, alone = story
    result = store.write(merging.merge_contacts, keep, drop, {"email": "drop"})
    assert result.merge.kept_name == "张伟" and result.merge.merged_name == "張偉"

    def check(s):
        kept = s.get(Contact, keep)
        gone = s.get(Contact, drop)
        assert gone.deleted_at is not None and kept.deleted_at is None
        # Fields: the email chosen from the other side; the mobile kept; the birthday,
        # empty here, taken from the other; the level kept (not empty).
        assert kept.email == "zhangwei@huake.cn"
        assert kept.mobile == "13800138000"
        assert kept.birthday == date(1975, 3, 8)
        assert kept.level.code == "acquaintance"
        # Roles: both held decision-maker (his stays with the dropped record); influencer moved.
        roles = {r.role.code for r in _live(s, ContactRole, ContactRole.contact_id == keep)}
        assert roles == {"decision-maker", "influencer"}
        # The level history of both.
        assert len(s.scalars(select(LevelChange).where(LevelChange.contact_id == keep)).all()) == 3
        # Visits: the one both attended once, the other's moved.
        met = {v.visit_id for v in _live(s, VisitContact, VisitContact.contact_id == keep)}
        assert met == {both, alone}
        # Promise, care date, note, complaint, referral follow the person.
        for model in (Commitment, IntelNote, Complaint):
            assert len(_live(s, model, model.contact_id == keep)) == 1, model
        assert len(_live(s, CareDate, CareDate.contact_id == keep)) == 1
        assert len(_live(s, Referral, Referral.by_contact_id == keep)) == 1
        # Nothing points at the dropped person any more but what stayed with him.
        assert s.get(Contact, lina).reports_to_id == keep
        # Links: no loop, the knows link once, the influence on 李娜 moved.
        edges = {
            (e.source_id, e.target_id, e.kind.code)
            for e in _live(s, ContactEdge, ContactEdge.account_id == acc)
        }
        assert edges == {(keep, lina, "knows"), (keep, lina, "influences")}
        assert all(e.source_id != e.target_id for e in s.scalars(select(ContactEdge)))
        # Both had a place on the map: the kept one's stands, the other's stays with him.
        assert s.get(MapPosition, keep).x == 10.0
        assert s.get(MapPosition, drop) is not None
        # Every row is still there: nothing was hard-deleted.
        assert s.scalar(text("SELECT count(*) FROM contact_edge")) == 4
        assert s.scalar(text("SELECT count(*) FROM visit_contact")) == 3
        # The last touch is the later visit's; search finds the kept one only.
        assert kept.last_touch_at is not None
        refs = set(s.scalars(select(SearchDoc.ref_id)))
        assert keep in refs and drop not in refs

    store.read(check)
    assert result.moved > 0 and result.stayed == 3 and result.removed == 2
    assert _reasons(store, keep, drop) is None


def test_undo_restores_both_records_exactly(store, story):
    acc, keep, drop, lina, _both, _alone = story
    before = _dump(store, keep, drop, lina)
    plan = store.read(plan_of, acc)
    result = store.write(merging.merge_contacts, keep, drop, {"name": "drop", "mobile": "drop"})
    assert store.read(contacts.get_contact, keep).name == "張偉"
    assert store.read(contacts.get_contact, keep).pinyin == "zhang wei"
    undone = store.write(merging.undo_merge, result.merge.id)
    assert undone.skipped == 0 and undone.merge.undone_at is not None
    assert _dump(store, keep, drop, lina) == before
    assert store.read(plan_of, acc) == plan
    assert _reasons(store, keep, drop) == (R.SAME_PHONE, R.NAME_VARIANT)
    with pytest.raises(ValidationError, match="already undone"):
        store.write(merging.undo_merge, result.merge.id)
    history = store.read(merging.list_merges)
    assert [(m.id, m.undone_at is not None) for m in history] == [(result.merge.id, True)]


def test_a_later_merge_of_the_same_person_is_undone_first(store, story):
    acc, keep, drop, lina, _both, _alone = story
    first = store.write(merging.merge_contacts, keep, drop)
    second = store.write(merging.merge_contacts, keep, lina)
    with pytest.raises(ValidationError, match="undo that one first"):
        store.write(merging.undo_merge, first.merge.id)
    assert store.read(merging.last_merge).id == second.merge.id
    store.write(merging.undo_merge, second.merge.id)
    store.write(merging.undo_merge, first.merge.id)
    assert {c.name for c in store.read(contacts.list_contacts, acc)} == {"张伟", "張偉", "李娜"}


def test_people_of_two_customers_are_not_merged(store, book):
    _huake, _other, _twin, p = book
    with pytest.raises(ValidationError, match="merge the customers first") as refused:
        store.write(merging.merge_contacts, p["赵强"], p["赵强2"])
    assert "先合并客户" in refused.value.zh
    preview = store.read(merging.merge_preview, p["赵强"], p["赵强2"])
    assert "two different customers" in preview.problem_en
    with pytest.raises(ValidationError, match="itself"):
        store.write(merging.merge_contacts, p["赵强"], p["赵强"])
    with pytest.raises(ValidationError, match="'keep' or 'drop'"):
        store.write(merging.merge_contacts, p["张伟"], p["張偉"], {"mobile": "both"})
    with pytest.raises(ValidationError, match="not a field"):
        store.write(merging.merge_contacts, p["张伟"], p["張偉"], {"account_id": "drop"})


def test_preview_shows_fields_side_by_side_with_defaults(store, story):
    _acc, keep, drop, _lina, _both, _alone = story
    preview = store.read(merging.merge_preview, keep, drop)
    fields = {c.field: c for c in preview.fields}
    assert (fields["name"].keep, fields["name"].drop, fields["name"].default) == (
        "张伟",
        "張偉",
        "keep",
    )
    assert fields["email"].default == "drop"  # the kept one's is empty
    assert fields["title"].default == "keep"
    assert fields["mobile"].differs  # written differently: two values
    assert preview.moving["visit"] == 2 and preview.moving["commitment"] == 1
    assert preview.problem_en == ""


def test_a_role_the_kept_one_lost_comes_back_from_the_other_and_goes_again_on_undo(store):
    def make(s):
        acc = accounts.create_account(s, "苏州瑞泰生物医药有限公司")
        keep = contacts.create_contact(s, acc.id, "林志强", roles=["influencer"])
        contacts.update_contact(s, keep.id, roles=[])  # removed: a tombstone
        drop = contacts.create_contact(s, acc.id, "林志強", roles=["influencer"])
        return keep.id, drop.id

    keep, drop = store.write(make)
    result = store.write(merging.merge_contacts, keep, drop)
    assert [r.code for r in store.read(contacts.get_contact, keep).roles] == ["influencer"]
    assert result.stayed == 1  # the other's row stays his: the kept one's tombstone revived
    store.write(merging.undo_merge, result.merge.id)
    assert store.read(contacts.get_contact, keep).roles == ()
    assert [r.code for r in store.read(contacts.get_contact, drop).roles] == ["influencer"]


def test_reporting_line_through_the_dropped_person_does_not_loop(store):
    def make(s):
        acc = accounts.create_account(s, "宁波海诚精密机械有限公司")
        drop = contacts.create_contact(s, acc.id, "陈国庆")
        lina = contacts.create_contact(s, acc.id, "周丽", reports_to_id=drop.id)
        keep = contacts.create_contact(s, acc.id, "陈國慶", reports_to_id=lina.id)
        return keep.id, drop.id, lina.id

    keep, drop, lina = store.write(make)
    result = store.write(merging.merge_contacts, keep, drop)
    assert store.read(contacts.get_contact, lina).reports_to_id == keep
    assert store.read(contacts.get_contact, keep).reports_to_id is None
    store.write(merging.undo_merge, result.merge.id)
    assert store.read(contacts.get_contact, keep).reports_to_id == lina
    assert store.read(contacts.get_contact, lina).reports_to_id == drop


def test_a_failure_in_the_middle_of_a_merge_leaves_nothing(store, story, monkeypatch):
    _acc, keep, drop, lina, _both, _alone = story
    before = _dump(store, keep, drop, lina)

    def broken(*_args):
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(merging, "_remove_double_edges", broken)
    with pytest.raises(RuntimeError):
        store.write(merging.merge_contacts, keep, drop)
    monkeypatch.undo()
    assert _dump(store, keep, drop, lina) == before
    assert store.read(merging.list_merges) == []


# --- customers ---------------------------------------------------------------------------


def test_account_merge_moves_people_and_visits_and_refreshes_the_plan(store):
    def make(s):
        keep = accounts.create_account(s, "深圳华科电子有限公司", stage="repeat", tags=["重点"])
        drop = accounts.create_account(
            s, "深圳華科電子有限公司", phone="0755-88881234", tags=["重点", "华南"]
        )
        zhang = contacts.create_contact(s, keep.id, "张伟")
        twin = contacts.create_contact(s, drop.id, "張偉", mobile="13800138000")
        day = date.today() - timedelta(days=3)
        visits.log_visit(
            s, drop.id, channel="in-person", functions=["information"], contact_ids=[twin.id],
            at=f"{day}T09:30",
        )  # fmt: skip
        return keep.id, drop.id, zhang.id, twin.id

    keep, drop, zhang, twin = store.write(make)
    before = _dump(store, keep, drop)
    assert store.read(plan_of, keep).last_visit_at is None
    result = store.write(merging.merge_accounts, keep, drop)
    assert result.merge.kind is DuplicateKind.ACCOUNT

    kept = store.read(accounts.get_account, keep)
    assert kept.phone == "0755-88881234"  # the kept one had none
    assert set(kept.tags) == {"重点", "华南"}
    assert {c.name for c in store.read(contacts.list_contacts, keep)} == {"张伟", "張偉"}
    assert store.read(accounts.contacts_count, keep) == 2
    assert store.read(plan_of, keep).last_visit_at is not None  # the moved visit counts
    assert len(store.read(visits.list_visits, account_id=keep)) == 1
    with pytest.raises(NotFoundError):
        store.read(accounts.get_account, drop)
    # Its people are now side by side: the next duplicates to merge.
    assert _reasons(store, zhang, twin) == (R.NAME_VARIANT,)
    # Searching for the person finds him at the kept customer.
    from trustdesk.db import search

    hits = store.read(search.search, "張偉")
    assert {h.account_id for h in hits if h.kind == "contact"} == {keep}

    store.write(merging.undo_merge, result.merge.id)
    assert _dump(store, keep, drop) == before
    assert store.read(plan_of, drop).last_visit_at is not None
    assert store.read(plan_of, keep).last_visit_at is None


def test_merges_are_listed_newest_first_per_customer(store, book):
    huake, other, twin, p = book
    a = store.write(merging.merge, p["李娜"], p["李娜2"])
    b = store.write(merging.merge, huake, twin)
    listed = store.read(merging.list_merges)
    assert [m.id for m in listed] == [b.merge.id, a.merge.id]
    assert [m.id for m in store.read(merging.list_merges, account_id=huake)] == [
        b.merge.id,
        a.merge.id,
    ]
    assert store.read(merging.list_merges, account_id=other) == []
    assert store.read(merging.list_merges, kind="contact")[0].kept_name == "李娜"
    assert listed[1].account_id == huake and listed[1].created_by == "tester"


def test_stage_history_and_rows_of_every_table_move_with_the_customer(store):
    """Whatever table points at a customer moves with it: found from the models, so a
    table added later is covered without a change to the merge."""
    refs = {(t.name, c.name) for t, c in merging.references(Account.__table__)}
    assert {("contact", "account_id"), ("visit", "account_id"), ("referral", "by_account_id"),
            ("referral", "referred_account_id"), ("account_tag", "account_id")} <= refs  # fmt: skip
    people = {(t.name, c.name) for t, c in merging.references(Contact.__table__)}
    assert {("contact", "reports_to_id"), ("contact_edge", "source_id"),
            ("contact_edge", "target_id"), ("visit_contact", "contact_id"),
            ("map_position", "contact_id"), ("care_date", "contact_id")} <= people  # fmt: skip

    def make(s):
        keep = accounts.create_account(s, "甲公司", stage="skeptic")
        drop = accounts.create_account(s, "甲公司", stage="explorer")
        referrals.add_referral(s, keep.id, drop.id)  # the dropped one referred the kept one
        return keep.id, drop.id

    keep, drop = store.write(make)
    result = store.write(merging.merge_accounts, keep, drop, {"stage": "drop"})
    assert result.removed == 1  # the referral between the two: not a loop

    def check(s):
        stages = s.scalars(select(StageChange.to_stage).where(StageChange.account_id == keep))
        assert {st.code for st in stages} == {"skeptic", "explorer"}
        assert s.get(Account, keep).stage.code == "explorer"
        assert _live(s, Referral) == []
        assert s.scalar(select(Visit.id)) is None

    store.read(check)
