"""The map's service layer: links, positions, coverage per account."""

import pytest

from trustdesk.domain.enums import CoverageRisk, EdgeKind, RelationshipScope
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services import accounts, contacts
from trustdesk.services import relationship_map as rm


@pytest.fixture
def people(db):
    with db.transaction() as s:
        acc = accounts.create_account(s, "宁波海诚精密机械有限公司")
        gm = contacts.create_contact(
            s, acc.id, "陈国庆", department="总经办", roles=["decision-maker"], level="acquaintance"
        )
        buyer = contacts.create_contact(
            s,
            acc.id,
            "周丽",
            department="采购部",
            reports_to_id=gm.id,
            level="partner",
            attitude="supporter",
        )
        tech = contacts.create_contact(s, acc.id, "吴强", department="技术部", reports_to_id=gm.id)
        other = accounts.create_account(s, "Other Ltd")
        stranger = contacts.create_contact(s, other.id, "Bob")
    return {
        "account": acc.id,
        "gm": gm.id,
        "buyer": buyer.id,
        "tech": tech.id,
        "stranger": stranger.id,
        "other": other.id,
    }


def test_add_and_remove_links(db, people):
    with db.transaction() as s:
        influences = rm.add_edge(s, people["buyer"], people["gm"], "influences", "sits next to him")
        rm.add_edge(s, people["buyer"], people["tech"], EdgeKind.KNOWS)
    with db.reading() as s:
        data = rm.load_map(s, people["account"])
    assert {(e.source_id, e.target_id, e.kind) for e in data.edges} == {
        (people["buyer"], people["gm"], EdgeKind.INFLUENCES),
        (people["buyer"], people["tech"], EdgeKind.KNOWS),
    }
    assert next(e for e in data.edges if e.id == influences.id).note == "sits next to him"
    with db.transaction() as s:
        rm.remove_edge(s, influences.id)
    with db.reading() as s:
        assert [e.kind for e in rm.load_map(s, people["account"]).edges] == [EdgeKind.KNOWS]
    with pytest.raises(NotFoundError), db.transaction() as s:
        rm.remove_edge(s, influences.id)


def test_influence_is_directed_knows_is_mutual(db, people):
    with db.transaction() as s:
        rm.add_edge(s, people["buyer"], people["gm"], "influences")
        rm.add_edge(s, people["gm"], people["buyer"], "influences")  # the other way is new
        rm.add_edge(s, people["buyer"], people["tech"], "knows")
    with pytest.raises(ValidationError, match="already"), db.transaction() as s:
        rm.add_edge(s, people["tech"], people["buyer"], "knows")
    with pytest.raises(ValidationError, match="already"), db.transaction() as s:
        rm.add_edge(s, people["buyer"], people["gm"], "influences")


def test_links_stay_inside_one_account(db, people):
    with pytest.raises(ValidationError, match="different customers"), db.transaction() as s:
        rm.add_edge(s, people["buyer"], people["stranger"], "knows")
    with pytest.raises(ValidationError, match="two different"), db.transaction() as s:
        rm.add_edge(s, people["buyer"], people["buyer"], "knows")
    with pytest.raises(ValidationError, match="influences, knows"), db.transaction() as s:
        rm.add_edge(s, people["buyer"], people["gm"], "likes")


def test_deleted_contact_takes_its_links_off_the_map(db, people):
    with db.transaction() as s:
        rm.add_edge(s, people["buyer"], people["tech"], "knows")
        contacts.delete_contact(s, people["tech"])
    with db.reading() as s:
        data = rm.load_map(s, people["account"])
    assert data.edges == []
    assert people["tech"] not in {p.id for p in data.people}


def test_positions_saved_and_cleared(db, people):
    with db.transaction() as s:
        rm.save_positions(s, people["account"], {people["gm"]: (10.0, 20.0)})
        rm.save_positions(
            s, people["account"], {people["gm"]: (30.5, -4.0), people["buyer"]: (1, 2)}
        )
    with db.reading() as s:
        assert rm.load_map(s, people["account"]).positions == {
            people["gm"]: (30.5, -4.0),
            people["buyer"]: (1.0, 2.0),
        }
    with pytest.raises(ValidationError, match="Not people of this customer"), db.transaction() as s:
        rm.save_positions(s, people["account"], {people["stranger"]: (0, 0)})
    with db.transaction() as s:
        rm.clear_positions(s, people["account"])
    with db.reading() as s:
        assert rm.load_map(s, people["account"]).positions == {}


def test_coverage_of_account_and_list(db, people):
    with db.reading() as s:
        coverage = rm.account_coverage(s, people["account"])
        listed = rm.risks_for_accounts(s, [people["account"], people["other"]])
    # single-threaded, so at most individual-level however many departments we have met
    assert coverage.scope is RelationshipScope.INDIVIDUAL
    assert [f.risk for f in coverage.findings] == [
        CoverageRisk.SINGLE_THREADED,
        CoverageRisk.NO_CLOSE_DECISION_MAKER,
    ]
    assert [f.risk for f in listed[people["account"]]] == [f.risk for f in coverage.findings]
    assert [f.risk for f in listed[people["other"]]] == [
        CoverageRisk.NO_SUPPORTER,
        CoverageRisk.NO_CLOSE_DECISION_MAKER,
    ]


def test_demo_showcase_accounts_show_every_risk_and_a_big_company(db):
    from trustdesk import demo

    with db.transaction() as s:
        demo.generate(s, 12, seed=5)
    with db.reading() as s:
        page = accounts.list_accounts(s, accounts.AccountFilter(tag="战略"))
        found = set()
        big = None
        for row in page.rows:
            coverage = rm.account_coverage(s, row.id)
            found |= {f.risk for f in coverage.findings}
            if row.name == "深圳华科电子有限公司":
                big = (coverage.scope, len(contacts.list_contacts(s, row.id)))
    assert found >= {
        CoverageRisk.SINGLE_THREADED,
        CoverageRisk.NO_CLOSE_DECISION_MAKER,
        CoverageRisk.ONLY_ALLY_IS_EXECUTOR,
        CoverageRisk.KEY_CONTACT_DEPARTED,
    }
    assert big is not None and big[0] is RelationshipScope.COMPANY and 38 <= big[1] <= 45


def test_a_customer_without_people_is_listed_as_no_one_mapped(db):
    with db.transaction() as s:
        empty = accounts.create_account(s, "空白客户有限公司")
    with db.reading() as s:
        listed = rm.risks_for_accounts(s, [empty.id])
        coverage = rm.account_coverage(s, empty.id)
    assert [f.risk for f in listed[empty.id]] == [CoverageRisk.NO_ONE_MAPPED]
    assert coverage.scope is RelationshipScope.NONE
    assert [f.risk for f in coverage.findings] == [CoverageRisk.NO_ONE_MAPPED]
