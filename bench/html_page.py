#!/usr/bin/env python3
"""The HTML report of a fleet: `spaceport check --phase all` (DNS, TLS and health left out) over
generated fleets (bench/gen_fleet.py) against fake-heroku, writing the JSON and HTML reports.
Prints per size: the results, the JSON report's size, the HTML page's size and gzipped size (what
an e-mail attachment or a CI artifact holds), the time the page's script took to render in
headless Chromium (its own performance.now(), which the page records as data-rendered-ms) and
the whole headless open (browser start included). Run through bench/html.sh. (Not named
html.py: in bench/ that would hide the standard library's html module from the other scripts.)
"""
import gzip
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
skip = "dns.ttl,dns.target,dns.ttl-restored,tls.certificate,http.health,decommission.dns"


def run(n, work):
    scenario, plan = os.path.join(work, "s.json"), os.path.join(work, "p.json")
    subprocess.run([sys.executable, os.path.join(root, "bench/gen_fleet.py"), str(n), "0", scenario, plan],
                   check=True)
    proc = subprocess.Popen([fake, "--scenario", scenario, "--port", "0"], stdout=subprocess.PIPE, text=True)
    url = proc.stdout.readline().split()[-1]
    try:
        report, page = os.path.join(work, "r.json"), os.path.join(work, "r.html")
        subprocess.run([spaceport, "check", "--plan", plan, "--phase", "all", "--skip", skip, "--api-url", url,
                        "--data-api-url", url, "--json", report, "--html", page, "--quiet"],
                       env=dict(os.environ, HEROKU_API_KEY="bench-token"), stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    finally:
        proc.terminate()
        proc.wait()
    results = json.load(open(report))["summary"]["total"]
    html = open(page, "rb").read()
    started = time.perf_counter()
    dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                          "--user-data-dir=" + os.path.join(work, "profile"), "--dump-dom", "file://" + page],
                         capture_output=True, text=True).stdout
    opened = time.perf_counter() - started
    rendered = re.search(r'data-rendered-ms="(\d+)"', dom)
    return (results, os.path.getsize(report), len(html), len(gzip.compress(html)),
            int(rendered.group(1)) if rendered else -1, opened)


sizes = [int(a) for a in sys.argv[1:]] or [10, 100, 1000]
print(f"html bench: check --phase all (DNS, TLS, health left out), {os.cpu_count()} cores")
print(f"{'migr':>5} {'results':>8} {'JSON MB':>8} {'HTML MB':>8} {'gzip MB':>8} {'render ms':>10} {'open s':>7}")
for n in sizes:
    with tempfile.TemporaryDirectory() as work:
        results, json_size, html_size, gz, rendered, opened = run(n, work)
    print(f"{n:>5} {results:>8} {json_size / 1e6:>8.2f} {html_size / 1e6:>8.2f} {gz / 1e6:>8.2f} "
          f"{rendered:>10} {opened:>7.1f}", flush=True)
