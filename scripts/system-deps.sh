#!/usr/bin/env bash
# Installs the Debian packages Lantern needs, and only those that are absent:
# chromium (browser tests), CJK fonts (Chinese in PDFs and screenshots), libmagic (upload checks),
# Pango (PDFs), Cairo (PNG charts) and gettext (compiling translations). Nothing here downloads a browser of its own.
set -eu
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
ldconfig -p 2>/dev/null | grep -q 'libmagic\.so\.1' || missing+=(libmagic1)
ldconfig -p 2>/dev/null | grep -q 'libpango-1\.0\.so' || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
# Cairo: charts drawn as SVG are also offered as PNG (cairosvg).
ldconfig -p 2>/dev/null | grep -q 'libcairo\.so\.2' || missing+=(libcairo2)
# The benchmarks load the app server with wrk: `scripts/system-deps.sh --bench`.
if [ "${1:-}" = "--bench" ]; then command -v wrk >/dev/null 2>&1 || missing+=(wrk); fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
  echo "These Debian packages are missing and this user cannot install them: ${missing[*]}" >&2
  echo "Ask an administrator to run: apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
