#!/usr/bin/env bash
# Log-scan benchmark: `spaceport logs scan` (classifying every line: router fields, error codes,
# 5xx ratio, service-time quantiles, per-host counts) against `grep -c 'code=H'` and
# `rg -c 'code=H'` (ripgrep, from Debian) on the same generated file, page cache warm for all.
# Prints the times, the ratios and spaceport's peak memory at two file sizes.
#
#   bench/logs.sh [SIZE_MIB]     (default 1024)
#
# Also prints the floor under any scanner (bench/log_floor: reading the file, finding its lines,
# finding every token's key; no parsing, no counting) and what each time leaves per line above
# the line-finding floor.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1024}
command -v rg >/dev/null || { echo "bench: ripgrep is missing (apt-get install ripgrep)" >&2; exit 1; }
cmake --build build --target spaceport log_floor >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/gen_logs.py "$size" "$work/big.log"
python3 bench/gen_logs.py $((size / 8)) "$work/small.log"
cat "$work/big.log" "$work/small.log" >/dev/null  # warm the page cache

# best of five wall-clock seconds (to the millisecond; output to a file, as a user would, since
# grep stops at the first match when its output is /dev/null) and the peak RSS of one more run:
# `measure NAME CMD...`
measure() {
  local name=$1 best rss
  shift
  best=$(python3 - "$work/out" "$@" <<'PY'
import subprocess, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
best = float("inf")
for _ in range(5):
    with open(out, "w") as sink:
        start = time.perf_counter()
        subprocess.run(cmd, stdout=sink, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
print(f"{best:.3f}")
PY
)
  /usr/bin/time -f '%M' -o "$work/time" "$@" >"$work/out" 2>/dev/null || true
  read -r rss <"$work/time"
  printf -v "time_$name" '%s' "$best"
  printf -v "rss_$name" '%s' "$rss"
}
measure grep grep -c 'code=H' "$work/big.log"
measure rg rg -c 'code=H' "$work/big.log"
measure spaceport build/runner/spaceport logs scan "$work/big.log"
measure small build/runner/spaceport logs scan "$work/small.log"
# The floor: what reading the file and finding its lines cost before any parsing (best of five).
build/bench/log_floor "$work/big.log" >"$work/floor"
floor_read=$(awk '$1 == "read" { print $2 }' "$work/floor")
floor_lines=$(awk '$1 == "lines" { print $2 }' "$work/floor")
floor_structure=$(awk '$1 == "structure" { print $2 }' "$work/floor")

lines=$(wc -l <"$work/big.log")
echo "Log scan benchmark: ${size} MiB, $lines lines ($(nproc) cores)"
echo "  grep -c 'code=H'        ${time_grep} s"
echo "  rg -c 'code=H'          ${time_rg} s"
echo "  spaceport logs scan     ${time_spaceport} s, peak RSS $((rss_spaceport / 1024)) MiB"
echo "  spaceport, $((size / 8)) MiB file  ${time_small} s, peak RSS $((rss_small / 1024)) MiB"
echo "  floor: pread alone      ${floor_read} s (bench/log_floor, $(nproc) threads)"
echo "  floor: + finding lines  ${floor_lines} s"
echo "  floor: + finding keys   ${floor_structure} s (quoted spans, token starts, key spans)"
python3 - "$time_grep" "$time_rg" "$time_spaceport" "$floor_lines" "$lines" "$(nproc)" <<'PY'
import sys
grep, rg, spaceport, floor = map(float, sys.argv[1:5])
lines, threads = int(sys.argv[5]), int(sys.argv[6])
print(f"  ratio spaceport / grep: {spaceport / grep:.2f} (target <= 1.00)")
print(f"  ratio spaceport / rg:   {spaceport / rg:.2f} (target <= 1.50)")
# Thread time per line beyond the floor: what parsing and counting cost, and what tying grep
# would leave for them.
per_line = lambda seconds: max(seconds - floor, 0) * threads / lines * 1e9
print(f"  beyond the floor, per line per thread: spaceport {per_line(spaceport):.1f} ns; "
      f"tying grep leaves {per_line(grep):.1f} ns, rg x1.5 {per_line(rg * 1.5):.1f} ns")
PY
