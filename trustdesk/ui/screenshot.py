"""``trustdesk screenshot``: render a view offscreen to a PNG, on the current database."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from trustdesk.errors import TrustDeskError

VIEWS = ("customers", "account", "map", "commitments", "answers")


def parse_size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{3,5})\s*[xX×]\s*(\d{3,5})\s*", text)
    if not match:
        raise TrustDeskError(
            f"--size must look like 1400x900, not {text!r}.",
            zh=f"--size 的格式应为 1400x900，而不是“{text}”。",
        )
    return int(match.group(1)), int(match.group(2))


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
    from PySide6.QtWidgets import QWidget

    from trustdesk.services import accounts, commitments
    from trustdesk.services.store import open_store
    from trustdesk.ui.answers.quick import QuickAnswersDialog
    from trustdesk.ui.application import make_application
    from trustdesk.ui.commitments.tab import CommitmentsTab
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
        if view == "commitments" and account_id is None:  # a customer with one to approve
            waiting = store.read(commitments.list_commitments, needs_approval=True, limit=1)
            account_id = waiting[0].account_id if waiting else None
        if view in ("account", "map", "commitments"):
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
            elif view == "commitments":
                window.customer_split.setSizes([int(size[0] * 0.2), int(size[0] * 0.8)])
                window.workspace.tabs.setCurrentWidget(window.workspace.tab(CommitmentsTab))
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
        target: QWidget = window
        if view == "commitments":  # the promise waiting for approval, with its history
            tab = window.workspace.tab(CommitmentsTab)
            chosen = next((p for p in tab.model.promises if p.needs_approval), None)
            if chosen is not None:
                tab.select(chosen.id)
                window.ops.wait_idle()
        if view == "answers":  # the Ctrl+K dialog, as it opens
            target = QuickAnswersDialog(window.ops, window)
            target.show()
            window.ops.wait_idle()
            QCoreApplication.processEvents()
        if not target.grab().save(str(out), "PNG"):
            raise TrustDeskError(f"Could not write {out}.", zh=f"无法写入 {out}。")
        window.close()
        window.deleteLater()
    finally:
        store.close()
    return out
