"""Stage 1 — bytes to a `Document`: paragraphs, tables and images, each character mapped back to its
source position.  Encoding detection, reader limits and one reader per format (`readers/`).
Imports nothing of the later stages."""
