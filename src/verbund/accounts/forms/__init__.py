"""Forms of the accounts area: the own profile, language and API tokens."""
