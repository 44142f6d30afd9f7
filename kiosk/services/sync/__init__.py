"""The nightly sync with the Department's central PostgreSQL: push, pull, verify, and the station's state."""
