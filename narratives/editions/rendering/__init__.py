"""Renderers of an assembled edition: each takes plain data (editions.assembled), no ORM."""
