"""Game families, one package each (maestro/genres/<name>/), behind one protocol (base.Genre)
and one explicit registry (registry.py)."""
