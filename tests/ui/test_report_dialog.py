"""The Export report dialog (VIS-4): reached from the workspace, the Visits section and the
File menu; writes on the worker with progress; Cancel leaves no file; offers to open it."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QDialogButtonBox

from trustdesk.services import visits
from trustdesk.services.progress import Progress
from trustdesk.ui import report_dialog
from trustdesk.ui.report_dialog import ReportDialog

from .helpers import settle


@pytest.fixture
def visited(store, huake):
    zhang = next(c for c in store.read(visits.visit_form, huake.id).people if c.name == "张三")
    store.write(
        visits.log_visit, huake.id, channel="in-person", functions=["relationship"],
        contact_ids=[zhang.id], at=datetime.now().astimezone() - timedelta(minutes=5),
        notes="讨论框架协议",
    )  # fmt: skip
    return huake


def export(qtbot, dialog: ReportDialog, path) -> None:
    dialog.path.setText(str(path))
    dialog.export_button.click()
    qtbot.waitUntil(
        lambda: (
            dialog.isEnabled()
            and bool(dialog.written or any(dialog.form.error_text(f) for f in dialog.form.editors))
        )
    )


def test_a_customer_report_is_written_and_offered_to_open(qtbot, ops, visited, tmp_path,
                                                          english, monkeypatch):  # fmt: skip
    opened = []
    monkeypatch.setattr(report_dialog, "open_path", opened.append)
    dialog = ReportDialog(ops, account_id=visited.id, account_name=visited.name)
    qtbot.addWidget(dialog)
    assert dialog.scope.currentData() == "account"
    dialog.lang.setCurrentIndex(dialog.lang.findData("zh"))
    export(qtbot, dialog, tmp_path / "huake.pdf")
    assert dialog.written == tmp_path / "huake.pdf"
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(dialog.written).pages))
    assert "客户报告：深圳华科电子有限公司" in text and "讨论框架协议" in text and "张三" in text
    assert dialog.done_box.isVisibleTo(dialog) and not dialog.export_button.isVisibleTo(dialog)
    assert "huake.pdf" in dialog.done_label.text()
    dialog.open_file.click()
    dialog.open_folder.click()
    assert opened == [tmp_path / "huake.pdf", tmp_path]
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert close.text() == "Close"


def test_choosing_a_format_renames_the_file(qtbot, ops, visited, tmp_path, english):
    dialog = ReportDialog(ops)
    qtbot.addWidget(dialog)
    assert [dialog.scope.itemData(i) for i in range(dialog.scope.count())] == ["portfolio"]
    dialog.path.setText(str(tmp_path / "q4.pdf"))
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    assert dialog.path.text() == str(tmp_path / "q4.xlsx")
    export(qtbot, dialog, tmp_path / "q4.xlsx")
    assert dialog.written == tmp_path / "q4.xlsx" and dialog.written.stat().st_size > 0


def test_cancel_leaves_no_file(qtbot, ops, visited, tmp_path, english, monkeypatch):
    def cancelled_at_once(self, done, total=None, text=None):
        self.cancel()
        self.check()

    monkeypatch.setattr(Progress, "step", cancelled_at_once)
    dialog = ReportDialog(ops)
    qtbot.addWidget(dialog)
    export(qtbot, dialog, tmp_path / "q4.pdf")
    assert dialog.written is None
    assert dialog.form.error_text("path") == "Cancelled; no file was written."
    assert list(tmp_path.glob("*q4*")) == []


def test_a_refusal_shows_beside_its_field(qtbot, ops, visited, tmp_path, english):
    dialog = ReportDialog(ops)
    qtbot.addWidget(dialog)
    dialog.owner.setText("Nobody")
    export(qtbot, dialog, tmp_path / "q4.pdf")
    assert "owned by 'Nobody'" in dialog.form.error_text("owner")
    assert dialog.written is None and not (tmp_path / "q4.pdf").exists()


def test_the_dialog_opens_from_workspace_visits_and_file_menu(qtbot, window, visited,
                                                                monkeypatch):  # fmt: skip
    calls = []
    monkeypatch.setattr(report_dialog, "open_report_dialog",
                        lambda ops, parent, **kw: calls.append(kw))  # fmt: skip
    window.open_account(visited.id)
    settle(window)
    window.workspace.report_button.click()
    assert calls[-1] == {"account_id": visited.id, "account_name": "深圳华科电子有限公司"}
    action = next(
        a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "Export &report…"
    )
    action.trigger()
    assert calls[-1]["account_id"] == visited.id  # the open customer is offered
    window.visits.report_button.click()
    assert calls[-1] == {"account_id": None, "account_name": "", "visit_id": None}
