"""Writes on referrals, closed business and one-to-ones; import from here."""

__all__: list[str] = []
