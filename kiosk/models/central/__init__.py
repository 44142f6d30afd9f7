"""The central PostgreSQL schema that gathers every station, with its own Alembic migrations."""
