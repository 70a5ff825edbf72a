"""Python's cyclic garbage collected in the main thread only.

A collection may run in whichever thread happens to allocate; if a background worker runs it and
the garbage holds a Qt object of the window, Qt frees that object from the wrong thread and the
program crashes. So automatic collection is switched off while the window runs, and a timer in the
main thread collects with the same thresholds Python would use.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class MainThreadGarbageCollector(QObject):
    """Collects cyclic garbage from the main thread's event loop; ``stop`` gives it back."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        self.timer.start(interval_ms)

    def collect(self) -> None:
        """Collect the generations whose counts passed their thresholds, as Python would."""
        counts, limits = gc.get_count(), gc.get_threshold()
        if counts[0] <= limits[0]:
            return
        generation = 2 if counts[2] > limits[2] else 1 if counts[1] > limits[1] else 0
        gc.collect(generation)

    def stop(self) -> None:
        """Stop the timer, collect once here, and switch automatic collection back as it was."""
        self.timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
