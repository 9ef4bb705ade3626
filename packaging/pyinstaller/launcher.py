"""Entry script of the frozen app: the same `main` as the `netview` console script."""

import multiprocessing
import sys

from netview.cli import main

if __name__ == "__main__":
    # A frozen child process would otherwise re-run the whole app instead of its task.
    multiprocessing.freeze_support()
    sys.exit(main())
