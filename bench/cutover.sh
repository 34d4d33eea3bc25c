#!/usr/bin/env bash
# The cost of one `spaceport cutover` sample for 1, 10 and 100 domains (bench/cutover.py).
# Needs the build.
#
#   bench/cutover.sh [SIZES...]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build --target spaceport fake-heroku >/dev/null
exec python3 bench/cutover.py "$@"
