#!/usr/bin/env bash
# Prints the path of a Python 3.12+ interpreter, preferring the version in .python-version.
# Django 6 needs 3.12 or newer; many machines still default to 3.11, so look further than `python3`.
set -u
want=$(cat "$(dirname "$0")/../.python-version" 2>/dev/null || echo 3.13)
candidates=("python$want" python3.13 python3.12 python3)
if command -v pyenv >/dev/null 2>&1; then
  for v in "$want" 3.13 3.12; do
    p=$(pyenv root 2>/dev/null)/versions
    for d in "$p/$v"*; do [ -x "$d/bin/python" ] && candidates+=("$d/bin/python"); done
  done
fi
for d in "$HOME"/.pyenv/versions/3.1[3-9]* "$HOME"/.pyenv/versions/3.12*; do
  [ -x "$d/bin/python" ] && candidates+=("$d/bin/python")
done
for c in "${candidates[@]}"; do
  path=$(command -v "$c" 2>/dev/null) || continue
  if "$path" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
    echo "$path"
    exit 0
  fi
done
echo "Lantern needs Python 3.12 or newer (3.13 preferred, see .python-version)." >&2
echo "None was found: tried ${candidates[*]}." >&2
echo "Install one (e.g. 'pyenv install $want', or your system's python3.13 package) and run make again." >&2
exit 1
