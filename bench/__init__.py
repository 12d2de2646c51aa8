"""Benchmarks behind `make bench`: OCR repair quality, extraction scores, speed."""
