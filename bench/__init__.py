"""Benchmarks run by ``make bench``: the reminder fan-out and the results compile at scale.

Installed by the development and test settings only; production never ships them
(``portal/settings/production.py``).
"""
