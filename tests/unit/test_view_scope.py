"""TIER-2: ``accounts.ids_matching`` — a saved view's filter narrowing another set of customers
(the portfolio report's) gives the customers the list shows for that filter, no more."""

from __future__ import annotations

from trustdesk.domain.enums import Stage, Tier
from trustdesk.services import accounts, saved_views
from trustdesk.services.accounts import AccountFilter


def test_ids_matching_is_the_list_of_the_same_filter_among_the_given_customers(db):
    with db.transaction() as s:
        made = {
            name: accounts.create_account(s, name, stage=stage, region=region).id
            for name, stage, region in (
                ("青岛海达机械有限公司", "repeat", "青岛"),
                ("青岛瑞丰化工集团", "regular", "青岛"),
                ("济南华通物流有限公司", "repeat", "济南"),
                ("青岛远航食品公司", "skeptic", "青岛"),
            )
        }
        accounts.set_do_not_serve(s, made["青岛瑞丰化工集团"], True, "拖欠货款")
        gone = accounts.create_account(s, "青岛已删除公司", stage="repeat", region="青岛").id
        accounts.delete_account(s, gone)
    qingdao_buying = AccountFilter(stages=(Stage.REPEAT, Stage.REGULAR), region="青岛")
    served_in_qingdao = AccountFilter(region="青岛", include_do_not_serve=False)
    with db.reading() as s:
        for where in (
            qingdao_buying,
            AccountFilter(text="海达"),  # through the search index, as the list
            AccountFilter(text="海达", stages=(Stage.SKEPTIC,)),
            served_in_qingdao,
            AccountFilter(tiers=(Tier.KEY,)),
            saved_views.filter_of({"text": "没有这个名字"}),
        ):
            listed = {r.id for r in accounts.list_accounts(s, where).rows}
            assert accounts.ids_matching(s, where) == listed, where
        assert accounts.ids_matching(s, qingdao_buying) == {
            made["青岛海达机械有限公司"],
            made["青岛瑞丰化工集团"],
        }
        among = [made["青岛海达机械有限公司"], made["济南华通物流有限公司"], gone]
        assert accounts.ids_matching(s, qingdao_buying, among) == {made["青岛海达机械有限公司"]}
        assert accounts.ids_matching(s, served_in_qingdao, among) == {made["青岛海达机械有限公司"]}
        assert accounts.ids_matching(s, qingdao_buying, []) == set()
