"""The narratives admin site: importing this registers each capability's admin pages
(entries/admin.py with its review steps in review_steps.py and the figures section from
figures/presenting.py, editions/admin.py) and the
read-only records here (operations, review steps, figure-check decisions).
"""

from narratives.admin import records  # noqa: F401
from narratives.editions import admin as editions_admin  # noqa: F401
from narratives.entries import admin as entries_admin  # noqa: F401
