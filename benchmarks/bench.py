"""Benchmark frontnews against its peers, measured in the same run, and print Markdown tables.

Run from the repository root, in an environment with ``pip install -e '.[bench,tests]'``::

    python benchmarks/bench.py            # full run (10,000 synthetic records; folders
                                          # of 1,000, 10,000 and 50,000 for iter_records)
    python benchmarks/bench.py --quick    # small sizes, well under 30 seconds
    python benchmarks/bench.py --help     # every option

The code is the package next to this script, ``benchmarks/frontnews_bench``
(one module per part); ``benchmarks/README.md`` explains every table and column.
"""

from __future__ import annotations

import sys

# Python puts this script's folder first on the path, so the package next to it imports.
from frontnews_bench.cli import main

if __name__ == "__main__":
    sys.exit(main())
