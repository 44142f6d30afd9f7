"""Alembic scripts of the central schema (PostgreSQL)."""
