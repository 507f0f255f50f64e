"""``cli``: the command line run in the test process, on a private database."""

import pytest

from trustdesk.cli import main


@pytest.fixture
def cli(tmp_path, capsys):
    """``cli(*args)`` → (exit code, stdout, stderr), English labels unless ``lang`` is given;
    the database is made on first use unless ``create=False``.

    The same parser and commands as the installed ``trustdesk``, without a new interpreter
    per command (~0.5 s each); tests that need the real process run ``python -m trustdesk``.
    """
    path = tmp_path / "records.sqlite3"

    def run(*args, expect=0, lang="en", db=path, create=True):
        code = main(["--db", str(db), *(["--create"] if create else []), "--lang", lang, *args])
        out, err = capsys.readouterr()
        assert code == expect, err
        return code, out, err

    run.path = path
    return run
