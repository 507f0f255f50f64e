"""The main window: navigation, the customer list beside the open account, menus, status.

It is built in two steps so that it paints at once when the app starts: the frame (menus,
navigation, the list's place saying "Loading customers…") needs Qt only, and ``attach``
adds the customer list and the account workspace when the database is open. What those
need (the services, hence SQLAlchemy and the models) is imported by ``attach`` and by the
commands that open a dialog, not when this module loads.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
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
from trustdesk.ui.customers.loading import LoadingList
from trustdesk.ui.export_commands import ExportCommands
from trustdesk.ui.i18n import settings
from trustdesk.ui.message_bar import MessageBar
from trustdesk.ui.ops import Ops

if TYPE_CHECKING:
    from trustdesk.services.maintenance import BackupInfo
    from trustdesk.services.saved_views import SavedViewData
    from trustdesk.services.store import Store
    from trustdesk.ui.account.workspace import AccountWorkspace
    from trustdesk.ui.complaints.section import ComplaintsSection
    from trustdesk.ui.customers.saved_views import ViewsInNavigation
    from trustdesk.ui.customers.view import CustomerListView
    from trustdesk.ui.dashboard.section import DashboardSection
    from trustdesk.ui.deals.pipeline import PipelineSection
    from trustdesk.ui.suggestions.section import SuggestionsSection
    from trustdesk.ui.surveys.section import SurveysSection
    from trustdesk.ui.team.controller import TeamSync
    from trustdesk.ui.visits.section import VisitsSection

STATUS_MS = 6000
Shortcut = QKeySequence | QKeySequence.StandardKey | str
BUSY_DELAY_MS = 300
WORKSPACE_DELAY_MS = 50  # after the list's first page: the rows paint first


class MainWindow(QMainWindow):
    """``languageChangeRequested`` after Settings changed the language (the app rebuilds);
    ``restoreRequested(Path)`` when the user chose a backup to restore (the app closes the
    database, restores and reopens); ``lockRequested()`` for File → Lock (Ctrl+Shift+L: the
    app closes the window and the database and shows the lock screen);
    ``conversionRequested(Conversion)`` when Settings → Security turns encryption on or off
    (the app closes the database, converts the file and reopens); ``settingsSaved()`` after
    Settings was accepted (the app reads the idle lock's minutes again).

    ``MainWindow(store)`` is ready at once. ``MainWindow(path=…)`` is the frame only, for the
    first paint at start-up: the app opens the database on ``ops`` (``ops.open``) and then
    calls ``attach()``; until then the list says "Loading customers…" and the commands that
    need the data are off. ``framePainted()`` goes out once the frame is on the screen."""

    languageChangeRequested = Signal()
    restoreRequested = Signal(object)
    lockRequested = Signal()
    conversionRequested = Signal(object)
    settingsSaved = Signal()
    framePainted = Signal()

    def __init__(
        self, store: Store | None = None, parent: QWidget | None = None, *, path: Path | None = None
    ) -> None:
        super().__init__(parent)
        if store is not None:
            path = store.path
        if path is None:
            raise ValueError("MainWindow needs an open store or the path of the one to open")
        self.path = path
        self.encrypted = False  # read by attach(): File → Lock is for an encrypted file only
        # The window's one database worker (not a child: it outlives the widgets while the
        # last queued work finishes, see closeEvent).
        self.ops = Ops(store)
        self.setWindowTitle(self.tr("TrustDesk — {0}").format(path.name))
        self.setObjectName("mainWindow")

        self.loading = LoadingList()
        self.loading.painted.connect(self.framePainted)
        self.customer_split = QSplitter(Qt.Orientation.Horizontal)
        self.customer_split.setObjectName("customerSplit")
        self.customer_split.addWidget(self.loading)
        self.customer_split.setChildrenCollapsible(False)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        # First: the dashboard a salesperson reads in the morning (DSH-1). The app still opens
        # on the customers: their first page paints at once, the dashboard reads when shown.
        self.dashboard_item = QListWidgetItem(self.tr("Dashboard"), self.nav)
        self.customers_item = QListWidgetItem(self.tr("Customers"), self.nav)
        self.visits_item = QListWidgetItem(self.tr("Visits"), self.nav)
        self.surveys_item = QListWidgetItem(self.tr("Surveys"), self.nav)
        self.complaints_item = QListWidgetItem(self.tr("Complaints"), self.nav)
        self.suggestions_item = QListWidgetItem(self.tr("Suggestions"), self.nav)
        self.deals_item = QListWidgetItem(self.tr("Deals"), self.nav)
        self.nav.setMaximumWidth(200)
        self.visits: VisitsSection  # from attach(): it reads the plan, so needs the database
        self.surveys: SurveysSection  # from attach(), like the Visits section
        self.pages = QStackedWidget()
        self._dashboard: DashboardSection | None = None  # made when first shown
        self.pages.addWidget(QWidget())  # the Dashboard's place until attach()
        self.pages.addWidget(self.customer_split)
        self.pages.addWidget(QWidget())  # the Visits section's place until attach()
        self.pages.addWidget(QWidget())  # the Surveys section's place until attach()
        self.complaints: ComplaintsSection  # from attach()
        self.pages.addWidget(QWidget())  # the Complaints section's place until attach()
        self.pages.addWidget(QWidget())  # the Suggestions section's, likewise
        self.suggestions: SuggestionsSection  # from attach()
        self.pages.addWidget(QWidget())  # the Deals section's (the pipeline), likewise
        self.deals: PipelineSection  # from attach()
        self.saved_views: ViewsInNavigation | None = None  # from attach()
        self.nav.currentRowChanged.connect(self._on_nav_row)
        self.nav.setCurrentItem(self.customers_item)
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
        self._attached = False
        self._workspace: AccountWorkspace | None = None
        self.customers: CustomerListView  # from attach()
        self.team: TeamSync | None = None  # from attach(): team sync, the status bar's word
        self.exports = ExportCommands(self.ops, self)
        self.exports.message.connect(self.show_message)
        self._build_menus()
        self._restore_layout()
        if store is not None:
            self.attach()

    @property
    def attached(self) -> bool:
        """Whether the customer list is in the frame (the database is open)."""
        return self._attached

    def attach(self) -> None:
        """Put the customer list in the frame, once ``ops`` has the store; it reads its first
        page now. The account workspace is made just after that page painted (or when it is
        first needed): the rows do not wait for it."""
        from trustdesk.services.security import is_encrypted
        from trustdesk.ui.customers.view import CustomerListView

        store = self.ops.store
        self.encrypted = is_encrypted(store.path)
        self.customers = CustomerListView(self.ops)
        self.customer_split.replaceWidget(0, self.customers)
        self.loading.hide()
        self.loading.deleteLater()
        self.customers.model.reloaded.connect(
            self._on_first_page, Qt.ConnectionType.SingleShotConnection
        )
        self.customers.model.totalChanged.connect(self._on_total_changed)
        self._on_total_changed(self.customers.model.total)
        self.customers.openRequested.connect(self.open_account)
        self.customers.table.addAction(self.open_action)
        self._attach_visits()
        self._attach_surveys()
        self._attach_complaints()
        self._attach_suggestions()
        self._attach_deals()
        self._attach_dashboard()
        self._attach_saved_views()
        self._attach_team()
        self._attached = True
        self._update_actions()
        if store.read_only:
            self.message_bar.show_message(
                self.tr(
                    "Read-only: this database's file or folder cannot be written, so changes "
                    "are off. Copy it to a folder you can write to in order to edit it."
                ),
                level="warning",
                closable=False,
            )

    def _attach_team(self) -> None:
        """Team sync (OFF-3): its word in the status bar, read after the list's first page.
        Alone (the default) it says so quietly."""
        from trustdesk.ui.team.controller import TeamSync

        team = TeamSync(self.ops, self, self.message_bar)
        team.message.connect(self.show_message)
        self.statusBar().insertPermanentWidget(1, team.widget)
        self.team = team
        QTimer.singleShot(0, team.refresh)

    def sync_now(self) -> None:
        """Team → Sync now (F9)."""
        if self.team is not None:
            self.team.sync_now()

    def choose_team_server(self) -> None:
        """Team → Team server…"""
        if self.team is not None:
            self.team.choose_server()

    def open_conflicts(self) -> None:
        """Team → Conflicts…: both values of each clash, and which to keep."""
        if self.team is not None:
            self.team.open_conflicts()

    def _attach_visits(self) -> None:
        from trustdesk.ui.visits.section import VisitsSection

        self.visits = VisitsSection(self.ops)
        self.visits.openRequested.connect(self.show_account)
        self.visits.message.connect(self.show_message)
        self.visits.countChanged.connect(self._on_visits_count)
        row = self.nav.row(self.visits_item)
        placeholder = self.pages.widget(row)
        self.pages.insertWidget(row, self.visits)
        if placeholder is not None:
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
        # The overdue count in the navigation: read after the list's first page (the worker
        # runs reads in order), never before the first paint.
        QTimer.singleShot(0, self.visits.refresh_count)

    def _attach_surveys(self) -> None:
        from trustdesk.ui.surveys.section import SurveysSection

        self.surveys = SurveysSection(self.ops)
        self.surveys.openRequested.connect(self.show_account)
        self.surveys.message.connect(self.show_message)
        self.surveys.countChanged.connect(self._on_surveys_count)
        row = self.nav.row(self.surveys_item)
        placeholder = self.pages.widget(row)
        self.pages.insertWidget(row, self.surveys)
        if placeholder is not None:
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
        QTimer.singleShot(0, self.surveys.refresh_count)

    def _on_surveys_count(self, overdue: int) -> None:
        text = self.tr("Surveys · {0} overdue").format(overdue) if overdue else self.tr("Surveys")
        self.surveys_item.setText(text)

    def _attach_complaints(self) -> None:
        from trustdesk.ui.complaints.section import ComplaintsSection

        self.complaints = ComplaintsSection(self.ops)
        self.complaints.openRequested.connect(self.show_account)
        self.complaints.message.connect(self.show_message)
        self.complaints.countChanged.connect(self._on_complaints_count)
        row = self.nav.row(self.complaints_item)
        placeholder = self.pages.widget(row)
        self.pages.insertWidget(row, self.complaints)
        if placeholder is not None:
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
        QTimer.singleShot(0, self.complaints.refresh_count)  # after the list's first page

    def _on_complaints_count(self, overdue: int) -> None:
        text = (
            self.tr("Complaints · {0} overdue").format(overdue)
            if overdue
            else self.tr("Complaints")
        )
        self.complaints_item.setText(text)

    def _attach_suggestions(self) -> None:
        """Stage suggestions and win-back plans (ACC-4, WIN-2): read when first shown."""
        from trustdesk.ui.suggestions.section import SuggestionsSection

        self.suggestions = SuggestionsSection(self.ops)
        self.suggestions.openRequested.connect(self.show_account)
        self.suggestions.winBackRequested.connect(self.show_winback)
        self.suggestions.message.connect(self.show_message)
        row = self.nav.row(self.suggestions_item)
        placeholder = self.pages.widget(row)
        self.pages.insertWidget(row, self.suggestions)
        if placeholder is not None:
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()

    def _attach_deals(self) -> None:
        """The pipeline (DEA-1): read when first shown."""
        from trustdesk.ui.deals.pipeline import PipelineSection

        self.deals = PipelineSection(self.ops)
        self.deals.openRequested.connect(self.show_account)
        self.deals.message.connect(self.show_message)
        row = self.nav.row(self.deals_item)
        placeholder = self.pages.widget(row)
        self.pages.insertWidget(row, self.deals)
        if placeholder is not None:
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()

    def _attach_dashboard(self) -> None:
        """DSH-1..3: made and read when first shown, never at start-up: its widgets and
        modules (~60 ms) would come before the list's first page, and its reads (the at-risk
        list scores every customer) before the user's first search."""
        self.nav.currentRowChanged.connect(self._on_section_shown)
        self._on_section_shown(self.nav.currentRow())

    def _on_section_shown(self, row: int) -> None:
        if row == self.nav.row(self.dashboard_item) and self._dashboard is None:
            _ = self.dashboard

    @property
    def dashboard(self) -> DashboardSection:
        """The Dashboard section (made on first use, after ``attach``)."""
        if self._dashboard is None:
            from trustdesk.ui.dashboard.section import DashboardSection

            section = DashboardSection(self.ops)
            section.openRequested.connect(self.show_account)
            section.message.connect(self.show_message)
            row = self.nav.row(self.dashboard_item)
            placeholder = self.pages.widget(row)
            self.pages.insertWidget(row, section)
            if placeholder is not None:
                self.pages.removeWidget(placeholder)
                placeholder.deleteLater()
            self._dashboard = section
            self._on_nav_row(self.nav.currentRow())
        return self._dashboard

    def _on_nav_row(self, row: int) -> None:
        """Each navigation entry shows its page; a saved view's entries (TIER-2, after
        Customers) show the customer list filtered by the view."""
        # The navigation still signals while the window is destroyed (its items go first):
        # a Python slot must not touch the widgets then (it crashed the next test's window).
        if row < 0 or not shiboken6.isValid(self.pages):
            return
        item = self.nav.item(row)
        views = self.saved_views
        if views is not None and views.is_view(item):
            self.pages.setCurrentWidget(self.customer_split)
            self.customers.set_view(views.view_of(item))
            return
        skipped = sum(views.is_view(self.nav.item(r)) for r in range(row)) if views else 0
        self.pages.setCurrentIndex(row - skipped)
        if item is self.customers_item and views is not None and self.customers.view is not None:
            self.customers.set_view(None)

    def _attach_saved_views(self) -> None:
        """The saved views under Customers in the navigation (TIER-2)."""
        from trustdesk.ui.customers.saved_views import ViewsInNavigation

        views = ViewsInNavigation(self.ops, self.nav, self.customers_item)
        views.chosen.connect(self._on_view_chosen)
        views.editRequested.connect(self.edit_saved_view)
        views.message.connect(self.show_message)
        self.customers.allRequested.connect(lambda: self.nav.setCurrentItem(self.customers_item))
        self.saved_views = views

    def _on_view_chosen(self, view: SavedViewData) -> None:
        """A view's filter read again (edited): the list follows if it shows that view."""
        if self.saved_views is not None and self.saved_views.view_of(self.nav.currentItem()):
            self.customers.set_view(view)

    def new_saved_view(self) -> None:
        """A saved view, started from the list's filters as they are."""
        if self._attached:
            self._view_dialog(None)

    def edit_saved_view(self, view: SavedViewData) -> None:
        self._view_dialog(view)

    def _view_dialog(self, view: SavedViewData | None) -> None:
        from trustdesk.ui.customers.saved_views import ViewDialog

        dialog = ViewDialog(self.ops, self, view=view, start=self.customers.model.filters)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.saved is None:
            return
        saved = dialog.saved
        self.show_message(self.tr("Saved the view {0}.").format(saved.name))
        if self.saved_views is not None:  # shown once the navigation has it (bus reload)
            self.saved_views.select_when_listed(saved.name)

    def open_tiers(self) -> None:
        """Customers → Value tiers…: the Pareto chart, the tiers and Recompute (TIER-1)."""
        if not self._attached:
            return
        from trustdesk.ui.tiers.window import TiersWindow

        TiersWindow(self.ops, self).exec()

    def show_winback(self, account_id: str) -> None:
        """Open a customer on its Win back tab."""
        from trustdesk.ui.account.winback_tab import WinBackTab

        self.show_account(account_id)
        tab = self.workspace.tab(WinBackTab)
        self.workspace.show_tab(tab, True)  # it has a plan: the tab shows
        self.workspace.tabs.setCurrentWidget(tab)

    def _on_first_page(self) -> None:
        QTimer.singleShot(WORKSPACE_DELAY_MS, self, self._after_first_page)

    def _after_first_page(self) -> None:
        """Make the workspace, then set aside from garbage collection what is loaded by now
        (Qt, SQLAlchemy, the models, the windows: they live as long as the app). A full
        collection walked all of it — 61 ms at a time, in the middle of typing a search."""
        _ = self.workspace
        gc.freeze()

    @property
    def workspace(self) -> AccountWorkspace:
        """The account workspace beside the list (made on first use, after ``attach``)."""
        if self._workspace is None:
            from trustdesk.ui.account.workspace import AccountWorkspace

            workspace = AccountWorkspace(self.ops)
            workspace.hide()
            self.customer_split.addWidget(workspace)
            self.customer_split.setStretchFactor(0, 2)
            self.customer_split.setStretchFactor(1, 3)
            state = settings().value(f"window/{self.customer_split.objectName()}")
            if isinstance(state, QByteArray) and not state.isEmpty():
                self.customer_split.restoreState(state)
            workspace.message.connect(self.show_message)
            workspace.closeRequested.connect(self.close_account)
            self.revert_action.triggered.connect(workspace.revert)
            workspace.addAction(self.revert_action)
            self._workspace = workspace
        return self._workspace

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
        self.import_action = self._action(
            self.tr("&Import contacts and customers…"), self.import_contacts, "Ctrl+I"
        )
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("Export &calendar (.ics)…"), self.export_calendar))
        file_menu.addAction(self._action(self.tr("Export &report…"), self.export_report))
        self.export_all_action = self._action(self.tr("Export &everything…"), self.export_all)
        file_menu.addAction(self.export_all_action)
        file_menu.addSeparator()
        self.backup_to_action = self._action(self.tr("&Back up to…"), self.back_up_to)
        file_menu.addAction(self.backup_to_action)
        self.restore_action = self._action(self.tr("&Restore from backup…"), self.choose_backup)
        file_menu.addAction(self.restore_action)
        self.settings_action = self._action(self.tr("&Settings…"), self.open_settings)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        self.lock_action = self._action(self.tr("&Lock"), self.lockRequested, "Ctrl+Shift+L")
        file_menu.addAction(self.lock_action)
        file_menu.setToolTipsVisible(True)  # the reason a disabled Lock gives
        file_menu.addAction(self._action(self.tr("&Quit"), self.close, "Ctrl+Q"))

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.find_action = self._action(
            self.tr("&Find customer"), self._focus_search, QKeySequence.StandardKey.Find
        )
        edit_menu.addAction(self.find_action)
        self.save_action = self._action(
            self.tr("&Save"), self.save_current, QKeySequence.StandardKey.Save
        )
        edit_menu.addAction(self.save_action)
        self.revert_action = QAction(self.tr("&Cancel edits"), self)
        self.revert_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.revert_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        edit_menu.addAction(self.revert_action)
        edit_menu.addSeparator()
        self.answers_action = self._action(
            self.tr("Standard &answers…"), self.open_answers, "Ctrl+K"
        )
        edit_menu.addAction(self.answers_action)
        edit_menu.addAction(self._action(self.tr("&Manage standard answers…"), self.manage_answers))

        customer_menu = bar.addMenu(self.tr("&Customer"))
        self.open_action = QAction(self.tr("&Open"), self)
        self.open_action.setShortcut(QKeySequence(Qt.Key.Key_Return))
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.open_action.triggered.connect(self._open_current)
        customer_menu.addAction(self.open_action)
        self.log_visit_action = self._action(self.tr("&Log visit…"), self.log_visit, "Ctrl+L")
        customer_menu.addAction(self.log_visit_action)
        self.stage_action = self._action(
            self.tr("Change &stage…"), self._change_stage, "Ctrl+Shift+S"
        )
        customer_menu.addAction(self.stage_action)
        self.close_action = self._action(
            self.tr("&Close customer"), self.close_account, QKeySequence.StandardKey.Close
        )
        customer_menu.addAction(self.close_action)
        self.vcard_action = self._action(self.tr("Export contacts (&vCard)…"), self.export_vcard)
        customer_menu.addAction(self.vcard_action)
        customer_menu.addSeparator()
        customer_menu.addAction(
            self._action(self.tr("&Promises needing approval…"), self.open_approvals)
        )
        customer_menu.addSeparator()
        self.tiers_action = self._action(self.tr("Value &tiers…"), self.open_tiers)
        customer_menu.addAction(self.tiers_action)
        self.new_view_action = self._action(self.tr("New saved &view…"), self.new_saved_view)
        customer_menu.addAction(self.new_view_action)
        customer_menu.addSeparator()
        self.duplicates_action = self._action(self.tr("Find &duplicates…"), self.open_duplicates)
        customer_menu.addAction(self.duplicates_action)

        team_menu = bar.addMenu(self.tr("&Team"))
        self.sync_action = self._action(self.tr("&Sync now"), self.sync_now, "F9")
        team_menu.addAction(self.sync_action)
        self.team_server_action = self._action(self.tr("Team &server…"), self.choose_team_server)
        team_menu.addAction(self.team_server_action)
        team_menu.addSeparator()
        self.conflicts_action = self._action(self.tr("&Conflicts…"), self.open_conflicts)
        team_menu.addAction(self.conflicts_action)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("Open &log folder"), self.open_log_folder))
        help_menu.addAction(self._action(self.tr("&About TrustDesk"), self.about))
        self._update_actions()

    def _update_actions(self) -> None:
        attached = self._attached
        workspace = self._workspace
        is_open = (
            workspace is not None and workspace.account_id is not None and workspace.isVisible()
        )
        writable = attached and not self.store.read_only
        for action in (self.save_action, self.revert_action, self.stage_action):
            action.setEnabled(is_open and writable)
        self.close_action.setEnabled(is_open)
        self.vcard_action.setEnabled(is_open)
        self.export_all_action.setEnabled(attached)
        self.backup_to_action.setEnabled(attached)
        self.new_action.setEnabled(writable)
        self.import_action.setEnabled(writable)
        self.log_visit_action.setEnabled(writable)
        self.tiers_action.setEnabled(attached)
        self.duplicates_action.setEnabled(attached)
        self.new_view_action.setEnabled(writable)
        self.restore_action.setEnabled(writable)
        self.sync_action.setEnabled(writable)
        self.team_server_action.setEnabled(writable)
        self.conflicts_action.setEnabled(attached)
        for action in (self.find_action, self.open_action, self.settings_action):
            action.setEnabled(attached)
        self.lock_action.setEnabled(attached and self.encrypted)
        self.lock_action.setToolTip(
            self.tr("Lock TrustDesk: close the database until the passphrase is given again.")
            if self.encrypted
            else self.tr(
                "Locking needs an encrypted database: turn encryption on in Settings → Security."
            )
        )

    @property
    def store(self) -> Store:
        return self.ops.store

    # --- customers -----------------------------------------------------------------------

    def open_account(self, account_id: str) -> None:
        """Show the customer beside the list (its data arrives from the worker)."""
        self.workspace.open(account_id)
        self.workspace.show()
        self.customers.set_compact(True)
        self.customers.select_account(account_id)
        self._update_actions()

    def _focus_search(self) -> None:
        if self._attached:
            self.customers.focus_search()

    def _change_stage(self) -> None:
        if self._attached:
            self.workspace.change_stage()

    def show_account(self, account_id: str) -> None:
        """Open a customer from another section: back to the Customers page first."""
        self.nav.setCurrentItem(self.customers_item)
        self.open_account(account_id)

    def log_visit(self) -> None:
        """Ctrl+L: a visit to the open customer, or to one the user picks."""
        if not self._attached:
            return
        account_id = self.workspace.account_id if self.workspace.isVisible() else None
        from trustdesk.ui.visits.log_dialog import open_log_visit, saved_message

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
        if self._workspace is not None and self._workspace.isVisible():
            self._workspace.save()

    def new_account(self) -> None:
        from trustdesk.ui.account.new_account_dialog import NewAccountDialog

        dialog = NewAccountDialog(self.ops, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.saved is None:
            return
        created = dialog.saved
        self.open_account(created.id)
        self.customers.select_account(created.id)
        self.show_message(self.tr("Added {0}.").format(created.name))

    def import_contacts(self) -> None:
        """File → Import contacts and customers… (Ctrl+I): the wizard; the list refreshes
        from the change bus once the import is written."""
        if not self._attached or self.store.read_only:
            return
        from trustdesk.ui.importing.wizard import open_import_wizard

        result = open_import_wizard(self.ops, self)
        if result is not None:
            self.show_message(
                self.tr(
                    "Imported: {0} new, {1} updated, {2} merged, {3} skipped, {4} not imported."
                ).format(result.new, result.updated, result.merged, result.skipped,
                         len(result.rejected))
            )  # fmt: skip

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
        from trustdesk.services.maintenance import list_backups
        from trustdesk.ui.restore_dialog import RestoreDialog

        def choose(backups: list[BackupInfo]) -> None:
            dialog = RestoreDialog(backups, self)
            if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen is not None:
                self.restoreRequested.emit(dialog.chosen)

        self.ops.task(list_backups, self.store.path).success(choose).run(self)

    def open_duplicates(self) -> None:
        """Customer → Find duplicates… (OFF-2): people or customers entered twice."""
        if not self._attached:
            return
        from trustdesk.ui.duplicates.dialog import DuplicatesDialog

        dialog = DuplicatesDialog(self.ops, self)
        dialog.merged.connect(self._on_merged)
        dialog.exec()

    def _on_merged(self, merge: object) -> None:
        """A customer merged away while open: show the one it was merged into."""
        workspace = self._workspace
        merged_id = getattr(merge, "merged_id", None)
        if workspace is not None and merged_id and workspace.account_id == merged_id:
            self.open_account(str(getattr(merge, "kept_id", "")))

    # --- promises, answers, calendar -----------------------------------------------------

    def open_approvals(self) -> None:
        """Every promise beyond a bottom line, across customers (COM-2)."""
        from trustdesk.ui.commitments.approvals import ApprovalsDialog

        dialog = ApprovalsDialog(self.ops, self)
        dialog.openRequested.connect(self.open_account)
        dialog.exec()

    def open_answers(self) -> None:
        """Ctrl+K: find a standard answer; Enter copies it (VIS-5)."""
        from trustdesk.ui.answers.quick import QuickAnswersDialog

        dialog = QuickAnswersDialog(self.ops, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.copied is not None:
            self.show_message(self.tr("Copied: {0}").format(dialog.copied.question))

    def manage_answers(self) -> None:
        from trustdesk.ui.answers.manage import ManageAnswersDialog

        ManageAnswersDialog(self.ops, self).exec()

    def export_calendar(self) -> None:
        from trustdesk.ui.calendar_dialog import CalendarExportDialog

        dialog = CalendarExportDialog(self.ops, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.written is not None:
            path, count = dialog.written
            self.show_message(self.tr("Saved {0} ({1} entries).").format(path, count))

    def export_report(self) -> None:
        """VIS-4: a report of the open customer or of the portfolio."""
        from trustdesk.ui.report_dialog import open_report_dialog

        if not self.attached:
            return
        workspace = self._workspace
        account_id = workspace.account_id if workspace is not None else None
        header = workspace.header if workspace is not None else None
        name = header.account.name if header is not None else ""
        written = open_report_dialog(self.ops, self, account_id=account_id, account_name=name)
        if written is not None:
            self.show_message(self.tr("Saved {0}.").format(written))

    def export_all(self) -> None:
        """File → Export everything… (OFF-2): every table, the spreadsheets, a manifest."""
        if self.attached:
            self.exports.export_everything()

    def back_up_to(self) -> None:
        """File → Back up to… (OFF-2): the database as one file where the user chooses."""
        if self.attached:
            self.exports.back_up_to()

    def export_vcard(self) -> None:
        """Customer → Export contacts (vCard)…: the open customer's people for a phone."""
        workspace = self._workspace
        if workspace is not None and workspace.account_id is not None and workspace.isVisible():
            self.exports.export_vcard(workspace.account_id)

    # --- settings, help ------------------------------------------------------------------

    def open_settings(self) -> None:
        self.settings_on()

    def settings_on(self, tab: str | None = None) -> None:
        """Settings, opened on ``tab`` ("security") or the first one."""
        before = str(settings().value("language", "system"))
        from trustdesk.ui.settings_dialog import SettingsDialog  # reads the team's rules

        dialog = SettingsDialog(self, self.ops)
        if tab == "security" and dialog.security is not None:
            dialog.tabs.setCurrentWidget(dialog.security)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        conversion = dialog.conversion
        dialog.deleteLater()
        if not accepted:
            return
        self.settingsSaved.emit()
        if str(settings().value("language", "system")) != before:
            self.languageChangeRequested.emit()
        if conversion is not None:  # encryption on or off: the app closes this window
            self.conversionRequested.emit(conversion)

    def open_account_id(self) -> str | None:
        """The customer open beside the list (to open again in a rebuilt window)."""
        workspace = self._workspace
        if workspace is None or not workspace.isVisible():
            return None
        return workspace.account_id

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.log_file().parent)))

    def about(self) -> None:
        self.about_box().exec()

    def about_box(self) -> QMessageBox:
        """Help → About: the version, and where this copy keeps its data (the folder, the
        database open now, the backups and the log), so a user who moves to a new laptop or
        uninstalls the app knows what to keep. The paths can be selected and copied."""
        data = paths.data_dir()
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About TrustDesk"))
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            self.tr("TrustDesk {0}\nAccount management for the salesperson on the road.").format(
                __version__
            )
        )
        box.setInformativeText(
            "\n".join(
                (
                    self.tr("Data folder: {0}").format(data),
                    self.tr("Database: {0}").format(self.path),
                    self.tr("Backups: {0}").format(data / "backups"),
                    self.tr("Log: {0}").format(data / "logs"),
                    "",
                    self.tr(
                        "Uninstalling or updating TrustDesk leaves this folder as it is; "
                        "a newer version upgrades the database in it (after a backup)."
                    ),
                )
            )
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        return box

    # --- layout persistence --------------------------------------------------------------

    def _restore_layout(self) -> None:
        s = settings()
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = s.value(f"window/{self.main_split.objectName()}")  # the list's: in attach
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.main_split.restoreState(state)

    def save_layout(self) -> None:
        s = settings()
        s.setValue("window/geometry", self.saveGeometry())
        # The list's split is only what it holds once the list and the workspace are in it.
        for splitter in (self.main_split, self.customer_split)[
            : 1 if self._workspace is None else 2
        ]:
            s.setValue(f"window/{splitter.objectName()}", splitter.saveState())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.ops.shutdown()  # queued writes finish before the window goes
        # ~QWidget deletes the children while this window's connections still stand: the
        # navigation's rows going would call ``_on_nav_row`` on a half-destroyed window.
        self.nav.blockSignals(True)
        super().closeEvent(event)
