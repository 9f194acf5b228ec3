"""`python -m cli`: the same as the `flourish` command."""

import sys

from cli import main

sys.exit(main())
