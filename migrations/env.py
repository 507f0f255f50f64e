"""Alembic environment. The app passes its own connection (``config.attributes``), so an
upgrade runs inside the app's transaction and with its pragmas."""

from alembic import context
from sqlalchemy import create_engine

from trustdesk.db.models import Base

config = context.config
target_metadata = Base.metadata

# Tables alembic must not manage from the models: the FTS5 index and its shadow tables,
# created by raw SQL in the migrations.
UNMANAGED_PREFIXES = ("search_fts",)


def include_name(name, type_, parent_names):
    return not (type_ == "table" and name and name.startswith(UNMANAGED_PREFIXES))


def run_migrations(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_name=include_name,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("set sqlalchemy.url or pass a connection in config.attributes")
    from trustdesk.db.migrate import migrating

    with migrating(create_engine(url)) as conn:
        run_migrations(conn)
