"""Helpers shared by the test suites (imported by tests; never a test module)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
"""The checkout."""
