#!/usr/bin/env bash
# Runs the application for real: DEBUG off, migrations, static files, gunicorn and the task
# worker, until either stops or the service manager sends TERM. The database is DATABASE_URL
# (SQLite file db.sqlite3 when unset). See pcp/docs/operations.md.
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=()
[ -n "${SECRET_KEY:-}" ] || missing+=(SECRET_KEY)
[ -n "${ALLOWED_HOSTS:-}" ] || missing+=(ALLOWED_HOSTS)
if [ ${#missing[@]} -gt 0 ]; then
  echo "make serve needs ${missing[*]} in the environment (SECRET_KEY: a long random secret;" \
    "ALLOWED_HOSTS: the site's host names, comma-separated). See pcp/docs/operations.md." >&2
  exit 2
fi

bash pcp/scripts/setup.sh
export DEBUG=false
py=.venv/bin/python
"$py" manage.py migrate --noinput
"$py" manage.py search_index  # published versions not yet searchable (none, once indexed)
"$py" manage.py collectstatic --noinput --verbosity 0

pids=()
stop() {
  trap - TERM INT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
}
trap 'stop; exit 0' TERM INT

if [ "${TASKS_BACKEND:-database}" = database ]; then
  for _ in $(seq "${TASK_WORKERS:-1}"); do
    "$py" manage.py db_worker --queue-name '*' --interval "${TASK_POLL_SECONDS:-1}" &
    pids+=($!)
  done
fi
.venv/bin/gunicorn --config pcp/gunicorn.conf.py pcp.wsgi:application &
pids+=($!)

# Whichever stops first (a crash, or gunicorn failing to bind) takes the other down with it,
# so the service manager sees the failure and restarts the whole.
status=0
wait -n "${pids[@]}" || status=$?
echo "serve: a process stopped (status $status); stopping the rest." >&2
stop
exit "$status"
