#!/usr/bin/env python3
"""Fleet benchmark: `spaceport check --phase preflight` over generated fleets of 10, 100 and
1,000 migrations against fake-heroku with 50 ms added to every answer, side by side with the same
reads made by a loop of the official Heroku CLI (apps:info, config, addons, ps, spaces:info for
each migration; 5 migrations, scaled per migration). Prints wall time, requests, requests per
migration, peak RSS, and the ratio per migration. Run through bench/fleet.sh.
"""
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spaceport = os.path.join(root, "build/runner/spaceport")
fake = os.path.join(root, "build/fixtures/fake_heroku/fake-heroku")
cli = os.path.join(root, ".cache/heroku-cli/node_modules/.bin/heroku")
latency = int(os.environ.get("LATENCY_MS", "50"))
sizes = [int(s) for s in sys.argv[1:]] or [10, 100, 1000]
skip_dns = "dns.ttl,dns.target,dns.ttl-restored,tls.certificate,http.health"


def start_fake(work, n):
    scenario, plan = os.path.join(work, "scenario.json"), os.path.join(work, "plan.json")
    subprocess.run([sys.executable, os.path.join(root, "bench/gen_fleet.py"), str(n), str(latency),
                    scenario, plan], check=True)
    log = os.path.join(work, "requests.jsonl")
    proc = subprocess.Popen([fake, "--scenario", scenario, "--port", "0", "--request-log", log],
                            stdout=subprocess.PIPE, text=True)
    ready = proc.stdout.readline().strip()  # "fake-heroku listening on URL": the readiness signal
    return proc, ready.split()[-1], plan, log


def requests_in(log):
    with open(log) as f:
        return sum(1 for line in f if "/account/rate-limits" not in line)


def timed(cmd, env):
    """Wall seconds and the child's peak RSS in MiB."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def spaceport_run(n):
    with tempfile.TemporaryDirectory() as work:
        proc, url, plan, log = start_fake(work, n)
        try:
            env = dict(os.environ, HEROKU_API_KEY="bench-token")
            env.pop("HEROKU_HOST", None)
            seconds, rss, code = timed([spaceport, "check", "--plan", plan, "--phase", "preflight",
                                        "--skip", skip_dns, "--api-url", url, "--data-api-url", url,
                                        "--json", os.path.join(work, "r.json"), "--quiet"], env)
            with open(os.path.join(work, "r.json")) as f:
                report = json.load(f)
            assert report["summary"]["error"] == 0, report["summary"]
            return seconds, requests_in(log), rss, code
        finally:
            proc.terminate()
            proc.wait()


def cli_run(migrations=5):
    with tempfile.TemporaryDirectory() as work:
        proc, url, _, log = start_fake(work, migrations)
        try:
            env = dict(os.environ, HEROKU_HOST=url, HEROKU_API_KEY="bench-token", HOME=work,
                       HEROKU_DISABLE_AUTOUPDATE="1", HEROKU_SKIP_NEW_VERSION_CHECK="1",
                       HEROKU_SKIP_ANALYTICS="1", DISABLE_TELEMETRY="true", NO_COLOR="1")
            start = time.perf_counter()
            for i in range(1, migrations + 1):
                for app in (f"old-app-{i}", f"new-app-{i}"):
                    for command in (["apps:info", "-a", app], ["config", "-a", app],
                                    ["addons", "-a", app], ["ps", "-a", app]):
                        subprocess.run([cli, *command], env=env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
                subprocess.run([cli, "spaces:info", "shield-space"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return (time.perf_counter() - start) / migrations, requests_in(log) / migrations
        finally:
            proc.terminate()
            proc.wait()


print(f"fleet bench: preflight checks (DNS/TLS left out), {latency} ms added to every answer, "
      f"{os.cpu_count()} cores")
cli_seconds, cli_requests = cli_run() if os.path.exists(cli) else (None, None)
print(f"{'migrations':>10} {'wall s':>8} {'requests':>9} {'req/mig':>8} {'peak MiB':>9} "
      f"{'ms/mig':>8} {'CLI ms/mig':>11} {'CLI/spaceport':>14}")
for n in sizes:
    seconds, requests, rss, code = spaceport_run(n)
    per = seconds / n
    ratio = f"{cli_seconds / per:.0f}x" if cli_seconds else "-"
    cli_ms = f"{cli_seconds * 1000:.0f}" if cli_seconds else "-"
    print(f"{n:>10} {seconds:>8.2f} {requests:>9} {requests / n:>8.1f} {rss:>9.1f} "
          f"{per * 1000:>8.1f} {cli_ms:>11} {ratio:>14}   (exit {code})")
if cli_requests is not None:
    print(f"the CLI loop: {cli_requests:.1f} requests per migration "
          f"(apps:info, config, addons, ps on both apps, spaces:info)")
