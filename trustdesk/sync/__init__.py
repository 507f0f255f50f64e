"""Team sync (OFF-3): laptops on their own SQLite file exchange field edits through the
team's PostgreSQL server.

Sits beside ``services/`` (it uses the store, and the services that derive the search index
and plans of pulled records), never Qt. ``db.sync_capture`` marks edited records;
``laptop`` seals them into field ops and applies pulled values; ``exchange`` is the server's
half (push under a lock, pull by sequence); ``run`` is one whole sync; ``conflicts`` the
Conflicts screen's data; ``server_models`` and ``server`` the server's tables, connection and
schema.
"""
