"""Starting the GUI."""

from __future__ import annotations

import sys
from pathlib import Path


def run_gui(db_path: Path, lang: str = "en") -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem

    from trustdesk.db.engine import open_database
    from trustdesk.services import accounts

    app = QApplication.instance() or QApplication(sys.argv)
    db = open_database(db_path)
    with db.reading() as s:
        page = accounts.list_accounts(s, limit=200)
    window = QMainWindow()
    window.setWindowTitle("TrustDesk")
    table = QTableWidget(len(page.rows), 3)
    for row, acc in enumerate(page.rows):
        for col, value in enumerate((acc.name, acc.stage.label(lang), acc.region)):
            table.setItem(row, col, QTableWidgetItem(value))
    window.setCentralWidget(table)
    window.resize(900, 600)
    window.show()
    return app.exec()
