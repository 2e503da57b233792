"""The cyclic garbage collector paused around work that makes many objects and no garbage only it could free."""
from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def collector_paused(pause: bool):
    """The cyclic collector paused while `pause` holds (and it is on): work that builds many objects which live
    on, or die by their reference counts, would otherwise set off collections that walk every object again and
    free nothing.  A collector already off stays off."""
    if not pause or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
