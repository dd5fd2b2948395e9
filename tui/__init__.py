"""Veiviser: the Modell for digital karriereveiledning at hand during a guidance conversation."""

__version__ = "0.1.0"
