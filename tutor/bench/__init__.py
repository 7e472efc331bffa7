"""Benchmarks: `python -m tutor.bench engine|demos|ui` prints median timings against targets."""
