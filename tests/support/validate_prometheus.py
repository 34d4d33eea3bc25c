"""Validates a Prometheus text exposition file: validate_prometheus.py FILE.

Parses it with the official Python client's parser (python3-prometheus-client) and checks what
`promtool check metrics` checks for syntax: every sample belongs to a family declared with HELP
and TYPE, names and labels are well formed, values are numbers. Exit 0 when valid.
"""
import re
import sys

from prometheus_client.parser import text_string_to_metric_families

NAME = re.compile(r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")
LABEL = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    if not text.endswith("\n"):
        sys.exit("the file does not end with a newline")
    declared = {}
    for line in text.splitlines():
        if line.startswith("# HELP ") or line.startswith("# TYPE "):
            parts = line.split(" ", 3)
            if len(parts) < 4 or not NAME.match(parts[2]):
                sys.exit(f"malformed comment: {line!r}")
            declared.setdefault(parts[2], set()).add(parts[1])
    families = list(text_string_to_metric_families(text))
    if not families:
        sys.exit("no metrics")
    for family in families:
        if declared.get(family.name) != {"HELP", "TYPE"}:
            sys.exit(f"{family.name}: HELP and TYPE must both be given")
        for sample in family.samples:
            if not NAME.match(sample.name):
                sys.exit(f"bad metric name {sample.name!r}")
            for key in sample.labels:
                if not LABEL.match(key):
                    sys.exit(f"bad label name {key!r}")
            float(sample.value)
    print(f"{len(families)} families ok")


if __name__ == "__main__":
    main()
