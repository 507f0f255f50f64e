"""``trustdesk report``: reports written in each format; bad input refused with one line, exit
code 2 and nothing written; a progress line only on a terminal."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import pytest
from pypdf import PdfReader

# The writers draw with Qt: pytest-qt's QApplication, made first, is the one they use (a
# bare QGuiApplication made by them would stay and break the widget tests run after).
pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def huake(cli):
    def new(*args):
        return json.loads(cli(*args, "--json")[1])["id"]

    acc = new("accounts", "add", "深圳华科电子有限公司", "--stage", "regular")
    zhang = new("contacts", "add", "--account", acc, "张伟")
    visit = new(
        "visits", "add", "--account", acc, "--channel", "in-person", "--function", "relationship",
        "--contact", zhang, "--at", "2026-02-03 10:00", "--notes", "讨论明年框架协议",
    )  # fmt: skip
    return acc, visit


def period(start="2026-01-01", end="2026-03-31"):
    return ["--from", start, "--to", end]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx", "csv"])
def test_an_account_report_in_each_format(cli, huake, tmp_path, fmt):
    out = tmp_path / f"huake.{fmt}"
    _, said, _ = cli("report", "account", huake[0], *period(), "--out", str(out), lang="zh")
    assert said.startswith(f"已将报告写入 {out}")
    if fmt == "pdf":
        text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(out).pages))
        assert "深圳华科电子有限公司" in text and "讨论明年框架协议" in text
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
        assert len(rows) == 2 and rows[1][0] == "深圳华科电子有限公司" and "张伟" in rows[1]
    else:
        assert out.stat().st_size > 0


def test_visit_and_portfolio_reports(cli, huake, tmp_path):
    cli("report", "visit", huake[1], "--out", str(tmp_path / "v.pdf"), "--format", "pdf")
    cli("report", "portfolio", "--stage", "regular", *period(), "--out", str(tmp_path / "p.xlsx"),
        "--lang", "en")  # fmt: skip
    assert (tmp_path / "v.pdf").exists() and (tmp_path / "p.xlsx").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["account", "nope", *period()], "No customer with id nope."),
        (["visit", "nope"], "No visit with id nope."),
        (["account", "{acc}", *period("2026-03-01", "2026-01-01")], "starts after it ends"),
        (["account", "{acc}", *period("2020-01-01", "2020-02-01")], "Nothing to report"),
        (["account", "{acc}"], "Give the period with --from DATE --to DATE."),
        (["account", "{acc}", *period(), "--format", "docx"], "does not match the file name"),
        (["portfolio", *period(), "--stage", "nope"], "not a valid stage"),
        (["account", "{acc}", *period(), "--from", "yesterday"], "not a date"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(cli, huake, tmp_path, args, message):
    out = tmp_path / "r.pdf"
    args = [a.replace("{acc}", huake[0]) for a in args]
    _, said, err = cli("report", *args, "--out", str(out), expect=2)
    assert message in err and err.count("\n") == 1 and said == ""
    assert list(tmp_path.glob("*r.pdf*")) == []


def test_an_unwritable_place_is_refused(cli, huake, tmp_path):
    _, _, err = cli("report", "account", huake[0], *period(), "--out",
                    str(tmp_path / "missing" / "r.pdf"), expect=2)  # fmt: skip
    assert "does not exist" in err and err.count("\n") == 1


def test_progress_shows_on_a_terminal_only(cli, huake, tmp_path):
    """Piped (as here), stderr stays empty; the progress line is for a person watching."""
    out = tmp_path / "p.pdf"
    _, _, err = cli("report", "portfolio", *period(), "--out", str(out))
    assert err == ""
    script = (
        "import sys, pty, os; from trustdesk.cli import main\n"
        "r, w = pty.openpty(); os.dup2(w, 2)\n"
        f"code = main(['--db', {str(cli.path)!r}, 'report', 'portfolio', '--from', '2026-01-01',"
        f" '--to', '2026-03-31', '--out', {str(tmp_path / 'q.pdf')!r}, '--lang', 'en'])\n"
        "os.close(w); seen = os.read(r, 65536).decode(); print(code, repr(seen))\n"
    )
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True).stdout  # fmt: skip
    assert "\n0 " in shown and "Reading customer 1 of 1" in shown
    assert "Writing customer 1 of 1" in shown
