"""The built-in ``ui.yaml`` of a language, for the words said before the content is loaded
(the command line's help, a config error, an archive that will not open). From the compiled
cache, so a start reads no YAML for them."""

from __future__ import annotations

from tui.core.base.strings import DEFAULT_LANG


def builtin_words(lang: str) -> dict[str, str]:
    """The package's own ``ui.yaml`` of ``lang`` (bokmål when Veiviser does not ship it)."""
    from tui.core.base.paths import builtin_content_dir
    from tui.core.model.cache import remember

    folder = builtin_content_dir()
    path = folder / (lang if (folder / lang / "ui.yaml").is_file() else DEFAULT_LANG) / "ui.yaml"

    def build() -> dict[str, str]:
        from tui.core.model.yamlreader import read_file

        data = read_file(path).data
        return {str(k): str(v) for k, v in data.items()}

    return remember(f"ui-{path.parent.name}", [path], build, dict[str, str])
