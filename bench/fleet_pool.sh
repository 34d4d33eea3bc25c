#!/usr/bin/env bash
# Requests per migration for each phase against the documented rate-limit pool, per app and with
# the account's lists (bench/fleet_pool.py). Needs the build.
#
#   bench/fleet_pool.sh [SIZES...]        (default 100 1000; LATENCY_MS=50; PHASES=preflight,...)
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build --target spaceport fake-heroku >/dev/null
exec python3 bench/fleet_pool.py "$@"
