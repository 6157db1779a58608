"""``python -m ropa_desktop``: the desktop editor."""

import sys

from ropa_desktop.ui.app import main

sys.exit(main())
