#!/usr/bin/env bash
# Fleet benchmark (bench/fleet.py): spaceport's preflight over 10, 100 and 1,000 migrations with
# 50 ms of latency on every answer, against a loop of the official Heroku CLI making the same
# reads. Needs the build and, for the CLI column, scripts/setup --with-heroku-cli.
#
#   bench/fleet.sh [SIZES...]        (default 10 100 1000; LATENCY_MS=50)
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build --target spaceport fake-heroku >/dev/null
exec python3 bench/fleet.py "$@"
