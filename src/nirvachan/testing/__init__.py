"""Helpers for the test suite and the benchmarks: a throwaway PostgreSQL cluster, the pytest
plugin that chooses the database, and the system browser."""
