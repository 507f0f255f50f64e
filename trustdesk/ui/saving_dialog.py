"""A dialog whose Save is a write on the database worker.

It stays open, disabled, until the write is done: then it closes with ``saved`` holding the
written record, or shows the refusal beside the field it names (a storage problem or a bug
goes where ``Ops.report_failure`` sends it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from trustdesk.ui.forms import FieldForm, show_refusal
from trustdesk.ui.ops import Op, Ops, users_mistake


class SavingDialog(QDialog):
    # The forms a refusal may be shown in (the first one takes a refusal of no field).
    forms: Sequence[FieldForm] = ()

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self.saved: Any = None

    def save_with(self, op: Op[Any]) -> None:
        self.setEnabled(False)
        op.success(self._on_saved).failure(self._on_refused).run(self)

    def _on_saved(self, saved: object) -> None:
        self.saved = saved
        self.setEnabled(True)
        super().accept()

    def _on_refused(self, error: BaseException) -> None:
        self.setEnabled(True)
        mistake = users_mistake(error)
        if mistake is None:
            self._ops.report_failure(error)
        else:
            show_refusal(self.forms, mistake)
