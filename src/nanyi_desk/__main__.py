"""`python -m nanyi_desk` does what the `nanyi-desk` command does."""

import sys

from nanyi_desk.cli import main

sys.exit(main())
