"""The demo network of `verbund demo`: a believable German referral network (names invented).

`data` holds the raw material, `plan` draws companies and people from a seeded generator,
`builder` writes them through the service functions and `logins` holds the six demo logins.
`meetings` adds a year of fortnightly breakfasts with registers and RSVPs, `agendas` their
agendas and minutes, with the words from `texts`.
"""
