#!/usr/bin/env bash
# The HTML report of 10, 100 and 1,000-migration fleets: its size and the time it takes to open
# (bench/html_page.py). Needs the build and chromium (scripts/setup installs it).
#
#   bench/html.sh [SIZES...]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build --target spaceport fake-heroku >/dev/null
exec python3 bench/html_page.py "$@"
