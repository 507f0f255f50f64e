"""Alembic environment of the team server's schema (PostgreSQL; ``trustdesk server init``).

Apart from the laptop's environment one folder up: other tables (``sync.server_models``),
its own version table, no batch mode (PostgreSQL alters tables in place). The caller passes
its connection in ``config.attributes``, already in the transaction that holds the
migration lock, so the URL and its password never pass through alembic's configuration.
"""

from alembic import context

from trustdesk.sync.server_models import VERSION_TABLE, ServerBase

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise SystemExit("run through `trustdesk server init URL`: it passes the connection")

context.configure(
    connection=connection,
    target_metadata=ServerBase.metadata,
    version_table=VERSION_TABLE,
    compare_type=True,
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
