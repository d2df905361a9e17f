"""The readers of PDFs and page images (PDFium, tesseract); nothing here knows about délibérations."""

# The folder keeping tesseract's output per page image (pipeline.backends.tesseract), read from
# the environment, which workers inherit. Named here, apart from the backend, so that the main
# process of a batch sets it without importing the backend (numpy and the records, ~0.4 s).
OCR_CACHE_ENV = "DELIBERATA_OCR_CACHE"
