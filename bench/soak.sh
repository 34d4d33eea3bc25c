#!/usr/bin/env bash
# Soak of `spaceport watch` (bench/soak.py): 10,000 rounds against fake-heroku with seeded random
# faults; memory flat, no descriptor growth, the Prometheus file always parseable, every outcome
# explained. Needs the build and python3-prometheus-client (scripts/setup).
#
#   bench/soak.sh [CYCLES] [SEED]        (default 10000 20261203)
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build --target spaceport fake-heroku >/dev/null
exec /usr/bin/python3 bench/soak.py --spaceport build/runner/spaceport \
  --fake build/fixtures/fake_heroku/fake-heroku --cycles "${1:-10000}" --seed "${2:-20261203}"
