"""Entries: the workflow (submit, return, approve), copies, import resource, reads, admin."""
