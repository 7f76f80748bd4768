"""Pages of admissions: applications and the members' vote, the advisory board's cases."""
