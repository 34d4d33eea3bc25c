#!/usr/bin/env python3
"""Fleet requests against the documented pool: each phase of `spaceport check` over generated
fleets, against fake-heroku holding the account's real rate-limit pool (4,500 tokens, refilled at
75 a minute) with 50 ms added to every answer, reading each app on its own
(SPACEPORT_FLEET_LISTS=never, as before the account's lists) and as the run chooses (auto). Prints
per phase and size: wall time, Platform API and data API requests per migration (the fake's
request log; GET /account/rate-limits, free, counted apart), the pool's lowest RateLimit-Remaining,
the time waited for the pool, and the verdicts' summary (the same either way). Run through
bench/fleet_pool.sh (PHASES=preflight,... picks phases; BUILD_DIR=DIR runs the binaries of another
build, e.g. a copy, so a long run is not disturbed by rebuilding).
"""
import json
import os
import subprocess
import sys
import tempfile
import time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
build = os.environ.get("BUILD_DIR", os.path.join(root, "build"))
spaceport = os.path.join(build, "runner/spaceport")
fake = os.path.join(build, "fixtures/fake_heroku/fake-heroku")
latency = int(os.environ.get("LATENCY_MS", "50"))
skip = "dns.ttl,dns.target,dns.ttl-restored,tls.certificate,http.health,decommission.dns"


def run(n, phase, mode):
    with tempfile.TemporaryDirectory() as work:
        scenario, plan = os.path.join(work, "scenario.json"), os.path.join(work, "plan.json")
        subprocess.run([sys.executable, os.path.join(root, "bench/gen_fleet.py"), str(n),
                        str(latency), scenario, plan, "--pool"], check=True)
        log = os.path.join(work, "requests.jsonl")
        proc = subprocess.Popen([fake, "--scenario", scenario, "--port", "0", "--request-log", log],
                                stdout=subprocess.PIPE, text=True)
        url = proc.stdout.readline().split()[-1]  # the readiness signal
        try:
            env = dict(os.environ, HEROKU_API_KEY="bench-token", SPACEPORT_FLEET_LISTS=mode)
            env.pop("HEROKU_HOST", None)
            report = os.path.join(work, "r.json")
            start = time.perf_counter()
            subprocess.run([spaceport, "check", "--plan", plan, "--phase", phase, "--skip", skip,
                            "--api-url", url, "--data-api-url", url, "--json", report, "--quiet"],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            seconds = time.perf_counter() - start
            with open(report) as f:
                r = json.load(f)
            platform = data = pool_reads = 0
            with open(log) as f:
                for line in f:
                    path = json.loads(line)["path"]
                    if path == "/account/rate-limits":
                        pool_reads += 1
                    elif path.startswith("/client/"):
                        data += 1
                    else:
                        platform += 1
            s = r["summary"]
            return (seconds, platform / n, data / n, pool_reads, r["api"]["lowest_remaining"],
                    r["api"]["budget_wait_ms"] / 1000, r["api"]["lists"]["lists"],
                    f"{s['pass']}p {s['fail']}f {s['warn']}w {s['skip']}s {s['error']}e")
        finally:
            proc.terminate()
            proc.wait()


sizes = [int(a) for a in sys.argv[1:]] or [100, 1000]
print(f"fleet pool bench: the documented pool (4,500, +75/min), {latency} ms added to every "
      f"answer, {os.cpu_count()} cores; DNS, TLS and health checks left out")
print(f"{'phase':<13} {'migr':>5} {'reads':<9} {'wall s':>7} {'API/mig':>8} {'data/mig':>9} "
      f"{'pool reads':>10} {'lowest':>7} {'waited s':>9}  verdicts")
phases = os.environ.get("PHASES", "preflight,cutover,postflight,decommission").split(",")
for phase in phases:
    for n in sizes:
        # Per app at 1,000 migrations waits for the pool for over an hour: measured at 100 only.
        for mode in (("never", "auto") if n <= 100 else ("auto",)):
            seconds, api, data, pool, lowest, waited, lists, verdicts = run(n, phase, mode)
            reads = "lists" if lists else "per app"
            print(f"{phase:<13} {n:>5} {reads:<9} {seconds:>7.1f} {api:>8.2f} {data:>9.2f} "
                  f"{pool:>10} {lowest:>7} {waited:>9.1f}  {verdicts}", flush=True)
