"""The pure core: content, session, notes. Imports nothing from Textual (a test checks)."""
