"""The frontnews benchmark: frontnews against its peers, measured in the same run.

One module per part, none imported here (the measuring subprocesses import
only what they need):

- :mod:`.timing`: the timer (best of several rounds) and what one timed case gives;
- :mod:`.report`: Markdown tables, targets and verdicts;
- :mod:`.machine`: what the run was measured on;
- :mod:`.samples`: the corpora, read into memory;
- :mod:`.corpus`: the seeded generator of synthetic records;
- :mod:`.peers`: the code people would otherwise write or use;
- one module per measured job: :mod:`.load`, :mod:`.dump`, :mod:`.iter_records`,
  :mod:`.startup` and :mod:`.exporters`;
- :mod:`.cli`: the options and the whole run (``python benchmarks/bench.py``).
"""
