"""Team sync (OFF-3): laptops on their own SQLite file exchange field edits through the
team's PostgreSQL server.

Sits between ``db/`` and ``services/``: it may import ``db/`` and ``domain/``, never Qt.
``server_models`` holds the server's tables, ``server`` opens the server and keeps its schema.
"""
