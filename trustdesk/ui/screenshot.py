"""``trustdesk screenshot``: render a view offscreen to a PNG, on the current database."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from trustdesk.errors import TrustDeskError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from trustdesk.services.store import Store
    from trustdesk.ui.main_window import MainWindow

VIEWS = (
    "customers",
    "account",
    "map",
    "commitments",
    "answers",
    "visits",
    "log-visit",
    "export-report",
    "complaints",
    "complaint-tab",
    "survey",
    "survey-results",
    "winback",
    "suggestions",
    "deals",
    "orders",
    "pipeline",
    "dashboard",
    "tiers",
    "duplicates",
    "import",
    "conflicts",
    "team-status",
    "lock",
    "security",
    "about",
)
# Views of team sync: taken on a copy of the database holding sample conflicts (see
# ``sync/samples.py``), so the screenshot needs no server and never writes the user's file.
TEAM_VIEWS = ("conflicts", "team-status")
# The lock screen (OFF-4) is taken on an encrypted copy of the database, locked after.
LOCK_PASSPHRASE = "demo passphrase"
# When the picture is taken: ``window``, the first paint of the frame (the list still says
# "Loading customers…"; the database is not opened); ``data``, the first page of customers
# painted; ``complete``, once nothing is pending any more (the risk column filled in).
MOMENTS = ("window", "data", "complete")


def parse_size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{3,5})\s*[xX×]\s*(\d{3,5})\s*", text)
    if not match:
        raise TrustDeskError(
            f"--size must look like 1400x900, not {text!r}.",
            zh=f"--size 的格式应为 1400x900，而不是“{text}”。",
        )
    return int(match.group(1)), int(match.group(2))


def _settle(window: MainWindow) -> None:
    from PySide6.QtCore import QCoreApplication

    while window.ops.busy:
        window.ops.wait_idle()
        QCoreApplication.processEvents()
        time.sleep(0.005)


def _log_visit_dialog(window: MainWindow, store: Store, account_id: str) -> QWidget:
    """The Log visit dialog as Ctrl+L opens it on the customer, with the first person met
    and two purposes ticked (what a user has typed a few seconds in)."""
    from PySide6.QtCore import QCoreApplication, Qt

    from trustdesk.domain.enums import ContactFunction
    from trustdesk.services import visits
    from trustdesk.ui.visits.log_dialog import LogVisitDialog

    form = store.read(visits.visit_form, account_id)
    first = form.people[0].id if form.people else None
    dialog = LogVisitDialog(window.ops, form, window, contact_id=first)
    for function in (ContactFunction.INFORMATION, ContactFunction.RELATIONSHIP):
        dialog.function_checks[function].setChecked(True)
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.show()
    dialog.adjustSize()
    QCoreApplication.processEvents()
    return dialog


def _survey_dialog(window: MainWindow, store: Store, account_id: str) -> QWidget:
    """The survey form on the customer's first person, the built-in three questions filled
    in part way: a 4 with its "what would make it a 5?", a 5, and a 2 (a follow-up task)."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QPlainTextEdit

    from trustdesk.ui.i18n import current_language
    from trustdesk.ui.surveys.form import SurveyDialog, survey_setup

    setup = store.read(survey_setup, account_id)
    builtin = next((t for t in setup.templates if t.questions[0].key == "overall"), None)
    first = setup.people[0][0] if setup.people else None
    dialog = SurveyDialog(
        window.ops, setup, window, contact_id=first, template_id=builtin.id if builtin else None
    )
    form = dialog.form
    if builtin is not None:
        zh = current_language() == "zh"
        form.score_input("overall").set_score(4)
        text = form.blocks["overall_to_5"].editor
        assert isinstance(text, QPlainTextEdit)
        text.setPlainText(
            "交货再快一点，问题当天回复。" if zh else "Faster delivery and same-day answers."
        )
        form.score_input("buy_again").set_score(5)
        form.score_input("recommend").set_score(2)
        form.score_input("recommend").setFocus()
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.resize(820, 780)
    dialog.show()
    QCoreApplication.processEvents()
    return dialog


def take_screenshot(
    db_path: Path,
    view: str,
    out: Path,
    *,
    lang: str = "en",
    account_id: str | None = None,
    size: tuple[int, int] = (1400, 860),
    when: str = "complete",
) -> Path:
    """Render ``view`` at ``size`` and save it to ``out`` (PNG), ``when`` (see MOMENTS) it
    gets there. The window starts as the app's does: the frame paints, then the database
    opens on the window's worker and the list reads its first page."""
    if view not in VIEWS:
        raise TrustDeskError(
            f"Unknown view {view!r}; choose one of: {', '.join(VIEWS)}.",
            zh=f"没有“{view}”这个视图；可选：{'、'.join(VIEWS)}。",
        )
    if when not in MOMENTS or (when == "window" and view != "customers"):
        raise TrustDeskError(
            f"--when {when} cannot be used with the {view} view.",
            zh=f"--when {when} 不能用于 {view} 视图。",
        )
    out = out.expanduser().absolute()
    if not out.parent.is_dir():
        raise TrustDeskError(
            f"The folder {out.parent} does not exist; create it first.",
            zh=f"文件夹 {out.parent} 不存在，请先创建。",
        )
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QCoreApplication

    from trustdesk.ui.app import open_on_worker
    from trustdesk.ui.application import make_application
    from trustdesk.ui.i18n import install_language
    from trustdesk.ui.main_window import MainWindow

    def until(done: Callable[[], bool]) -> None:
        while not done():
            QCoreApplication.processEvents()
            time.sleep(0.002)

    make_application()
    install_language(lang)
    scratch = None
    if view in (*TEAM_VIEWS, "lock") and not db_path.exists():
        open_on_worker(db_path).close()  # made on first use, as every other view does
    if view in TEAM_VIEWS:
        import tempfile

        scratch = tempfile.TemporaryDirectory(prefix="trustdesk-team-")
        db_path = _team_sample(db_path, Path(scratch.name), edits=view == "team-status")
    if view == "lock":
        import tempfile

        scratch = tempfile.TemporaryDirectory(prefix="trustdesk-lock-")
        db_path = _encrypted_copy(db_path, Path(scratch.name))
    window = MainWindow(path=db_path)
    target: QWidget = window
    try:
        window.resize(*size)
        window.main_split.setSizes([150, size[0] - 150])
        window.show()
        until(lambda: window.loading.was_painted)
        if when != "window":
            failed: list[BaseException] = []
            window.ops.open(lambda: open_on_worker(db_path)).failure(failed.append).run(window)
            until(lambda: window.ops.is_open or bool(failed))
            if failed:
                raise failed[0]
            window.attach()
            _show_view(window, view, account_id, size)
            if when == "data":
                model = window.customers.model
                until(lambda: model.rowCount() > 0 or not window.ops.busy)
            else:
                # The data arrives from the worker; the risk column is read just after the
                # first paint, so wait until neither is pending.
                while window.ops.busy or window.customers.model.risks_pending:
                    window.ops.wait_idle()
                    QCoreApplication.processEvents()
                    time.sleep(0.005)
            target = _finish_view(window, view)
        if not target.grab().save(str(out), "PNG"):
            raise TrustDeskError(f"Could not write {out}.", zh=f"无法写入 {out}。")
    finally:
        window.close()  # its worker finishes and stops
        window.deleteLater()
        if window.ops.is_open:
            window.ops.store.close()
        if view == "lock":
            from trustdesk.services import security

            security.lock(db_path)  # the copy's key is forgotten with it
        if scratch is not None:
            scratch.cleanup()
    return out


def _encrypted_copy(db_path: Path, folder: Path) -> Path:
    """A copy of the database, encrypted (its key unlocked in this process). The backup
    that encrypting makes first goes to ``folder`` too, not to the user's backups."""
    from trustdesk.services import security
    from trustdesk.services.maintenance import backup

    copy = backup(db_path, folder / db_path.name)  # SQLite's backup: safe while in use
    before = os.environ.get("TRUSTDESK_DATA_DIR")
    os.environ["TRUSTDESK_DATA_DIR"] = str(folder / "data")
    try:
        security.encrypt(copy, LOCK_PASSPHRASE)
    finally:
        if before is None:
            os.environ.pop("TRUSTDESK_DATA_DIR", None)
        else:
            os.environ["TRUSTDESK_DATA_DIR"] = before
    return copy


def _team_sample(db_path: Path, folder: Path, *, edits: bool) -> Path:
    """A copy of the database with sample conflicts as a sync would have left them (and,
    with ``edits``, two edits made since, waiting to be sent)."""
    from trustdesk.services import contacts
    from trustdesk.services.maintenance import backup
    from trustdesk.services.store import open_store
    from trustdesk.sync.samples import add_sample_conflicts

    copy = backup(db_path, folder / db_path.name)  # SQLite's backup: safe while in use
    store = open_store(copy)
    try:
        store.write(add_sample_conflicts)
        if edits:
            from trustdesk.services import accounts

            page = store.read(accounts.list_accounts, limit=3, with_total=False)
            for row in page.rows[:2]:
                people = store.read(contacts.list_contacts, row.id)
                if people:
                    store.write(contacts.update_contact, people[0].id, department="销售部")
    finally:
        store.close()
    return copy


def _show_view(
    window: MainWindow, view: str, account_id: str | None, size: tuple[int, int]
) -> None:
    """Open the account (the first one unless named; for commitments, one with a promise
    waiting for approval) for the views of one customer."""
    if view not in (
        "account",
        "map",
        "commitments",
        "log-visit",
        "export-report",
        "complaint-tab",
        "survey",
        "winback",
        "deals",
        "orders",
    ):
        return
    from trustdesk.services import accounts, commitments
    from trustdesk.ui.commitments.tab import CommitmentsTab
    from trustdesk.ui.map.tab import MapTab

    store = window.ops.store
    if view == "commitments" and account_id is None:
        waiting = store.read(commitments.list_commitments, needs_approval=True, limit=1)
        account_id = waiting[0].account_id if waiting else None
    if view == "complaint-tab" and account_id is None:
        account_id = _second_failure(store)
    if view == "winback" and account_id is None:  # a plan under way, else any plan
        from trustdesk.services import winback

        plans = store.read(winback.list_plans, status="active") or store.read(winback.list_plans)
        account_id = plans[0].account_id if plans else None
    if view in ("deals", "orders") and account_id is None:
        account_id = _with_deals(store, due=view == "orders")
    if account_id is None:
        page = store.read(accounts.list_accounts, limit=1, with_total=False)
        if not page.rows:
            raise TrustDeskError(
                "The database has no customers to show.", zh="数据库里还没有客户可显示。"
            )
        account_id = page.rows[0].id
    store.read(accounts.get_account, account_id)  # unknown id: a readable error
    window.open_account(account_id)
    from trustdesk.ui.account.complaints_tab import ComplaintsTab
    from trustdesk.ui.account.deals_tab import DealsTab
    from trustdesk.ui.account.orders_tab import OrdersTab
    from trustdesk.ui.account.winback_tab import WinBackTab

    tabs = {
        "deals": DealsTab,
        "orders": OrdersTab,
        "map": MapTab,
        "commitments": CommitmentsTab,
        "complaint-tab": ComplaintsTab,
        "winback": WinBackTab,
    }
    if view in tabs:  # the tab gets the room: the list narrows to a column
        window.workspace.show_tab(window.workspace.tab(tabs[view]), True)
        window.customer_split.setSizes([int(size[0] * 0.2), int(size[0] * 0.8)])
        window.workspace.tabs.setCurrentWidget(window.workspace.tab(tabs[view]))
    else:
        window.customer_split.setSizes([int(size[0] * 0.38), int(size[0] * 0.62)])


def _with_deals(store: Store, *, due: bool) -> str | None:
    """Of the first customers in the list, the one with the most deals and referrals (for
    ``due``: the most orders, among those with a replacement to offer now)."""
    from trustdesk.services import accounts, deals, orders, referrals

    if due:
        wanted = {p.account_id for p in store.read(orders.replacements_due)}
    page = store.read(accounts.list_accounts, limit=60, with_total=False)
    best, most = None, 0
    for row in page.rows:
        if due and row.id not in wanted:
            continue
        if due:
            count = len(store.read(orders.list_orders, row.id))
        else:
            count = len(store.read(deals.list_deals, row.id))
            count += len(store.read(referrals.list_referrals, row.id))
        if count > most:
            best, most = row.id, count
    return best


def _second_failure(store: Store) -> str | None:
    """A customer the three-chances rule puts at high risk (two failures), else one with a
    complaint."""
    from trustdesk.domain.enums import CoverageRisk
    from trustdesk.services import complaints

    found = store.read(complaints.list_complaints, state="all")
    ids = list(dict.fromkeys(c.account_id for c in found))
    risks = store.read(complaints.risks_by_account, ids)
    for account_id in ids:
        if any(r.risk is CoverageRisk.SECOND_FAILURE for r in risks.get(account_id, [])):
            return account_id
    return ids[0] if ids else None


def _duplicates_dialog(window: MainWindow) -> QWidget:
    """The duplicates dialog with a pair chosen: one written in traditional characters from
    the phone if there is one (the demo has), as a user would pick it first."""
    from PySide6.QtCore import QCoreApplication

    from trustdesk.domain.enums import DuplicateReason
    from trustdesk.domain.names import has_cjk
    from trustdesk.ui.duplicates.dialog import DuplicatesDialog

    dialog = DuplicatesDialog(window.ops, window)
    dialog.resize(1180, 620)
    dialog.show()
    _settle(window)
    pairs = dialog.model.pairs
    row = next(
        (
            i
            for i, p in enumerate(pairs)
            if DuplicateReason.NAME_VARIANT in p.reasons and has_cjk(p.first.name)
        ),
        0,
    )
    if pairs:
        dialog.table.selectRow(row)
        _settle(window)
    QCoreApplication.processEvents()
    return dialog


def _finish_view(window: MainWindow, view: str) -> QWidget:
    """Last touches once the data is in; returns the widget to photograph."""
    from PySide6.QtCore import QCoreApplication

    if view == "map":
        from trustdesk.ui.map.tab import MapTab

        window.workspace.tab(MapTab).view.fit()
    elif view == "commitments":  # the promise waiting for approval, with its history
        from trustdesk.ui.commitments.tab import CommitmentsTab

        tab = window.workspace.tab(CommitmentsTab)
        chosen = next((p for p in tab.model.promises if p.needs_approval), None)
        if chosen is not None:
            tab.select(chosen.id)
            window.ops.wait_idle()
    elif view == "visits":
        window.nav.setCurrentItem(window.visits_item)
        _settle(window)
    elif view == "complaints":
        window.nav.setCurrentItem(window.complaints_item)
        _settle(window)
    elif view == "dashboard":  # the figures, then the at-risk list, as the user sees them
        window.nav.setCurrentItem(window.dashboard_item)
        _settle(window)
    elif view == "suggestions":
        window.nav.setCurrentRow(window.nav.row(window.suggestions_item))
        _settle(window)
    elif view == "pipeline":
        window.nav.setCurrentItem(window.deals_item)
        _settle(window)
    elif view == "deals":  # a deal chosen, as the user would before moving it on
        from trustdesk.ui.account.deals_tab import DealsTab

        deals_tab = window.workspace.tab(DealsTab)
        if deals_tab.model.rowCount():
            deals_tab.table.setCurrentIndex(deals_tab.model.index(0, 0))
    elif view == "winback":  # the first step not done yet, as the user would pick it
        from trustdesk.ui.account.winback_tab import WinBackTab

        winback_tab = window.workspace.tab(WinBackTab)
        plan = winback_tab.plan
        if plan is not None:
            row = next((i for i, s in enumerate(plan.steps) if s.status.code != "done"), 0)
            winback_tab.steps.setCurrentCell(row, 1)
    elif view == "log-visit":
        account_id = window.workspace.account_id
        assert account_id is not None
        return _log_visit_dialog(window, window.ops.store, account_id)
    elif view == "export-report":  # File → Export report… with a customer open
        from trustdesk.ui.report_dialog import ReportDialog

        workspace = window.workspace
        header = workspace.header
        report = ReportDialog(
            window.ops,
            window,
            account_id=workspace.account_id,
            account_name=header.account.name if header is not None else "",
        )
        report.show()
        report.adjustSize()
        QCoreApplication.processEvents()
        return report
    elif view == "survey":
        account_id = window.workspace.account_id
        assert account_id is not None
        return _survey_dialog(window, window.ops.store, account_id)
    elif view == "survey-results":  # the Surveys section: lists and the portfolio charts
        window.nav.setCurrentItem(window.surveys_item)
        _settle(window)
    elif view == "tiers":  # Customers → Value tiers…: the Pareto chart and the tiers
        from trustdesk.ui.tiers.window import TiersWindow

        tiers = TiersWindow(window.ops, window)
        tiers.show()
        window.ops.wait_idle()
        QCoreApplication.processEvents()
        return tiers
    elif view == "conflicts":  # Team → Conflicts…, a phone number chosen
        from trustdesk.ui.team.conflicts import ConflictsDialog

        conflicts = ConflictsDialog(window.ops, window)
        conflicts.resize(1060, 640)
        conflicts.show()
        _settle(window)
        found = conflicts.model.conflicts  # a person's phone: two values side by side
        row = next((i for i, c in enumerate(found) if c.field == "mobile"), 0)
        if found:
            conflicts.table.selectRow(row)
        QCoreApplication.processEvents()
        return conflicts
    elif view == "team-status":  # the status bar after a sync that found conflicts
        _settle(window)
    elif view == "duplicates":  # Customer → Find duplicates…, a pair chosen
        return _duplicates_dialog(window)
    elif view == "import":  # File → Import…: a GB18030 CSV on the Duplicates page
        return _import_wizard(window)
    elif view == "lock":  # File → Lock: the lock screen in the window's place
        from trustdesk.ui.lock import LockScreen

        screen = LockScreen(window.path)
        screen.setGeometry(window.geometry())
        screen.show()
        window.hide()
        QCoreApplication.processEvents()
        return screen
    elif view == "security":  # File → Settings…, on the Security tab
        from trustdesk.ui.settings_dialog import SettingsDialog

        settings_dialog = SettingsDialog(window, window.ops)
        assert settings_dialog.security is not None
        settings_dialog.tabs.setCurrentWidget(settings_dialog.security)
        settings_dialog.show()
        _settle(window)
        QCoreApplication.processEvents()
        return settings_dialog
    elif view == "about":  # Help → About: the version and where the data lives
        box = window.about_box()
        box.show()
        QCoreApplication.processEvents()
        return box
    elif view == "answers":  # the Ctrl+K dialog, as it opens
        from trustdesk.ui.answers.quick import QuickAnswersDialog

        dialog = QuickAnswersDialog(window.ops, window)
        dialog.show()
        window.ops.wait_idle()
        QCoreApplication.processEvents()
        return dialog
    QCoreApplication.processEvents()
    return window


def _import_sample(store: Store, folder: Path) -> Path:
    """A contact list as WPS saves it (GB18030, CRLF): people of the database's first
    Chinese customers, some with a detail the database lacks (so duplicates show), new people
    at a new company and at an old one, a row repeated, and a birthday that is no date."""
    from trustdesk.domain.names import has_cjk
    from trustdesk.services import accounts, contacts

    page = store.read(accounts.list_accounts, limit=40, with_total=False)
    chinese = [a for a in page.rows if has_cjk(a.name)][:2]
    if len(chinese) < 2:
        raise TrustDeskError(
            "The import view needs two Chinese customers (run trustdesk demo).",
            zh="导入视图需要两个中文客户（请先运行 trustdesk demo）。",
        )
    first, second = (store.read(contacts.list_contacts, a.id) for a in chinese)
    a, b = chinese[0].name, chinese[1].name
    rows = [
        [first[0].name, first[0].mobile, a, first[0].title, "", ""],
        [first[1].name, first[1].mobile, a, "", "", "1979-11-02"],
        [second[0].name, "139 1234 5678", b, second[0].title, "", ""],
        [second[1].name, second[1].mobile, b, "", "dong@zhongding.cn", ""],
        ["林晓峰", "13712345601", "杭州云帆科技有限公司", "总经理", "lin@yunfan.cn", "1975-06-18"],
        ["沈佳怡", "13712345602", "杭州云帆科技有限公司", "采购经理", "", ""],
        ["郭子豪", "13712345603", "杭州云帆科技有限公司", "工程师", "", ""],
        ["何静", "13712345604", a, "销售助理", "", ""],
        ["陳志明", "13712345605", "", "", "", ""],
        ["沈佳怡", "13712345602", "杭州云帆科技有限公司", "", "", ""],
        ["彭伟", "13712345606", b, "", "", "1988/13/40"],
    ]
    lines = ["姓名,手机,公司,职务,邮箱,生日", *(",".join(row) for row in rows)]
    path = folder / "客户通讯录.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gb18030"))
    return path


def _import_wizard(window: MainWindow) -> QWidget:
    """The wizard as a user sees it after choosing the file and going on twice: the
    duplicates found, one of them to be merged."""
    import tempfile

    from PySide6.QtCore import QCoreApplication

    from trustdesk.services.importing.planning import Decision
    from trustdesk.ui.importing.duplicates import DECISION
    from trustdesk.ui.importing.wizard import DUPLICATES, ImportWizard

    with tempfile.TemporaryDirectory(prefix="trustdesk-import-") as folder:
        path = _import_sample(window.ops.store, Path(folder))
        wizard = ImportWizard(window.ops, window)
        wizard.show()
        wizard.file_page.path.setText(str(path))
        for _ in range(3):  # the file read, the columns matched, the duplicates looked for
            if wizard.currentId() == DUPLICATES:
                break
            wizard.next() if wizard.currentId() else wizard.file_page.read(advance=True)
            _settle(window)
    model = wizard.duplicates_page.model
    if model.rowCount():
        model.setData(model.index(0, DECISION), Decision.MERGE.code)
    QCoreApplication.processEvents()
    return wizard
