"""Widgets: thin views over the core, one per file."""
