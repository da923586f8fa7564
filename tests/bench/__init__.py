"""Benchmarks: a synthetic corpus generator (corpus.py) and the `make bench` runner (run.py)."""
