"""Renderers of an assembled edition: each takes plain data (narratives.assembled), no ORM."""
