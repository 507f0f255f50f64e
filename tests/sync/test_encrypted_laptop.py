"""OFF-3 with OFF-4: a laptop whose file is encrypted syncs like any other (issue 18)."""

from __future__ import annotations

import pytest

from trustdesk.db import keys
from trustdesk.services import accounts, security
from trustdesk.services.store import open_store


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**14)
    yield
    keys.forget_all()


def test_an_encrypted_laptop_pulls_and_pushes_and_shows_nothing_in_its_bytes(team):
    a = team.laptop("a")
    acc = a.write(accounts.create_account, "诸葛精密机械有限公司", region="宁波")
    team.sync(a)

    b_path = team.folder / "b.sqlite3"
    open_store(b_path).close()
    security.encrypt(b_path, "team laptop passphrase")
    keys.forget_all()
    security.unlock(b_path, "team laptop passphrase")
    b = open_store(b_path)
    team.laptops.append(b)
    assert team.sync(b).pulled >= 1
    assert b.read(accounts.get_account, acc.id).name == "诸葛精密机械有限公司"
    b.write(accounts.update_account, acc.id, region="宁波北仑")
    team.sync(b)
    team.sync(a)
    assert a.read(accounts.get_account, acc.id).region == "宁波北仑"
    for file in (b_path, b_path.with_name("b.sqlite3-wal")):
        assert "诸葛精密".encode() not in file.read_bytes()
