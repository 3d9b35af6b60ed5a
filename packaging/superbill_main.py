"""The frozen programs' entry point (build.spec): SuperbillDesk (windowed) and superbill (console) both run it.

With no command it opens the app; `superbill self-test` (or `SuperbillDesk --self-test`) checks the bundle.
"""

from app.cli import main

raise SystemExit(main())
