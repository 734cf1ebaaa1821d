"""Benchmarks: `python -m bench <name>` prints JSON figures (see docs/benchmarks.md)."""
