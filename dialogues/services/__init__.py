"""The dialogues' workflows: each a keyword-only function that locks, re-checks its
guard, changes, writes the audit log and mails after commit (registrations.py,
invitations.py, questions.py)."""
