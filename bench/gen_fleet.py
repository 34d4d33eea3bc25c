#!/usr/bin/env python3
"""Writes a fake-heroku scenario and a spaceport plan for a fleet of N migrations: old-app-i in
the Common Runtime moving to new-app-i in one Shield space, each with a Postgres add-on on both
sides (the new one a caught-up follower), as tests/support's fleet_scenario() builds them.

    bench/gen_fleet.py N LATENCY_MS SCENARIO.json PLAN.json [--pool]

--pool gives the account the documented rate-limit pool (4,500 tokens, refilled at 75 a minute)
instead of a bucket too large to matter (bench/fleet_pool.py).
"""
import json
import sys

n, latency, scenario_path, plan_path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
documented_pool = "--pool" in sys.argv[5:]
config = {"RAILS_ENV": "production", "API_SECRET": "s3cr3t-value-91c4e",
          "DATABASE_URL": "postgres://u:p@host/db1"}
scenario = {
    "api_key": "bench-token",
    "account": {"email": "ops@example.com"},
    "latency_ms": latency,
    # A pool far larger than the real 4,500 (the speed bench), or the real one (--pool).
    "rate_limit": ({"size": 4500, "remaining": 4500, "refill_per_second": 1.25} if documented_pool
                   else {"size": 10_000_000, "remaining": 10_000_000, "refill_per_second": 1000}),
    "spaces": [{"name": "shield-space", "region": "virginia", "shield": True}],
    "addon_services": [{"name": "heroku-postgresql",
                        "plans": [{"name": "standard-0"},
                                  {"name": "shield-0", "installable_inside_private_network": True,
                                   "installable_outside_private_network": False}],
                        "regions": [{"region": "us"},
                                    {"region": "virginia", "supports_private_networking": True}]}],
    "apps": [], "addons": [],
}
plan = {"version": 1, "migrations": []}
for i in range(1, n + 1):
    scenario["apps"].append({"name": f"old-app-{i}", "region": "us", "config_vars": config,
                             "formation": [{"type": "web", "quantity": 2, "size": "Standard-2X"}]})
    scenario["apps"].append({"name": f"new-app-{i}", "space": "shield-space", "config_vars": config,
                             "formation": [{"type": "web", "quantity": 2, "size": "Shield-M"}]})
    scenario["addons"].append({"name": f"postgresql-old-{i}", "app": f"old-app-{i}",
                               "plan": "heroku-postgresql:standard-0",
                               "config_vars": ["DATABASE_URL"]})
    scenario["addons"].append({"name": f"postgresql-new-{i}", "app": f"new-app-{i}",
                               "plan": "heroku-postgresql:shield-0",
                               "config_vars": ["DATABASE_URL"],
                               "database": {"following": f"postgresql-old-{i}", "behind_by": 5}})
    plan["migrations"].append({"name": f"app-{i}", "source": {"app": f"old-app-{i}"},
                               "target": {"app": f"new-app-{i}", "space": "shield-space",
                                          "shield": True},
                               "dataclips": []})
with open(scenario_path, "w") as f:
    json.dump(scenario, f)
with open(plan_path, "w") as f:
    json.dump(plan, f)
