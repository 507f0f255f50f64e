"""A damaged page is reported by ``db check`` in sentences (exit 1), and opening refuses the
file instead of writing into it; neither changes it."""

from __future__ import annotations

import filecmp
import shutil
import sqlite3

import pytest

from trustdesk.cli import main
from trustdesk.db import engine
from trustdesk.errors import DatabaseDamagedError
from trustdesk.services import accounts
from trustdesk.services.store import open_store


def _many(session, count):
    for i in range(count):
        accounts.create_account(session, f"客户{i:03d}", notes="备注" * 40)


@pytest.fixture
def damaged(tmp_path, request):
    """A real database whose account table has one leaf page overwritten; ``which`` picks a
    middle leaf or the last one."""
    path = tmp_path / "crm.sqlite3"
    store = open_store(path)
    store.write(_many, 400)
    store.close()  # the -wal is folded into the file
    with sqlite3.connect(engine.read_only_uri(path, immutable=True), uri=True) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        leaves = [
            row[0]
            for row in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'account' AND pagetype = 'leaf' "
                "ORDER BY path"
            )
        ]
    conn.close()
    page = leaves[len(leaves) // 2] if request.param == "middle" else leaves[-1]
    assert len(leaves) > 3
    with path.open("r+b") as f:
        f.seek((page - 1) * page_size)
        f.write(b"\xff" * page_size)
    reference = tmp_path / "reference.sqlite3"
    shutil.copyfile(path, reference)
    return path, reference, page


@pytest.mark.parametrize("damaged", ["middle"], indirect=True)
def test_db_check_lists_the_damage_in_sentences(damaged, capsys):
    path, reference, _ = damaged
    assert main(["--db", str(path), "--lang", "en", "db", "check"]) == 1
    out, err = capsys.readouterr()
    assert "is damaged" in err
    assert "The table account (or one of its indexes) cannot be read to the end" in err
    assert "Nothing was changed" in err
    assert "unexpected" not in err and "客户" not in err + out
    assert main(["--db", str(path), "--lang", "zh", "db", "check"]) == 1
    assert "表 account（或其索引）无法完整读取：已损坏。" in capsys.readouterr().err
    assert filecmp.cmp(path, reference, shallow=False)
    assert [p.name for p in path.parent.iterdir() if p.name.startswith("crm")] == ["crm.sqlite3"]


@pytest.mark.parametrize("damaged", ["middle"], indirect=True)
def test_opening_a_damaged_file_refuses_it_untouched(damaged, capsys):
    path, reference, _ = damaged
    with pytest.raises(DatabaseDamagedError) as refused:
        open_store(path)
    assert refused.value.path == path
    assert str(refused.value).startswith(f"The database file {path} is damaged")
    assert "已损坏" in refused.value.zh
    assert main(["--db", str(path), "--lang", "en", "accounts", "add", "新客户"]) == 2
    err = capsys.readouterr().err
    assert "is damaged" in err and "unexpected" not in err
    assert filecmp.cmp(path, reference, shallow=False)
    assert [p.name for p in path.parent.iterdir() if p.name.startswith("crm")] == ["crm.sqlite3"]


@pytest.mark.parametrize("damaged", ["last"], indirect=True)
def test_large_files_are_probed_cheaply_on_open(damaged, monkeypatch):
    """Above QUICK_CHECK_MAX_BYTES only the ends of each table are read on open: damage
    where the newest rows are appended is still caught."""
    path, reference, _ = damaged
    monkeypatch.setattr(engine, "QUICK_CHECK_MAX_BYTES", 0)
    with pytest.raises(DatabaseDamagedError):
        open_store(path)
    assert filecmp.cmp(path, reference, shallow=False)
