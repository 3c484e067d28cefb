"""Money is integer fen (分) everywhere; yuan appear only at the edges (CLI, rules, pages)."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

FEN_PER_YUAN = 100


class AmountError(ValueError):
    pass


def yuan_to_fen(value) -> int:
    """'12.5' -> 1250. Refuses negatives, NaN, and fractions of a fen."""
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise AmountError(f"not an amount: {value!r}") from None
    if not amount.is_finite():
        raise AmountError(f"not an amount: {value!r}")
    if amount < 0:
        raise AmountError(f"amount must not be negative: {value}")
    fen = amount * FEN_PER_YUAN
    if fen != fen.to_integral_value():
        raise AmountError(f"amount has fractions of a fen: {value}")
    return int(fen)


def fen_to_yuan_text(fen: int) -> str:
    """1250 -> '12.50'."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // FEN_PER_YUAN}.{fen % FEN_PER_YUAN:02d}"
