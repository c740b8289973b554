#!/bin/sh
# Set up Marsad on a fresh Debian/Ubuntu machine: system packages (when we may install them),
# a virtual environment in .venv, and the package with its test extras.
set -e
cd "$(dirname "$0")"
APT_PACKAGES="hunspell-ar libenchant-2-2 chromium fonts-noto-core postgresql"
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO=none; fi
  if [ "$SUDO" != none ]; then
    missing=$(for p in $APT_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
    if [ -n "$missing" ]; then
      $SUDO apt-get update -qq >/dev/null 2>&1 || true
      $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null || echo "setup: could not install $missing (optional features will be skipped)" >&2
    fi
  fi
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e ".[dev,spell,batch,web,postgres]"
echo "setup: ready (.venv)" >&2
