"""The main window: navigation, the customer list beside the open account, menus, status."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trustdesk import __version__, paths
from trustdesk.services.maintenance import BackupInfo, list_backups
from trustdesk.services.store import Store
from trustdesk.ui.account.new_account_dialog import NewAccountDialog
from trustdesk.ui.account.workspace import AccountWorkspace
from trustdesk.ui.customers.view import CustomerListView
from trustdesk.ui.i18n import settings
from trustdesk.ui.message_bar import MessageBar
from trustdesk.ui.ops import Ops
from trustdesk.ui.restore_dialog import RestoreDialog
from trustdesk.ui.settings_dialog import SettingsDialog
from trustdesk.ui.visits.log_dialog import open_log_visit, saved_message
from trustdesk.ui.visits.section import VisitsSection

STATUS_MS = 6000
Shortcut = QKeySequence | QKeySequence.StandardKey | str
BUSY_DELAY_MS = 300


class MainWindow(QMainWindow):
    """``languageChangeRequested`` after Settings changed the language (the app rebuilds);
    ``restoreRequested(Path)`` when the user chose a backup to restore (the app closes the
    database, restores and reopens)."""

    languageChangeRequested = Signal()
    restoreRequested = Signal(object)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        # The window's one database worker (not a child: it outlives the widgets while the
        # last queued work finishes, see closeEvent).
        self.ops = Ops(store)
        self.setWindowTitle(self.tr("TrustDesk — {0}").format(store.path.name))
        self.setObjectName("mainWindow")

        self.customers = CustomerListView(self.ops)
        self.workspace = AccountWorkspace(self.ops)
        self.workspace.hide()
        self.customer_split = QSplitter(Qt.Orientation.Horizontal)
        self.customer_split.setObjectName("customerSplit")
        self.customer_split.addWidget(self.customers)
        self.customer_split.addWidget(self.workspace)
        self.customer_split.setStretchFactor(0, 2)
        self.customer_split.setStretchFactor(1, 3)
        self.customer_split.setChildrenCollapsible(False)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        QListWidgetItem(self.tr("Customers"), self.nav)
        self.visits_item = QListWidgetItem(self.tr("Visits"), self.nav)
        self.nav.setMaximumWidth(200)
        self.visits = VisitsSection(self.ops)
        self.visits.openRequested.connect(self.show_account)
        self.visits.message.connect(self.show_message)
        self.visits.countChanged.connect(self._on_visits_count)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.customer_split)
        self.pages.addWidget(self.visits)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        self.main_split = QSplitter(Qt.Orientation.Horizontal)
        self.main_split.setObjectName("mainSplit")
        self.main_split.addWidget(self.nav)
        self.main_split.addWidget(self.pages)
        self.main_split.setStretchFactor(1, 1)
        self.main_split.setSizes([140, 1000])
        self.message_bar = MessageBar()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.message_bar)
        column.addWidget(self.main_split, 1)
        self.setCentralWidget(central)

        self.busy_label = QLabel(self.tr("Working…"))
        self.busy_label.setObjectName("busyLabel")
        self.busy_label.hide()
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(self.busy_label.show)
        self.ops.busyChanged.connect(self._on_busy)
        self.ops.message.connect(self.show_message)
        self.ops.problem.connect(self.show_problem)
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.count_label)
        self.customers.model.totalChanged.connect(self._on_total_changed)
        self._on_total_changed(self.customers.model.total)

        self.customers.openRequested.connect(self.open_account)
        self.workspace.message.connect(self.show_message)
        self.workspace.closeRequested.connect(self.close_account)
        self._build_menus()
        self._restore_layout()
        # The overdue count in the navigation: read after the list's first page (the worker
        # runs reads in order), never before the first paint.
        QTimer.singleShot(0, self.visits.refresh_count)
        if store.read_only:
            self.message_bar.show_message(
                self.tr(
                    "Read-only: this database's file or folder cannot be written, so changes "
                    "are off. Copy it to a folder you can write to in order to edit it."
                ),
                level="warning",
                closable=False,
            )

    # --- menus and shortcuts -------------------------------------------------------------

    def _action(self, text: str, slot: object, shortcut: Shortcut | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.new_action = self._action(
            self.tr("&New customer…"), self.new_account, QKeySequence.StandardKey.New
        )
        file_menu.addAction(self.new_action)
        file_menu.addSeparator()
        self.restore_action = self._action(self.tr("&Restore from backup…"), self.choose_backup)
        file_menu.addAction(self.restore_action)
        file_menu.addAction(self._action(self.tr("&Settings…"), self.open_settings))
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Quit"), self.close, "Ctrl+Q"))

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.find_action = self._action(
            self.tr("&Find customer"), self.customers.focus_search, QKeySequence.StandardKey.Find
        )
        edit_menu.addAction(self.find_action)
        self.save_action = self._action(
            self.tr("&Save"), self.save_current, QKeySequence.StandardKey.Save
        )
        edit_menu.addAction(self.save_action)
        self.revert_action = QAction(self.tr("&Cancel edits"), self)
        self.revert_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.revert_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.revert_action.triggered.connect(self.workspace.revert)
        self.workspace.addAction(self.revert_action)
        edit_menu.addAction(self.revert_action)

        customer_menu = bar.addMenu(self.tr("&Customer"))
        self.open_action = QAction(self.tr("&Open"), self)
        self.open_action.setShortcut(QKeySequence(Qt.Key.Key_Return))
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.open_action.triggered.connect(self._open_current)
        self.customers.table.addAction(self.open_action)
        customer_menu.addAction(self.open_action)
        self.log_visit_action = self._action(self.tr("&Log visit…"), self.log_visit, "Ctrl+L")
        customer_menu.addAction(self.log_visit_action)
        self.stage_action = self._action(
            self.tr("Change &stage…"), self.workspace.change_stage, "Ctrl+Shift+S"
        )
        customer_menu.addAction(self.stage_action)
        self.close_action = self._action(
            self.tr("&Close customer"), self.close_account, QKeySequence.StandardKey.Close
        )
        customer_menu.addAction(self.close_action)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("Open &log folder"), self.open_log_folder))
        help_menu.addAction(self._action(self.tr("&About TrustDesk"), self.about))
        self._update_actions()

    def _update_actions(self) -> None:
        is_open = self.workspace.account_id is not None and self.workspace.isVisible()
        writable = not self.store.read_only
        for action in (self.save_action, self.revert_action, self.stage_action):
            action.setEnabled(is_open and writable)
        self.close_action.setEnabled(is_open)
        self.new_action.setEnabled(writable)
        self.log_visit_action.setEnabled(writable)
        self.restore_action.setEnabled(writable)

    # --- customers -----------------------------------------------------------------------

    def open_account(self, account_id: str) -> None:
        """Show the customer beside the list (its data arrives from the worker)."""
        self.workspace.open(account_id)
        self.workspace.show()
        self.customers.set_compact(True)
        self.customers.select_account(account_id)
        self._update_actions()

    def show_account(self, account_id: str) -> None:
        """Open a customer from another section: back to the Customers page first."""
        self.nav.setCurrentRow(0)
        self.open_account(account_id)

    def log_visit(self) -> None:
        """Ctrl+L: a visit to the open customer, or to one the user picks."""
        account_id = self.workspace.account_id if self.workspace.isVisible() else None
        open_log_visit(
            self,
            self.ops,
            account_id,
            done=lambda visit: self.show_message(saved_message(visit)),
        )

    def _on_visits_count(self, overdue: int) -> None:
        text = self.tr("Visits · {0} overdue").format(overdue) if overdue else self.tr("Visits")
        self.visits_item.setText(text)

    def _open_current(self) -> None:
        account_id = self.customers.current_account_id()
        if account_id:
            self.open_account(account_id)

    def close_account(self) -> None:
        self.workspace.hide()
        self.customers.set_compact(False)
        self.workspace.close_account()
        self._update_actions()
        self.customers.table.setFocus()

    def save_current(self) -> None:
        if self.workspace.isVisible():
            self.workspace.save()

    def new_account(self) -> None:
        dialog = NewAccountDialog(self.ops, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.saved is None:
            return
        created = dialog.saved
        self.open_account(created.id)
        self.customers.select_account(created.id)
        self.show_message(self.tr("Added {0}.").format(created.name))

    def _on_busy(self, busy: bool) -> None:
        """ "Working…" shows only when work takes longer than a moment (no flicker)."""
        if busy:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self.busy_label.hide()

    def _on_total_changed(self, total: int) -> None:
        if not self.customers.model.total_exact:  # a broad search: at least this many
            text = self.tr("{0}+ customers").format(total)
        elif total == 1:
            text = self.tr("1 customer")
        else:
            text = self.tr("{0} customers").format(total)
        self.count_label.setText(text)

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MS)

    def show_problem(self, text: str) -> None:
        """A storage problem (nothing was saved): in the bar until the user closes it."""
        self.message_bar.show_message(text, level="error")

    def choose_backup(self) -> None:
        """File → Restore from backup…: list this database's backups, then let the app
        restore the chosen one."""

        def choose(backups: list[BackupInfo]) -> None:
            dialog = RestoreDialog(backups, self)
            if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen is not None:
                self.restoreRequested.emit(dialog.chosen)

        self.ops.task(list_backups, self.store.path).success(choose).run(self)

    # --- settings, help ------------------------------------------------------------------

    def open_settings(self) -> None:
        before = str(settings().value("language", "system"))
        accepted = SettingsDialog(self).exec() == QDialog.DialogCode.Accepted
        if accepted and str(settings().value("language", "system")) != before:
            self.languageChangeRequested.emit()

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.log_file().parent)))

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About TrustDesk"),
            self.tr(
                "TrustDesk {0}\nAccount management for the salesperson on the road.\nDatabase: {1}"
            ).format(__version__, self.store.path),
        )

    # --- layout persistence --------------------------------------------------------------

    def _restore_layout(self) -> None:
        s = settings()
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        for splitter in (self.main_split, self.customer_split):
            state = s.value(f"window/{splitter.objectName()}")
            if isinstance(state, QByteArray) and not state.isEmpty():
                splitter.restoreState(state)

    def save_layout(self) -> None:
        s = settings()
        s.setValue("window/geometry", self.saveGeometry())
        for splitter in (self.main_split, self.customer_split):
            s.setValue(f"window/{splitter.objectName()}", splitter.saveState())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.ops.shutdown()  # queued writes finish before the window goes
        super().closeEvent(event)
