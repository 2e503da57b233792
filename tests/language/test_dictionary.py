"""jieba's prefix dictionary read a piece at a time (linter/language/dictionary.py): every cut and every
dictionary question answered as with the whole dictionary in memory."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT

# Each line of the corpus reports and the example is cut, and every 97th word of jieba's dictionary and its
# first two characters (often a bare prefix) asked about; `whole` says whether this process holds the whole dictionary (it has just
# built the file) or reads the file.
PROBE = r"""
import json, sys
from pathlib import Path
from linter.language.segmentation import JiebaSegmenter
seg = JiebaSegmenter()
whole = seg._file is None
lines = [line for p in sys.argv[1:] for line in Path(p).read_text(encoding="utf-8").splitlines() if line.strip()]
cuts = [[t.text for t in seg.tokenize(line)] for line in lines]
import jieba
entries = (Path(jieba.__file__).parent / "dict.txt").read_text(encoding="utf-8").split("\n")[::97]
probe = [w for e in entries if e for w in (e.split()[0], e.split()[0][:2])] + ["依申请公开", "依申请", "拓宽"]
words = [w for w in probe if seg.is_word(w)]
print(json.dumps({"whole": whole, "entries": len(seg._tk.FREQ), "cuts": cuts, "words": words}))
"""


def _texts() -> list[str]:
    corpus = sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt"))
    return [str(p) for p in corpus + [ROOT / "examples" / "2023-wendeng-zetou-town.txt"]]


def _probe(cache, texts: list[str]) -> dict:
    env = dict(os.environ, REPORT_LINT_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-c", PROBE, *texts], env=env, capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def test_cuts_from_the_file_equal_cuts_with_the_whole_dictionary(tmp_path):
    texts = _texts()
    built = _probe(tmp_path, texts)     # builds the dictionary: the whole of it is in memory
    read = _probe(tmp_path, texts)      # reads the pieces the texts need from the file
    assert built["whole"] and not read["whole"]
    assert read["cuts"] == built["cuts"] and read["words"] == built["words"]
    assert "依申请公开" in read["words"] and "依申请" not in read["words"]  # the domain dictionary; a bare prefix
    assert len(read["words"]) > 3000
    assert read["entries"] < built["entries"] / 3


def test_a_damaged_file_is_rebuilt(tmp_path):
    texts = _texts()[:1]
    expected = _probe(tmp_path, texts)
    (entry,) = tmp_path.glob("jieba-*.dict")
    size = entry.stat().st_size
    entry.write_bytes(entry.read_bytes()[: size // 2])  # cut short, as by a full disk
    again = _probe(tmp_path, texts)
    assert again["whole"] and again["cuts"] == expected["cuts"]
    assert entry.stat().st_size == size
