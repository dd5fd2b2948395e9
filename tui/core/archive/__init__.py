"""The counsellor's archive on this machine: the SQLite store of conversations and their logs,
and the lock that keeps a second Veiviser out of it. Knows what a session is, not how it is run."""
