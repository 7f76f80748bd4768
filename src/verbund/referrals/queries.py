"""Reads about referrals and one-to-ones: who sees which, and what of it."""

from __future__ import annotations
