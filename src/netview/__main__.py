import sys

from netview.cli import main

sys.exit(main())
