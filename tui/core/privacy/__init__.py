"""Privacy: finding identifiers in what is typed (the log review and the stricter pack review)."""

from tui.core.privacy.scanner import (
    Hit,
    Kind,
    context,
    is_fodselsnummer,
    looks_like_fodselsnummer,
    mask,
    scan,
    scan_pack,
)

__all__ = [
    "Hit",
    "Kind",
    "context",
    "is_fodselsnummer",
    "looks_like_fodselsnummer",
    "mask",
    "scan",
    "scan_pack",
]
