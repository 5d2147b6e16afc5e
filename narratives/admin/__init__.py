"""Admin for entries, operations, review steps, figure-check decisions and editions.

Importing the modules registers their pages with the admin site.
"""

from narratives.admin import editions, entries, records  # noqa: F401
