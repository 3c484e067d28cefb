"""Verification (SPEC 3): pure checks (checks.py, names.py), database look-ups (lookups.py),
issuer rosters (registry.py), outcomes per reason code and the decision (outcomes.py)."""
