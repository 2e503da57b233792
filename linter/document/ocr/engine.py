"""The text recogniser (RapidOCR's PP-OCR recognition model on ONNX Runtime, CPU), made once per process.

Only recognition runs: the cells are cut from the picture by its ruled grid (`grid.py`), so text
detection — which misses a lone "0" in a cell — is not needed.  RapidOCR 3.x loads each model on first
use; `use_det`/`use_cls` are off, so the detector and the angle classifier are never loaded.  What a
reading may take is bounded here:

* ONNX Runtime runs without its CPU memory arena (which keeps the largest buffer ever asked for) and with
  one thread (`THREADS`);
* the model's output is (batch × width ÷ 8 × 18 710 characters) floats — a batch of 16 wide labels was
  over 500 MB.  Crops go to the model in batches of at most `BATCH_COLUMNS` pixel columns (at the model's
  height of 48), a line wider than that is read in pieces, and a crop is padded to `MIN_WIDTH`, not to
  RapidOCR's 320: most cells hold a short number, and the pictures of every corpus table read exactly the
  same at 320 and at 64 columns, in half the time;
* large buffers go back to the system when freed (`memory.py`).

Imported only when a picture is read.
"""
from __future__ import annotations

import os
import threading

import numpy as np

THREADS = 1            # a worker reads on one core: --jobs spreads files over the cores, and ONNX Runtime's
                       # spinning threads slow a reading several times over when the cores are busy
HEIGHT = 48            # the recognition model's input height (RapidOCR's Rec.rec_img_shape)
MIN_WIDTH = 64         # a crop is padded to at least this many columns
BATCH_COLUMNS = 1920   # pixel columns recognised at once: batch size × the widest crop of the batch
MAX_BATCH = 16

_LOCK = threading.Lock()
_ENGINE = None
_OWNER = 0             # the process that made _ENGINE: a forked child makes its own (no inherited threads)


def _engine():
    global _ENGINE, _OWNER
    with _LOCK:
        if _ENGINE is None or _OWNER != os.getpid():
            import logging

            from rapidocr import RapidOCR

            from linter.document.ocr import memory

            memory.bound()
            _ENGINE = RapidOCR(params={
                "Global.log_level": "error",
                "Global.use_det": False,
                "Global.use_cls": False,
                "EngineConfig.onnxruntime.enable_cpu_mem_arena": False,
                "EngineConfig.onnxruntime.intra_op_num_threads": THREADS,
                "EngineConfig.onnxruntime.inter_op_num_threads": 1,
                "Rec.rec_batch_num": MAX_BATCH,
                "Rec.rec_img_shape": [3, HEIGHT, MIN_WIDTH],
            })
            _OWNER = os.getpid()
            logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        return _ENGINE


def columns(crop: np.ndarray) -> int:
    """The columns a crop takes in the model's input: scaled to its height, padded to MIN_WIDTH."""
    h, w = crop.shape[:2]
    return max(MIN_WIDTH, -(-HEIGHT * w // max(h, 1)))


def recognise(crops: list[np.ndarray]) -> list[tuple[str, float]]:
    """(text, confidence) of each grey crop holding one line of text."""
    if not crops:
        return []
    import cv2

    pieces, owner = [], []
    for i, crop in enumerate(crops):
        for piece in _pieces(crop):
            pieces.append(cv2.cvtColor(piece, cv2.COLOR_GRAY2BGR))
            owner.append(i)
    read = [("", 0.0)] * len(pieces)
    for batch in _batches([columns(p) for p in pieces]):
        out = _engine().recognize_txt([pieces[k] for k in batch])
        for k, text, score in zip(batch, out.txts, out.scores):
            read[k] = (str(text), float(score))
        del out
    texts: list[list[str]] = [[] for _ in crops]
    scores: list[list[float]] = [[] for _ in crops]
    for i, (text, score) in zip(owner, read):
        texts[i].append(text)
        scores[i].append(score)
    return [("".join(t), min(s)) for t, s in zip(texts, scores)]


def _batches(widths: list[int]) -> list[list[int]]:
    """Indices grouped narrowest first, each group within BATCH_COLUMNS and MAX_BATCH."""
    out: list[list[int]] = []
    batch: list[int] = []
    for k in sorted(range(len(widths)), key=widths.__getitem__):
        if batch and ((len(batch) + 1) * widths[k] > BATCH_COLUMNS or len(batch) >= MAX_BATCH):
            out.append(batch)
            batch = []
        batch.append(k)
    return out + [batch] if batch else out


def _pieces(crop: np.ndarray) -> list[np.ndarray]:
    """A line too wide for one batch, cut at its emptiest columns into pieces that each fit."""
    h, w = crop.shape[:2]
    most = max(8, BATCH_COLUMNS * h // HEIGHT)   # the widest piece, in the crop's own pixels
    if w <= most:
        return [crop]
    ink = (crop < 128).sum(axis=0)
    out, start = [], 0
    while w - start > most:
        window = ink[start + most * 2 // 3:start + most]
        cut = start + most * 2 // 3 + int(np.argmin(window))
        out.append(crop[:, start:cut])
        start = cut
    return out + [crop[:, start:]]
