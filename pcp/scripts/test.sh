#!/usr/bin/env bash
# Runs the whole test suite. With CI=true it first installs PostgreSQL and Chromium from
# Debian's packages, then runs the suite on SQLite and on PostgreSQL, and any skipped
# test fails the run (see tests/conftest.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash pcp/scripts/setup.sh
py=.venv/bin/python

if [ "${CI:-}" != "true" ]; then
  exec "$py" -m pytest "$@"
fi

if ! command -v chromium >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql chromium fonts-dejavu-core \
    >/dev/null
fi

pgdir=$(mktemp -d /tmp/pcp-postgres.XXXXXX)
trap 'bash pcp/scripts/postgres.sh stop "$pgdir"' EXIT
pg_url=$(bash pcp/scripts/postgres.sh start "$pgdir" 54329)

"$py" -m ruff check .
"$py" -m ruff format --check .
"$py" manage.py makemigrations --check --dry-run
DEBUG=false SECRET_KEY=ci-check-only-$(date +%s)-not-a-real-key-0123456789abcdefghijklmnop \
  ALLOWED_HOSTS=pcp.example.org "$py" manage.py check --deploy --fail-level WARNING

echo "== Test suite on SQLite"
PCP_EXPECT_DATABASE=sqlite "$py" -m pytest "$@"
echo "== Test suite on PostgreSQL"
DATABASE_URL=$pg_url PCP_EXPECT_DATABASE=postgresql "$py" -m pytest "$@"
