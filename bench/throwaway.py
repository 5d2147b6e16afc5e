"""Django on a throwaway SQLite database, for the benchmarks: the project's own database and
files are never touched. A benchmark run as `python bench/x.py` imports this as `throwaway`."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def django_setup(directory: str, database_url: str = "") -> None:
    """Settings from pcp.settings, a database (SQLite in `directory` unless `database_url`
    names an empty one) and media folder in `directory`, migrated."""
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{directory}/bench.sqlite3"
    os.environ["MEDIA_ROOT"] = f"{directory}/media"  # pending uploads, published files
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pcp.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
