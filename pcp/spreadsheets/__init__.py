"""Uploads of spreadsheets (bulk imports) that any app may use: how a pending upload is kept
until it is confirmed (`pending`), and how a file is read safely, whatever program saved it
(`reading`)."""
