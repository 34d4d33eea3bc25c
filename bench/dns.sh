#!/usr/bin/env bash
# DNS benchmark: spaceport's dns.ttl and dns.target over 1,000 domains against the fixture DNS
# (NSD + Unbound on loopback), compared with dig asking the same servers the same questions — a
# shell loop of dig (one process per question, how such checks are usually scripted) and dig's
# batch mode (-f, one process). Prints each time and the ratios. Run after scripts/sandbox or
# scripts/test has built build/.
#
#   bench/dns.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
[ -x build/runner/spaceport ] || cmake --build build --target spaceport fake-heroku >/dev/null

# A zone of COUNT custom domains, each a CNAME (TTL 60) to its DNS target, and the API scenario
# that gives the target app those domains.
{
  printf '$ORIGIN bench.test.\n$TTL 60\n'
  printf '@ 3600 SOA ns1.bench.test. hostmaster.bench.test. 1 3600 600 86400 60\n@ 3600 NS ns1.bench.test.\nns1 A 127.0.0.1\n'
  for i in $(seq -w 1 "$count"); do
    printf 'd%s CNAME t%s.bench.test.\nt%s A 127.0.0.1\n' "$i" "$i" "$i"
  done
} >"$work/bench.test.zone"
python3 - "$count" "$work" <<'PY'
import json, sys
count, work = int(sys.argv[1]), sys.argv[2]
width = len(str(count))
names = [f"d{i:0{width}d}.bench.test" for i in range(1, count + 1)]
scenario = {
    "api_key": "bench-token",
    "spaces": [{"name": "bench-space", "region": "virginia", "shield": False}],
    "apps": [
        {"name": "bench-old", "region": "us"},
        {"name": "bench-new", "space": "bench-space",
         "domains": [{"hostname": n, "cname": "t" + n[1:]} for n in names]},
    ],
}
plan = {"version": 1, "migrations": [{"name": "bench", "source": {"app": "bench-old"},
        "target": {"app": "bench-new", "space": "bench-space"}, "domains": names}]}
json.dump(scenario, open(f"{work}/scenario.json", "w"))
json.dump(plan, open(f"{work}/plan.json", "w"))
open(f"{work}/names.txt", "w").write("\n".join(names) + "\n")
PY

start() {  # name command...: background, `ready` = its first line
  local name=$1
  shift
  mkfifo "$work/$name.fifo"
  "$@" >"$work/$name.fifo" 2>"$work/$name.err" &
  pids+=($!)
  exec {fd}<"$work/$name.fifo"
  read -r -t 60 ready <&"$fd" || { cat "$work/$name.err" >&2; exit 1; }
}
start dns fixtures/dns/serve "$work/dns" "bench.test=$work/bench.test.zone"
ns1=$(sed -E 's/.*ns1=([^ ]+).*/\1/' <<<"$ready")
resolver=$(sed -E 's/.*resolver=([^ ]+).*/\1/' <<<"$ready")
start fake build/fixtures/fake_heroku/fake-heroku --scenario "$work/scenario.json"
api_url=${ready##* }

seconds() { python3 -c 'import time; print(time.monotonic())'; }
elapsed() { python3 -c "print(f'{$2 - $1:.3f}')"; }

# Warm Unbound's cache so both sides find the same state, then time spaceport.
dig -p "${resolver#*:}" @127.0.0.1 -f "$work/names.txt" +tries=1 +time=2 >/dev/null
t0=$(seconds)
HEROKU_API_KEY=bench-token build/runner/spaceport check --plan "$work/plan.json" --phase all \
  --only dns.ttl,dns.target --api-url "$api_url" --authoritative "$ns1" --resolver "$resolver" \
  --json "$work/report.json" --quiet >/dev/null || true
t1=$(seconds)
passed=$(python3 -c "import json; r=json.load(open('$work/report.json')); print(r['summary']['pass'])")

# The same questions with dig: per name, the authoritative server without recursion and the
# resolver (dns.ttl), and the resolver for the DNS target (dns.target; the rest is cached).
t2=$(seconds)
while read -r name; do
  dig -p "${ns1#*:}" @127.0.0.1 +norecurse +tries=1 +time=2 "$name" A >/dev/null
  dig -p "${resolver#*:}" @127.0.0.1 +tries=1 +time=2 "$name" A >/dev/null
  dig -p "${resolver#*:}" @127.0.0.1 +tries=1 +time=2 "t${name#d}" A >/dev/null
done <"$work/names.txt"
t3=$(seconds)
sed 's/^d/t/' "$work/names.txt" >"$work/targets.txt"
t4=$(seconds)
dig -p "${ns1#*:}" @127.0.0.1 +norecurse +tries=1 +time=2 -f "$work/names.txt" >/dev/null
dig -p "${resolver#*:}" @127.0.0.1 +tries=1 +time=2 -f "$work/names.txt" >/dev/null
dig -p "${resolver#*:}" @127.0.0.1 +tries=1 +time=2 -f "$work/targets.txt" >/dev/null
t5=$(seconds)

spaceport_s=$(elapsed "$t0" "$t1")
loop_s=$(elapsed "$t2" "$t3")
batch_s=$(elapsed "$t4" "$t5")
echo "DNS benchmark: $count domains, dns.ttl + dns.target ($passed results passed)"
echo "  spaceport check            ${spaceport_s} s (includes the API reads and the reports)"
echo "  dig loop (1 process/query) ${loop_s} s"
echo "  dig -f batch (sequential)  ${batch_s} s"
python3 -c "print(f'  ratio dig loop / spaceport:  {$loop_s / $spaceport_s:.1f}x'); print(f'  ratio dig batch / spaceport: {$batch_s / $spaceport_s:.1f}x')"
