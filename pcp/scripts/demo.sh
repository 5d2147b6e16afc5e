#!/usr/bin/env bash
# Sets everything up and runs the app on SQLite with the demo edition and demo users loaded.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash pcp/scripts/setup.sh
py=.venv/bin/python
"$py" manage.py migrate --noinput --verbosity 0
echo "Database ready (db.sqlite3, migrations applied)."
"$py" manage.py load_demo --port "${PORT:-8000}"
exec "$py" manage.py runserver "127.0.0.1:${PORT:-8000}"
