"""``trustdesk screenshot``: render a view offscreen to a PNG, on the current database."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

from trustdesk.errors import TrustDeskError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from trustdesk.services.store import Store
    from trustdesk.ui.main_window import MainWindow

VIEWS = ("customers", "account", "map", "visits", "log-visit")


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


def take_screenshot(
    db_path: Path,
    view: str,
    out: Path,
    *,
    lang: str = "en",
    account_id: str | None = None,
    size: tuple[int, int] = (1400, 860),
) -> Path:
    """Render ``view`` at ``size`` and save it to ``out`` (PNG)."""
    if view not in VIEWS:
        raise TrustDeskError(
            f"Unknown view {view!r}; choose one of: {', '.join(VIEWS)}.",
            zh=f"没有“{view}”这个视图；可选：{'、'.join(VIEWS)}。",
        )
    out = out.expanduser().absolute()
    if not out.parent.is_dir():
        raise TrustDeskError(
            f"The folder {out.parent} does not exist; create it first.",
            zh=f"文件夹 {out.parent} 不存在，请先创建。",
        )
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QCoreApplication

    from trustdesk.services import accounts
    from trustdesk.services.store import open_store
    from trustdesk.ui.application import make_application
    from trustdesk.ui.i18n import install_language
    from trustdesk.ui.main_window import MainWindow
    from trustdesk.ui.map.tab import MapTab

    make_application()
    install_language(lang)
    store = open_store(db_path)
    try:
        window = MainWindow(store)
        window.resize(*size)
        window.main_split.setSizes([150, size[0] - 150])
        if view in ("account", "map", "log-visit"):
            if account_id is None:
                page = store.read(accounts.list_accounts, limit=1, with_total=False)
                if not page.rows:
                    raise TrustDeskError(
                        "The database has no customers to show.", zh="数据库里还没有客户可显示。"
                    )
                account_id = page.rows[0].id
            store.read(accounts.get_account, account_id)  # unknown id: a readable error
            window.open_account(account_id)
            if view == "map":  # the map gets the room: the list narrows to a column
                window.customer_split.setSizes([int(size[0] * 0.2), int(size[0] * 0.8)])
                window.workspace.tabs.setCurrentWidget(window.workspace.tab(MapTab))
            else:
                window.customer_split.setSizes([int(size[0] * 0.38), int(size[0] * 0.62)])
        window.show()
        # The data arrives from the worker; the risk column is read just after the first
        # paint, so wait until neither is pending.
        while window.ops.busy or window.customers.model.risks_pending:
            window.ops.wait_idle()
            QCoreApplication.processEvents()
            time.sleep(0.005)
        if view == "map":
            window.workspace.tab(MapTab).view.fit()
            QCoreApplication.processEvents()
        shown: QWidget = window
        if view == "visits":
            window.nav.setCurrentRow(1)
            _settle(window)
        elif view == "log-visit":
            assert account_id is not None
            shown = _log_visit_dialog(window, store, account_id)
        if not shown.grab().save(str(out), "PNG"):
            raise TrustDeskError(f"Could not write {out}.", zh=f"无法写入 {out}。")
        window.close()
        window.deleteLater()
    finally:
        store.close()
    return out
