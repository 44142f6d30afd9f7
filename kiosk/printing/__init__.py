"""Paper, Qt-free: documents rendered to 1-bit images and ESC/POS bytes for the roll, and PDFs for A5/A4 forms."""
