#!/usr/bin/env bash
# The browser suite: installs what it needs when it is missing (Chromium and its driver, Selenium
# and pytest, the axe-core 4.10 wheel), then runs every journey against WAYMARK_BIN.
set -euo pipefail
cd "$(dirname "$0")"

# pdftotext (poppler-utils) measures where the printed certificate's words fall on the paper.
system_missing=()
command -v chromium >/dev/null 2>&1 || system_missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || system_missing+=(chromium-driver)
command -v pdftotext >/dev/null 2>&1 || system_missing+=(poppler-utils)
if [ "${#system_missing[@]}" -gt 0 ]; then
    echo "Installing: ${system_missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${system_missing[@]}" >/dev/null
fi

pip_install() {
    # Debian's python3 is "externally managed"; CI is a throwaway machine.
    python3 -m pip install -q "$@" 2>/dev/null || python3 -m pip install -q --break-system-packages "$@"
}
python_missing=()
python3 -c 'import selenium' >/dev/null 2>&1 || python_missing+=(selenium)
python3 -c 'import pytest' >/dev/null 2>&1 || python_missing+=(pytest)
if [ "${#python_missing[@]}" -gt 0 ]; then
    echo "Installing with pip: ${python_missing[*]}"
    pip_install "${python_missing[@]}"
fi

# axe-core 4.10 comes inside the axe-selenium-python 3.0 wheel, which asks for Python 3.12: only
# the wheel is downloaded, and the tests read axe.min.js out of it.
AXE_DIR="${WAYMARK_AXE_WHEEL_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/waymark-browser-tests}"
export WAYMARK_AXE_WHEEL_DIR="$AXE_DIR"
if ! ls "$AXE_DIR"/axe_selenium_python-3.*.whl >/dev/null 2>&1; then
    echo "Downloading the axe-selenium-python 3.0.0 wheel (for axe-core 4.10) into $AXE_DIR"
    mkdir -p "$AXE_DIR"
    python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 \
        axe-selenium-python==3.0.0 -d "$AXE_DIR"
fi

if [ -z "${WAYMARK_BIN:-}" ]; then
    WAYMARK_BIN="$(cd .. && swift build --show-bin-path)/waymark"
    export WAYMARK_BIN
fi

status=0
python3 -m pytest -q "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "The browser suite collected no tests: that is a failure." >&2
    exit 1
fi
exit "$status"
