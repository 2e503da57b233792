"""Stage 2 — reading Chinese report text: numerals, dates, quantities with their units, sentences and
word segmentation (jieba).  Imports only `document`."""
