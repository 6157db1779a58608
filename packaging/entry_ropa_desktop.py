"""Frozen entry point of the editor (packaging/ropa.spec); same as the ``ropa-desktop`` script."""

import sys

from ropa_desktop.ui.app import main

sys.exit(main())
