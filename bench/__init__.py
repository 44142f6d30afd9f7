"""Benchmarks with budgets: `make bench` (python -m bench [NAME ...])."""
