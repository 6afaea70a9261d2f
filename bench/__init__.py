"""Benchmarks and load tests, run by `make bench` (never part of the test suite)."""
