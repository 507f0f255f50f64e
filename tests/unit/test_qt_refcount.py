"""Guards the PySide6 pin: 6.12.0 on Python 3.11 drops a reference to None on every call
of a Qt method returning nothing, and the interpreter aborts (none_dealloc)."""

import sys

from PySide6.QtWidgets import QWidget


def test_100k_void_qt_calls_keep_none_refcount(qapp):
    widget = QWidget()
    before = sys.getrefcount(None)
    for i in range(100_000):
        widget.resize(100 + i % 7, 100)
    after = sys.getrefcount(None)
    assert after >= before - 10, f"None refcount fell by {before - after}"
