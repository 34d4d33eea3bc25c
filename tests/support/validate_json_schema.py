"""Validates a JSON document against a JSON Schema: validate_json_schema.py SCHEMA DOCUMENT.
Exit 0 when valid; 1 with every violation on stderr otherwise. Runs with Debian's python3-jsonschema."""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
document = json.load(open(sys.argv[2], encoding="utf-8"))
jsonschema.Draft7Validator.check_schema(schema)
errors = list(jsonschema.Draft7Validator(schema).iter_errors(document))
for error in errors:
    print(f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message}", file=sys.stderr)
sys.exit(1 if errors else 0)
