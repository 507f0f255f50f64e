"""Overview tab: every ACC-1 field, the lifecycle stage with its history, do-not-serve."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import AccountKind, CommitmentStatus, LabeledEnum
from trustdesk.errors import ValidationError
from trustdesk.services import accounts, commitments
from trustdesk.services.accounts import AccountOverview
from trustdesk.services.records import AccountData, CommitmentData, StageChangeData
from trustdesk.ui.account.stage_advice import Advice, StageAdvicePanel, stage_advice
from trustdesk.ui.account.stage_dialog import StageDialog
from trustdesk.ui.account.tab import AccountTab
from trustdesk.ui.forms import FieldForm, enum_combo, fill_table, history_table, set_value, text_of
from trustdesk.ui.i18n import error_text, label
from trustdesk.ui.ops import Ops, users_mistake

TEXT_FIELDS = ("name", "industry", "region", "address", "phone", "website", "owner")


def overview_and_promises(
    session: Any, account_id: str
) -> tuple[AccountOverview, list[CommitmentData], Advice]:
    """The tab's one read: the account, its overdue or broken promises (COM-3), and the
    suggested stage with the three-chances finding (ACC-4, CMP-3)."""
    return (
        accounts.account_overview(session, account_id),
        commitments.list_commitments(session, account_id=account_id, troubled=True),
        stage_advice(session, account_id),
    )


class OverviewTab(AccountTab):
    """Edits one account: every field, the stage with its history, do-not-serve."""

    KINDS = frozenset({"account", "stage", "tag", "commitment", "commitment_change"})

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.account: AccountData | None = None

        self.form = FieldForm()
        captions = {
            "name": self.tr("Name"),
            "industry": self.tr("Industry"),
            "region": self.tr("Region"),
            "address": self.tr("Address"),
            "phone": self.tr("Phone"),
            "website": self.tr("Website"),
            "owner": self.tr("Owner"),
        }
        self.form.add("name", captions["name"], QLineEdit())
        self.form.add("kind", self.tr("Kind"), enum_combo(AccountKind))
        for field in TEXT_FIELDS[1:]:
            self.form.add(field, captions[field], QLineEdit())
        tags = self.form.add("tags", self.tr("Tags"), QLineEdit())
        tags.setPlaceholderText(self.tr("Separate tags with commas"))
        notes = self.form.add("notes", self.tr("Notes"), QPlainTextEdit())
        notes.setFixedHeight(self.fontMetrics().height() * 5)

        # Lifecycle stage (ACC-2, ACC-3)
        self.stage_label = QLabel()
        self.stage_label.setObjectName("stageLabel")
        self.stage_button = QPushButton(self.tr("Change stage…"))
        self.stage_button.clicked.connect(self.change_stage)
        self.history = history_table(
            [self.tr("When"), self.tr("Stage"), self.tr("Reason"), self.tr("By")], 2
        )
        self.history.setObjectName("stageHistory")
        # The history grows with the window: a long-time customer's moves fill the column
        # instead of scrolling in a fixed eight-row box above empty space.
        self.history.setMaximumHeight(16_777_215)  # QWIDGETSIZE_MAX: no limit
        stage_box = QGroupBox(self.tr("Lifecycle stage"))
        stage_row = QHBoxLayout()
        stage_row.addWidget(self.stage_label, 1)
        stage_row.addWidget(self.stage_button)
        stage_layout = QVBoxLayout(stage_box)
        stage_layout.addLayout(stage_row)
        stage_layout.addWidget(self.history, 1)

        # Overdue and broken promises (COM-3)
        self.promises = QLabel()
        self.promises.setObjectName("troubledPromises")
        self.promises.setWordWrap(True)
        self.promises.setTextFormat(Qt.TextFormat.PlainText)
        promises_box = QGroupBox(self.tr("Promises"))
        QVBoxLayout(promises_box).addWidget(self.promises)

        # Do-not-serve (ACC-6)
        self.dns_check = QCheckBox(self.tr("Do not serve this customer"))
        self.dns_check.setObjectName("doNotServe")
        self.dns_reason = QLineEdit()
        self.dns_reason.setPlaceholderText(self.tr("Reason (required)"))
        self.dns_error = QLabel()
        self.dns_error.setStyleSheet("color: #b3261e;")
        self.dns_error.hide()
        self.dns_since = QLabel()
        dns_box = QGroupBox(self.tr("Do not serve"))
        dns_layout = QVBoxLayout(dns_box)
        dns_row = QHBoxLayout()
        dns_row.addWidget(self.dns_check)
        dns_row.addWidget(self.dns_reason, 1)
        dns_layout.addLayout(dns_row)
        dns_layout.addWidget(self.dns_error)
        dns_layout.addWidget(self.dns_since)
        self.dns_check.toggled.connect(self.dns_reason.setEnabled)

        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveAccount")
        self.save_button.setToolTip("Ctrl+S")
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.setToolTip("Esc")
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        left = QVBoxLayout()
        left.addWidget(self.form)
        left.addStretch(1)
        right = QVBoxLayout()
        # The suggested stage and the three-chances finding (ACC-4, CMP-3)
        self.advice = StageAdvicePanel(ops)
        self.advice.message.connect(self.message)
        right.addWidget(self.advice)
        right.addWidget(promises_box)
        right.addWidget(stage_box, 1)
        right.addWidget(dns_box)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(columns)
        body_layout.addLayout(buttons)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        if ops.store.read_only:
            for widget in (
                *self.form.editors.values(),
                self.stage_button,
                self.dns_check,
                self.dns_reason,
                self.save_button,
                self.revert_button,
            ):
                widget.setEnabled(False)

    # --- loading -------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Overview")

    def load(self) -> None:
        assert self.account_id is not None
        self.ops.read(overview_and_promises, self.account_id).success(self._show).run(
            self, key="load"
        )
        self.advice.account_id = self.account_id

    def _show_promises(self, troubled: list[CommitmentData]) -> None:
        """Overdue and broken promises, one a line; red when there is any."""
        if not troubled:
            self.promises.setStyleSheet("color: #3b6e3b;")
            self.promises.setText(self.tr("No overdue or broken promises."))
            return
        lines = []
        for p in troubled:
            if p.status is CommitmentStatus.BROKEN:
                state = self.tr("Broken")
            else:
                state = self.tr("Overdue since {0}").format(p.due.isoformat() if p.due else "")
            whom = f" → {p.contact_name}" if p.contact_name else ""
            lines.append("• " + self.tr("{0}: {1}").format(state, p.what.splitlines()[0] + whom))
        self.promises.setStyleSheet("color: #b3261e;")
        self.promises.setText("\n".join(lines))

    def _show(self, found: tuple[AccountOverview, list[CommitmentData], Advice]) -> None:
        overview, troubled, advice = found
        self.advice.show_advice(advice)
        self._show_promises(troubled)
        self.account = overview.account
        self.revert()
        self._show_history(overview.stage_history)

    def revert(self) -> None:
        """Show the saved values again, dropping unsaved edits (Esc)."""
        account = self.account
        if account is None:
            return
        self.form.clear_errors()
        self.dns_error.hide()
        for field in (*TEXT_FIELDS, "kind", "notes"):
            set_value(self.form.editors[field], getattr(account, field))
        set_value(self.form.editors["tags"], ", ".join(account.tags))
        self.stage_label.setText(
            self.tr("{0} — {1}").format(label(account.stage), label(account.trust_phase))
        )
        self.dns_check.setChecked(account.do_not_serve)
        self.dns_reason.setText(account.do_not_serve_reason)
        self.dns_reason.setEnabled(account.do_not_serve)
        since = account.do_not_serve_at
        self.dns_since.setText(
            self.tr("Since {0}").format(since.astimezone().strftime("%Y-%m-%d")) if since else ""
        )

    def has_edits(self) -> bool:
        """The form differs from the saved customer: Save would write something."""
        account = self.account
        if account is None:
            return False

        def shown(value: Any) -> Any:
            if isinstance(value, LabeledEnum):
                return value.code
            return "" if value is None else value

        for field in (*TEXT_FIELDS, "kind", "notes"):
            if text_of(self.form.editors[field]) != shown(getattr(account, field)):
                return True
        return (
            text_of(self.form.editors["tags"]) != ", ".join(account.tags)
            or self.dns_check.isChecked() != account.do_not_serve
            or self.dns_reason.text() != account.do_not_serve_reason
        )

    def _show_history(self, history: list[StageChangeData]) -> None:
        rows = []
        for change in history:
            reason = change.reason
            if change.lost_reason is not None:
                reason = f"{label(change.lost_reason)}: {reason}"
            rows.append(
                (
                    change.changed_at.astimezone().strftime("%Y-%m-%d"),
                    label(change.to_stage),
                    reason,
                    change.changed_by,
                )
            )
        fill_table(self.history, rows)

    # --- saving --------------------------------------------------------------------------

    def save(self) -> None:
        """Write the form in one transaction; on a refused field, say why beside it."""
        account = self.account
        if account is None:
            return
        self.form.clear_errors()
        self.dns_error.hide()
        values: dict[str, Any] = {
            f: text_of(self.form.editors[f]) for f in (*TEXT_FIELDS, "kind", "notes")
        }
        if not values["name"].strip():
            self.form.show_error("name", self.tr("Enter the customer's name."))
            return
        raw_tags = text_of(self.form.editors["tags"]).replace("，", ",")
        values["tags"] = [t.strip() for t in raw_tags.split(",") if t.strip()]
        dns = self.dns_check.isChecked()
        dns_reason = self.dns_reason.text().strip()
        if dns and not dns_reason:
            self.dns_error.setText(self.tr("Say why this customer is not to be served."))
            self.dns_error.show()
            return
        (
            self.ops.write(
                accounts.save_account,
                account.id,
                do_not_serve=dns,
                do_not_serve_reason=dns_reason,
                **values,
            )
            .success(lambda saved: self._saved(saved, self.tr("Saved {0}.").format(saved.name)))
            .failure(self._refused)
            .run(self)
        )

    def _saved(self, saved: AccountData, message: str) -> None:
        self.account = saved
        self.revert()
        self.message.emit(message)

    def _refused(self, error: BaseException) -> None:
        mistake = users_mistake(error)
        if mistake is None:
            self.ops.report_failure(error)
        elif not (
            isinstance(mistake, ValidationError)
            and self.form.show_error(mistake.field, error_text(mistake))
        ):
            self.message.emit(error_text(mistake))

    def change_stage(self) -> None:
        account = self.account
        if account is None:
            return
        dialog = StageDialog(account.stage, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        stage, reason, lost = dialog.values()
        (
            self.ops.write(accounts.change_stage, account.id, stage, reason, lost_reason=lost)
            .success(
                lambda saved: self._saved(
                    saved, self.tr("{0} is now {1}.").format(saved.name, label(saved.stage))
                )
            )
            .failure(self._refused)
            .run(self)
        )
