"""Write tui/core/privacy/data/common_words.txt: words a counsellor writes in lower case.

The pack review flags a capitalised word inside a sentence unless it is a word Norwegians write
in lower case (or the model's own vocabulary). This list is every word that occurs in lower case
in the seed thesis (Modell for digital karriereveiledning) and in the built-in content, minus the
name lists. Run it again when the content changes: ``python scripts/make_common_words.py``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tui" / "core" / "privacy" / "data"
SEED = ROOT.parent / "shared" / "seed" / "modell-for-digital-karriereveiledning.txt"
WORD = re.compile(r"[a-zæøåéèüäö]+(?:-[a-zæøåéèüäö]+)*")


def _names() -> set[str]:
    out: set[str] = set()
    for name in ("first_names.txt", "surnames.txt", "places.txt"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                out.add(line.strip().casefold())
    return out


def main() -> int:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "content").rglob("*.yaml"))]
    texts.append((DATA / "everyday_words.txt").read_text(encoding="utf-8"))
    if SEED.is_file():
        texts.append(SEED.read_text(encoding="utf-8"))
    else:
        print(f"{SEED} not found: the list is made from the content alone", file=sys.stderr)
    words: set[str] = set()
    for text in texts:
        for match in WORD.finditer(text):
            # Only words met in lower case: a capitalised word may be a name.
            if len(match.group()) > 1:
                words.add(match.group())
    words -= _names()
    head = (
        "# Words written in lower case in the seed thesis and the built-in content, and everyday\n"
        "# words (everyday_words.txt); made by scripts/make_common_words.py. Not names.\n"
    )
    (DATA / "common_words.txt").write_text(head + "\n".join(sorted(words)) + "\n", encoding="utf-8")
    print(f"{len(words)} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
