"""Run ``main.py`` and write this process's own peak memory (kB) to the file named first.

The kernel's wait4 figure for a child counts the memory of the process it was forked from (a
test run of several hundred MB), so a child's cost is read from its own /proc/self/status
(VmHWM belongs to the new program only). Usage: python peak_memory.py OUT main.py ARGS...
"""

from __future__ import annotations

import atexit
import runpy
import sys
from pathlib import Path


def _report(out: Path) -> None:
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return  # not Linux: the caller falls back to wait4's figure
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            out.write_text(line.split()[1])


if __name__ == "__main__":
    out, script = Path(sys.argv[1]), sys.argv[2]
    atexit.register(_report, out)
    sys.argv = [script, *sys.argv[3:]]
    sys.path.insert(0, str(Path(script).resolve().parent))
    runpy.run_path(script, run_name="__main__")
