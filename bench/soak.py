#!/usr/bin/python3
"""Soak of `spaceport watch`: CYCLES rounds against fake-heroku with faults drawn at random from a
seeded generator (503s, connection resets, cut and non-JSON bodies, 429s). Every SAMPLE rounds it
reads spaceport's resident memory and open descriptors from /proc, parses the Prometheus file with
the official client's parser and reads the JSON report; at the end it says whether

  - memory stayed flat: peak RSS after warm-up (the first tenth of the rounds) within 1 MiB of
    what it was when warm-up ended,
  - no descriptor was leaked: no more files open at the end than just after warm-up, and no more
    sockets than the few connections libcurl keeps for reuse,
  - the Prometheus file was complete and parseable at every read (it is written by rename),
  - every round ran and every result that did not pass said why,

and exits 1 when one does not hold. Run through bench/soak.sh (10,000 rounds); the test suite runs
a short soak (`--cycles 300 --no-memory`: memory under a sanitizer is not flat by design).

    bench/soak.py --spaceport BIN --fake BIN [--cycles N] [--seed S] [--rate R] [--no-memory]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

from prometheus_client.parser import text_string_to_metric_families

parser = argparse.ArgumentParser()
parser.add_argument("--spaceport", required=True)
parser.add_argument("--fake", required=True)
parser.add_argument("--cycles", type=int, default=10_000)
parser.add_argument("--seed", type=int, default=20261203)
parser.add_argument("--rate", type=float, default=0.02)
parser.add_argument("--no-memory", action="store_true")
args = parser.parse_args()
sample_every = max(1, args.cycles // 100)
warm_up = max(sample_every, args.cycles // 10)

scenario = {
    "api_key": "soak-token",
    "spaces": [{"name": "soak-space", "region": "virginia", "shield": False}],
    "apps": [
        {"name": "old-app", "region": "us"},
        {"name": "new-app", "space": "soak-space",
         "logs": ["{{ago:30}} heroku[router]: at=info method=GET path=\"/\" host=www.example.test "
                  "request_id=1 fwd=\"1.2.3.4\" dyno=web.1 connect=1ms service=12ms status=200 "
                  "bytes=9"]},
    ],
    "random_faults": {"seed": args.seed, "rate": args.rate},
    # A bucket no soak empties: the rate budget is tested elsewhere, and at 4,500 an hour the
    # rounds would soon be paced by the refill (4 requests a round at 1.25 a second).
    "rate_limit": {"size": 1_000_000_000, "remaining": 1_000_000_000, "refill_per_second": 1000},
}
plan = {"version": 1, "migrations": [{"name": "soak", "source": {"app": "old-app"},
                                      "target": {"app": "new-app", "space": "soak-space"},
                                      "domains": []}]}


def sample(pid):
    """Resident KiB, open descriptors other than sockets, and sockets; None once the process has
    ended (after the last round's line it exits, and an exited process has no VmRSS)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            rss = next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), None)
        fds = os.listdir(f"/proc/{pid}/fd")
    except (FileNotFoundError, ProcessLookupError):
        return None
    if rss is None:
        return None
    files, sockets = 0, 0
    for fd in fds:
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except FileNotFoundError:
            continue  # closed while we looked
        sockets, files = (sockets + 1, files) if target.startswith("socket:") else (sockets, files + 1)
    return rss, files, sockets


problems = []
with tempfile.TemporaryDirectory() as work:
    paths = {name: os.path.join(work, name) for name in ("scenario.json", "plan.json",
                                                          "soak.prom", "latest.json")}
    with open(paths["scenario.json"], "w") as f:
        json.dump(scenario, f)
    with open(paths["plan.json"], "w") as f:
        json.dump(plan, f)
    fake = subprocess.Popen([args.fake, "--scenario", paths["scenario.json"], "--port", "0"],
                            stdout=subprocess.PIPE, text=True)
    url = fake.stdout.readline().split()[-1]  # the readiness signal: "... listening on URL"
    env = dict(os.environ, HEROKU_API_KEY="soak-token", NO_COLOR="1")
    watch = subprocess.Popen(
        [args.spaceport, "watch", "--plan", paths["plan.json"], "--api-url", url,
         "--data-api-url", url, "--interval", "1ms", "--count", str(args.cycles),
         "--request-budget", "1000000000", "--timeout", "2s", "--prometheus", paths["soak.prom"],
         "--json", paths["latest.json"]],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    rounds, error_rounds, reads = 0, 0, 0
    samples = {}
    round_times = []  # when each round's line arrived: a run that slows down shows here
    for line in watch.stdout:
        if "  round " not in line:
            continue
        number = int(line.split("  round ")[1].split(":")[0])
        if number != rounds + 1:
            problems.append(f"round {rounds + 1} is missing (got {number})")
        rounds = number
        round_times.append(time.monotonic())
        error_rounds += 0 if " 0 error" in line else 1
        if number % sample_every and number != warm_up:
            continue
        reading = sample(watch.pid)
        if reading is not None:  # the last round's may come after watch has ended
            samples[number] = reading
        with open(paths["soak.prom"]) as f:
            text = f.read()
        try:
            names = {family.name for family in text_string_to_metric_families(text)}
            if "spaceport_build_info" not in names:
                problems.append(f"round {number}: the Prometheus file lacks spaceport_build_info")
        except Exception as error:  # the client's parser raises ValueError and others
            problems.append(f"round {number}: the Prometheus file does not parse: {error}")
        with open(paths["latest.json"]) as f:
            report = json.load(f)
        for result in report["results"]:
            if result["outcome"] != "pass" and not result["message"].strip():
                problems.append(f"round {number}: {result['check']} is {result['outcome']} "
                                "without a message")
        reads += 1
    code = watch.wait()
    fake.terminate()
    fake.wait()

if code not in (0, 1, 3):
    problems.append(f"watch ended with {code}, not a documented exit code")
if rounds != args.cycles:
    problems.append(f"{rounds} rounds ran, not {args.cycles}")
base_rss = samples.get(warm_up, (0, 0))[0]
after = [samples[n] for n in sorted(samples) if n > warm_up]
rss_drift = max((s[0] for s in after), default=base_rss) - base_rss
# Files (reports being written, the log, the terminal): a leak is a count that stays up, so the
# fewest open over the first and the last ten reads after warm-up are compared. Sockets: libcurl
# keeps a few connections open for reuse, as many as requests were in flight; a leaked one per
# fault would pass any small bound within a few hundred rounds.
base_fds = min((s[1] for s in after[:10]), default=0)
fd_growth = min((s[1] for s in after[-10:]), default=base_fds) - base_fds
most_sockets = max((s[2] for s in after), default=0)
print(f"soak: {rounds} rounds of watch, seed {args.seed}, fault rate {args.rate:.0%} a request; "
      f"{error_rounds} rounds with an error, each explained")
print(f"  RSS at warm-up (round {warm_up}) {base_rss / 1024:.1f} MiB, peak after "
      f"{(base_rss + rss_drift) / 1024:.1f} MiB: drift {rss_drift} KiB (limit 1024)")
print(f"  open files just after warm-up {base_fds}, at the end {base_fds + fd_growth}; "
      f"at most {most_sockets} sockets open (limit 8)")
print(f"  Prometheus file and JSON report read and checked {reads} times")
tenth = max(2, len(round_times) // 10)
if len(round_times) >= 2 * tenth:
    first = (round_times[tenth - 1] - round_times[0]) / (tenth - 1) * 1000
    last = (round_times[-1] - round_times[-tenth]) / (tenth - 1) * 1000
    print(f"  a round took {first:.0f} ms in the first tenth, {last:.0f} ms in the last (not judged)")
if fd_growth > 0:
    problems.append(f"{fd_growth} file descriptor(s) leaked after warm-up")
if most_sockets > 8:
    problems.append(f"{most_sockets} sockets open at once: connections are leaking")
if not args.no_memory and rss_drift >= 1024:
    problems.append(f"memory grew by {rss_drift} KiB after warm-up")
for problem in problems[:20]:
    print("  PROBLEM:", problem)
sys.exit(1 if problems else 0)
