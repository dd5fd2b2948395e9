"""The pure core: content, session, notes. Imports nothing from Textual (a test checks).

Importing any part of it gives the words (:mod:`tui.core.base.strings`) their built-in
``ui.yaml``, read through the model's cache when first needed: the words never import the YAML
reader that itself speaks in them, and no part of the core can be used without its words.
"""

from tui.core.base import strings as _strings


def _builtin_words(lang: str) -> dict[str, str]:
    from tui.core.model.words import builtin_words  # when a word is first asked for

    return builtin_words(lang)


_strings.install_builtin(_builtin_words)
