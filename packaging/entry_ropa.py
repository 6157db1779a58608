"""Frozen entry point of the command (packaging/ropa.spec); same as the ``ropa`` script."""

import sys

from ropa_desktop.cli import main

sys.exit(main())
