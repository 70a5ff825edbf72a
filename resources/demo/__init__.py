"""The demo case: its agencies' exports (fictional, read through the real importers), the builder
that makes a demo workspace from them (``build.py``, which may use every layer: nothing in the
core imports it) and the ``demo`` command."""
