#!/usr/bin/env python3
"""Writes a service's AWS model, documentation stripped, as the resource its provider loads.

    tools/strip-aws-model.py ../shared/corpora/aws-models/rds/2014-10-31/service-2.json \
        services/rds/src/main/resources/dev/haneul/rds/service-2.json

The output is committed (a user's clone has no corpora); ModelResourceTest checks it still
matches the corpus model whenever the corpora are present.
"""
import json
import sys

DROPPED = {"documentation", "documentationUrl", "examples"}


def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k not in DROPPED}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        model = json.load(f)
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(strip(model), f, separators=(",", ":"), sort_keys=False)
        f.write("\n")


if __name__ == "__main__":
    main()
