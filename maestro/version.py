"""Maestro's version: the one place it is written (pyproject.toml reads it from here).

It is part of every project id and catalog row, so a re-run with another Maestro builds anew.
"""

__version__ = "0.2.0"
