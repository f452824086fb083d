"""Validation of built files: EPUBCheck for EPUBs, read-back checks for PDFs."""
