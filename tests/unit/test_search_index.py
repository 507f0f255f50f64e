"""Issue 10: the compact search index (schema 0005) finds what whole terms found, stays in
step with every edit, and lets the list page a short search in list order."""

import pytest
from sqlalchemy import text

from trustdesk.db.search import FTS_TEXT, prefix_token, search
from trustdesk.domain.names import name_keys, normalize, pinyin_keys
from trustdesk.services import accounts, contacts
from trustdesk.services.accounts import AccountFilter
from trustdesk.services.indexing import rebuild_index

# Company names, then their people (name, hand-corrected pinyin).
CUSTOMERS = {
    "深圳华科电子": [("张伟", ""), ("曾国强", "")],
    "Silver Lake Ltd": [("Mary Ann Smith", ""), ("José Núñez", "")],
    "长城贸易": [("单于明", ""), ("王小明", "wang xiao ming")],
    "重庆乐器行": [("区志强", "")],
    "Zhang Brothers": [],
    "张家口水泥": [("李娜", "lina")],
}
_TEXT = FTS_TEXT.format(r="d")
SHORT = ["张", "zw", "z", "w", "hk", "华科", "ma", "m", "js", "ch", "zh", "zq", "cq", "yy", "ou"]


@pytest.fixture
def book(db):
    ids = {}
    with db.transaction() as s:
        for company, people in CUSTOMERS.items():
            ids[company] = accounts.create_account(s, company).id
            for name, pinyin in people:
                contacts.create_contact(s, ids[company], name, pinyin=pinyin)
    return ids


def whole_terms_match(query, name, pinyin="", person=True):
    """The rule before 0005: some whole term or suffix of the name starts with the query."""
    qn = normalize(query).replace(" ", "")
    keys = name_keys(name, person=person)
    terms = keys.prefix_terms()
    if pinyin:
        terms |= pinyin_keys(pinyin).prefix_terms()
    return any(t.startswith(qn) for t in terms)


def expected(query):
    return {
        company
        for company, people in CUSTOMERS.items()
        if whole_terms_match(query, company, person=False)
        or any(whole_terms_match(query, n, p) for n, p in people)
    }


def listed(s, query, after=None, limit=100):
    return accounts.list_accounts(s, AccountFilter(text=query), limit=limit, after=after)


@pytest.mark.parametrize("query", SHORT)
def test_prefixes_find_exactly_what_whole_terms_found(db, book, query):
    by_id = {v: k for k, v in book.items()}
    with db.reading() as s:
        page = listed(s, query)
    assert {by_id[r.id] for r in page.rows} == expected(query)
    assert page.exact and page.total == len(expected(query))


@pytest.mark.parametrize("query", ["z", "zw", "张", "m"])
def test_short_search_pages_in_list_order_without_gaps_or_repeats(db, book, monkeypatch, query):
    with db.reading() as s:
        everyone = [r.id for r in accounts.list_accounts(s, limit=100).rows]
        whole = [r.id for r in listed(s, query).rows]
        monkeypatch.setattr(accounts, "NARROW_MATCHES", 0)  # the walk in list order
        first = listed(s, query, limit=1)
        paged, after = [r.id for r in first.rows], first.after
        while after is not None:
            page = listed(s, query, after=after, limit=1)
            paged += [r.id for r in page.rows]
            after = page.after
    assert paged == whole and len(set(paged)) == len(paged)
    assert paged == [i for i in everyone if i in set(whole)], "in the list's order"
    if len(whole) > 1:
        assert not first.exact and first.total == 1, "a broad search shows 1+, not a count"


def fts_rows(s, token):
    sql = "SELECT count(*) FROM search_prefix WHERE search_prefix MATCH :m"
    return s.scalar(text(sql), {"m": f'"{prefix_token(token)}"'})


def doc_rows(s, token):
    return s.scalar(
        text("SELECT count(*) FROM search_doc WHERE instr(terms, :t) > 0"), {"t": f" {token} "}
    )


def account_prefixes(s):
    """search_account's prefixes against the union of each account's documents'."""
    union = {}
    for account_id, terms in s.execute(text("SELECT account_id, terms FROM search_doc")):
        union.setdefault(account_id, set()).update(terms.split())
    stored = dict(s.execute(text("SELECT account_id, terms FROM search_account")).all())
    return {a: set(t.split()) for a, t in stored.items()}, union


def trigram_rows(s, gram):
    """search_fts's documents holding a trigram, and search_doc's whose text holds it."""
    fts = s.scalar(
        text("SELECT count(*) FROM search_fts WHERE search_fts MATCH :m"), {"m": f'"{gram}"'}
    )
    docs = s.scalar(
        text(f"SELECT count(*) FROM search_doc AS d WHERE instr({_TEXT}, :g) > 0"), {"g": gram}
    )
    return fts, docs


def test_the_fts_tables_follow_every_edit_and_a_rebuild(db, book):
    with db.transaction() as s:
        zhang = contacts.list_contacts(s, book["深圳华科电子"])
        contacts.update_contact(s, next(c.id for c in zhang if c.name == "张伟"), name="赵伟")
        lina = contacts.list_contacts(s, book["张家口水泥"])[0]
        contacts.delete_contact(s, lina.id)
        accounts.update_account(s, book["Zhang Brothers"], name="Zhao Brothers")
        accounts.delete_account(s, book["长城贸易"])
    tokens = ["张", "zw", "赵", "z", "l", "ln", "单", "w", "sy", "zb"]
    with db.reading() as s:
        counts = [(fts_rows(s, t), doc_rows(s, t)) for t in tokens]
        grams = [
            trigram_rows(s, g) for g in ("zha", "ngw", "zho", "ina", "dan", "bro", "hao", "赵伟 ")
        ]
        zhangwei = [h.name for h in search(s, "zhangwei")]
        stored, union = account_prefixes(s)
    assert all(fts == docs for fts, docs in counts), "no stale or missing FTS rows"
    assert stored == union and book["长城贸易"] not in stored
    assert all(fts == docs for fts, docs in grams), "no stale or missing trigram rows"
    assert zhangwei == [] and counts[2][0] >= 1, "the renamed person is found by the new name only"
    with db.transaction() as s:
        rebuild_index(s)
    with db.reading() as s:
        assert [(fts_rows(s, t), doc_rows(s, t)) for t in tokens] == counts
        assert [h.name for h in search(s, "zhaowei")] == ["赵伟"]
        assert account_prefixes(s)[0] == stored


def test_the_search_text_is_stored_once(db, book):
    """Contentless FTS tables: the text they index lives only in search_doc's columns."""
    with db.reading() as s:
        tables = set(s.scalars(text("SELECT name FROM sqlite_master WHERE type = 'table'")))
    assert not {"search_fts_content", "search_prefix_content", "search_term"} & tables


def test_a_substring_is_found_only_where_it_is_not_just_its_trigrams(db):
    """search_fts keeps no positions: "Elan Anon" holds every trigram of "elano" (ela, lan,
    ano) but not "elano" itself; the rebuilt text is checked for the substring."""
    with db.transaction() as s:
        accounts.create_account(s, "Elan Anon")
        wanted = accounts.create_account(s, "Delano Ruiz").id
    with db.reading() as s:
        page = listed(s, "elano")
        hits = [h.name for h in search(s, "elano")]
    assert [r.id for r in page.rows] == [wanted] and page.total == 1
    assert hits == ["Delano Ruiz"]


def test_a_bulk_build_fills_the_index_at_the_end_and_keeps_the_trigger(db):
    """Inside ``bulk_index`` the FTS tables are filled once at the end; afterwards (and after
    a failed build, rolled back) each new record is indexed by the trigger again."""
    from trustdesk.db import search as index
    from trustdesk.services import accounts

    with db.transaction() as s, index.bulk_index(s):
        accounts.create_account(s, "深圳华科电子有限公司")
        accounts.create_account(s, "Margaret Trading Ltd")
    try:
        with db.transaction() as s, index.bulk_index(s):
            accounts.create_account(s, "广州远航物流")
            raise RuntimeError("the build stopped")
    except RuntimeError:
        pass
    with db.transaction() as s:
        accounts.create_account(s, "北京宏安化工")
    with db.reading() as s:
        found = {
            q: [h.name for h in index.search(s, q)] for q in ("华科", "garet", "远航", "宏安", "ha")
        }
    assert found["华科"] == ["深圳华科电子有限公司"]
    assert found["garet"] == ["Margaret Trading Ltd"]
    assert found["远航"] == []  # rolled back whole
    assert found["宏安"] == ["北京宏安化工"]
    assert "北京宏安化工" in found["ha"]
