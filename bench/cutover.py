#!/usr/bin/env python3
"""What one sample of `spaceport cutover` costs for a migration of 1, 10 and 100 domains, each
with a health URL: the time a sample of DNS and health takes (mean over the run, from the JSON
report's samples.network_ms_mean), the DNS queries and health requests it makes against the floor
(each domain asked of each server once, each health URL once per distinct address), and the API
requests of one API sample (both apps, their domain lists, the target's database: shared by every
domain). The peer is what a person would script: for each domain `dig` at the authoritative
server and at the resolver and `curl` of the health URL, one after another. Run through
bench/cutover.sh. Real servers: NSD and Unbound (fixtures/dns/serve), fake-heroku for the API
and the new app's routers, a second fake-heroku on 127.0.0.2 for the old app's routers.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
build = os.environ.get("BUILD_DIR", os.path.join(root, "build"))
spaceport = os.path.join(build, "runner/spaceport")
fake = os.path.join(build, "fixtures/fake_heroku/fake-heroku")


def start(argv, work, name):
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=open(os.path.join(work, name + ".err"), "w"),
                            text=True)
    return proc, proc.stdout.readline().strip()  # the readiness line


def run(n, work):
    zone = os.path.join(work, "bench.test.zone")
    with open(zone, "w") as f:
        f.write("$ORIGIN bench.test.\n$TTL 60\n@ 3600 SOA ns1.bench.test. h.bench.test. 1 3600 600 86400 60\n"
                "@ 3600 NS ns1.bench.test.\nns1 3600 A 127.0.0.1\n")
        for i in range(n):
            f.write(f"www{i} 60 CNAME old-app.old.herokudns.test.\n")
    procs = []
    try:
        dns, ready = start([os.path.join(root, "fixtures/dns/serve"), os.path.join(work, "dns"),
                            f"bench.test={zone}"], work, "dns")
        procs.append(dns)
        ns1 = re.search(r"ns1=(\S+)", ready).group(1)
        resolver = re.search(r"resolver=(\S+)", ready).group(1)
        scenario = {
            "api_key": "bench-token",
            "pages": {"/healthz": {"status": 404}},
            "spaces": [{"name": "s", "region": "virginia", "state": "allocated", "team": "t"}],
            "apps": [{"name": "old-app", "region": "us",
                      "domains": [{"hostname": f"www{i}.bench.test", "cname": "old-app.old.herokudns.test"}
                                  for i in range(n)]},
                     {"name": "new-app", "space": "s"}],
            "addon_services": [{"name": "heroku-postgresql", "plans": [
                {"name": "standard-0", "installable_outside_private_network": True},
                {"name": "private-0", "installable_inside_private_network": True}],
                "regions": [{"region": "us"}, {"region": "virginia"}]}],
            "addons": [{"name": "pg-old", "app": "old-app", "plan": "heroku-postgresql:standard-0"},
                       {"name": "pg-new", "app": "new-app", "plan": "heroku-postgresql:private-0",
                        "database": {"following": "pg-old", "behind_by": 0}}]}
        path = os.path.join(work, "scenario.json")
        json.dump(scenario, open(path, "w"))
        log = os.path.join(work, "requests.jsonl")
        api, ready = start([fake, "--scenario", path, "--port", "0", "--request-log", log], work, "api")
        procs.append(api)
        url = ready.split()[-1]
        port = url.rsplit(":", 1)[1]
        old_path = os.path.join(work, "old.json")
        json.dump({"api_key": "x", "pages": {"/healthz": {"status": 200, "body": "ok"}}}, open(old_path, "w"))
        old, _ = start([fake, "--scenario", old_path, "--address", "127.0.0.2", "--port", port], work, "old")
        procs.append(old)
        plan = {"version": 1, "migrations": [{
            "name": "web", "source": {"app": "old-app"}, "target": {"app": "new-app", "space": "s"},
            "domains": [f"www{i}.bench.test" for i in range(n)],
            "health": [{"url": f"http://www{i}.bench.test:{port}/healthz", "status": 200} for i in range(n)]}]}
        plan_path = os.path.join(work, "plan.json")
        json.dump(plan, open(plan_path, "w"))
        report = os.path.join(work, "c.json")
        subprocess.run([spaceport, "cutover", "--plan", plan_path, "--api-url", url, "--data-api-url", url,
                        "--authoritative", ns1, "--resolver", resolver, "--interval", "500ms", "--for", "5s",
                        "--request-budget", "100000", "--json", report],
                       env=dict(os.environ, HEROKU_API_KEY="bench-token"), stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        samples = json.load(open(report))["samples"]
        # The peer: one sample as a shell loop makes it.
        ns_host, ns_port = ns1.rsplit(":", 1)
        r_host, r_port = resolver.rsplit(":", 1)
        started = time.perf_counter()
        for i in range(n):
            host = f"www{i}.bench.test"
            subprocess.run(["dig", "+norecurse", "+short", "-p", ns_port, f"@{ns_host}", host], capture_output=True)
            subprocess.run(["dig", "+short", "-p", r_port, f"@{r_host}", host], capture_output=True)
            subprocess.run(["curl", "-s", "-o", "/dev/null", "--resolve", f"{host}:{port}:127.0.0.2",
                            f"http://{host}:{port}/healthz"], capture_output=True)
        peer_ms = (time.perf_counter() - started) * 1000
        return samples, peer_ms
    finally:
        for p in procs:
            p.terminate()
            p.wait()


sizes = [int(a) for a in sys.argv[1:]] or [1, 10, 100]
print(f"cutover bench: one sample, 1 authoritative server (NSD) and 1 resolver (Unbound), a health URL "
      f"per domain, {os.cpu_count()} cores")
print(f"{'domains':>7} {'sample ms':>9} {'max ms':>7} {'queries':>8} {'floor':>6} {'API req':>8} "
      f"{'loop ms':>8} {'loop/spaceport':>14}")
for n in sizes:
    with tempfile.TemporaryDirectory() as work:
        s, peer = run(n, work)
    floor = 3 * n  # each domain at 2 servers, each health URL once (one distinct address)
    mean = max(s["network_ms_mean"], 1)
    print(f"{n:>7} {s['network_ms_mean']:>9} {s['network_ms_max']:>7} {s['network_queries_per_sample']:>8} "
          f"{floor:>6} {s['api_requests_per_sample']:>8} {peer:>8.0f} {peer / mean:>13.0f}x", flush=True)
