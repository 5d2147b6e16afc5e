"""Editions: assembling a quarter's entries, rendering and publishing them, public pages."""
