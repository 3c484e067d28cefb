"""What decoding an upload costs in memory, known from its header, and how much may decode at once.

A small file can cost a lot: a 322 KB 16-bit RGBA PNG of 6300×6300 (under the pixel limit)
decodes to 40 million pixels. So the cost is estimated from what the header says (Pillow's mode
and the size, before a pixel is decoded), and every decode in the process takes its cost from one
budget (`DECODE_BUDGET_MB`, default 1024): a decode waits, first come first served, until its
bytes are free, and is answered `busy` (503) if they are not free within `DECODE_WAIT_SECONDS`.
An image that would cost more than the whole budget is refused at once (unreadable_image).
When the decode is done, the upright RGB image it returns (4 bytes a pixel) stays counted until
that image is freed, at the end of the request: the budget bounds what uploads hold, not only
what they hold while decoding.
See docs/intake.md, "Memory".
"""
from __future__ import annotations

import ctypes
import threading
import time
from collections import deque

from limitup.errors import LimitupError
from limitup.ingest.sniff import unreadable

MB = 1024 * 1024
DEFAULT_BUDGET_MB = 1024
DEFAULT_WAIT_SECONDS = 30.0

# Bytes Pillow keeps per pixel of a decoded image, by mode: bilevel, grey and palette in one byte,
# 16-bit grey in two; every other mode (RGB too) in four. 16-bit colour PNGs decode to 8-bit
# RGB/RGBA, so their header's bit depth shows in the mode Pillow reports.
STORAGE_BYTES = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16L": 2, "I;16B": 2, "I;16N": 2}
OTHER_MODES_BYTES = 4
# Besides the decoded image, turning it into upright RGB holds at most the RGB result and one
# more full-size copy (a rotation, an ICC conversion, the paste onto white, or the grey image for
# the perceptual hash): 8 bytes a pixel. Measured (ru_maxrss less the interpreter's, 6300²):
# 16-bit grey 7.2, 16-bit RGBA 9.1, 16-bit grey+alpha 9.1 bytes a pixel, against 12, 12 and 12
# estimated here; before convert.py was made lean they were 18, 19 and 19.
WORK_BYTES_PER_PIXEL = 8
# A progressive JPEG is decoded from a full-size buffer of DCT coefficients: two bytes for each
# of up to three components at full resolution.
PROGRESSIVE_BYTES_PER_PIXEL = 6
# After a decode this large, free memory is handed back to the system (glibc keeps it otherwise:
# the server stayed at 5.9 GB after six large decodes).
TRIM_AFTER_BYTES = 64 * MB


def decode_cost(mode: str, size: tuple[int, int], *, progressive: bool = False) -> int:
    """Bytes that decoding and converting an image of this header will hold at its peak."""
    width, height = size
    per_pixel = STORAGE_BYTES.get(mode, OTHER_MODES_BYTES) + WORK_BYTES_PER_PIXEL
    if progressive:
        per_pixel += PROGRESSIVE_BYTES_PER_PIXEL
    return width * height * per_pixel


class DecodeBudget:
    """A counting semaphore in bytes, served in arrival order (a large decode is not starved by
    a stream of small ones)."""

    def __init__(self, capacity_bytes: int, wait_seconds: float):
        self._lock = threading.Condition()
        self._queue: deque[object] = deque()
        self.in_use = 0
        self.peak = 0
        self.configure(capacity_bytes, wait_seconds)

    def configure(self, capacity_bytes: int, wait_seconds: float) -> None:
        with self._lock:
            self.capacity = int(capacity_bytes)
            self.wait_seconds = float(wait_seconds)
            self._lock.notify_all()

    def acquire(self, cost: int) -> "Hold":
        """Wait for `cost` bytes (in arrival order); a Hold to give them back through."""
        with self._lock:
            if cost > self.capacity:
                raise unreadable(
                    f"the image would need about {cost / MB:.0f} MB of memory to decode; the most "
                    f"this server decodes at once is {self.capacity / MB:.0f} MB; send a photo "
                    f"with fewer pixels")
            ticket = object()
            self._queue.append(ticket)
            deadline = time.monotonic() + self.wait_seconds
            try:
                while self._queue[0] is not ticket or self.in_use + cost > self.capacity:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise LimitupError(
                            "the server is busy decoding other large images; please send the "
                            "photo again in a minute", code="busy", status=503)
                    self._lock.wait(remaining)
            finally:
                self._queue.remove(ticket)
                self._lock.notify_all()      # the next in line may fit now
            self.in_use += cost
            self.peak = max(self.peak, self.in_use)
        return Hold(self, cost)

    def _give_back(self, count: int) -> None:
        with self._lock:
            self.in_use -= count
            self._lock.notify_all()
        if count >= TRIM_AFTER_BYTES:
            _give_memory_back()


class Hold:
    """Bytes taken from a budget: `keep(n)` gives back all but n (the decoded image that lives on
    with the upload), `release()` the rest (idempotent)."""

    def __init__(self, budget: DecodeBudget, count: int):
        self._budget = budget
        self._count = count
        self._lock = threading.Lock()

    @property
    def count(self) -> int:
        return self._count

    def keep(self, count: int) -> None:
        self._shrink_to(max(0, min(count, self._count)))

    def release(self) -> None:
        self._shrink_to(0)

    def _shrink_to(self, count: int) -> None:
        with self._lock:
            freed, self._count = self._count - count, count
        if freed:
            self._budget._give_back(freed)


def _give_memory_back() -> None:
    """glibc's malloc_trim(0): return freed heap pages to the system (a no-op elsewhere)."""
    try:
        _LIBC.malloc_trim(0)
    except AttributeError:
        pass


try:
    _LIBC = ctypes.CDLL("libc.so.6")
except OSError:          # not glibc: nothing to trim
    _LIBC = None

# The one budget of this process; create_app() sets it from the configuration.
DECODES = DecodeBudget(DEFAULT_BUDGET_MB * MB, DEFAULT_WAIT_SECONDS)


def configure(budget_mb: int, wait_seconds: float) -> None:
    DECODES.configure(budget_mb * MB, wait_seconds)
