"""The text recogniser (RapidOCR's PP-OCR recognition model on ONNX Runtime, CPU), made once per process.

Only recognition runs: the cells are cut from the picture by its ruled grid (`grid.py`), so text
detection — which misses a lone "0" in a cell — is not needed.  Imported only when a picture is read.
"""
from __future__ import annotations

import threading

import numpy as np

_LOCK = threading.Lock()
_ENGINE = None


def _engine():
    global _ENGINE
    with _LOCK:
        if _ENGINE is None:
            import logging

            from rapidocr import RapidOCR

            _ENGINE = RapidOCR(params={"Global.log_level": "error", "Rec.rec_batch_num": 16})
            logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        return _ENGINE


def recognise(crops: list[np.ndarray]) -> list[tuple[str, float]]:
    """(text, confidence) of each grey crop holding one line of text."""
    if not crops:
        return []
    import cv2

    images = [cv2.cvtColor(c, cv2.COLOR_GRAY2BGR) for c in crops]
    out = _engine().recognize_txt(images)
    return [(str(t), float(s)) for t, s in zip(out.txts, out.scores)]
