"""``python -m tui``: the same as the ``veiviser`` command."""

from tui.cli import main

raise SystemExit(main())
