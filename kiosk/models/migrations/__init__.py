"""Alembic migrations of the station's SQLite database."""
