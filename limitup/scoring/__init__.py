"""Scoring (SPEC 4): the table as data (table.py) and the bounded, explained bonus (bonus.py)."""
from limitup.scoring.bonus import Bonus, score, score_with
from limitup.scoring.table import Band, ScoringRules, ScoringSchema

__all__ = ["Band", "Bonus", "ScoringRules", "ScoringSchema", "score", "score_with"]
