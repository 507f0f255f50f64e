"""Storage: SQLAlchemy models, the engine and its pragmas, migrations, backup and search index."""
