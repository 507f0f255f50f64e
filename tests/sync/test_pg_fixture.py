"""The test cluster's own promise: without PostgreSQL's programs the tests that need a server
fail with the command that installs them; they are never skipped."""

from __future__ import annotations

import pytest

from tests import pg


def test_missing_postgresql_programs_fail_with_the_setup_command(tmp_path, monkeypatch):
    monkeypatch.setenv("TRUSTDESK_PG_BIN", str(tmp_path))  # a folder without initdb

    with pytest.raises(pytest.fail.Exception) as failed:
        pg._bin_dir()

    message = str(failed.value)
    assert message.startswith(
        f"PostgreSQL's initdb and pg_ctl were not found (looked in {tmp_path})"
    )
    assert message.endswith(
        "run `bash packaging/setup.sh test` to install Debian's postgresql package."
    )


def test_the_session_cluster_takes_scram_passwords_only(pg_server):
    """Password authentication is on (so "never shown" is tested against a real password):
    the cluster's rules name scram-sha-256 for every connection."""
    with pg_server.admin() as admin:
        methods = {row[0] for row in admin.execute("SELECT auth_method FROM pg_hba_file_rules")}
    assert methods == {"scram-sha-256"}
