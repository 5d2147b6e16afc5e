"""The narratives admin site: importing this registers each capability's admin pages
(entries/admin.py, editions/admin.py, figures/admin.py through the entry admin) and the
read-only records here (operations, review steps, figure-check decisions).
"""

from narratives.admin import records  # noqa: F401
from narratives.editions import admin as editions_admin  # noqa: F401
from narratives.entries import admin as entries_admin  # noqa: F401
