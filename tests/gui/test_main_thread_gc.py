"""Cyclic garbage is collected by the main thread's event loop, never by a worker thread (a Qt
object freed from a worker's collection crashes the program)."""

from __future__ import annotations

import gc
import threading
import weakref

from gui.common.main_thread_gc import MainThreadGarbageCollector


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_garbage_cycles_are_freed_by_the_main_thread_only(qtbot) -> None:
    collector = MainThreadGarbageCollector(interval_ms=20)
    try:
        assert not gc.isenabled()  # no collection can start in a worker thread
        freed_in: list[str] = []
        node = _Node()
        gone = weakref.ref(node, lambda _ref: freed_in.append(threading.current_thread().name))
        del node
        junk = [[i] for i in range(5 * gc.get_threshold()[0])]  # past the first threshold
        qtbot.waitUntil(lambda: gone() is None, timeout=5000)
        assert freed_in == [threading.main_thread().name]
        del junk
    finally:
        collector.stop()
