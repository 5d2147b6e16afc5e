"""Full-text search of published editions (public) and of entries being written (staff)."""
