#!/usr/bin/env python3
"""Makes the fuzz targets' seed corpora in tests/fuzz/corpus/ from the project's own fixtures:
the Platform API and data API answers fake-heroku gives for the sandbox scenario (every GET a
sandbox check run makes), the sandbox plan and the plans in docs/plan.md, the report of that run,
DNS replies built as NSD and Unbound write them, and log lines and header blocks in every shape
the readers accept. Run it from the repository root after a build; the corpus is checked in, so
this only needs running when the fixtures change:

    python3 tests/fuzz/make_corpus.py build
"""
import hashlib
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import urllib.request

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
corpus = os.path.join(root, "tests/fuzz/corpus")


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    directory = os.path.join(corpus, target)
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def api_answers_and_report():
    fake = subprocess.Popen([os.path.join(build, "fixtures/fake_heroku/fake-heroku"), "--scenario",
                             os.path.join(root, "fixtures/sandbox/scenario.json"), "--port", "0"],
                            stdout=subprocess.PIPE, text=True)
    try:
        url = fake.stdout.readline().split()[-1]
        with tempfile.TemporaryDirectory() as work:
            env = dict(os.environ, HEROKU_API_KEY="sandbox-token")
            plan = os.path.join(work, "plan.json")
            with open(os.path.join(root, "fixtures/sandbox/plan.json")) as f, open(plan, "w") as o:
                o.write(f.read().replace("{{site_port}}", "8443"))  # as scripts/sandbox does
            subprocess.run([os.path.join(build, "runner/spaceport"), "check", "--plan", plan,
                            "--phase",
                            "preflight", "--phase", "cutover", "--phase", "decommission",
                            "--skip", "dns.ttl,dns.target,tls.certificate,http.health,"
                            "maintenance.page,decommission.dns,"
                            "data.parity",
                            "--api-url", url, "--data-api-url", url, "--json",
                            os.path.join(work, "r.json"), "--evidence", work, "--quiet"],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            with open(os.path.join(work, "r.json"), "rb") as f:
                report = f.read()
            put("report_json", report)
            small = json.loads(report)
            small["results"] = small["results"][:3]
            put("report_json", json.dumps(small, indent=2))
            bundle = next(d for d in os.listdir(work) if d.startswith("spaceport-"))
            with open(plan) as f:
                put("plan", f.read())
            with open(os.path.join(work, bundle, "requests.jsonl")) as f:
                targets = {json.loads(line)["target"] for line in f
                           if json.loads(line)["method"] == "GET"}
        for target in sorted(targets):
            if not target.startswith(url) or "rate-limits" in target:
                continue
            request = urllib.request.Request(target, headers={
                "Authorization": "Bearer sandbox-token",
                "Accept": "application/vnd.heroku+json; version=3"})
            try:
                with urllib.request.urlopen(request) as answer:
                    body = answer.read()
            except urllib.error.HTTPError as error:
                body = error.read()
            put("data_api_json" if "/client/v11/" in target else "platform_json", body)
    finally:
        fake.terminate()
        fake.wait()


def plans():
    with open(os.path.join(root, "docs/plan.md")) as f:
        for block in re.findall(r"```(?:jsonc?|json5)?\n(.*?)```", f.read(), re.S):
            if block.lstrip().startswith("{"):
                put("plan", block)
    # The one-migration form, a small fleet, and plans with the mistakes users make.
    put("plan", '{ "source": { "app": "a" }, /* inline */ "target": { "app": "b", "space": "s" } }')
    put("plan", json.dumps({"version": 1, "migrations": [
        {"name": f"m{i}", "source": {"app": f"old-{i}"},
         "target": {"app": f"new-{i}", "space": "s", "shield": False}} for i in range(3)]}))
    put("plan", '{ "version": 1, "migrations": [ { "source": { "app": "a" }, '
                '"taget": { "app": "b" } } ] }')
    put("plan", '{ "version": 2, "migrations": [] }')


def name(text):
    out = b""
    for label in text.split("."):
        out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def record(owner, rtype, ttl, rdata):
    return owner + struct.pack(">HHIH", rtype, 1, ttl, len(rdata)) + rdata


def dns_replies():
    question = name("www.acme.test") + struct.pack(">HH", 1, 1)
    header = lambda flags, an, ns: struct.pack(">HHHHHH", 0x1234, flags, 1, an, ns, 0)
    pointer = b"\xc0\x0c"  # the name in the question
    cname = record(pointer, 5, 300, name("acme-web.herokudns.test"))
    address = record(name("acme-web.herokudns.test"), 1, 60, bytes([52, 0, 113, 7]))
    soa = record(name("acme.test"), 6, 3600, name("ns1.acme.test") + name("hostmaster.acme.test") +
                 struct.pack(">IIIII", 2026120301, 7200, 3600, 1209600, 300))
    put("dns_wire", header(0x8580, 2, 0) + question + cname + address)   # authoritative
    put("dns_wire", header(0x8180, 1, 0) + question + record(pointer, 1, 30, bytes([127, 0, 0, 1])))
    put("dns_wire", header(0x8583, 0, 1) + question + soa)                # NXDOMAIN
    put("dns_wire", header(0x8182, 0, 0) + question)                      # SERVFAIL
    put("dns_wire", header(0x8380, 0, 0) + question)                      # truncated
    put("dns_wire", header(0x8180, 1, 0) + question + record(pointer, 28, 30, bytes(16)))


def logs():
    lines = [
        '2010-10-06T21:51:04-07:00 heroku[router]: at=info method=GET path="/" '
        'host=myapp.herokuapp.com request_id=8601b555-6a83-4c12-8269-97c8e32cdb22 '
        'fwd="204.204.204.204" dyno=web.1 connect=1ms service=18ms status=200 bytes=13 '
        'protocol=https',
        '2010-10-06T21:51:12-07:00 heroku[router]: at=error code=H10 desc="App crashed" '
        'method=GET path="/" host=myapp.herokuapp.com fwd=17.17.17.17 dyno= connect= '
        'service= status=503 bytes=',
        '2010-10-06T21:51:37-07:00 heroku[router]: sock=client at=warning code=H27 '
        'desc="Client Request Interrupted" method=POST path="/submit/" '
        'host=myapp.herokuapp.com fwd=17.17.17.17 dyno=web.1 connect=1ms service=0ms '
        'status=499 bytes=0',
        '2011-05-03T17:40:11+00:00 heroku[web.1]: Error R14 (Memory quota exceeded)',
        '2014-03-20T14:22:00.203382+00:00 heroku[web.1]: State changed from starting to up',
        '2014-03-20T14:22:00.203382+00:00 app[web.1]: Started GET "/" for 1.2.3.4',
        '2013-01-01T01:01:01Z heroku[logplex]: Error L10 (output buffer overflow): 500 '
        'messages dropped since 2013-01-01T01:00:00Z.',
        '83 <40>1 2012-11-30T06:45:29+00:00 host app web.3 - State changed from starting to up',
        '156 <158>1 2012-11-30T06:45:26+00:00 host heroku router - at=info method=GET path="/" '
        'host=a.example request_id=x fwd="1.2.3.4" dyno=web.1 connect=0ms service=5ms '
        'status=200 bytes=10',
    ]
    put("log_lines", "\n".join(lines) + "\n")
    for line in lines:
        put("log_lines", line + "\n")
    put("log_lines", lines[0] + "\r\n" + lines[1])


def headers():
    put("http_headers", "HTTP/1.1 206 Partial Content\r\nContent-Type: application/json\r\n"
        "Next-Range: ]acme-web..; max=200, order=asc\r\nRateLimit-Remaining: 4499\r\n"
        "Request-Id: 8601b555-6a83-4c12-8269-97c8e32cdb22\r\n\r\n")
    put("http_headers", "HTTP/1.1 200 OK\r\nContent-Range: id ..; max=1000\r\n"
        "Next-Range: version ]42..; order=desc, max=10\r\n\r\n")
    put("http_headers", "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 2\r\n\r\n")


api_answers_and_report()
plans()
dns_replies()
logs()
headers()
for target in sorted(os.listdir(corpus)):
    print(f"{target}: {len(os.listdir(os.path.join(corpus, target)))} seeds")
