"""Messages from the core and the command line, in bokmål or English.

The app's own words live in ``content/<lang>/ui.yaml``; these are the messages printed before
(or without) the app: content and config errors, archive and export problems. ``say(nb, en)``
returns the English text when the language in use is English, else the bokmål.
"""

from __future__ import annotations

_lang = "nb"


def use_language(lang: str) -> None:
    """Set the language of the messages (``en`` gives English, anything else bokmål)."""
    global _lang
    _lang = lang


def say(nb: str, en: str) -> str:
    """The message in the language in use."""
    return en if _lang == "en" else nb
