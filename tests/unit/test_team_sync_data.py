"""Data ready for team sync: ids that agree across laptops, tombstones instead of deletes,
owners and authors as users, team-wide settings."""

import ast
from pathlib import Path

import pytest
from sqlalchemy import event, select

from trustdesk.db.engine import open_database
from trustdesk.db.models import AccountTag, ContactRole, FieldChange, MapPosition, Tag, User
from trustdesk.domain.enums import BuyingRole, Stage
from trustdesk.errors import ValidationError
from trustdesk.services import accounts, contacts, team_settings
from trustdesk.services import relationship_map as rm
from trustdesk.services.accounts import AccountFilter


def test_two_laptops_creating_the_same_tag_get_the_same_id(tmp_path):
    ids = []
    for laptop in ("a", "b"):
        db = open_database(tmp_path / f"{laptop}.sqlite3")
        with db.transaction() as s:
            accounts.create_account(s, f"客户{laptop}", tags=["重点", "OEM"])
        with db.reading() as s:
            ids.append(dict(s.execute(select(Tag.name, Tag.id)).all()))
        db.close()
    assert ids[0] == ids[1]
    assert len(set(ids[0].values())) == 2


def test_tag_spelled_differently_is_one_tag(db):
    with db.transaction() as s:
        a = accounts.create_account(s, "A", tags=["OEM"])
        accounts.create_account(s, "B", tags=["oem", "ＯＥＭ"])
    with db.reading() as s:
        assert accounts.list_tags(s) == ["OEM"]
        assert accounts.get_account(s, a.id).tags == ("OEM",)
        assert accounts.count_accounts(s, AccountFilter.of(tag="oem")) == 2


def test_removing_and_readding_a_tag_leaves_one_revived_link(db):
    with db.transaction() as s:
        made = accounts.create_account(s, "Acme", tags=["key", "OEM"])
    with db.transaction() as s:
        accounts.update_account(s, made.id, tags=["OEM"])
    with db.reading() as s:
        assert accounts.get_account(s, made.id).tags == ("OEM",)
        assert accounts.count_accounts(s, AccountFilter.of(tag="key")) == 0
        links = s.execute(select(AccountTag.tag_id, AccountTag.deleted_at)).all()
        assert len(links) == 2 and sum(d is not None for _, d in links) == 1
    with db.transaction() as s:
        accounts.update_account(s, made.id, tags=["key", "OEM"])
    with db.reading() as s:
        assert accounts.get_account(s, made.id).tags == ("OEM", "key")
        assert accounts.count_accounts(s, AccountFilter.of(tag="key")) == 1
        links = s.execute(select(AccountTag.deleted_at)).scalars().all()
        assert links == [None, None]


def test_removing_and_readding_a_role_leaves_one_revived_row(db):
    with db.transaction() as s:
        acc = accounts.create_account(s, "Acme")
        person = contacts.create_contact(
            s, acc.id, "Grace Tan", roles=["decision-maker", "executor"]
        )
    with db.transaction() as s:
        contacts.update_contact(s, person.id, roles=["executor"])
    with db.reading() as s:
        assert contacts.get_contact(s, person.id).roles == (BuyingRole.EXECUTOR,)
        assert [p.roles for p in contacts.list_contacts(s, acc.id)] == [(BuyingRole.EXECUTOR,)]
        # the coverage rules no longer see a decision maker we have met
        risks = rm.risks_for_accounts(s, [acc.id])[acc.id]
        assert rm.account_coverage(s, acc.id).findings == risks
        assert len(s.scalars(select(ContactRole)).all()) == 2
    with db.transaction() as s:
        contacts.update_contact(s, person.id, roles=["decision-maker", "executor"])
    with db.reading() as s:
        assert contacts.get_contact(s, person.id).roles == (
            BuyingRole.DECISION_MAKER,
            BuyingRole.EXECUTOR,
        )
        rows = s.execute(select(ContactRole.role, ContactRole.deleted_at)).all()
        assert {tuple(r) for r in rows} == {
            (BuyingRole.DECISION_MAKER, None),
            (BuyingRole.EXECUTOR, None),
        }


def test_clear_positions_keeps_tombstones_and_the_map_lays_out_again(db):
    with db.transaction() as s:
        acc = accounts.create_account(s, "Acme")
        a = contacts.create_contact(s, acc.id, "Ann")
        b = contacts.create_contact(s, acc.id, "Bob")
        rm.save_positions(s, acc.id, {a.id: (10.0, 20.0), b.id: (30.0, 40.0)})
    with db.transaction() as s:
        rm.clear_positions(s, acc.id)
    with db.reading() as s:
        assert rm.load_map(s, acc.id).positions == {}
        rows = s.scalars(select(MapPosition)).all()
        assert len(rows) == 2 and all(r.deleted_at is not None for r in rows)
    with db.transaction() as s:
        rm.save_positions(s, acc.id, {a.id: (5.0, 6.0)})
    with db.reading() as s:
        assert rm.load_map(s, acc.id).positions == {a.id: (5.0, 6.0)}
        assert len(s.scalars(select(MapPosition)).all()) == 2


def test_owner_by_name_round_trips_and_sorts_the_list_by_name(db):
    with db.transaction() as s:
        z = accounts.create_account(s, "Zeta Ltd", owner="Anna")
        a = accounts.create_account(s, "Alpha Ltd", owner="王经理")
        b = accounts.create_account(s, "Beta Ltd", owner="Anna")
        accounts.create_account(s, "Gamma Ltd")
    with db.reading() as s:
        got_z, got_b = accounts.get_account(s, z.id), accounts.get_account(s, b.id)
        page = accounts.list_accounts(s, sort="owner")
    assert (got_z.owner, got_b.owner) == ("Anna", "Anna")
    assert got_z.owner_id == got_b.owner_id is not None
    assert [(r.name, r.owner) for r in page.rows] == [
        ("Gamma Ltd", ""),
        ("Beta Ltd", "Anna"),
        ("Zeta Ltd", "Anna"),
        ("Alpha Ltd", "王经理"),
    ]
    with db.transaction() as s:
        accounts.update_account(s, a.id, owner="Anna")
        accounts.update_account(s, b.id, owner="")
    with db.reading() as s:
        assert accounts.get_account(s, a.id).owner == "Anna"
        assert accounts.get_account(s, b.id).owner_id is None
        logged = s.execute(
            select(FieldChange.old_value, FieldChange.new_value, User.name)
            .join(User, User.id == FieldChange.changed_by_id)
            .where(FieldChange.field == "owner")
            .order_by(FieldChange.old_value)
        ).all()
    assert logged == [("Anna", "", "tester"), ("王经理", "Anna", "tester")]


def test_histories_name_who_made_each_change(db, monkeypatch):
    with db.transaction() as s:
        made = accounts.create_account(s, "Acme")
        person = contacts.create_contact(s, made.id, "Ann", level="acquaintance")
    with db.transaction() as s:
        accounts.change_stage(s, made.id, "explorer", "asked for a quote")
    with db.reading() as s:
        stages = accounts.stage_history(s, made.id)
        levels = contacts.level_history(s, person.id)
        users = s.scalars(select(User)).all()
    assert {h.changed_by for h in stages} == {"tester"}
    assert levels[0].changed_by == "tester"
    assert [(u.name, u.login) for u in users] == [("tester", "tester")]
    assert stages[0].changed_by_id == users[0].id


def test_no_user_data_is_ever_hard_deleted(db):
    """Removing roles, tags, positions, links, people and customers issues no DELETE outside
    the search index: the team server must learn of every removal."""
    deletes: list[str] = []

    @event.listens_for(db.engine, "before_cursor_execute")
    def spy(conn, cursor, statement, parameters, context, executemany):
        words = statement.split()
        derived = ("search_", "note_fts")  # the search indexes
        if words and words[0].upper() == "DELETE" and not words[2].startswith(derived):
            deletes.append(statement)

    with db.transaction() as s:
        acc = accounts.create_account(s, "Acme", tags=["key"], owner="Anna")
        a = contacts.create_contact(s, acc.id, "Ann", roles=["executor"])
        b = contacts.create_contact(s, acc.id, "Bob", reports_to_id=a.id)
        edge = rm.add_edge(s, a.id, b.id, "knows")
        rm.save_positions(s, acc.id, {a.id: (1.0, 2.0)})
        team_settings.set_setting(s, "rhythm_deep_days", 30)
    with db.transaction() as s:
        accounts.update_account(s, acc.id, tags=[], owner="")
        contacts.update_contact(s, a.id, roles=[], name="Anne")
        rm.clear_positions(s, acc.id)
        rm.remove_edge(s, edge.id)
        team_settings.reset_setting(s, "rhythm_deep_days")
        contacts.delete_contact(s, a.id)
        accounts.delete_account(s, acc.id)
    with db.transaction() as s:
        accounts.restore_account(s, acc.id)
    assert deletes == []


def test_hard_delete_of_a_customer_is_refused_by_the_database(db):
    """No cascades: deleting a customer that has people fails instead of taking them along."""
    from sqlalchemy.exc import IntegrityError

    with db.transaction() as s:
        acc = accounts.create_account(s, "Acme")
        contacts.create_contact(s, acc.id, "Ann")
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM account")


def test_team_settings_defaults_set_and_refusal_in_chinese(db):
    with db.reading() as s:
        settings = team_settings.get_settings(s)
    assert settings["rhythm_deep_days"] == 30
    assert settings["visit_cadence_days"][Stage.EXPLORER] == 182
    assert set(settings["complaint_response_hours"]) == set(Stage)
    with db.transaction() as s:
        team_settings.set_setting(s, "rhythm_deep_days", 45)
        team_settings.set_setting(s, "visit_cadence_days", {"regular": 20, Stage.LOST: 120})
    with db.reading() as s:
        settings = team_settings.get_settings(s)
        details = {d.key: d for d in team_settings.setting_details(s)}
    assert settings["rhythm_deep_days"] == 45
    assert settings["visit_cadence_days"][Stage.REGULAR] == 20
    assert settings["visit_cadence_days"][Stage.LOST] == 120
    assert settings["visit_cadence_days"][Stage.EXPLORER] == 182  # untouched stages keep theirs
    assert details["rhythm_deep_days"].updated_by == "tester"
    assert details["complaint_response_hours"].updated_at is None

    with pytest.raises(ValidationError) as err, db.transaction() as s:
        team_settings.set_setting(s, "rhythm_deep_days", 5000)
    assert err.value.text("zh") == "深接触人员的联系周期必须是 7 到 730 之间的整数（天）。"
    with pytest.raises(ValidationError) as err, db.transaction() as s:
        team_settings.set_setting(s, "visit_cadence_days", {"regular": 0})
    assert err.value.text("zh") == ("“老主顾”阶段的拜访周期必须是 1 到 365 之间的整数（天）。")
    with pytest.raises(ValidationError, match="Unknown team setting"), db.transaction() as s:
        team_settings.set_setting(s, "colour", 1)
    with db.reading() as s:
        assert team_settings.get_settings(s)["rhythm_deep_days"] == 45

    with db.transaction() as s:
        assert team_settings.reset_setting(s, "rhythm_deep_days") == 30
    with db.reading() as s:
        assert team_settings.get_settings(s)["rhythm_deep_days"] == 30


def test_accounts_does_not_import_contacts():
    """The services' import graph has no cycle: contacts builds on accounts, not the reverse."""
    import trustdesk.services.accounts as module

    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):  # module-level and function-level imports alike
        if isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
            imported.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            imported.update(a.name for a in node.names)
    assert "trustdesk.services.contacts" not in imported


def test_this_devices_user_is_looked_up_once_not_per_write(db):
    with db.transaction() as s:
        made = accounts.create_account(s, "Acme")
    looked_up: list[str] = []

    @event.listens_for(db.engine, "before_cursor_execute")
    def spy(conn, cursor, statement, parameters, context, executemany):
        if "FROM app_user" in statement:
            looked_up.append(statement)

    for region in ("Berlin", "Hamburg", "Bremen"):
        with db.transaction() as s:
            accounts.update_account(s, made.id, region=region)
    assert len(looked_up) <= 1
    with db.reading() as s:
        rows = s.execute(select(FieldChange.new_value, User.name).join(User)).all()
    assert sorted(rows) == [("Berlin", "tester"), ("Bremen", "tester"), ("Hamburg", "tester")]
