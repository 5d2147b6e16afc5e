#!/usr/bin/env bash
# Prints a Python 3.12+ interpreter: python3.12 on the PATH, else pyenv's, else python3 if new enough.
set -u
for candidate in python3.12 python3.13 python3; do
  if command -v "$candidate" >/dev/null 2>&1 \
     && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then
    command -v "$candidate"; exit 0
  fi
done
for candidate in "$HOME"/.pyenv/versions/3.1[2-9]*/bin/python3; do
  if [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
done
echo "No Python 3.12 or newer found; install python3.12 and try again." >&2
exit 1
