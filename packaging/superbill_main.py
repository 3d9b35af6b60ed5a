"""The frozen programs' entry point (build.spec): SuperbillDesk (windowed) and superbill (console) both run it.

With no command it opens the app; `superbill self-test` (or `SuperbillDesk --self-test`) checks the bundle.
"""

import multiprocessing

from app.cli import main

if __name__ == "__main__":
    # The year-end statements' worker processes start this same program: it must let them run.
    multiprocessing.freeze_support()
    raise SystemExit(main())
