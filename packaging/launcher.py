"""The bundle's entry point (PyInstaller runs this file as the program ``TrustDesk``).

It is ``python -m trustdesk``, plus ``freeze_support`` so that a frozen program started again
as the demo's second process (``spawn`` on Windows and macOS) runs the worker, not the app.
It lives outside the package so that PyInstaller does not put ``trustdesk/`` itself on the
module search path (its ``logs``, ``paths`` and ``errors`` would shadow other modules).
"""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from trustdesk.cli import main

    raise SystemExit(main())
