"""Give the memory of a picture back to the system once it is read (glibc's allocator; elsewhere nothing).

Reading a picture allocates large short-lived buffers: the picture and its masks, then the recogniser's
output (batch × width ÷ 8 × 18 710 characters, in floats).  glibc serves a freed large buffer's size from
its heap next time (its mmap threshold rises to the largest size freed) and keeps that heap, so a worker
that had read one picture stayed hundreds of MB larger than it needed.  A fixed threshold keeps every
buffer of 1 MB or more mapped on its own, returned to the system when freed; `release` hands back what the
heap still holds after a picture.
"""
from __future__ import annotations

MMAP_THRESHOLD = 1 << 20
_M_MMAP_THRESHOLD = -3   # mallopt's parameter number (malloc.h)
_libc = None


def _glibc():
    global _libc
    if _libc is None:
        try:
            import ctypes

            libc = ctypes.CDLL("libc.so.6")
            _libc = libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else False
        except (OSError, AttributeError):
            _libc = False
    return _libc or None


def bound() -> None:
    """Keep large buffers out of the heap in this process (called once, when the recogniser is made)."""
    libc = _glibc()
    if libc is not None:
        libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)


def release() -> None:
    """Return the free memory the heap holds to the system (after a picture is read)."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)
