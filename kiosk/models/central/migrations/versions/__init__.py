"""Revisions of the central schema."""
