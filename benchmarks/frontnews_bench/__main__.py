"""``python -m frontnews_bench`` (with ``benchmarks/`` on the path): the whole benchmark."""

import sys

from .cli import main

sys.exit(main())
