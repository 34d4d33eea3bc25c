#!/usr/bin/env python3
"""Writes SIZE bytes of realistic `heroku logs` output: router lines (most of them, with the
modern field set, a few H10/H12/H13/H27/H28 errors), app lines and dyno-manager lines.

    bench/gen_logs.py SIZE_MIB OUT_FILE [--syslog]

64 distinct 1 MiB blocks of random lines are written in a random order, so the file is varied
without the generator being the slow part.
"""
import random
import sys

hosts = [f"shop-{i}.acme.example" for i in range(12)] + ["acme-web-1a2b3c4d5e6f.herokuapp.com"]
paths = ["/", "/cart", "/api/v2/orders?page=3", "/assets/app-5f3c.js", "/healthz", "/login",
         "/products/1234-blue-widget", "/search?q=red+shoes&sort=price"]
methods = ["GET"] * 8 + ["POST", "PUT", "DELETE"]
errors = [("H10", "App crashed", 503), ("H12", "Request timeout", 503),
          ("H13", "Connection closed without response", 503)]


def stamp(rng):
    return (f"2026-11-24T{rng.randrange(10, 12):02d}:{rng.randrange(60):02d}:"
            f"{rng.randrange(60):02d}.{rng.randrange(10**6):06d}+00:00")


def router(rng):
    host = rng.choice(hosts)
    rid = "%08x-%04x-4%03x-a%03x-%012x" % (rng.getrandbits(32), rng.getrandbits(16),
                                           rng.getrandbits(12), rng.getrandbits(12),
                                           rng.getrandbits(48))
    fwd = f"{rng.randrange(1, 255)}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(256)}"
    roll = rng.random()
    if roll < 0.004:
        code, desc, status = rng.choice(errors)
        service = "30001ms" if code == "H12" else ""
        dyno = "web.1" if code != "H10" else ""
        return (f"{stamp(rng)} heroku[router]: at=error code={code} desc=\"{desc}\" method=GET "
                f"path=\"{rng.choice(paths)}\" host={host} request_id={rid} fwd=\"{fwd}\" "
                f"dyno={dyno} connect= service={service} status={status} bytes= protocol=https")
    if roll < 0.006:
        return (f"{stamp(rng)} heroku[router]: sock=client at=warning code=H27 "
                f"desc=\"Client Request Interrupted\" method=POST path=\"/checkout\" host={host} "
                f"request_id={rid} fwd=\"{fwd}\" dyno=web.{rng.randrange(1, 5)} connect=1ms "
                f"service=0ms status=499 bytes=0 protocol=https")
    status = rng.choices([200, 201, 204, 301, 304, 404, 500, 502], [70, 4, 3, 5, 8, 6, 1, 1])[0]
    service = int(rng.lognormvariate(3.2, 1.0))
    return (f"{stamp(rng)} heroku[router]: at=info method={rng.choice(methods)} "
            f"path=\"{rng.choice(paths)}\" host={host} request_id={rid} fwd=\"{fwd}\" "
            f"dyno=web.{rng.randrange(1, 5)} connect={rng.randrange(0, 3)}ms service={service}ms "
            f"status={status} bytes={rng.randrange(200, 90000)} protocol=https")


def app(rng):
    return rng.choice([
        f"{stamp(rng)} app[web.{rng.randrange(1, 5)}]: I, [2026-11-24T10:00:00.123456 #4]  INFO -- : "
        f"Completed 200 OK in {rng.randrange(1, 400)}ms (Views: 12.3ms | ActiveRecord: 4.5ms)",
        f"{stamp(rng)} app[worker.1]: Sidekiq job OrderMailer done: {rng.randrange(1, 900)} ms",
        f"{stamp(rng)} heroku[web.{rng.randrange(1, 5)}]: Process running mem=412M(80.4%)",
        f"{stamp(rng)} app[web.{rng.randrange(1, 5)}]: Started GET \"/cart\" for 10.1.2.3",
    ])


def line(rng):
    return router(rng) if rng.random() < 0.75 else app(rng)


def syslog(text):
    stamp_text, rest = text.split(" ", 1)
    source, message = rest.split(": ", 1)
    name, dyno = source[:-1].split("[")
    body = f"<158>1 {stamp_text} host {name} {dyno} - {message}"
    return f"{len(body)} {body}"


def main():
    size = int(sys.argv[1]) << 20
    out = sys.argv[2]
    as_syslog = "--syslog" in sys.argv
    rng = random.Random(1)
    blocks = []
    for _ in range(64):
        lines, total = [], 0
        while total < 1 << 20:
            text = line(rng)
            text = syslog(text) if as_syslog else text + "\n"
            lines.append(text)
            total += len(text)
        blocks.append("".join(lines).encode())
    written = 0
    with open(out, "wb") as f:
        while written < size:
            block = rng.choice(blocks)
            f.write(block)
            written += len(block)


if __name__ == "__main__":
    main()
