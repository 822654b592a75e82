"""Peak memory for the throughput benchmark: this process's, and each pool worker's.

``ru_maxrss`` is a process's own high-water mark; ``RUSAGE_CHILDREN`` gives
only the largest reaped child's, so each worker's is polled from ``/proc``.
"""

from __future__ import annotations

import os
import resource
import sys
import threading
from pathlib import Path


def _mib(maxrss: int) -> float:
    # Linux reports KiB, macOS bytes.
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def peak_rss_mib() -> float:
    """This process's peak resident set so far."""
    return _mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _children_of(parent: int) -> list[int]:
    """Pool workers started by ``parent``: spawned children, not its resource tracker."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            # The command name may hold spaces and brackets; the fields after its ")" do not.
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == parent and b"spawn_main" in Path(f"/proc/{entry}/cmdline").read_bytes():
                found.append(int(entry))
        except (OSError, IndexError, ValueError):
            continue  # gone between listing and reading, or not ours to read
    return found


def _vm_hwm_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


class WorkerPeaks:
    """Each pool worker's high-water mark, polled from ``/proc`` while ingest runs.

    A finished process's mark cannot be read, so the last reading before it
    exits stands (up to ``interval`` late); where there is no ``/proc``
    (macOS) nothing is recorded.
    """

    def __init__(self, interval: float = 0.5) -> None:
        self.interval = interval
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._enabled = Path("/proc/self/status").exists()

    def __enter__(self) -> WorkerPeaks:
        if self._enabled:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._enabled:
            self._thread.join()

    def _poll(self) -> None:
        while True:
            self.sample()
            if self._stop.wait(self.interval):
                return

    def sample(self) -> None:
        for pid in _children_of(os.getpid()):
            mark = _vm_hwm_mib(pid)
            if mark is not None:
                self.peaks[pid] = max(mark, self.peaks.get(pid, 0.0))


def children_peak_mib() -> float:
    """The largest reaped child's peak resident set (RUSAGE_CHILDREN); 0 before any."""
    return _mib(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
