"""The user's config file (YAML), validated like content. Every field has a default."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tui.core.content import message_for
from tui.core.strictyaml import ContentError, Problem, read_file


class Config(BaseModel):
    """config.yaml in the platform's config folder (or ``$VEIVISER_CONFIG``)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    retention_days: int = Field(default=180, ge=1, le=3650)
    """Sessions older than this are offered for deletion at start (storage limitation)."""
    export_dir: str | None = None
    """Where reflection logs are exported; default ``eksport`` in the data folder."""


def load_config(path: Path) -> Config:
    """Load ``path`` if it exists; a missing file means the defaults.

    Raises:
        ContentError: With ``file:line: message`` for each problem.
    """
    if not path.exists():
        return Config()
    doc = read_file(path)
    try:
        return Config.model_validate(doc.data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            where = ".".join(str(p) for p in loc)
            problems.append(Problem(doc.file, doc.line_of(loc), f"{where}: {message_for(err)}"))
        raise ContentError(problems) from None
