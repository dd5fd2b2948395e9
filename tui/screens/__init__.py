"""Screens and modals, one concern per file."""
