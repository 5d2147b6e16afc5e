#!/usr/bin/env bash
# Creates .venv and installs the locked dependencies (idempotent, quick when nothing changed).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -x .venv/bin/python ]; then
  python=$(bash pcp/scripts/python.sh)
  "$python" -m venv .venv
fi
stamp=.venv/.installed-lock
if [ ! -f "$stamp" ] || ! cmp -s requirements.lock "$stamp"; then
  # This machine's pip config names local mirrors that may be absent; hide those warnings only.
  if ! .venv/bin/python -m pip install --quiet --upgrade pip -r requirements.lock 2>&1 \
      | { grep -v "is ignored: it is neither a file nor a directory" || true; }; then
    echo "Installing the locked dependencies (requirements.lock) failed." >&2
    exit 1
  fi
  cp requirements.lock "$stamp"
fi
