"""The figures check of narrative entries: stated changes, shares and stored values."""
